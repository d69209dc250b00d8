"""What every report shows: RAG counts, KPI tables, trend and SPC charts, and restatements.

`ReportSections` builds one report's blocks from its lines and records every value it shows
(`values`): a publication freezes them, so the next report can say which results have been
restated since. Each kind of report is a subclass (`sections.quarterly`, `sections.scrutiny`,
`sections.annual`) that adds what that kind says under the template's headings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.utils import timezone

from quarterly.collection.models import Result
from quarterly.collection.results.judgement import comparator_period
from quarterly.core.charts import ChartPoint, spc_chart_svg, trend_chart_svg
from quarterly.core.periods import Period, PeriodKind
from quarterly.organisation.models import Committee, Organisation
from quarterly.register.models import KPI, Target
from quarterly.register.presentation import (
    TRAVEL_WORDS,
    format_value,
    result_value_text,
    spc_points,
    spc_rows,
    unit_suffix,
)
from quarterly.reports.models import (
    Block,
    BulletList,
    Chart,
    Paragraph,
    Section,
    Subheading,
    Table,
)
from quarterly.reports.selectors import (
    ReportLine,
    report_definition_changes,
    report_highlight_items,
    report_last_publication,
)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def data_table(key: str, caption: str, columns: list[str], rows: list[tuple[Any, ...]]) -> Table:
    """Rows of (display, raw) pairs or plain text cells, numbers right-aligned."""
    shown = [[c[0] if isinstance(c, tuple) else str(c) for c in row] for row in rows]
    raw = [[c[1] if isinstance(c, tuple) else c for c in row] for row in rows]
    numeric = [
        bool(rows) and all(isinstance(row[i], tuple) for row in rows) for i in range(len(columns))
    ]
    return Table(key, caption, columns, shown, raw, numeric)


def _unique_ids(svg: str, key: str) -> str:
    """Charts use fixed ids for their title and description; a report has many charts."""
    for name in ("chart-title", "chart-desc", "spc-title", "spc-desc"):
        svg = svg.replace(name, f"{name}-{key}")
    return svg


def _value_target(kpi: KPI, fy: int) -> Target | None:
    return next((t for t in kpi.targets.all() if t.financial_year == fy), None)


def _target_words(kpi: KPI, fy: int) -> str:
    target = _value_target(kpi, fy)
    if target is None:
        return "Tracker" if kpi.is_tracker else "No target"
    if target.kind == Target.Kind.DIRECTION:
        return target.get_direction_display()
    return format_value(kpi, target.value)


class ReportSections:
    """Builds one report's sections from its lines, recording every value it shows."""

    kind: str  # the ReportKind this builds
    by_directorate = False  # a council-wide report: its tables name each KPI's directorate

    def __init__(
        self,
        period: Period,
        organisation: Organisation,
        lines: list[ReportLine],
        scope: str,
        committee: Committee | None = None,
    ) -> None:
        self.period, self.organisation, self.lines, self.scope = period, organisation, lines, scope
        self.committee = committee  # a committee's report: the committee it is for
        self.judged = [line for line in lines if line.judgement is not None]
        # Each reported result's value as published (None: a period with no value), so a later
        # report can say which were restated.
        self.values: dict[str, float | None] = {}

    def blocks(self, key: str) -> list[Block]:
        """The figures shown under a template heading, after its narrative."""
        found: list[Block] = getattr(self, f"_{key}_blocks", lambda: [])()
        return found

    def sections_after(self, key: str, pillars: list[Any]) -> list[Section]:
        """Sections this kind of report adds after a template heading's section."""
        return []

    def appendices(self) -> list[Block]:
        caption = f"KPI results for {self.period.label}"
        return [
            Subheading(f"Appendix 1 – {caption}"),
            self._kpi_table("kpis", caption, self.lines),
        ]

    def _note(self, kpi: KPI, result: Result) -> None:
        value = None if result.value is None else float(result.value)
        self.values[f"{kpi.reference}|{result.period.label}"] = value

    # Under the headings ---------------------------------------------------------------------

    def _summary_blocks(self) -> list[Block]:
        return [Paragraph(self._counts(self.lines))]

    def _about_blocks(self) -> list[Block]:
        blocks: list[Block] = []
        restated = self._restatements()
        if restated:
            blocks += [
                Subheading("Restated results"),
                Paragraph("These results have been revised since they were last published:"),
                BulletList(restated),
            ]
        changed = self._definition_changes()
        if changed:
            blocks += [
                Subheading("Definitions changed"),
                Paragraph("These KPIs' definitions have changed since this report was last "
                          "published, so their results may not compare with earlier ones:"),
                BulletList(changed),
            ]  # fmt: skip
        blocks += self._ratings()
        travel = Counter(line.judgement.travel.status for line in self.judged if line.judgement)
        blocks.append(
            Paragraph(
                f"Compared with their comparator periods, {travel['improved']} improved, "
                f"{travel['worsened']} worsened and {travel['no_change']} showed no change; "
                f"{travel['increased'] + travel['decreased']} trackers moved and "
                f"{travel['not_comparable']} could not be compared."
            )
        )
        return blocks + self._about_detail()

    def _ratings(self) -> list[Block]:
        """RAG ratings counted by group: by directorate in a council-wide report."""
        if not self.by_directorate:
            return []
        groups: dict[str, list[ReportLine]] = defaultdict(list)
        for line in self.lines:
            groups[line.kpi.directorate.name].append(line)
        return [self._rag_table("rag-by-directorate", "RAG ratings by directorate",
                                "Directorate", dict(sorted(groups.items())))]  # fmt: skip

    def _about_detail(self) -> list[Block]:
        """What this kind of report says about its KPIs, after the counts."""
        raise NotImplementedError

    def _highlight_blocks(self) -> list[Block]:
        """The quarter's confirmed highlight items among this report's KPIs, each with why it was
        picked, its judgement, its key contact's commentary and its charts."""
        if self.period.kind != PeriodKind.QUARTER:
            return []
        items = report_highlight_items(
            organisation=self.organisation, period=self.period, quarter=self.period.number,
            kpi_ids=[line.kpi.pk for line in self.lines],
        )  # fmt: skip
        blocks: list[Block] = [Subheading("Highlight items")]
        if not items:
            return blocks + [
                Paragraph(f"No highlight items were confirmed for {self.period.label}.")
            ]
        blocks.append(
            Paragraph(f"{plural(len(items), 'KPI')} {'was' if len(items) == 1 else 'were'} "
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
                blocks.append(self._trend(line, f"highlight-{slug(line.kpi.reference)}"))
            spc = self._spc(line, f"highlight-{slug(line.kpi.reference)}-spc")
            if spc is not None:
                blocks.append(spc)
        return blocks

    def _pillars_blocks(self) -> list[Block]:
        groups: dict[str, list[ReportLine]] = defaultdict(list)
        for pillar in self.organisation.pillars.all():
            groups[pillar.name] = self._in_pillar(pillar)
        if not groups:
            return []
        return [self._rag_table("rag-by-pillar", "RAG ratings by pillar", "Pillar", groups)]

    def _in_pillar(self, pillar: Any) -> list[ReportLine]:
        return [
            line for line in self.lines if any(p.pk == pillar.pk for p in line.kpi.pillars.all())
        ]

    # Figures --------------------------------------------------------------------------------

    def _counts(self, lines: list[ReportLine]) -> str:
        counts = Counter(line.judgement.rag.status for line in lines if line.judgement)
        missing = sum(1 for line in lines if line.judgement is None)
        text = (
            f"Of the {plural(len(lines), 'KPI')} in this report, {counts['green']} "
            f"{'is' if counts['green'] == 1 else 'are'} green, {counts['amber']} amber, "
            f"{counts['red']} red and {counts['not_rated']} not rated"
        )
        return text + (
            f"; {missing} {'has' if missing == 1 else 'have'} no result yet." if missing else "."
        )

    def _rag_table(
        self, key: str, caption: str, first: str, groups: dict[str, list[ReportLine]]
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
        return data_table(key, caption, columns, rows)

    def _kpi_table(self, key: str, caption: str, lines: list[ReportLine]) -> Table:
        columns = ["Reference", "KPI", "Period", "Result", "Target", "RAG rating", "Comparator",
                   "Direction of travel"]  # fmt: skip
        if self.by_directorate:
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
                    (result_value_text(kpi, j.value, j.missing_reason), j.value),
                    _target_words(kpi, j.period.fy),
                    j.rag.label,
                    f"{before.label}: {_shown(kpi, earlier)}" if earlier else "–",
                    TRAVEL_WORDS[j.travel.status],
                ]
            if self.by_directorate:
                cells.insert(2, kpi.directorate.name)
            rows.append(tuple(cells))
        return data_table(key, caption, columns, rows)

    def _trend(self, line: ReportLine, key: str, latest: int = 20) -> Chart:
        """The KPI's `latest` results (five years of quarters by default) as a chart,
        with its targets, followed by the same figures in a table."""
        kpi = line.kpi
        kind = line.results[-1].period_kind
        points, rows = [], []
        for result in [r for r in line.results if r.period_kind == kind][-latest:]:
            target = _value_target(kpi, result.period.fy)
            value = float(target.value) if target and target.kind == Target.Kind.VALUE else None
            number = None if result.value is None else float(result.value)
            points.append(ChartPoint(result.period.label, number, value))
            shown = format_value(kpi, value) if value is not None else "–"
            rows.append(
                (result.period.label, (_shown(kpi, result), number), (shown, value))
            )  # fmt: skip
            self._note(kpi, result)
        title = f"{kpi.reference} {kpi.title}: results over time"
        svg = trend_chart_svg(
            points, title=title, unit_suffix=unit_suffix(kpi), decimals=kpi.decimal_places
        )
        caption = f"{kpi.reference} results over time (the figures in the chart above)"
        figures = data_table(f"{key}-data", caption, ["Period", "Result", "Target"], rows)
        return Chart(key, title, _unique_ids(str(svg), key), figures)

    def _spc(self, line: ReportLine, key: str) -> Chart | None:
        kpi, j = line.kpi, line.judgement
        if j is None or j.spc is None:
            return None
        spc = spc_rows(kpi, j)
        title = f"{kpi.reference} {kpi.title}: statistical process control chart"
        target = j.rag.target if j.rag.target is not None and not j.rag.interim else None
        svg = spc_chart_svg(
            spc_points(spc),
            title=title, target=target, unit_suffix=unit_suffix(kpi), decimals=kpi.decimal_places,
        )  # fmt: skip
        rows = [
            (r["period"], *((r["display"][k], r[k]) for k in ("value", "centre", "lower", "upper")),
             "; ".join(filter(None, (
                 r["signal"], r["bound_note"],
                 f"limits recalculated from here: {r['recalculated']}" if r["recalculated"] else "",
             ))))
            for r in spc
        ]  # fmt: skip
        columns = ["Period", "Result", "Mean", "Lower process limit", "Upper process limit",
                   "Signal"]  # fmt: skip
        caption = f"{kpi.reference} statistical process control (the figures in the chart above)"
        return Chart(
            key,
            title,
            _unique_ids(str(svg), key),
            data_table(f"{key}-data", caption, columns, rows),
        )

    def _sentences(self, line: ReportLine) -> list[Block]:
        j = line.judgement
        if j is None:
            return [Paragraph("There is no result for this KPI yet.")]
        texts = [j.rag.sentence, j.travel.sentence]
        if j.spc is not None:
            texts.append(j.spc.sentence)
        if j.forecast is not None:
            texts.append(j.forecast.sentence)
        return [Paragraph(" ".join(texts))]

    def _definition_changes(self) -> list[str]:
        """Definitions changed since this report was last published (or, if it never was,
        since its period began), one line each: their results may not compare with earlier ones."""
        last = report_last_publication(
            organisation=self.organisation, kind=self.kind, scope=self.scope, period=self.period
        )
        since = (
            last[2]
            if last is not None
            else timezone.make_aware(dt.datetime.combine(self.period.start, dt.time.min))
        )
        lines = {line.kpi.pk: line for line in self.lines}
        return [
            f"{lines[kpi_id].kpi.reference} {lines[kpi_id].kpi.title}: definition changed on "
            f"{timezone.localtime(when):%-d %B %Y}: {text}"
            for kpi_id, when, text in report_definition_changes(kpi_ids=list(lines), since=since)
        ]

    def _restatements(self) -> list[str]:
        """Results revised since the last publication of this report (same kind and scope)."""
        last = report_last_publication(
            organisation=self.organisation, kind=self.kind, scope=self.scope, period=self.period
        )
        if last is None:
            return []
        published, title, when = last
        notes = []
        for line in self.lines:
            for result in line.results:
                key = f"{line.kpi.reference}|{result.period.label}"
                if key not in published:
                    continue
                before, now = published[key], result.value
                if before is None and now is None:
                    continue
                if before is not None and now is not None and abs(before - float(now)) <= 1e-9:
                    continue
                was = result_value_text(line.kpi, before)
                notes.append(
                    f"{line.kpi.reference} {line.kpi.title}: {result.period.label} restated: "
                    f"{was} → {_shown(line.kpi, result)}"
                    f" (as published in “{title}” on {timezone.localtime(when):%-d %B %Y})."
                )
        return notes


def _shown(kpi: KPI, result: Result) -> str:
    """A result's value as the report writes it: "No value: why" for a period with none."""
    return result_value_text(kpi, result.value, result.missing_reason)
