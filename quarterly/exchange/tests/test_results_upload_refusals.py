"""The results upload refuses what the entry form refuses, in words, row by row: never a 500.

Both read numbers with `core.numbers.parse_number` and check text against the Result model's
own rules, so a value is accepted or refused the same way whichever route it takes.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quarterly.collection.results.models import Result
from quarterly.collection.submissions.selectors import period_slug
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2025, 1)


@pytest.fixture
def kpi(organisation: Any, people: dict[str, Any]) -> Any:
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    kpi = KPIFactory(organisation=organisation, reference="RES-01", directorate=directorate)
    kpi.key_contacts.set([people["key_contact"]])
    ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)
    return kpi


def _upload(client: Any, text: str) -> Any:
    upload = SimpleUploadedFile("results.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("collection:upload"), {"file": upload})


def _csv(value: str, commentary: str = "") -> str:
    return f'Reference,Period,Value,Commentary\nRES-01,2025/26 Q1,"{value}","{commentary}"\n'


@pytest.mark.parametrize(
    ("commentary", "message"),
    [
        ("Before\x00after", "invisible control character (such as NUL)"),
        ("Bell\x07here", "invisible control character"),
        ("x" * 6000, "at most 5000 characters (it has 6000)"),
    ],
)
def test_commentary_the_form_refuses_is_refused_by_the_upload_too(
    client: Any, kpi: Any, people: dict[str, Any], commentary: str, message: str
) -> None:
    # given
    client.force_login(people["key_contact"])
    # when
    response = _upload(client, _csv("61.2", commentary))
    # then
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Result.objects.exists()


def test_a_cell_longer_than_the_csv_limit_is_refused_plainly(
    client: Any, kpi: Any, people: dict[str, Any]
) -> None:
    # given a cell over the csv module's field limit
    client.force_login(people["key_contact"])
    huge = "y" * (csv.field_size_limit() + 1)
    # when
    response = _upload(client, _csv("61.2", huge))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert f"A cell is longer than {csv.field_size_limit():,} characters" in html
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("61.2", Decimal("61.2")),
        ("1,234", None),  # a count; here a percentage over 100, refused by its unit either way
        ("٥٥", None),  # Arabic-Indic digits
        ("５５", None),  # full-width digits
        ("55.1234567", None),  # more decimal places than are kept
        ("1e3", None),  # 1000: a percentage over 100
        ("fifty", None),
    ],
)
def test_the_form_and_the_upload_read_a_number_alike(
    client: Any, kpi: Any, people: dict[str, Any], typed: str, stored: Decimal | None
) -> None:
    # given
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["RES-01", period_slug(Q1)])
    # when
    form_response = client.post(url, {"value": typed, "draft": "1"})
    by_form = Result.objects.filter(kpi=kpi).values_list("value", flat=True).first()
    Result.objects.all().delete()
    upload_response = _upload(client, _csv(typed))
    by_upload = Result.objects.filter(kpi=kpi).values_list("value", flat=True).first()
    # then both store the same value, or both refuse it
    assert by_form == by_upload == stored
    assert form_response.status_code == (302 if stored is not None else 200)
    assert upload_response.status_code == (302 if stored is not None else 200)


def test_arabic_indic_digits_are_named_in_the_message(
    client: Any, kpi: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    audit_before = AuditEntry.objects.count()
    # when
    html = _upload(client, _csv("٥٥")).content.decode()
    # then
    assert "is not a number: use the digits 0-9." in html
    assert AuditEntry.objects.count() == audit_before


def test_the_entry_form_refuses_control_characters_as_the_upload_does(
    client: Any, kpi: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["RES-01", period_slug(Q1)])
    # when
    response = client.post(url, {"value": "61.2", "commentary": "Bell\x07here", "draft": "1"})
    # then
    assert response.status_code == 200
    assert "Remove the invisible control characters from this text." in response.content.decode()
    assert not Result.objects.exists()
