"""The demo makes sense on any day: its dates all follow the clock (issue 11, item 6)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from quarterly.collection.cycles.due import DueState, cycle_current, cycle_due_items
from quarterly.collection.models import (
    ExpectedRelease,
    HighlightItem,
    Meeting,
    ReportingCycle,
    Result,
)
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, PeriodKind
from quarterly.demo.catalogue import demo_kpis
from quarterly.demo.cycle import demo_cycle_load
from quarterly.demo.loader import demo_load
from quarterly.factories import DirectorateFactory, KPIFactory, ResultFactory
from quarterly.organisation.models import Committee, Organisation, Person
from quarterly.register.models import KPI, Frequency
from quarterly.reports.compiler import report_compile
from quarterly.reports.models import Paragraph, Subheading
from quarterly.reports.scorecard import ScorecardFilters
from quarterly.reports.selectors import scorecard_build, scorecard_default_period

pytestmark = pytest.mark.django_db

EIGHT_WEEKS = dt.timedelta(weeks=8)
# An annual national statistic is published 12 to 18 months after its year: a year-long
# result is current for a quarter if it ended within 30 months before the quarter ends.
ANNUAL_CURRENT_FOR = dt.timedelta(days=30 * 31)


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (ReportingCycle, Meeting, Result, HighlightItem, ExpectedRelease, AuditEntry)
    )


def _cycle(organisation: Organisation, quarter: Period) -> ReportingCycle:
    return ReportingCycle.objects.get(
        organisation=organisation, financial_year=quarter.fy, quarter=quarter.number
    )


def _has_current_result(kpi: KPI, results: list[Result], quarter: Period) -> bool:
    """A published result the quarter reports: of the quarter (quarterly), a month in it
    (monthly), or a year ending recently enough (annual)."""
    for result in results:
        if result.status != Result.Status.PUBLISHED or result.period_end > quarter.end:
            continue
        if kpi.frequency == Frequency.QUARTERLY and result.period == quarter:
            return True
        if kpi.frequency == Frequency.MONTHLY and quarter.contains(result.period_start):
            return True
        if (
            kpi.frequency == Frequency.ANNUAL
            and quarter.end - result.period_end < ANNUAL_CURRENT_FOR
        ):
            return True
    return False


def _texts(report: Any) -> list[str]:
    return [
        block.text
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Paragraph | Subheading)
    ]


@pytest.mark.parametrize("today", ["2026-12-01", "2027-05-15", "2030-01-10"])
def test_the_demo_makes_sense_on_any_day(settings: Any, today: str) -> None:
    # given the clock set to the day
    settings.QUARTERLY_TODAY = today
    day = dt.date.fromisoformat(today)
    open_quarter = Period.containing(day, PeriodKind.QUARTER).previous()
    published = open_quarter.previous()
    # when
    demo_load(progress=False)
    organisation = Organisation.objects.get(slug="leeds")
    first = _counts()
    demo_cycle_load(organisation)
    # then loading again on the same day adds nothing
    assert _counts() == first
    # the quarter that most recently ended is open, due in the coming weeks
    cycle = _cycle(organisation, open_quarter)
    assert cycle.status == ReportingCycle.Status.OPEN
    assert cycle_current(organisation) == cycle
    assert day < cycle.submission_deadline <= day + EIGHT_WEEKS
    assert cycle.directorate_check_date <= day + EIGHT_WEEKS
    assert cycle.meetings.exists()
    assert all(m.date > cycle.directorate_check_date for m in cycle.meetings.all())
    states = Counter(item.state for item in cycle_due_items(cycle))
    assert {
        DueState.DUE,
        DueState.DRAFT,
        DueState.SUBMITTED,
        DueState.SIGNED_OFF,
        DueState.RETURNED,
    } <= set(states)
    assert states[DueState.DUE] > states[DueState.SUBMITTED] + states[DueState.SIGNED_OFF]
    assert DueState.OVERDUE not in states
    # every earlier quarter is closed, and the one before the open one published: each KPI
    # it asks for has a published result, or awaits its national release after today
    earlier = [
        c
        for c in ReportingCycle.objects.filter(organisation=organisation)
        if c.period < open_quarter
    ]
    assert len(earlier) >= 4
    assert all(c.status == ReportingCycle.Status.CLOSED for c in earlier)
    items = cycle_due_items(_cycle(organisation, published))
    assert items
    for item in items:
        assert item.state == DueState.PUBLISHED or (
            item.state == DueState.AWAITING_RELEASE and item.release_date > day
        ), (item.kpi.reference, item.period.label, item.state)
    # nothing is published for the open quarter or later
    assert not Result.objects.filter(
        status=Result.Status.PUBLISHED, period_end__gt=published.end
    ).exists()
    # the scorecard opens on the published quarter, with results for 90% of active KPIs
    performance = Person.objects.get(username="performance@demo.quarterly.example")
    quarter = scorecard_default_period(user=performance, organisation=organisation)
    assert quarter == published
    kpis = list(KPI.objects.filter(status=KPI.Status.ACTIVE).prefetch_related("results"))
    current = {k.reference for k in kpis if _has_current_result(k, list(k.results.all()), quarter)}
    assert len(current) >= 0.9 * len(kpis), sorted({k.reference for k in kpis} - current)
    scorecard = scorecard_build(
        user=performance, organisation=organisation, period=quarter, filters=ScorecardFilters()
    )
    shown = {row.reference for group in scorecard.groups for row in group.rows if row.latest}
    assert current <= shown
    # a real series continued past its published end says so on every new result
    for spec in demo_kpis():
        if spec.illustrative:
            continue
        end = Period.parse(spec.results[-1].period).end
        after = Result.objects.filter(kpi__reference=spec.reference, period_end__gt=end)
        assert all(f"ends with {spec.results[-1].period}" in r.data_quality_note for r in after)
    # the past CLT pack has its confirmed highlight items, with commentary
    confirmed = HighlightItem.objects.filter(
        cycle=_cycle(organisation, published), status=HighlightItem.Status.CONFIRMED
    ).select_related("kpi")
    assert confirmed.exists()
    texts = _texts(
        report_compile(kind="clt", period=published, organisation=organisation, narrative={})
    )
    for item in confirmed:
        assert f"{item.kpi.reference} {item.kpi.title}" in texts
    assert any(t.startswith("Reasons for the result: Illustrative demo commentary") for t in texts)
    # and so has a DMT pack of an earlier quarter, for a directorate with a confirmed item
    older = HighlightItem.objects.filter(
        cycle=_cycle(organisation, published.previous()), status=HighlightItem.Status.CONFIRMED
    ).select_related("kpi__directorate")[0]
    dmt = _texts(
        report_compile(
            kind="dmt", period=published.previous(), organisation=organisation, narrative={},
            directorate=older.kpi.directorate,
        )
    )  # fmt: skip
    assert f"{older.kpi.reference} {older.kpi.title}" in dmt


def test_the_demo_moves_on_when_it_is_loaded_again_on_a_later_day(settings: Any) -> None:
    # given the demo loaded on 1 December 2026, with 2026/27 Q2 open
    settings.QUARTERLY_TODAY = dt.date(2026, 12, 1)
    demo_load(progress=False)
    organisation = Organisation.objects.get(slug="leeds")
    q2 = Period.quarter(2026, 2)
    entered = set(
        Result.objects.filter(period_start__gte=q2.start, period_end__lte=q2.end).values_list(
            "pk", flat=True
        )
    )
    assert entered
    # when it runs again on 15 May 2027
    settings.QUARTERLY_TODAY = dt.date(2027, 5, 15)
    demo_load(progress=False)
    # then 2026/27 Q4 is open, due in the coming weeks, with its meetings after its check date
    q4 = _cycle(organisation, Period.quarter(2026, 4))
    assert cycle_current(organisation) == q4
    assert dt.date(2027, 5, 15) < q4.submission_deadline <= dt.date(2027, 5, 15) + EIGHT_WEEKS
    assert all(m.date > q4.directorate_check_date for m in q4.meetings.all())
    # the earlier open quarter is closed and the demo's results for it published
    assert _cycle(organisation, q2).status == ReportingCycle.Status.CLOSED
    assert (
        set(
            Result.objects.filter(pk__in=entered, status=Result.Status.PUBLISHED).values_list(
                "pk", flat=True
            )
        )
        == entered
    )
    # 2026/27 Q3 is published with confirmed highlight items
    q3 = _cycle(organisation, Period.quarter(2026, 3))
    assert q3.highlights.filter(status=HighlightItem.Status.CONFIRMED).exists()
    assert {i.state for i in cycle_due_items(q3)} <= {
        DueState.PUBLISHED,
        DueState.AWAITING_RELEASE,
    }
    # and the Corporate Leadership Team has a meeting for each quarter
    clt = Committee.objects.get(kind=Committee.Kind.CLT)
    assert Meeting.objects.filter(committee=clt, cycle=q4).count() == 1


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
    # then 2025/26 Q3 (October to December) is open, its default deadline (28 January) past,
    # so due ten days from today, on a working day
    q3 = ReportingCycle.objects.get(organisation=organisation, financial_year=2025, quarter=3)
    assert q3.status == ReportingCycle.Status.OPEN
    assert q3.submission_deadline == dt.date(2026, 3, 20)
    later = ReportingCycle.objects.filter(organisation=organisation, financial_year=2025, quarter=4)
    assert all(c.submission_deadline > q3.submission_deadline for c in later)
    # the quarters up to 2025/26 Q2 are published, continuing the series, and marked
    published = Result.objects.filter(kpi=kpi, period_start__gte=Period.quarter(2025, 1).start)
    by_quarter = {r.period: r for r in published}
    for quarter, before in ((1, "60.0"), (2, "61.0")):
        result = by_quarter[Period.quarter(2025, quarter)]
        assert result.status == Result.Status.PUBLISHED
        assert "Illustrative" in result.data_quality_note
        assert abs(result.value - Decimal(before)) <= Decimal(before) * Decimal("0.05")
    # and the first Adults and Health KPI is signed off for the open quarter
    result = by_quarter[Period.quarter(2025, 3)]
    assert result.status == Result.Status.SIGNED_OFF
    assert (
        result.signed_off_by == people["officer"] and result.submitted_by == people["key_contact"]
    )
    assert "Illustrative" in result.commentary
