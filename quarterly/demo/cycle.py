"""The demo council's quarterly cycle: a timetable, and a cycle in full swing on the day it loads.

The catalogue's results end with 2024/25 Q4. The demo makes 2025/26 Q1 the open cycle, with
its submission deadline a few days after the load date (the rest of 2025/26 moves with it), so
most of its results are "due". A handful of KPIs in each directorate already have 2025/26 Q1
results (signed off, submitted, returned with a reason, or a draft), each continuing its series
from the same period a year earlier and labelled as illustrative in its commentary. 2024/25 Q3
stays open past its deadline: the A&E KPIs, whose published series stopped in 2019, show as
overdue there, so reminders and escalation have something to do.

Safe to run again: it only adds what is missing, and leaves alone anything changed since.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from quarterly.collection.cycles.due import periods_due
from quarterly.collection.cycles.services import (
    cycle_close,
    cycle_open,
    cycle_save,
    default_cycle_dates,
    timetable_generate,
)
from quarterly.collection.models import ReportingCycle, Result
from quarterly.collection.results.services import result_check, results_save_many
from quarterly.core import clock
from quarterly.core.periods import Period
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Frequency

OPEN_YEAR, OPEN_QUARTER = 2025, 1
LATE_YEAR, LATE_QUARTER = 2024, 3
DAYS_TO_DEADLINE = 4
NOTE = "Demo council: the 2025/26 Q1 cycle"
ILLUSTRATIVE = "Illustrative demo figure, continuing the series; not a published statistic."

S = Result.Status
# The states given to the first KPIs of each directorate (Adults and Health, whose people have
# the demo logins, gets one of each); the rest are left due.
STATES_FOR_ADULTS = (S.SIGNED_OFF, S.SUBMITTED, S.RETURNED, S.DRAFT)
STATES_FOR_OTHERS = (S.SIGNED_OFF, S.SUBMITTED)
RETURNED_REASON = (
    "This does not match the service's own end-of-quarter figure. Please check the data "
    "extract, correct the result and submit it again."
)
DRIFT = (Decimal("0.02"), Decimal("-0.01"), Decimal("0.015"), Decimal("-0.005"))


def demo_cycle_load(organisation: Organisation, today: dt.date | None = None) -> None:
    """Give the demo council its timetable and an open cycle relative to `today`."""
    today = today or clock.today()
    with transaction.atomic():
        _open_year_dates(organisation, today)
        for year in (LATE_YEAR, OPEN_YEAR):
            timetable_generate(organisation=organisation, financial_year=year, by=None)
        _statuses(organisation)
        _results(organisation, today)


def _open_year_dates(organisation: Organisation, today: dt.date) -> None:
    """Move 2025/26's default dates so that Q1's deadline falls a few days after `today`."""
    if ReportingCycle.objects.filter(organisation=organisation, financial_year=OPEN_YEAR).exists():
        return
    first_deadline, _ = default_cycle_dates(OPEN_YEAR, OPEN_QUARTER)
    wanted = max(
        today + dt.timedelta(days=DAYS_TO_DEADLINE),
        Period.quarter(OPEN_YEAR, OPEN_QUARTER).end + dt.timedelta(days=1),
    )
    shift = wanted - first_deadline
    for quarter in range(1, 5):
        deadline, check = default_cycle_dates(OPEN_YEAR, quarter)
        cycle_save(
            organisation=organisation,
            financial_year=OPEN_YEAR,
            quarter=quarter,
            submission_deadline=max(
                deadline + shift, Period.quarter(OPEN_YEAR, quarter).end + dt.timedelta(days=1)
            ),
            directorate_check_date=max(
                check + shift, Period.quarter(OPEN_YEAR, quarter).end + dt.timedelta(days=8)
            ),
            by=None,
            enforce_window=False,  # the demo's 2025/26 runs as late as the day it is loaded
            note="Demo council: 2025/26 follows the day the demo was loaded",
        )


def _statuses(organisation: Organisation) -> None:
    """Past quarters closed, 2024/25 Q3 and 2025/26 Q1 open; only cycles still planned change."""
    wanted = {
        (LATE_YEAR, 1): ReportingCycle.Status.CLOSED,
        (LATE_YEAR, 2): ReportingCycle.Status.CLOSED,
        (LATE_YEAR, LATE_QUARTER): ReportingCycle.Status.OPEN,
        (LATE_YEAR, 4): ReportingCycle.Status.CLOSED,
        (OPEN_YEAR, OPEN_QUARTER): ReportingCycle.Status.OPEN,
    }
    cycles = ReportingCycle.objects.filter(
        organisation=organisation,
        financial_year__in={year for year, _ in wanted},
        status=ReportingCycle.Status.PLANNED,
    )
    for cycle in cycles:
        status = wanted.get((cycle.financial_year, cycle.quarter))
        if status == ReportingCycle.Status.OPEN:
            cycle_open(cycle=cycle, by=None)
        elif status == ReportingCycle.Status.CLOSED:
            cycle_close(cycle=cycle, by=None)


def _continued(kpi: KPI, period: Period, history: dict[Period, Decimal], step: int) -> Decimal:
    """A plausible next value: the same period a year earlier, nudged a little."""
    base = history.get(period.same_period_last_year()) or history[max(history)]
    value = base * (1 + DRIFT[step % len(DRIFT)])
    if kpi.unit == "percentage":
        value = min(max(value, Decimal(0)), Decimal(100))
    places = 0 if kpi.unit == "count" else kpi.decimal_places
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fields(kpi: KPI, state: str, value: Decimal, today: dt.date) -> dict[str, Any]:
    def at(days_ago: int, hour: int) -> dt.datetime:
        day = today - dt.timedelta(days=days_ago)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

    fields: dict[str, Any] = {"value": value, "status": state, "commentary": ILLUSTRATIVE}
    if state == S.DRAFT:
        fields["commentary"] = f"{ILLUSTRATIVE} Draft: waiting for the end-of-quarter data check."
    if state in (S.SUBMITTED, S.SIGNED_OFF, S.RETURNED):
        fields["submitted_at"] = at(2, 10)
    if state == S.SIGNED_OFF:
        fields["signed_off_by"] = kpi.accountable_officer
        fields["signed_off_at"] = at(1, 15)
    if state == S.RETURNED:
        fields["returned_reason"] = RETURNED_REASON
    return fields


def _results(organisation: Organisation, today: dt.date) -> None:
    cycle = ReportingCycle.objects.get(
        organisation=organisation, financial_year=OPEN_YEAR, quarter=OPEN_QUARTER
    )
    previous_year = Period.financial_year(OPEN_YEAR - 1)
    kpis = list(
        KPI.objects.filter(
            organisation=organisation,
            status=KPI.Status.ACTIVE,
            illustrative=True,
            frequency__in=[Frequency.QUARTERLY, Frequency.MONTHLY],
            results__period_start__gte=previous_year.start,
        )
        .distinct()
        .select_related("directorate", "accountable_officer")
        .prefetch_related("key_contacts")
        .order_by("directorate__name", "reference")
    )
    history: dict[int, dict[Period, Decimal]] = defaultdict(dict)
    for result in Result.objects.filter(kpi__in=kpis, period_start__gte=previous_year.start):
        history[result.kpi_id][result.period] = result.value
    by_directorate: dict[str, list[KPI]] = defaultdict(list)
    for kpi in kpis:
        by_directorate[kpi.directorate.name].append(kpi)
    rows: dict[Any, list[tuple[KPI, Period, dict[str, Any]]]] = defaultdict(list)
    step = 0
    for name, members in by_directorate.items():
        states = STATES_FOR_ADULTS if name == "Adults and Health" else STATES_FOR_OTHERS
        for kpi, state in zip(members, states, strict=False):
            contact = next(iter(kpi.key_contacts.all()), None)
            for period in periods_due(kpi, cycle):
                step += 1
                if period in history[kpi.pk]:
                    continue  # already there: added by an earlier run, or changed since
                fields = _fields(kpi, state, _continued(kpi, period, history[kpi.pk], step), today)
                result_check(kpi=kpi, fields=fields)
                rows[contact].append((kpi, period, fields))
    for contact, contact_rows in rows.items():
        results_save_many(rows=contact_rows, by=contact, note=NOTE)
