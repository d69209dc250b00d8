from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.exchange.formats.register_columns import DATA_SHEET
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PillarFactory,
    ResultFactory,
    ServiceFactory,
    TargetFactory,
)
from quarterly.register.models import KPI
from quarterly.register.services import kpi_save


def _build_register(organisation: Any, count: int) -> None:
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    service = ServiceFactory(directorate=directorate, name="Finance")
    pillar = PillarFactory(organisation=organisation)
    board = CommitteeFactory(organisation=organisation)
    kpis = KPI.objects.bulk_create(
        [
            KPIFactory.build(
                organisation=organisation,
                reference=f"R-{i:03d}",
                directorate=directorate,
                service=service,
                scrutiny_board=board,
            )  # fmt: skip
            for i in range(count)
        ]
    )
    KPI.pillars.through.objects.bulk_create(
        [KPI.pillars.through(kpi=k, pillar=pillar) for k in kpis]
    )
    for kpi in kpis[:5]:
        ResultFactory(kpi=kpi)


@pytest.mark.django_db
def test_register_list_query_count_does_not_grow_with_kpis(
    organisation: Any, performance_client: Any
) -> None:
    # given ten KPIs
    _build_register(organisation, 10)
    with CaptureQueriesContext(connection) as ten:
        performance_client.get(reverse("register:kpi-list"))
    # when there are three hundred (a page holds them all at 100 per page, so 3 pages)
    KPI.objects.all().delete()
    _build_register(organisation, 300)
    with CaptureQueriesContext(connection) as three_hundred:
        response = performance_client.get(reverse("register:kpi-list"))
    # then
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 300
    assert len(three_hundred.captured_queries) == len(ten.captured_queries)


@pytest.mark.django_db
def test_register_list_filters_by_directorate_and_searches_text(
    organisation: Any, performance_client: Any
) -> None:
    # given
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    KPIFactory(organisation=organisation, directorate=adults, title="Delayed transfers of care")
    KPIFactory(organisation=organisation, directorate=resources, title="Council tax collected")
    tracker = KPIFactory(
        organisation=organisation, directorate=resources, title="Calls answered", polarity="none"
    )
    # when
    by_directorate = performance_client.get(
        reverse("register:kpi-list"), {"directorate": "resources"}
    )
    by_text = performance_client.get(reverse("register:kpi-list"), {"q": "council TAX"})
    trackers = performance_client.get(reverse("register:kpi-list"), {"tracker": "yes"})
    # then
    assert {k.title for k in by_directorate.context["kpis"]} == {
        "Council tax collected",
        "Calls answered",
    }
    assert [k.title for k in by_text.context["kpis"]] == ["Council tax collected"]
    assert list(trackers.context["kpis"]) == [tracker]


@pytest.mark.django_db
def test_register_needs_sign_in(client: Any, organisation: Any) -> None:
    # given / when
    response = client.get(reverse("register:kpi-list"))
    # then
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_kpi_page_shows_chart_table_targets_and_history(
    organisation: Any, performance_client: Any, people: Any
) -> None:
    # given
    kpi = KPIFactory(organisation=organisation, reference="AH-01", title="Reablement success")
    TargetFactory(kpi=kpi, financial_year=2024, value=Decimal("65"), tolerance=Decimal("2"))
    for index, value in enumerate(["60.04", "62.55", "64.1"]):
        ResultFactory(kpi=kpi, period=Period.quarter(2024, 1).shift(index), value=Decimal(value))
    kpi_save(kpi=kpi, fields={"title": "Reablement success rate"}, by=people["performance"])
    # when
    response = performance_client.get(reverse("register:kpi-detail", args=["AH-01"]))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="app-chart__point"') == 3
    assert 'class="app-chart__target"' in html
    assert "2024/25 Q2" in html and "62.6%" in html  # rounded half-up to 1 decimal place
    assert "65.0%, tolerance 2.0" in html
    assert "Reablement success → Reablement success rate" in html
    assert "Person" in html and "Example" in html  # who made the change


@pytest.mark.django_db
def test_unknown_kpi_answers_404(organisation: Any, performance_client: Any) -> None:
    # given / when
    response = performance_client.get(reverse("register:kpi-detail", args=["NOPE"]))
    # then
    assert response.status_code == 404


@pytest.mark.django_db
def test_upload_shows_every_problem_and_changes_nothing(
    organisation: Any, performance_client: Any
) -> None:
    # given
    kpi = KPIFactory(organisation=organisation, reference="AH-01")
    ResultFactory(kpi=kpi, period=Period.quarter(2024, 1), value=Decimal("50"))
    exported = performance_client.get(reverse("register:export")).content
    workbook = openpyxl.load_workbook(io.BytesIO(exported))
    workbook[DATA_SHEET]["C2"] = "fifty"
    workbook[DATA_SHEET].append(["AH-01", "2024/25 Q3", 150, None, None, None, None, "Published"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "register.xlsx"
    audit_before = AuditEntry.objects.count()
    # when
    response = performance_client.post(reverse("register:upload"), {"workbook": buffer})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "The workbook was not imported" in html
    assert "&quot;fifty&quot; is not a number." in html
    assert "A percentage must be between 0 and 100; 150 is not." in html
    assert AuditEntry.objects.count() == audit_before
    assert kpi.results.count() == 1


@pytest.mark.django_db
def test_upload_imports_a_good_workbook(organisation: Any, performance_client: Any) -> None:
    # given
    kpi = KPIFactory(organisation=organisation, reference="AH-01")
    exported = performance_client.get(reverse("register:export")).content
    workbook = openpyxl.load_workbook(io.BytesIO(exported))
    workbook[DATA_SHEET].append(["AH-01", "2024/25 Q3", 55.5, None, None, None, None, "Published"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "register.xlsx"
    # when
    response = performance_client.post(
        reverse("register:upload"), {"workbook": buffer}, follow=True
    )
    # then
    assert "Results: 1 added" in response.content.decode()
    assert kpi.results.get().value == Decimal("55.5")


@pytest.mark.django_db
def test_upload_is_for_the_performance_team_only(client: Any, people: Any) -> None:
    # given
    client.force_login(people["key_contact"])
    # when
    response = client.get(reverse("register:upload"))
    # then
    assert response.status_code == 404


@pytest.mark.django_db
def test_kpi_page_shows_its_judgements_in_words(organisation: Any, performance_client: Any) -> None:
    # given a higher-is-better KPI below its target by more than the tolerance
    kpi = KPIFactory(organisation=organisation, reference="AH-09", comparator="previous")
    TargetFactory(kpi=kpi, financial_year=2024, value=Decimal("65"), tolerance=Decimal("2"))
    values = [
        "66",
        "64",
        "65",
        "63",
        "64.5",
        "65.5",
        "64",
        "63.5",
        "62.8",
        "64.1",
        "65",
        "63",
        "64",
        "65.2",
        "63.9",
        "64",
        "62.7",
        "61.2",
    ]
    for index, value in enumerate(values):
        ResultFactory(kpi=kpi, period=Period.quarter(2020, 3).shift(index), value=Decimal(value))
    # when
    html = performance_client.get(reverse("register:kpi-detail", args=["AH-09"])).content.decode()
    # then
    assert "Red: 61.2% is 3.8 points below the 65% target, beyond the 2-point tolerance." in html
    assert "Worsened" in html and "from 62.7% in 2024/25 Q3" in html
    assert 'id="spc-table"' in html and html.count(
        '<tr class="govuk-table__row"><th scope="row"'
    ) >= len(values)
    assert "app-chart__centre" in html and "app-chart__limit" in html


@pytest.mark.django_db
def test_kpi_page_shows_a_percentage_limit_bounded_at_100(
    organisation: Any, performance_client: Any
) -> None:
    # given a percentage KPI near 100% whose upper process limit would be 106.5%
    kpi = KPIFactory(organisation=organisation, reference="AH-10", unit="percentage")
    for index in range(16):
        value = Decimal("97") if index % 2 == 0 else Decimal("100")
        ResultFactory(kpi=kpi, period=Period.quarter(2020, 3).shift(index), value=value)
    # when
    html = performance_client.get(reverse("register:kpi-detail", args=["AH-10"])).content.decode()
    # then: the chart labels it, the table says it on every row, the sentence too
    assert ">Upper limit bounded at 100.0%</text>" in html
    assert html.count("Upper limit bounded at 100.0%</span>") == 16
    assert "(90.5% to 100.0%, the upper limit bounded at 100.0%)" in html
    assert "106.5%" not in html
