"""Reads for the reports: the KPIs and results a report covers, its highlight items,
benchmarks, narrative and earlier publications. Each read takes a fixed number of queries
whatever the number of KPIs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from quarterly.benchmarking.models import BenchmarkValue
from quarterly.collection.highlights.rules import NOT_YET_THE_COUNCILS
from quarterly.collection.models import HighlightItem, Result
from quarterly.collection.results.judgement import KPIJudgement, judge
from quarterly.core.periods import Period
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.register.models import KPI
from quarterly.reports.models import PublishedReport, ReportKind, ReportNarrative
from quarterly.reports.rules import report_period


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
    """Each KPI in scope with its results up to the period's end (the council's figures only:
    drafts and returned results are not yet reported), in a fixed number of queries."""
    kpis = KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
    if kind == ReportKind.SCRUTINY:
        kpis = kpis.filter(scrutiny_board=board)
    elif kind == ReportKind.DMT:
        kpis = kpis.filter(directorate=directorate)
    results = (
        Result.objects.filter(period_end__lte=period.end)
        .exclude(status__in=NOT_YET_THE_COUNCILS)
        .order_by("period_start", "period_end")
    )
    kpis = (
        kpis.select_related("directorate", "service")
        .prefetch_related("targets", "pillars", Prefetch("results", queryset=results))
        .order_by("reference")
    )
    lines = []
    for kpi in kpis:
        found = list(kpi.results.all())
        if kind == ReportKind.ANNUAL:
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
    *, organisation: Organisation, period: Period, quarter: int | None, kpi_ids: Iterable[int]
) -> list[HighlightItem]:
    """The confirmed highlight items of the reported KPIs in the period's financial year: of
    one quarter's cycle, or (`quarter` None) of every cycle in the year."""
    items = HighlightItem.objects.filter(
        cycle__organisation=organisation,
        cycle__financial_year=period.fy,
        status=HighlightItem.Status.CONFIRMED,
        kpi_id__in=list(kpi_ids),
    ).select_related("cycle", "kpi")
    if quarter is not None:
        items = items.filter(cycle__quarter=quarter)
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
