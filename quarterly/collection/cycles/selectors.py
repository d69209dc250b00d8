"""Reads for the reporting timetable: a financial year's cycles, what each asks for, its meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from quarterly.collection.cycles.due import cycle_current, periods_due
from quarterly.collection.cycles.models import Meeting, ReportingCycle
from quarterly.collection.cycles.services import FIRST_YEAR, LAST_YEAR
from quarterly.core import clock
from quarterly.core.periods import Period, PeriodKind, financial_year_label
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Frequency

_FREQUENCY_ORDER = (Frequency.QUARTERLY, Frequency.MONTHLY, Frequency.ANNUAL, Frequency.OTHER)


@dataclass(frozen=True)
class DueGroup:
    """The periods KPIs of one frequency owe in a quarter, and how many such KPIs there are."""

    frequency_label: str
    kpi_count: int
    periods: list[Period]


@dataclass
class QuarterRow:
    quarter: int
    period: Period
    cycle: ReportingCycle | None
    due: list[DueGroup]
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class Timetable:
    organisation: Organisation
    financial_year: int
    quarters: list[QuarterRow]
    other_meetings: list[Meeting]

    @property
    def label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def cycles(self) -> list[ReportingCycle]:
        return [row.cycle for row in self.quarters if row.cycle is not None]

    @property
    def meetings(self) -> list[Meeting]:
        linked = [m for row in self.quarters for m in row.meetings]
        return sorted(linked + self.other_meetings, key=lambda m: (m.date, m.committee.name))

    @property
    def complete(self) -> bool:
        return len(self.cycles) == 4


def financial_year_or_404(financial_year: int) -> int:
    if not FIRST_YEAR <= financial_year <= LAST_YEAR:
        raise Http404
    return financial_year


def timetable_default_year(*, organisation: Organisation, today: dt.date | None = None) -> int:
    """The year to show first: the current cycle's, else the financial year of today."""
    today = today or clock.today()
    cycle = cycle_current(organisation, today=today)
    if cycle is not None:
        return cycle.financial_year
    return Period.containing(today, PeriodKind.FINANCIAL_YEAR).fy


def timetable_for_year(*, organisation: Organisation, financial_year: int) -> Timetable:
    """The year's four quarters with their cycles, periods due and meetings, in three queries."""
    financial_year_or_404(financial_year)
    cycles = {
        c.quarter: c
        for c in ReportingCycle.objects.filter(
            organisation=organisation, financial_year=financial_year
        )
    }
    year = Period.financial_year(financial_year)
    meetings = list(
        Meeting.objects.filter(organisation=organisation)
        .filter(
            Q(cycle__financial_year=financial_year)
            | Q(cycle__isnull=True, date__gte=year.start, date__lte=year.end)
        )
        .select_related("committee", "cycle")
        .order_by("date", "committee__name")
    )
    counts = {
        row["frequency"]: row["n"]
        for row in KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
        .order_by()
        .values("frequency")
        .annotate(n=Count("pk"))
    }
    quarters = []
    for quarter in range(1, 5):
        cycle = cycles.get(quarter)
        shape = cycle or ReportingCycle(financial_year=financial_year, quarter=quarter)
        due = [
            DueGroup(frequency.label, counts.get(frequency, 0), periods)
            for frequency in _FREQUENCY_ORDER
            if (periods := periods_due(KPI(frequency=frequency), shape))
        ]
        rows = [m for m in meetings if cycle is not None and m.cycle_id == cycle.pk]
        quarters.append(QuarterRow(quarter, shape.period, cycle, due, rows))
    other = [m for m in meetings if m.cycle_id is None]
    return Timetable(organisation, financial_year, quarters, other)


def cycle_for_quarter(
    *, organisation: Organisation, financial_year: int, quarter: int
) -> ReportingCycle | None:
    financial_year_or_404(financial_year)
    if not 1 <= quarter <= 4:
        raise Http404
    return ReportingCycle.objects.filter(
        organisation=organisation, financial_year=financial_year, quarter=quarter
    ).first()


def cycle_get(*, organisation: Organisation, financial_year: int, quarter: int) -> ReportingCycle:
    cycle = cycle_for_quarter(
        organisation=organisation, financial_year=financial_year, quarter=quarter
    )
    if cycle is None:
        raise Http404
    return cycle


def meeting_get(*, organisation: Organisation, pk: int) -> Meeting:
    """The council's meeting, or 404 whether it is missing or another council's."""
    meeting = (
        Meeting.objects.filter(organisation=organisation, pk=pk)
        .select_related("committee", "cycle")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meeting_financial_year(meeting: Meeting) -> int:
    if meeting.cycle is not None:
        return meeting.cycle.financial_year
    return Period.containing(meeting.date, PeriodKind.FINANCIAL_YEAR).fy


def cycle_choices(*, organisation: Organisation) -> list[ReportingCycle]:
    """The council's cycles that have opened (open or closed), newest first: those a status
    board can show."""
    return list(
        ReportingCycle.objects.filter(organisation=organisation)
        .exclude(status=ReportingCycle.Status.PLANNED)
        .order_by("-financial_year", "-quarter")
    )


def cycle_key(cycle: ReportingCycle) -> str:
    """A cycle in a query string: "2024-3" for 2024/25 Q3."""
    return f"{cycle.financial_year}-{cycle.quarter}"
