"""Compile a performance report from the data: one compiler for every kind of report.

Who gets which report (annual assurance report, points 27-31, 47, 49, 64-72):
- "clt": the quarterly performance report to the Corporate Leadership Team, all KPIs, with the
  cycle's highlight items and their commentary;
- "dmt": the same for one directorate's management team;
- "scrutiny": a Scrutiny Board's report (twice a year) on the KPIs in its remit, with their
  history and benchmarking where available;
- "annual": the Annual Performance Report to Executive Board (July): the year's results,
  targets met and missed, trends, highlight items, and a section for each pillar.

Each follows the council's report template headings. Every number is computed here from the
results; the narrative sections are the performance team's text (`narrative`). A `Report` is
plain data: the web page, Word, PDF and the frozen publication all render the same one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from quarterly.assessment import compare_one
from quarterly.benchmarking.models import ENGLAND, BenchmarkValue
from quarterly.collection.highlights.services import NOT_YET_THE_COUNCILS
from quarterly.collection.models import HighlightItem, Result
from quarterly.collection.results.judgement import (
    KPIJudgement,
    comparator_period,
    judge,
    value_format,
)
from quarterly.core.charts import ChartPoint, SpcPoint, spc_chart_svg, trend_chart_svg
from quarterly.core.periods import Period, PeriodKind
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.register.models import KPI, Target
from quarterly.register.presentation import TRAVEL_WORDS, format_value, spc_rows, unit_suffix
from quarterly.reports.models import (
    SECTIONS,
    Block,
    BulletList,
    Chart,
    Paragraph,
    PublishedReport,
    Report,
    ReportKind,
    Section,
    Subheading,
    Table,
    narrative_defaults,
)

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


_TITLES = {  # each kind's title and audience, given the board's or directorate's name
    ReportKind.CLT: ("Quarterly performance report: {1}", "Corporate Leadership Team"),
    ReportKind.DMT: ("{0} performance report: {1}", "{0} Directorate Management Team"),
    ReportKind.SCRUTINY: ("{0} performance report: {1}", "{0}"),
    ReportKind.ANNUAL: ("Annual Performance Report {1}", "Executive Board"),
}


class ReportError(ValueError):
    """A report that cannot be compiled; the message is for the person who asked for it."""


# --------------------------------------------------------------------------------------------
# Compiling
# --------------------------------------------------------------------------------------------


@dataclass
class _Line:
    """One KPI's standing in the report."""

    kpi: KPI
    results: list[Result]
    judgement: KPIJudgement | None


def report_period(kind: str, period: Period) -> Period:
    """The period a kind of report covers: a quarter, or (annual) a financial year."""
    if kind == ReportKind.ANNUAL:
        return period.financial_year_period()
    if period.kind != PeriodKind.QUARTER:
        raise ReportError(f'A {kind.upper()} report covers a quarter, such as "2024/25 Q2".')
    return period


def report_compile(
    *,
    kind: str,
    period: Period,
    organisation: Organisation,
    board: Committee | None = None,
    directorate: Directorate | None = None,
    narrative: Mapping[str, str],
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Compile a report of `kind` for `period`; `progress` is told of each KPI judged."""
    if kind not in ReportKind.values:
        raise ReportError(f"There is no {kind!r} report: choose clt, dmt, scrutiny or annual.")
    if kind == ReportKind.SCRUTINY and board is None:
        raise ReportError("A Scrutiny Board report needs a board.")
    if kind == ReportKind.DMT and directorate is None:
        raise ReportError("A Directorate Management Team report needs a directorate.")
    period = report_period(kind, period)
    scoped = {ReportKind.SCRUTINY: board, ReportKind.DMT: directorate}.get(ReportKind(kind))
    scope, scope_name = (scoped.slug, scoped.name) if scoped else ("council", "")
    lines = _lines(kind, period, organisation, board, directorate, progress)
    texts = {**narrative_defaults(kind=kind, period=period, scope_name=scope_name), **narrative}
    builder = _Builder(kind, period, organisation, lines, scope, scope_name)
    sections = builder.sections(texts)
    return Report(
        kind=kind,
        title=builder.title(),
        organisation=organisation.name,
        period=period.label,
        scope=scope,
        scope_name=scope_name,
        report_of=f"{organisation.name} performance team",
        report_to=builder.report_to(),
        generated_at=timezone.now().isoformat(timespec="seconds"),
        sections=sections,
        values=builder.values,
    )


def _lines(
    kind: str,
    period: Period,
    organisation: Organisation,
    board: Committee | None,
    directorate: Directorate | None,
    progress: Callable[[int], None] | None,
) -> list[_Line]:
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
        lines.append(_Line(kpi, found, judgement))
        if progress:
            progress(1)
    return lines


def _unique_ids(svg: str, key: str) -> str:
    """Charts use fixed ids for their title and description; a report has many charts."""
    for name in ("chart-title", "chart-desc", "spc-title", "spc-desc"):
        svg = svg.replace(name, f"{name}-{key}")
    return svg


def _table(key: str, caption: str, columns: list[str], rows: list[tuple[Any, ...]]) -> Table:
    """Rows of (display, raw) pairs or plain text cells, numbers right-aligned."""
    shown = [[c[0] if isinstance(c, tuple) else str(c) for c in row] for row in rows]
    raw = [[c[1] if isinstance(c, tuple) else c for c in row] for row in rows]
    numeric = [
        bool(rows) and all(isinstance(row[i], tuple) for row in rows) for i in range(len(columns))
    ]
    return Table(key, caption, columns, shown, raw, numeric)


def _value_target(kpi: KPI, fy: int) -> Target | None:
    return next((t for t in kpi.targets.all() if t.financial_year == fy), None)


def _target_words(kpi: KPI, fy: int) -> str:
    target = _value_target(kpi, fy)
    if target is None:
        return "Tracker" if kpi.is_tracker else "No target"
    if target.kind == Target.Kind.DIRECTION:
        return target.get_direction_display()
    return format_value(kpi, target.value)


class _Builder:
    """Builds one report's sections from its lines, recording every value it shows."""

    def __init__(
        self, kind: str, period: Period, organisation: Organisation, lines: list[_Line],
        scope: str, scope_name: str,
    ) -> None:  # fmt: skip
        self.kind, self.period, self.organisation = kind, period, organisation
        self.lines, self.scope, self.scope_name = lines, scope, scope_name
        self.judged = [line for line in lines if line.judgement is not None]
        self.values: dict[str, float] = {}

    def title(self) -> str:
        return _TITLES[ReportKind(self.kind)][0].format(self.scope_name, self.period.label)

    def report_to(self) -> str:
        return _TITLES[ReportKind(self.kind)][1].format(self.scope_name)

    def _note(self, kpi: KPI, result: Result) -> None:
        self.values[f"{kpi.reference}|{result.period.label}"] = float(result.value)

    # Sections -------------------------------------------------------------------------------

    def sections(self, texts: Mapping[str, str]) -> list[Section]:
        pillars = list(self.organisation.pillars.all())
        built = []
        for key, heading in SECTIONS:
            heading = heading.format(
                pillars=_NUMBER_WORDS[len(pillars)] if len(pillars) < 10 else len(pillars)
            )
            blocks: list[Block] = [Paragraph(p) for p in texts.get(key, "").split("\n\n") if p]
            blocks += getattr(self, f"_{key}_blocks", lambda: [])()
            built.append(Section(key, heading, blocks, editable=True))
            if key == "pillars" and self.kind == ReportKind.ANNUAL:
                built += [self._pillar_section(p) for p in pillars]
        built.append(Section("appendices", "Appendices", self._appendices()))
        return built

    # Figures --------------------------------------------------------------------------------

    def _counts(self, lines: list[_Line]) -> str:
        counts = Counter(line.judgement.rag.status for line in lines if line.judgement)
        missing = sum(1 for line in lines if line.judgement is None)
        text = (
            f"Of the {_plural(len(lines), 'KPI')} in this report, {counts['green']} "
            f"{'is' if counts['green'] == 1 else 'are'} green, {counts['amber']} amber, "
            f"{counts['red']} red and {counts['not_rated']} not rated"
        )
        return text + (
            f"; {missing} {'has' if missing == 1 else 'have'} no result yet." if missing else "."
        )

    def _year_outcomes(self, lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
        """Annual: the KPIs whose year-end result met its target, and those that missed it."""
        rated = [
            line
            for line in lines
            if line.judgement
            and line.judgement.period.fy == self.period.fy
            and line.judgement.rag.status in {"green", "amber", "red"}
        ]
        met = [line for line in rated if line.judgement and line.judgement.rag.status == "green"]
        return met, [line for line in rated if line not in met]

    def _rag_table(
        self, key: str, caption: str, first: str, groups: dict[str, list[_Line]]
    ) -> Table:
        rows = []
        for name, lines in groups.items():
            counts = Counter(line.judgement.rag.status for line in lines if line.judgement)
            missing = sum(1 for line in lines if line.judgement is None)
            rows.append(
                (name, *((str(n), n) for n in (len(lines), counts["green"], counts["amber"],
                 counts["red"], counts["not_rated"], missing)))
            )  # fmt: skip
        columns = [first, "KPIs", "Green", "Amber", "Red", "Not rated", "No result yet"]
        return _table(key, caption, columns, rows)

    def _kpi_table(self, key: str, caption: str, lines: list[_Line]) -> Table:
        with_directorate = self.kind in {ReportKind.CLT, ReportKind.ANNUAL}
        columns = ["Reference", "KPI", "Period", "Result", "Target", "RAG rating", "Comparator",
                   "Direction of travel"]  # fmt: skip
        if with_directorate:
            columns.insert(2, "Directorate")
        rows = []
        for line in lines:
            kpi, j = line.kpi, line.judgement
            cells: list[Any] = [kpi.reference, kpi.title]
            if j is None:
                cells += ["–", ("No result yet", None), "–", "–", "–", "–"]
            else:
                before = comparator_period(kpi, j.period)
                earlier = next((r for r in line.results if r.period == before), None)
                self._note(kpi, line.results[-1])
                if earlier is not None:
                    self._note(kpi, earlier)
                cells += [
                    j.period.label,
                    (format_value(kpi, j.value), j.value),
                    _target_words(kpi, j.period.fy),
                    j.rag.label,
                    f"{before.label}: {format_value(kpi, earlier.value)}" if earlier else "–",
                    TRAVEL_WORDS[j.travel.status],
                ]
            if with_directorate:
                cells.insert(2, kpi.directorate.name)
            rows.append(tuple(cells))
        return _table(key, caption, columns, rows)

    def _trend(self, line: _Line, key: str, latest: int = 20) -> Chart:
        """The KPI's `latest` results (five years of quarters by default) as a chart,
        with its targets, followed by the same figures in a table."""
        kpi = line.kpi
        kind = line.results[-1].period_kind
        points, rows = [], []
        for result in [r for r in line.results if r.period_kind == kind][-latest:]:
            target = _value_target(kpi, result.period.fy)
            value = float(target.value) if target and target.kind == Target.Kind.VALUE else None
            points.append(ChartPoint(result.period.label, float(result.value), value))
            shown = format_value(kpi, value) if value is not None else "–"
            rows.append(
                (result.period.label, (format_value(kpi, result.value), float(result.value)),
                 (shown, value))
            )  # fmt: skip
            self._note(kpi, result)
        title = f"{kpi.reference} {kpi.title}: results over time"
        svg = trend_chart_svg(
            points, title=title, unit_suffix=unit_suffix(kpi), decimals=kpi.decimal_places
        )
        caption = f"{kpi.reference} results over time (the figures in the chart above)"
        table = _table(f"{key}-data", caption, ["Period", "Result", "Target"], rows)
        return Chart(key, title, _unique_ids(str(svg), key), table)

    def _spc(self, line: _Line, key: str) -> Chart | None:
        kpi, j = line.kpi, line.judgement
        if j is None or j.spc is None:
            return None
        spc = spc_rows(kpi, j)
        title = f"{kpi.reference} {kpi.title}: statistical process control chart"
        target = j.rag.target if j.rag.target is not None and not j.rag.interim else None
        svg = spc_chart_svg(
            [SpcPoint(r["period"], r["value"], r["centre"], r["lower"], r["upper"], r["kind"],
                      r["signal"]) for r in spc],
            title=title, target=target, unit_suffix=unit_suffix(kpi), decimals=kpi.decimal_places,
        )  # fmt: skip
        rows = [
            (r["period"], *((r["display"][k], r[k]) for k in ("value", "centre", "lower", "upper")),
             r["signal"])
            for r in spc
        ]  # fmt: skip
        columns = ["Period", "Result", "Mean", "Lower process limit", "Upper process limit",
                   "Signal"]  # fmt: skip
        caption = f"{kpi.reference} statistical process control (the figures in the chart above)"
        return Chart(
            key, title, _unique_ids(str(svg), key), _table(f"{key}-data", caption, columns, rows)
        )

    def _sentences(self, line: _Line) -> list[Block]:
        j = line.judgement
        if j is None:
            return [Paragraph("There is no result for this KPI yet.")]
        texts = [j.rag.sentence, j.travel.sentence]
        if j.spc is not None:
            texts.append(j.spc.sentence)
        if j.forecast is not None:
            texts.append(j.forecast.sentence)
        return [Paragraph(" ".join(texts))]

    def _highlights(self) -> list[HighlightItem]:
        items = HighlightItem.objects.filter(
            cycle__organisation=self.organisation,
            cycle__financial_year=self.period.fy,
            status=HighlightItem.Status.CONFIRMED,
            kpi_id__in=[line.kpi.pk for line in self.lines],
        ).select_related("cycle", "kpi")
        if self.kind != ReportKind.ANNUAL:
            items = items.filter(cycle__quarter=self.period.number)
        return list(items.order_by("kpi__reference", "cycle__quarter"))

    def _restatements(self) -> list[str]:
        """Results revised since the last publication of this report (same kind and scope)."""
        last = (
            PublishedReport.objects.filter(
                organisation=self.organisation, kind=self.kind, scope=self.scope,
                period_start__lte=self.period.start,
            )
            .order_by("-published_at", "-id")
            .values_list("values", "title", "published_at")
            .first()
        )  # fmt: skip
        if last is None:
            return []
        published, title, when = last
        notes = []
        for line in self.lines:
            for result in line.results:
                before = published.get(f"{line.kpi.reference}|{result.period.label}")
                if before is not None and abs(before - float(result.value)) > 1e-9:
                    notes.append(
                        f"{line.kpi.reference} {line.kpi.title}: {result.period.label} restated: "
                        f"{format_value(line.kpi, before)} → {format_value(line.kpi, result.value)}"
                        f" (as published in “{title}” on {timezone.localtime(when):%-d %B %Y})."
                    )
        return notes

    # The blocks under each heading ----------------------------------------------------------

    def _summary_blocks(self) -> list[Block]:
        blocks: list[Block] = [Paragraph(self._counts(self.lines))]
        if self.kind == ReportKind.ANNUAL:
            met, missed = self._year_outcomes(self.lines)
            blocks.append(
                Paragraph(
                    f"Of the {_plural(len(met) + len(missed), 'KPI')} rated against a target for "
                    f"{self.period.label}, {len(met)} met {'its' if len(met) == 1 else 'their'} "
                    f"target and {len(missed)} missed it."
                )
            )
        return blocks

    def _about_blocks(self) -> list[Block]:
        blocks: list[Block] = []
        restated = self._restatements()
        if restated:
            blocks += [
                Subheading("Restated results"),
                Paragraph("These results have been revised since they were last published:"),
                BulletList(restated),
            ]
        if self.kind in {ReportKind.CLT, ReportKind.ANNUAL}:
            groups: dict[str, list[_Line]] = defaultdict(list)
            for line in self.lines:
                groups[line.kpi.directorate.name].append(line)
            blocks.append(self._rag_table("rag-by-directorate", "RAG ratings by directorate",
                                          "Directorate", dict(sorted(groups.items()))))  # fmt: skip
        elif self.kind == ReportKind.DMT:
            groups = defaultdict(list)
            for line in self.lines:
                groups[line.kpi.service.name if line.kpi.service else "No service"].append(line)
            blocks.append(self._rag_table("rag-by-service", "RAG ratings by service", "Service",
                                          dict(sorted(groups.items()))))  # fmt: skip
        travel = Counter(line.judgement.travel.status for line in self.judged if line.judgement)
        blocks.append(
            Paragraph(
                f"Compared with their comparator periods, {travel['improved']} improved, "
                f"{travel['worsened']} worsened and {travel['no_change']} showed no change; "
                f"{travel['increased'] + travel['decreased']} trackers moved and "
                f"{travel['not_comparable']} could not be compared."
            )
        )
        if self.kind == ReportKind.ANNUAL:
            return blocks + self._annual_blocks()
        if self.kind == ReportKind.SCRUTINY:
            return blocks + self._remit_blocks()
        return blocks + self._highlight_blocks()

    def _highlight_blocks(self) -> list[Block]:
        items = self._highlights()
        blocks: list[Block] = [Subheading("Highlight items")]
        if not items:
            return blocks + [
                Paragraph(f"No highlight items were confirmed for {self.period.label}.")
            ]
        blocks.append(
            Paragraph(f"{_plural(len(items), 'KPI')} {'was' if len(items) == 1 else 'were'} "
                      "singled out this quarter for further detail and commentary.")
        )  # fmt: skip
        lines = {line.kpi.pk: line for line in self.lines}
        for item in items:
            line = lines[item.kpi_id]
            blocks.append(Subheading(f"{line.kpi.reference} {line.kpi.title}"))
            if item.reasons:
                blocks.append(Paragraph("Why it is highlighted: " + " ".join(item.reasons)))
            blocks += self._sentences(line)
            waiting = "Commentary not yet received."
            blocks += [
                Paragraph(f"Reasons for the result: {item.reasons_for_result or waiting}"),
                Paragraph(f"Actions being taken: {item.actions_being_taken or waiting}"),
            ]
            if line.results:
                blocks.append(self._trend(line, f"highlight-{_slug(line.kpi.reference)}"))
            spc = self._spc(line, f"highlight-{_slug(line.kpi.reference)}-spc")
            if spc is not None:
                blocks.append(spc)
        return blocks

    def _remit_blocks(self) -> list[Block]:
        """Scrutiny: each KPI in the board's remit, with its history and benchmarking."""
        benchmarks: dict[int, list[BenchmarkValue]] = defaultdict(list)
        for value in BenchmarkValue.objects.filter(
            kpi_id__in=[line.kpi.pk for line in self.lines], period_start__lte=self.period.end
        ).order_by("period_start", "area_code"):
            benchmarks[value.kpi_id].append(value)
        blocks: list[Block] = [Subheading("KPIs within the Board's remit")]
        for line in self.lines:
            key = f"kpi-{_slug(line.kpi.reference)}"
            blocks += [Subheading(f"{line.kpi.reference} {line.kpi.title}"),
                       Paragraph(line.kpi.definition), *self._sentences(line)]  # fmt: skip
            if line.results:
                blocks.append(self._trend(line, key))
            if benchmarks.get(line.kpi.pk):
                blocks.append(self._benchmark_table(line, benchmarks[line.kpi.pk], key))
        return blocks

    def _benchmark_table(self, line: _Line, found: list[BenchmarkValue], key: str) -> Table:
        kpi = line.kpi
        latest = max(b.period for b in found)
        rows: list[tuple[Any, ...]] = []
        england = next((b for b in found if b.period == latest and b.area_code == ENGLAND), None)
        result = next((r for r in line.results if r.period == latest), None)
        if result is not None:
            self._note(kpi, result)
            comparison = "–"
            if england is not None and result.lower_ci is not None and result.upper_ci is not None:
                comparison = compare_one(
                    float(result.value), float(england.value), lower95=float(result.lower_ci),
                    upper95=float(result.upper_ci), polarity=kpi.polarity,
                    benchmark_name=england.area_name or "England", fmt=value_format(kpi),
                ).sentence  # fmt: skip
            rows.append((self.organisation.name, (format_value(kpi, result.value),
                         float(result.value)), _ci(kpi, result.lower_ci, result.upper_ci), comparison))  # fmt: skip
        for b in found:
            if b.period == latest:
                rows.append((b.area_name, (format_value(kpi, b.value), float(b.value)),
                             _ci(kpi, b.lower_ci, b.upper_ci), "–"))  # fmt: skip
        caption = f"{kpi.reference} benchmarking, {latest.label}"
        columns = ["Area", "Value", "95% confidence interval", "Compared with England"]
        return _table(f"{key}-benchmarking", caption, columns, rows)

    def _annual_blocks(self) -> list[Block]:
        met, missed = self._year_outcomes(self.lines)

        def listed(lines: list[_Line]) -> list[str]:
            return [f"{line.kpi.reference} {line.kpi.title}: {line.judgement.rag.sentence}"
                    for line in lines if line.judgement]  # fmt: skip

        blocks: list[Block] = [Subheading(f"Targets met ({len(met)})")]
        blocks.append(BulletList(listed(met)) if met else Paragraph("No KPI met its target."))
        blocks.append(Subheading(f"Targets missed ({len(missed)})"))
        blocks.append(
            BulletList(listed(missed)) if missed else Paragraph("No KPI missed its target.")
        )
        items = self._highlights()
        blocks.append(Subheading("Highlight items during the year"))
        if not items:
            return blocks + [
                Paragraph(f"No highlight items were confirmed in {self.period.label}.")
            ]
        rows = [
            (f"{i.kpi.reference} {i.kpi.title}", i.cycle.period.label, " ".join(i.reasons),
             i.reasons_for_result or "–", i.actions_being_taken or "–")
            for i in items
        ]  # fmt: skip
        columns = ["KPI", "Quarter", "Why it was highlighted", "Reasons for the result",
                   "Actions being taken"]  # fmt: skip
        return blocks + [
            _table("highlights", "Highlight items and their commentary", columns, rows)
        ]

    def _pillars_blocks(self) -> list[Block]:
        groups: dict[str, list[_Line]] = defaultdict(list)
        for pillar in self.organisation.pillars.all():
            groups[pillar.name] = [
                line
                for line in self.lines
                if any(p.pk == pillar.pk for p in line.kpi.pillars.all())
            ]
        if not groups:
            return []
        return [self._rag_table("rag-by-pillar", "RAG ratings by pillar", "Pillar", groups)]

    def _pillar_section(self, pillar: Any) -> Section:
        lines = [
            line for line in self.lines if any(p.pk == pillar.pk for p in line.kpi.pillars.all())
        ]
        met, missed = self._year_outcomes(lines)
        if not lines:
            blocks_: list[Block] = [Paragraph("No KPIs are linked to this pillar yet.")]
            return Section(f"pillar-{pillar.slug}", pillar.name, blocks_, level=3)
        blocks: list[Block] = [
            Paragraph(self._counts(lines)),
            Paragraph(f"{len(met)} met {'its' if len(met) == 1 else 'their'} target for "
                      f"{self.period.label} and {len(missed)} missed it."),
            self._kpi_table(f"pillar-{pillar.slug}-kpis", f"{pillar.name} KPIs, {self.period.label}", lines),
        ]  # fmt: skip
        return Section(f"pillar-{pillar.slug}", pillar.name, blocks, level=3)

    def _appendices(self) -> list[Block]:
        caption = f"KPI results for {self.period.label}"
        blocks: list[Block] = [
            Subheading(f"Appendix 1 – {caption}"),
            self._kpi_table("kpis", caption, self.lines),
        ]
        if self.kind == ReportKind.ANNUAL:
            blocks += [Subheading("Appendix 2 – Trends"),
                       Paragraph("Each KPI's latest twelve results, with its targets.")]  # fmt: skip
            # Three years of quarters: enough to show a trend, and it keeps the appendix of a
            # council with hundreds of KPIs to a printable length (benchmarks/reports.py).
            blocks += [self._trend(line, f"trend-{_slug(line.kpi.reference)}", latest=12)
                       for line in self.lines if line.results]  # fmt: skip
        return blocks


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _ci(kpi: KPI, lower: Any, upper: Any) -> str:
    if lower is None or upper is None:
        return "–"
    return f"{format_value(kpi, lower)} to {format_value(kpi, upper)}"
