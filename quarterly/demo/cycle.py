"""The demo council's quarterly cycle on the day it loads (see `demo.timeline`).

The timetable covers the open quarter's financial year and the one before. Quarters before the
open one are closed; their results are published (the catalogue's, then each series continued
by `demo.continuation`), real KPIs' later results await their national release
(`demo.releases`), and their highlight items are confirmed with commentary
(`demo.highlights`). The open quarter's submission deadline falls in the coming weeks; a
handful of KPIs in each directorate already have its results (signed off, submitted, returned
with a reason, or a draft), each labelled illustrative in its commentary, and the rest are due.

Safe to run again on the same day: it only adds what is missing, and leaves alone anything
changed since. On a later day it moves on: the new open quarter opens (its deadline moved to
the coming weeks if the default has passed, its meetings with it), earlier quarters close, the
demo's own results of quarters closed since are published, and the series are continued.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from quarterly.collection.cycles.due import periods_due
from quarterly.collection.cycles.services import (
    cycle_close,
    cycle_open,
    cycle_save,
    default_cycle_dates,
    meeting_save,
    timetable_generate,
)
from quarterly.collection.models import ReportingCycle, Result
from quarterly.collection.results.services import result_check, results_save_many
from quarterly.core import clock
from quarterly.demo.continuation import (
    ILLUSTRATIVE,
    continued_value,
    demo_results_publish_closed,
    demo_series_continue,
    series_histories,
)
from quarterly.demo.highlights import demo_highlights_load
from quarterly.demo.releases import demo_releases_load
from quarterly.demo.timeline import DemoTimeline, weekday_on_or_after
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Frequency

CHECK_AFTER_DEADLINE = dt.timedelta(days=7)
S = Result.Status
# The states given to the first KPIs of each directorate (Adults and Health, whose people have
# the demo logins, gets one of each); the rest are left due.
STATES_FOR_ADULTS = (S.SIGNED_OFF, S.SUBMITTED, S.RETURNED, S.DRAFT)
STATES_FOR_OTHERS = (S.SIGNED_OFF, S.SUBMITTED)
RETURNED_REASON = (
    "This does not match the service's own end-of-quarter figure. Please check the data "
    "extract, correct the result and submit it again."
)


def demo_cycle_load(organisation: Organisation, today: dt.date | None = None) -> None:
    """Give the demo council its timetable, results and open cycle as they stand on `today`."""
    timeline = DemoTimeline(today or clock.today())
    with transaction.atomic():
        _open_cycle_dates(organisation, timeline)
        for year in timeline.years:
            timetable_generate(organisation=organisation, financial_year=year, by=None)
        _statuses(organisation, timeline)
        demo_results_publish_closed(organisation, timeline)
        demo_series_continue(organisation, timeline)
        _open_cycle_results(organisation, timeline)
        demo_releases_load(organisation, timeline)
        demo_highlights_load(organisation, timeline)


def _open_cycle_dates(organisation: Organisation, timeline: DemoTimeline) -> None:
    """Give the open quarter a deadline in the coming weeks, unless it has one or is under way."""
    quarter = timeline.open_quarter
    cycle = ReportingCycle.objects.filter(
        organisation=organisation, financial_year=quarter.fy, quarter=quarter.number
    ).first()
    if cycle is not None and (
        cycle.status != ReportingCycle.Status.PLANNED or cycle.submission_deadline > timeline.today
    ):
        return
    default, _ = default_cycle_dates(quarter.fy, quarter.number)
    deadline = timeline.open_deadline(default)
    check = weekday_on_or_after(deadline + CHECK_AFTER_DEADLINE)
    cycle_save(
        organisation=organisation, financial_year=quarter.fy, quarter=quarter.number,
        submission_deadline=deadline, directorate_check_date=check, by=None,
        note=f"Demo council: {quarter.label} is open on {timeline.today.isoformat()}",
    )  # fmt: skip
    if cycle is None:
        return  # `timetable_generate` plans its meetings after the new dates
    shift = check - cycle.directorate_check_date
    for meeting in cycle.meetings.select_related("committee"):
        meeting_save(
            organisation=organisation, committee=meeting.committee, cycle=cycle,
            date=meeting.date + shift, title=meeting.title, by=None, meeting=meeting,
        )  # fmt: skip


def _statuses(organisation: Organisation, timeline: DemoTimeline) -> None:
    """Quarters before the open one closed, the open one open; later ones stay planned."""
    Status = ReportingCycle.Status
    for cycle in ReportingCycle.objects.filter(organisation=organisation):
        if cycle.period < timeline.open_quarter and cycle.status != Status.CLOSED:
            cycle_close(cycle=cycle, by=None)
        elif cycle.period == timeline.open_quarter and cycle.status == Status.PLANNED:
            cycle_open(cycle=cycle, by=None)


def _fields(kpi: KPI, state: str, value: Any, today: dt.date) -> dict[str, Any]:
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


def _open_cycle_results(organisation: Organisation, timeline: DemoTimeline) -> None:
    """A few results already in for the open quarter, in each state a round passes through."""
    quarter = timeline.open_quarter
    cycle = ReportingCycle.objects.get(
        organisation=organisation, financial_year=quarter.fy, quarter=quarter.number
    )
    if cycle.status != ReportingCycle.Status.OPEN:
        return
    kpis = list(
        KPI.objects.filter(
            organisation=organisation,
            status=KPI.Status.ACTIVE,
            illustrative=True,
            frequency__in=[Frequency.QUARTERLY, Frequency.MONTHLY],
            results__isnull=False,
        )
        .distinct()
        .select_related("directorate", "accountable_officer")
        .prefetch_related("key_contacts")
        .order_by("directorate__name", "reference")
    )
    histories = series_histories(kpis)
    by_directorate: dict[str, list[KPI]] = defaultdict(list)
    for kpi in kpis:
        by_directorate[kpi.directorate.name].append(kpi)
    rows: dict[Any, list[tuple[KPI, Any, dict[str, Any]]]] = defaultdict(list)
    for name, members in by_directorate.items():
        states = STATES_FOR_ADULTS if name == "Adults and Health" else STATES_FOR_OTHERS
        for kpi, state in zip(members, states, strict=False):
            contact = next(iter(kpi.key_contacts.all()), None)
            for period in periods_due(kpi, cycle):
                history = histories[kpi.pk][period.kind.value]
                if period in history:
                    continue  # already there: added by an earlier run, or changed since
                value = continued_value(kpi, period, history)
                fields = _fields(kpi, state, value, timeline.today)
                result_check(kpi=kpi, fields=fields)
                rows[contact].append((kpi, period, fields))
                history[period] = value
    for contact, contact_rows in rows.items():
        results_save_many(
            rows=contact_rows, by=contact, note=f"Demo council: the {quarter.label} cycle"
        )
