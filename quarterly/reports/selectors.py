"""Reads for the reports: the KPIs and results a report covers, its highlight items,
benchmarks, narrative and earlier publications, and the CLT Scorecard a person may see. Each
read takes a fixed number of queries whatever the number of KPIs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet

from quarterly.benchmarking.models import BenchmarkValue
from quarterly.collection.highlights.rules import NOT_YET_THE_COUNCILS
from quarterly.collection.models import HighlightItem, RecalculationPoint, Result
from quarterly.collection.results.judgement import KPIJudgement, judge
from quarterly.core import clock
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, PeriodKind
from quarterly.organisation.access import kpis_visible_to, results_visible_to, sees_unpublished
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.register.models import KPI, Target
from quarterly.register.selectors import kpis_in_remit
from quarterly.reports.models import PublishedReport, ReportKind, ReportNarrative
from quarterly.reports.rules import report_period
from quarterly.reports.scorecard import DirectorateGroup, Scorecard, ScorecardFilters, ScorecardRow
from quarterly.reports.scorecard_changes import scorecard_earlier
from quarterly.reports.scorecard_rows import Series, scorecard_rows
from quarterly.reports.standing import with_standings


@dataclass
class ReportLine:
    """One KPI's standing in the report."""

    kpi: KPI
    results: list[Result]
    judgement: KPIJudgement | None


def report_lines(
    *,
    kind: str,
    period: Period,
    organisation: Organisation,
    board: Committee | None,
    directorate: Directorate | None,
    progress: Callable[[int], None] | None,
) -> list[ReportLine]:
    """Each KPI in scope (a committee's report: those within its remit) with its results up to
    the period's end (the council's figures only: drafts and returned results are not yet
    reported), in a fixed number of queries."""
    kpis = KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
    if board is not None:
        kpis = kpis.filter(pk__in=kpis_in_remit(board).values("pk"))
    elif kind == ReportKind.DMT:
        kpis = kpis.filter(directorate=directorate)
    results = (
        Result.objects.filter(period_end__lte=period.end)
        .exclude(status__in=NOT_YET_THE_COUNCILS)
        .order_by("period_start", "period_end")
    )
    kpis = (
        kpis.select_related("directorate", "service")
        .prefetch_related(
            "targets", "pillars", "recalculation_points", Prefetch("results", queryset=results)
        )
        .order_by("reference")
    )
    lines = []
    for kpi in kpis:
        found = list(kpi.results.all())
        if period.kind == PeriodKind.FINANCIAL_YEAR:
            found = [r for r in found if r.period.fy <= period.fy]
        try:
            judgement = judge(kpi, found)
        except ValueError:
            judgement = None  # a register error (the KPI's page reports it) must not stop a report
        lines.append(ReportLine(kpi, found, judgement))
        if progress:
            progress(1)
    return lines


def report_highlight_items(
    *,
    organisation: Organisation,
    period: Period,
    quarter: int | None,
    kpi_ids: Iterable[int],
    through: int = 4,
) -> list[HighlightItem]:
    """The confirmed highlight items of the reported KPIs in the period's financial year: of
    one quarter's cycle, or (`quarter` None) of every cycle in the year up to quarter
    `through`."""
    items = HighlightItem.objects.filter(
        cycle__organisation=organisation,
        cycle__financial_year=period.fy,
        status=HighlightItem.Status.CONFIRMED,
        kpi_id__in=list(kpi_ids),
    ).select_related("cycle", "kpi")
    if quarter is not None:
        items = items.filter(cycle__quarter=quarter)
    else:
        items = items.filter(cycle__quarter__lte=through)
    return list(items.order_by("kpi__reference", "cycle__quarter"))


def report_last_publication(
    *, organisation: Organisation, kind: str, scope: str, period: Period
) -> tuple[dict[str, float], str, dt.datetime] | None:
    """The values, title and time of the last publication of this report (same kind and scope,
    for this period or an earlier one), or None."""
    return (
        PublishedReport.objects.filter(
            organisation=organisation, kind=kind, scope=scope, period_start__lte=period.start,
        )
        .order_by("-published_at", "-id")
        .values_list("values", "title", "published_at")
        .first()
    )  # fmt: skip


def report_definition_changes(
    *, kpi_ids: Iterable[int], since: dt.datetime
) -> list[tuple[int, dt.datetime, str]]:
    """Each change to a KPI's definition since `since`, oldest first: (KPI id, when, new text)."""
    kpi_type = ContentType.objects.get_for_model(KPI)
    entries = AuditEntry.objects.filter(
        kpi_id__in=list(kpi_ids), target_type=kpi_type, action=AuditEntry.Action.UPDATE,
        at__gt=since, changes__has_key="definition",
    ).order_by("at", "id")  # fmt: skip
    return [(e.kpi_id, e.at, str(e.changes["definition"][1] or "")) for e in entries]


def report_benchmarks(*, kpi_ids: Iterable[int], period: Period) -> dict[int, list[BenchmarkValue]]:
    """Each KPI's benchmark values up to the period's end, oldest first, by KPI id."""
    benchmarks: dict[int, list[BenchmarkValue]] = defaultdict(list)
    for value in BenchmarkValue.objects.filter(
        kpi_id__in=list(kpi_ids), period_start__lte=period.end
    ).order_by("period_start", "area_code"):
        benchmarks[value.kpi_id].append(value)
    return benchmarks


# --------------------------------------------------------------------------------------------
# The narrative as stored, and the publications
# --------------------------------------------------------------------------------------------


def narrative_rows(
    *,
    organisation: Organisation,
    kind: str,
    period: Period,
    board: Committee | None = None,
    directorate: Directorate | None = None,
) -> QuerySet[ReportNarrative]:
    return ReportNarrative.objects.filter(
        organisation=organisation, kind=kind, period_label=report_period(kind, period).label,
        board=board, directorate=directorate,
    )  # fmt: skip


def narrative_texts(**scope: Any) -> dict[str, str]:
    """The narrative the performance team has written for a report, by section."""
    return {n.section: n.text for n in narrative_rows(**scope)}


_FILES = ("content", "values", "docx", "pdf")  # large columns a list of publications leaves out


def published_report_list(*, organisation: Organisation) -> QuerySet[PublishedReport]:
    """The council's latest 50 publications, newest first."""
    return PublishedReport.objects.filter(organisation=organisation).defer(*_FILES)[:50]


def published_reports_of(
    *, organisation: Organisation, kind: str, scope: str, period: Period
) -> QuerySet[PublishedReport]:
    """The earlier publications of one report (kind, scope and period)."""
    return PublishedReport.objects.filter(
        organisation=organisation, kind=kind, scope=scope, period_label=period.label
    ).defer(*_FILES)


# --------------------------------------------------------------------------------------------
# The CLT Scorecard
# --------------------------------------------------------------------------------------------


def scorecard_periods(*, user: Any, organisation: Organisation) -> list[Period]:
    """The quarters in which the person can see at least one result, newest first (one query).

    A month or a quarter counts in the quarter it falls in; a year in the quarter it ends in.
    """
    visible = results_visible_to(user, Result.objects.filter(kpi__organisation=organisation))
    ends = visible.order_by().values_list("period_end", flat=True).distinct()
    quarters = {Period.containing(end, PeriodKind.QUARTER) for end in ends}
    return sorted(quarters, reverse=True)


def scorecard_default_period(*, user: Any, organisation: Organisation) -> Period | None:
    """The quarter a scorecard opens on: the latest with published results (so never a quarter
    whose results are still being collected, nor an empty one), else the latest the person can
    see anything in."""
    published = (
        Result.objects.filter(kpi__organisation=organisation, status=Result.Status.PUBLISHED)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    if published is not None:
        return Period.containing(published, PeriodKind.QUARTER)
    periods = scorecard_periods(user=user, organisation=organisation)
    return periods[0] if periods else None


def scorecard_build(
    *, user: Any, organisation: Organisation, period: Period, filters: ScorecardFilters
) -> Scorecard:
    """The scorecard for a quarter, in a fixed number of queries whatever the number of KPIs:
    each KPI's results are read as plain tuples in one query (see `reports.scorecard_rows`)."""
    if period.kind != PeriodKind.QUARTER:
        raise ValueError("the CLT Scorecard is built for a quarter")
    kpis = kpis_visible_to(user, KPI.objects.filter(organisation=organisation))
    if filters.directorate:
        kpis = kpis.filter(directorate__slug=filters.directorate)
    if filters.pillar:
        kpis = kpis.filter(pillars__slug=filters.pillar)
    if filters.board:
        kpis = kpis.filter(scrutiny_board__slug=filters.board)
    kpis = kpis.distinct()
    related = kpis.select_related("directorate", "service", "scrutiny_board")
    kpi_list = list(related.order_by("directorate__name", "reference"))
    series: dict[int, Series] = defaultdict(list)
    results = results_visible_to(
        user, Result.objects.filter(kpi__in=kpis.values("pk"), period_end__lte=period.end)
    )
    for kpi_id, *rest in results.order_by("kpi_id", "period_start", "period_end").values_list(
        "kpi_id", "period_kind", "period_start", "period_end", "value", "status", "missing_reason"
    ):
        series[kpi_id].append(tuple(rest))  # type: ignore[arg-type]
    confirmed = HighlightItem.objects.filter(
        cycle__organisation=organisation, cycle__financial_year=period.fy,
        cycle__quarter=period.number, status=HighlightItem.Status.CONFIRMED,
    )  # fmt: skip
    highlights = {item.kpi_id: item for item in confirmed}
    # Two plain queries rather than prefetch_related, which builds a queryset per KPI (a third
    # of the page's time at 300 KPIs).
    targets: dict[int, dict[int, Target]] = defaultdict(dict)
    for target in Target.objects.filter(kpi__in=kpis.values("pk")):
        targets[target.kpi_id][target.financial_year] = target
    pillars: dict[int, list[str]] = defaultdict(list)
    through = KPI.pillars.through.objects.filter(kpi__in=kpis.values("pk"))
    for kpi_id, name in through.order_by("pillar__order", "pillar__name").values_list(
        "kpi_id", "pillar__name"
    ):
        pillars[kpi_id].append(name)
    recalculations: dict[int, set[tuple[str, dt.date]]] = defaultdict(set)
    accepted = RecalculationPoint.objects.filter(
        kpi__in=kpis.values("pk"), status=RecalculationPoint.Status.ACCEPTED
    )
    for kpi_id, kind, start in accepted.values_list("kpi_id", "period_kind", "period_start"):
        recalculations[kpi_id].add((kind, start))
    unpublished_visible = sees_unpublished(user)
    earlier = scorecard_earlier(
        kpis=kpi_list, series=series, quarter=period, targets=targets,
        recalculations=recalculations,
    )  # fmt: skip
    rows = scorecard_rows(
        kpis=kpi_list, series=series, quarter=period, targets=targets, pillars=pillars,
        highlights=highlights, unpublished_visible=unpublished_visible,
        recalculations=recalculations, earlier=earlier,
    )  # fmt: skip
    # compared with what had been published for that time, not with later years
    rows = with_standings(rows, kpi_list, day=min(clock.today(), period.end))
    built: dict[str, list[ScorecardRow]] = defaultdict(list)
    for row in rows:
        if _matches(row, filters):
            built[row.directorate].append(row)
    groups = tuple(DirectorateGroup(name, tuple(group)) for name, group in built.items())
    return Scorecard(organisation.name, period, filters, not unpublished_visible, groups)


def _matches(row: ScorecardRow, filters: ScorecardFilters) -> bool:
    if filters.changed and not _changed_matches(row, filters.changed):
        return False
    if filters.compared and not _compared_matches(row, filters.compared):
        return False
    if filters.rag and row.rag.status != filters.rag:
        return False
    if filters.spc and row.spc_signal != filters.spc:
        return False
    if filters.highlight == "yes" and row.highlight is None:
        return False
    return not (filters.highlight == "no" and row.highlight is not None)


def _changed_matches(row: ScorecardRow, wanted: str) -> bool:
    if wanted == "rag":
        return row.rag_changed
    if wanted == "spc":
        return row.spc_changed
    return row.rag_changed or row.spc_changed  # "any"


def _compared_matches(row: ScorecardRow, wanted: str) -> bool:
    if row.standing is None:
        return False
    if wanted == "bottom_quartile":
        return row.standing.bottom_quartile
    if wanted == "worse_than_england":
        return row.standing.worse_than_england
    return True  # "compared": any KPI with a rank among other areas
