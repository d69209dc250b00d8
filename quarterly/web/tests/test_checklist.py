"""The quarter's checklist: each step's state is computed from the records."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from quarterly.collection.models import HighlightItem, ReminderSent, ReportingCycle, Result
from quarterly.collection.results.services import results_save_many
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory
from quarterly.reports.models import PublishedReport

pytestmark = pytest.mark.django_db
Q2 = Period.quarter(2025, 2)


@pytest.fixture
def cycle(organisation: Any, people: dict[str, Any]) -> Any:
    cycle = ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=2)
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    for reference in ("RES-01", "RES-02"):
        KPIFactory(organisation=organisation, reference=reference, directorate=directorate)
    return cycle


def _steps(client: Any, people: dict[str, Any], key: str = "2025-2") -> dict[str, tuple[str, str]]:
    client.force_login(people["performance"])
    html = client.get(reverse("status:checklist"), {"cycle": key}).content.decode()
    found = re.findall(
        r'govuk-task-list__link"[^>]*>([^<]+)</a>\s*<div class="govuk-task-list__hint"[^>]*>([^<]*)'
        r'</div>\s*</div>\s*<div class="govuk-task-list__status"[^>]*><strong class="[^"]*">([^<]+)',
        html,
    )
    return {name: (state, detail) for name, detail, state in found}


def test_a_new_cycle_has_everything_to_do(client: Any, cycle: Any, people: dict[str, Any]) -> None:
    # when
    steps = _steps(client, people)
    # then
    assert list(steps) == [
        "Cycle opened", "Reminders sent", "Data complete", "Highlight review", "CLT pack",
        "DMT packs", "Scrutiny packs", "Results published",
    ]  # fmt: skip
    assert steps["Cycle opened"][0] == "Done"
    assert steps["Data complete"] == ("To do", "0 of 2 results submitted.")
    assert steps["Scrutiny packs"][0] == "To do"  # Q2: the half-year report goes to scrutiny


def test_each_step_is_done_when_the_records_say_so(
    client: Any, cycle: Any, people: dict[str, Any], organisation: Any
) -> None:
    # given both results in and published, a reminder sent, the highlight review done and the
    # CLT pack published
    kpis = list(organisation.kpis.order_by("reference"))
    results_save_many(
        rows=[
            (kpi, Q2, {"value": Decimal("60"), "status": Result.Status.PUBLISHED}) for kpi in kpis
        ],
        by=people["performance"],
    )
    ReminderSent.objects.create(
        cycle=cycle, person=people["key_contact"], kind=ReminderSent.Kind.BEFORE,
        deadline=cycle.submission_deadline,
    )  # fmt: skip
    HighlightItem.objects.create(cycle=cycle, kpi=kpis[0], status=HighlightItem.Status.CONFIRMED)
    PublishedReport.objects.create(
        organisation=organisation, kind="clt", period_label=Q2.label, period_kind="quarter",
        period_start=Q2.start, scope="council", title="CLT", content={}, docx=b"", pdf=b"",
        published_at=dt.datetime(2025, 11, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    # when
    steps = _steps(client, people)
    # then
    assert steps["Reminders sent"][0] == "Done"
    assert steps["Data complete"] == ("Done", "2 of 2 results submitted.")
    assert steps["Highlight review"] == ("Done", "1 confirmed, 0 awaiting a decision.")
    assert steps["CLT pack"] == ("Done", "Published.")
    assert steps["DMT packs"] == ("To do", "0 of 1 directorates&#x27; packs published.")
    assert steps["Results published"] == ("Done", "2 of 2 results published.")


def test_scrutiny_packs_are_not_needed_outside_the_half_year_and_year_end(
    client: Any, cycle: Any, people: dict[str, Any], organisation: Any
) -> None:
    # given a closed first-quarter cycle
    ReportingCycleFactory(
        organisation=organisation, financial_year=2025, quarter=1,
        status=ReportingCycle.Status.CLOSED,
    )  # fmt: skip
    # when
    steps = _steps(client, people, key="2025-1")
    # then
    assert steps["Scrutiny packs"][0] == "Not needed"
    assert steps["Cycle opened"] == ("Done", steps["Cycle opened"][1])
    assert steps["Cycle opened"][1].startswith("Closed;")
