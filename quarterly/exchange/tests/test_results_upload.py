from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quarterly.collection.results.models import Result
from quarterly.core.models import AuditEntry
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory


@pytest.fixture
def kpis(organisation: Any, people: dict[str, Any]) -> list[Any]:
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    made = [
        KPIFactory(organisation=organisation, reference="RES-01", directorate=directorate),
        KPIFactory(
            organisation=organisation,
            reference="RES-02",
            directorate=directorate,
            unit="count",
            decimal_places=0,
            frequency="monthly",
        ),
    ]
    ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)
    for kpi in made:
        kpi.key_contacts.set([people["key_contact"]])
    KPIFactory(organisation=organisation, reference="OTHER-1", directorate=directorate)
    return made


def _post(client: Any, content: str, submit: bool = False) -> Any:
    upload = SimpleUploadedFile("results.csv", content.encode("utf-8"), content_type="text/csv")
    data = {"file": upload, **({"submit": "on"} if submit else {})}
    return client.post(reverse("collection:upload"), data)


@pytest.mark.django_db
def test_a_good_csv_enters_every_result(
    client: Any, kpis: list[Any], people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    csv = "Reference,Period,Value,Commentary\nRES-01,2025/26 Q1,61.2,Fine\nRES-02,April 2025,40,\nRES-02,May 2025,42,\n"
    # when
    response = _post(client, csv, submit=True)
    # then
    assert response.status_code == 302
    assert Result.objects.filter(status=Result.Status.SUBMITTED).count() == 3
    assert Result.objects.get(kpi__reference="RES-01").value == Decimal("61.2")


@pytest.mark.django_db
def test_a_csv_with_a_bad_row_saves_nothing_and_lists_each_row(
    client: Any, kpis: list[Any], people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    csv = (
        "Reference,Period,Value\n"
        "RES-01,2025/26 Q1,61.2\n"
        "RES-02,April 2025,4.5\n"
        "OTHER-1,2025/26 Q1,3\n"
        "RES-01,2025/26 Q7,3\n"
        "RES-01,2025/26 Q1,62\n"
    )
    audit_before = AuditEntry.objects.count()
    # when
    html = _post(client, csv).content.decode()
    # then
    assert "The results were not saved" in html
    assert "A count must be a whole number; 4.5 is not." in html
    assert "&quot;OTHER-1&quot; is not a KPI whose results you enter." in html
    assert "Cannot read" in html
    assert "RES-01 2025/26 Q1 is already on row 2." in html
    assert Result.objects.count() == 0 and AuditEntry.objects.count() == audit_before
