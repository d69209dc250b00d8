from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from quarterly.collection.cycles.due import DueState, cycle_current, cycle_due_items
from quarterly.collection.models import Meeting, ReportingCycle, Result
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.demo.cycle import demo_cycle_load
from quarterly.demo.loader import demo_load
from quarterly.factories import DirectorateFactory, KPIFactory, ResultFactory
from quarterly.organisation.models import Organisation

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        ReportingCycle.objects.count(),
        Meeting.objects.count(),
        Result.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_demo_has_an_open_cycle_in_full_swing_and_loading_again_changes_nothing() -> None:
    # given
    today = timezone.localdate()
    # when
    demo_load(progress=False)
    organisation = Organisation.objects.get(slug="leeds")
    first = _counts()
    demo_cycle_load(organisation)
    # then loading again adds nothing
    assert _counts() == first
    # both demo years have a full timetable
    for year in (2024, 2025):
        assert (
            ReportingCycle.objects.filter(organisation=organisation, financial_year=year).count()
            == 4
        )
        assert (
            Meeting.objects.filter(
                cycle__financial_year=year, committee__kind="scrutiny_board"
            ).count()
            == 10
        )
    # 2025/26 Q1 is the current cycle, due a few days after loading
    current = cycle_current(organisation)
    assert current is not None and (current.financial_year, current.quarter) == (2025, 1)
    assert today < current.submission_deadline <= today + dt.timedelta(days=7)
    states = Counter(item.state for item in cycle_due_items(current))
    assert {
        DueState.DUE,
        DueState.DRAFT,
        DueState.SUBMITTED,
        DueState.SIGNED_OFF,
        DueState.RETURNED,
    } <= set(states)
    assert states[DueState.DUE] > sum(n for s, n in states.items() if s != DueState.DUE)
    # 2024/25 Q3 is still open, past its deadline, with results overdue
    late = ReportingCycle.objects.get(organisation=organisation, financial_year=2024, quarter=3)
    assert late.status == ReportingCycle.Status.OPEN and late.submission_deadline < today
    overdue = [i for i in cycle_due_items(late) if i.state == DueState.OVERDUE]
    assert 0 < len(overdue) <= 20
    # the other 2024/25 quarters are closed; later 2025/26 quarters planned
    statuses = dict(
        ReportingCycle.objects.filter(organisation=organisation, financial_year=2024).values_list(
            "quarter", "status"
        )
    )
    assert statuses == {1: "closed", 2: "closed", 3: "open", 4: "closed"}
    # the new results are labelled illustrative, audited, and returned ones say why
    quarter = Period.quarter(2025, 1)
    new = Result.objects.filter(period_start__gte=quarter.start, period_end__lte=quarter.end)
    assert new.exists() and all("Illustrative" in r.commentary for r in new)
    assert all(r.returned_reason for r in new.filter(status=Result.Status.RETURNED))
    assert all(r.signed_off_by_id for r in new.filter(status=Result.Status.SIGNED_OFF))
    assert (
        AuditEntry.objects.filter(
            target_id__in=new.values("pk"), note__contains="2025/26 Q1"
        ).count()
        == new.count()
    )


def test_the_demo_cycle_continues_each_series_relative_to_the_day_it_loads(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given an illustrative quarterly KPI with a year of results
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    kpi = KPIFactory(
        organisation=organisation,
        directorate=adults,
        reference="AH-38",
        illustrative=True,
        accountable_officer=people["officer"],
    )
    kpi.key_contacts.set([people["key_contact"]])
    for quarter, value in enumerate(["60.0", "61.0", "62.0", "63.0"], start=1):
        ResultFactory(kpi=kpi, period=Period.quarter(2024, quarter), value=Decimal(value))
    today = dt.date(2026, 3, 10)
    # when
    demo_cycle_load(organisation, today=today)
    # then
    q1 = ReportingCycle.objects.get(organisation=organisation, financial_year=2025, quarter=1)
    assert q1.submission_deadline == dt.date(2026, 3, 14)
    assert q1.status == ReportingCycle.Status.OPEN
    later = ReportingCycle.objects.filter(
        organisation=organisation, financial_year=2025, quarter__gt=1
    )
    assert all(c.submission_deadline > q1.submission_deadline for c in later)
    result = Result.objects.get(kpi=kpi, period_start=Period.quarter(2025, 1).start)
    assert result.status == Result.Status.SIGNED_OFF
    assert (
        result.signed_off_by == people["officer"] and result.submitted_by == people["key_contact"]
    )
    assert abs(result.value - Decimal("60.0")) <= Decimal("1.5")  # a year on from 2024/25 Q1
