"""What a reporting cycle asks for: each KPI's periods due, and where each stands.

Which periods a KPI owes in a cycle follows from its frequency:
- quarterly KPIs: the cycle's quarter;
- monthly KPIs: the three months of the cycle's quarter;
- annual KPIs: the financial year, in that year's Q4 cycle (the year-end round that feeds
  the Annual Performance Report);
- "other" frequencies are not due automatically; their results are entered when they come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from quarterly.collection.cycles.models import ExpectedRelease, ReportingCycle
from quarterly.collection.results.models import Result
from quarterly.core import clock
from quarterly.core.periods import Period, PeriodKind
from quarterly.organisation.models import Person
from quarterly.register.models import KPI, Frequency

# A nationally released result is due this many days after its release, when that is later
# than the cycle's deadline.
RELEASE_DAYS_TO_ENTER = 14


# Each state's words and GOV.UK tag colour.
_SHOWN = {
    "awaiting_release": ("Awaiting national release", "govuk-tag--grey"),
    "due": ("Due", "govuk-tag--blue"),
    "overdue": ("Overdue", "govuk-tag--red"),
    "draft": ("Draft saved", "govuk-tag--grey"),
    "returned": ("Returned for correction", "govuk-tag--orange"),
    "submitted": ("Submitted", "govuk-tag--turquoise"),
    "signed_off": ("Signed off", "govuk-tag--green"),
    "published": ("Published", "govuk-tag--green"),
}


class DueState(StrEnum):
    AWAITING_RELEASE = "awaiting_release"
    DUE = "due"
    OVERDUE = "overdue"
    DRAFT = "draft"
    RETURNED = "returned"
    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return _SHOWN[self.value][0]

    @property
    def tag_class(self) -> str:
        """GOV.UK tag colour; the state is always written too, so colour is not the only signal."""
        return _SHOWN[self.value][1]

    @property
    def awaits_key_contact(self) -> bool:
        return self in {DueState.DUE, DueState.OVERDUE, DueState.DRAFT, DueState.RETURNED}


@dataclass(frozen=True)
class DueItem:
    kpi: KPI
    period: Period
    result: Result | None
    state: DueState
    # When the result is due: the cycle's deadline, or later for a nationally released figure.
    deadline: dt.date | None = None
    release_date: dt.date | None = None


def periods_due(kpi: KPI, cycle: ReportingCycle) -> list[Period]:
    quarter = cycle.period
    if kpi.frequency == Frequency.QUARTERLY:
        return [quarter]
    if kpi.frequency == Frequency.MONTHLY:
        first = Period.containing(quarter.start, PeriodKind.MONTH)
        return [first, first.next(), first.next().next()]
    if kpi.frequency == Frequency.ANNUAL and cycle.quarter == 4:
        return [Period.financial_year(cycle.financial_year)]
    return []


def cycle_quarter_for(period: Period) -> int | None:
    """The quarter of the cycle that reports a period (the inverse of `periods_due`)."""
    if period.kind == PeriodKind.QUARTER:
        return period.number
    if period.kind == PeriodKind.MONTH:
        return Period.containing(period.start, PeriodKind.QUARTER).number
    if period.kind == PeriodKind.FINANCIAL_YEAR:
        return 4
    return None


def reporting_quarter(period: Period) -> Period:
    """The quarter whose cycle reports a period: the quarter it ends in (a month's quarter, the
    year-end Q4 for a financial year, and the quarter a calendar year ends in)."""
    return Period.containing(period.end, PeriodKind.QUARTER)


def cycle_for_period(organisation_id: int, period: Period) -> ReportingCycle | None:
    """The reporting cycle that collects a period's results, if the timetable has one."""
    quarter = reporting_quarter(period)
    return ReportingCycle.objects.filter(
        organisation_id=organisation_id, financial_year=quarter.fy, quarter=quarter.number
    ).first()


def item_deadline(cycle_deadline: dt.date, release_date: dt.date | None) -> dt.date:
    """A result is due by the cycle's deadline, or, when its national source publishes later,
    `RELEASE_DAYS_TO_ENTER` days after the release."""
    if release_date is None:
        return cycle_deadline
    return max(cycle_deadline, release_date + dt.timedelta(days=RELEASE_DAYS_TO_ENTER))


def due_state(
    result: Result | None,
    *,
    deadline: dt.date,
    today: dt.date,
    release_date: dt.date | None = None,
) -> DueState:
    if result is not None and result.status != Result.Status.DRAFT:
        return DueState(result.status)
    if result is None and release_date is not None and today < release_date:
        return DueState.AWAITING_RELEASE
    if today > deadline:
        return DueState.OVERDUE
    return DueState.DRAFT if result is not None else DueState.DUE


def cycle_due_items(
    cycle: ReportingCycle, *, kpis: QuerySet[KPI] | None = None, today: dt.date | None = None
) -> list[DueItem]:
    """Every (KPI, period) the cycle asks for, with its result and state, in three queries."""
    today = today or clock.today()
    kpis = (kpis if kpis is not None else KPI.objects.all()).filter(
        organisation_id=cycle.organisation_id, status=KPI.Status.ACTIVE
    )
    kpis = kpis.select_related("directorate", "service", "accountable_officer").prefetch_related(
        Prefetch("key_contacts", queryset=Person.objects.order_by("last_name", "first_name"))
    )
    wanted: list[tuple[KPI, Period]] = [
        (kpi, period)
        for kpi in kpis.order_by("directorate__name", "reference")
        for period in periods_due(kpi, cycle)
    ]
    results = _results_for(wanted)
    releases = _releases_for(wanted)
    items = []
    for kpi, period in wanted:
        key = (kpi.pk, period.kind.value, period.start)
        release = releases.get(key)
        deadline = item_deadline(cycle.submission_deadline, release)
        result = results.get(key)
        state = due_state(result, deadline=deadline, today=today, release_date=release)
        items.append(DueItem(kpi, period, result, state, deadline, release))
    return items


def _pairs_condition(wanted: Iterable[tuple[KPI, Period]]) -> Q:
    condition = Q()
    for kind, start in {(period.kind.value, period.start) for _, period in wanted}:
        condition |= Q(period_kind=kind, period_start=start)
    return condition


def _releases_for(wanted: list[tuple[KPI, Period]]) -> dict[tuple[int, str, dt.date], dt.date]:
    """The expected national release date of each (KPI, period) that has one; one query."""
    if not wanted:
        return {}
    found = ExpectedRelease.objects.filter(
        _pairs_condition(wanted), kpi_id__in={kpi.pk for kpi, _ in wanted}
    ).values_list("kpi_id", "period_kind", "period_start", "release_date")
    return {(kpi_id, kind, start): day for kpi_id, kind, start, day in found}


def _results_for(wanted: Iterable[tuple[KPI, Period]]) -> dict[tuple[int, str, dt.date], Result]:
    pairs = list(wanted)
    if not pairs:
        return {}
    found = Result.objects.filter(_pairs_condition(pairs), kpi_id__in={kpi.pk for kpi, _ in pairs})
    return {(r.kpi_id, r.period_kind, r.period_start): r for r in found}


def cycle_current(organisation: Any, *, today: dt.date | None = None) -> ReportingCycle | None:
    """The open cycle (the latest, if several are open), else the next planned one."""
    cycles = ReportingCycle.objects.filter(organisation=organisation)
    open_cycle = (
        cycles.filter(status=ReportingCycle.Status.OPEN)
        .order_by("-financial_year", "-quarter")
        .first()
    )
    if open_cycle is not None:
        return open_cycle
    today = today or clock.today()
    return cycles.filter(submission_deadline__gte=today).order_by("submission_deadline").first()
