"""The demo's release calendar: when each real KPI's national source publishes its next result.

Each real (national statistic) KPI gets an expected release date for the period after its
latest result, and for every period a cycle in the timetable asks of it that has no result yet,
each `timeline.release_lag` after the period ends. Until that day the status board and My KPIs
show the result as "Awaiting national release (date)" and nobody is chased for it.
"""

from __future__ import annotations

from quarterly.collection.cycles.due import periods_due
from quarterly.collection.cycles.releases import ReleaseRow, ReleasesSaved, releases_save
from quarterly.collection.models import ReportingCycle
from quarterly.core.periods import Period
from quarterly.demo.continuation import series_histories
from quarterly.demo.timeline import DemoTimeline, release_date
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI

SOURCE = "Demo release calendar (illustrative dates)"


def demo_releases_load(organisation: Organisation, timeline: DemoTimeline) -> ReleasesSaved:
    kpis = list(
        KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE, illustrative=False)
    )
    cycles = [
        cycle
        for cycle in ReportingCycle.objects.filter(organisation=organisation)
        if cycle.period <= timeline.open_quarter
    ]
    histories = series_histories(kpis)
    wanted: dict[tuple[int, Period], ReleaseRow] = {}

    def want(kpi: KPI, period: Period) -> None:
        day = release_date(kpi, period)
        if day is not None:
            wanted[(kpi.pk, period)] = ReleaseRow(kpi, period, day, SOURCE)

    for kpi in kpis:
        by_kind = histories.get(kpi.pk, {})
        have = {period for history in by_kind.values() for period in history}
        for cycle in cycles:
            for period in periods_due(kpi, cycle):
                if period not in have:
                    want(kpi, period)
        if by_kind:
            latest = max(max(history) for history in by_kind.values())
            want(kpi, latest.next())
    return releases_save(rows=list(wanted.values()), by=None, note="Demo council")
