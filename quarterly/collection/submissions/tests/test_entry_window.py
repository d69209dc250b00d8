"""Results go only to a period of the KPI's frequency, in a cycle open for entry.

Outside its cycle, only the performance team may correct a result, giving a reason that the
history of changes records.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.results.models import Result
from quarterly.collection.submissions.selectors import period_slug
from quarterly.collection.submissions.services import result_enter
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("timetable")]
TODAY = "2026-02-10"


@pytest.fixture
def timetable(organisation: Any) -> None:
    """2018/19 Q1 closed years ago, 2025/26 Q3 open now, 2025/26 Q4 only planned."""
    ReportingCycleFactory(
        organisation=organisation, financial_year=2018, quarter=1,
        status=ReportingCycle.Status.CLOSED,
    )  # fmt: skip
    ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=3)
    ReportingCycleFactory(
        organisation=organisation, financial_year=2025, quarter=4,
        status=ReportingCycle.Status.PLANNED,
    )  # fmt: skip


@pytest.fixture
def kpis(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    made = {
        frequency: KPIFactory(
            organisation=organisation,
            reference=f"RES-{frequency[:3].upper()}",
            directorate=directorate,
            frequency=frequency,
        )  # fmt: skip
        for frequency in ("monthly", "quarterly", "annual")
    }
    for kpi in made.values():
        kpi.key_contacts.set([people["key_contact"]])
    return made


def _enter(kpi: Any, period: Period, by: Any, reason: str = "") -> Result:
    return result_enter(
        kpi=kpi, period=period, fields={"value": Decimal("50"), "commentary": ""}, submit=False,
        version=None, by=by, correction_reason=reason,
    )  # fmt: skip


def _refusal(kpi: Any, period: Period, by: Any, reason: str = "") -> str:
    with pytest.raises(ValidationError) as error:
        _enter(kpi, period, by, reason)
    return " ".join(error.value.message_dict["period"])


@override_settings(QUARTERLY_TODAY=TODAY)
@pytest.mark.parametrize(
    ("frequency", "period", "message"),
    [
        ("monthly", Period.quarter(2025, 3), "reported monthly, so its period must be a month"),
        ("quarterly", Period.financial_year(2025), "reported quarterly"),
        ("quarterly", Period.month(2025, 11), "reported quarterly"),
        ("annual", Period.month(2016, 6), "reported annual"),
        ("quarterly", Period.quarter(2018, 1), "which has closed"),
        ("monthly", Period.month(2026, 2), "which has not opened yet"),
        ("quarterly", Period.quarter(2024, 2), "which is not in the reporting timetable"),
        ("quarterly", Period.quarter(2026, 1), "has not started yet"),
    ],
)
def test_a_result_outside_its_frequency_or_open_cycle_is_refused(
    kpis: dict[str, Any], people: dict[str, Any], frequency: str, period: Period, message: str
) -> None:
    # when
    found = _refusal(kpis[frequency], period, people["key_contact"])
    # then
    assert message in found
    assert not Result.objects.exists()


@override_settings(QUARTERLY_TODAY=TODAY)
def test_results_of_the_kpis_frequency_in_the_open_cycle_are_accepted(
    kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # when
    entered = [
        _enter(kpis["quarterly"], Period.quarter(2025, 3), people["key_contact"]),
        _enter(kpis["monthly"], Period.month(2025, 12), people["key_contact"]),
    ]
    # then
    assert [r.status for r in entered] == [Result.Status.DRAFT, Result.Status.DRAFT]


@override_settings(QUARTERLY_TODAY=TODAY)
def test_the_performance_team_corrects_history_with_a_reason_that_is_audited(
    kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given a result of a cycle closed years ago
    kpi, old = kpis["quarterly"], Period.quarter(2018, 1)
    # when
    without_reason = _refusal(kpi, old, people["performance"])
    key_contact = _refusal(kpi, old, people["key_contact"], reason="I found it")
    result = _enter(kpi, old, people["performance"], reason="Restated by the service in 2026")
    # then
    assert "which has closed" in without_reason
    assert "Only the performance team can correct" in key_contact
    entry = AuditEntry.objects.get(target_id=result.pk)
    assert entry.note == (
        "Correction outside the open cycle (saved as draft): Restated by the service in 2026"
    )


@override_settings(QUARTERLY_TODAY=TODAY)
def test_the_entry_page_refuses_a_closed_cycle_and_offers_the_performance_team_a_correction(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given
    url = reverse("collection:result-edit", args=["RES-QUA", period_slug(Period.quarter(2018, 1))])
    # when a key contact opens it, then the performance team corrects it
    client.force_login(people["key_contact"])
    key_contact_page = client.get(url).content.decode()
    client.force_login(people["performance"])
    missing_reason = client.post(url, {"value": "50", "draft": "1"}).content.decode()
    corrected = client.post(url, {"value": "50", "draft": "1", "correction_reason": "Restated"})
    # then
    assert (
        "which has closed" in key_contact_page
        and "<form"
        not in key_contact_page.split('id="main-content"')[-1].split("Earlier results")[0]
    )
    assert "Enter the reason for correcting this result outside its cycle." in missing_reason
    assert corrected.status_code == 302
    assert Result.objects.get().value == Decimal("50")


@override_settings(QUARTERLY_TODAY=TODAY)
def test_the_upload_refuses_rows_outside_the_open_cycle_or_the_kpis_frequency(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    text = (
        "Reference,Period,Value\n"
        "RES-QUA,2025/26 Q3,50\n"
        "RES-MON,2025/26 Q3,50\n"
        "RES-QUA,2018/19 Q1,50\n"
        "RES-MON,February 2026,50\n"
        "RES-ANN,June 2016,50\n"
    )
    upload = SimpleUploadedFile("results.csv", text.encode(), content_type="text/csv")
    # when
    html = client.post(reverse("collection:upload"), {"file": upload}).content.decode()
    # then
    problems = {
        int(row): (column, message)
        for row, column, message in re.findall(
            r'<td class="[^"]*">(\d+)</td><td class="[^"]*">([^<]*)</td><td class="[^"]*">([^<]*)</td>',
            html,
        )
    }
    assert sorted(problems) == [3, 4, 5, 6]
    assert {column for column, _ in problems.values()} == {"Period"}
    assert "reported monthly" in problems[3][1]
    assert "which has closed" in problems[4][1]
    assert "which has not opened yet" in problems[5][1]
    assert "reported annual" in problems[6][1]
    assert not Result.objects.exists()


def test_the_clock_follows_the_setting(settings: Any) -> None:
    # given
    from quarterly.core import clock

    settings.QUARTERLY_TODAY = dt.date(2024, 7, 1)
    # when / then
    assert clock.today() == dt.date(2024, 7, 1)


@override_settings(QUARTERLY_TODAY=TODAY)
def test_the_entry_page_for_a_period_of_the_wrong_kind_offers_no_form_to_anyone(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given a quarter of an annual KPI, opened by the performance team
    client.force_login(people["performance"])
    url = reverse("collection:result-edit", args=["RES-ANN", period_slug(Period.quarter(2018, 1))])
    # when
    page = client.get(url).content.decode()
    # then
    assert "reported annual" in page
    assert 'name="correction_reason"' not in page and 'name="value"' not in page
