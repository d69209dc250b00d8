"""The Annual Performance Report to Executive Board: the year's results, targets met and
missed, the highlight items of every quarter, a section for each pillar and each KPI's trend."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from quarterly.benchmarking.kpi_comparisons import KPIComparison
from quarterly.reports.models import Block, BulletList, Paragraph, ReportKind, Section, Subheading
from quarterly.reports.sections.compared import (
    comparisons_for,
    kpi_comparison_blocks,
    standing_summary,
)
from quarterly.reports.sections.figures import ReportSections, data_table, plural, slug
from quarterly.reports.selectors import ReportLine, report_highlight_items


class AnnualSections(ReportSections):
    kind = ReportKind.ANNUAL
    by_directorate = True

    def _through(self) -> int:
        """The last quarter whose highlight items the report lists."""
        return 4

    def sections_after(self, key: str, pillars: list[Any]) -> list[Section]:
        return [self._pillar_section(p) for p in pillars] if key == "pillars" else []

    def appendices(self) -> list[Block]:
        blocks = super().appendices()
        blocks += [Subheading("Appendix 2 – Trends"),
                   Paragraph("Each KPI's latest twelve results, with its targets.")]  # fmt: skip
        # Three years of quarters: enough to show a trend, and it keeps the appendix of a
        # council with hundreds of KPIs to a printable length (benchmarks/reports.py).
        blocks += [self._trend(line, f"trend-{slug(line.kpi.reference)}", latest=12)
                   for line in self.lines if line.results]  # fmt: skip
        compared = self._compared
        detail = [
            block
            for line in self.lines
            for block in kpi_comparison_blocks(line.kpi, compared.get(line.kpi.pk))
        ]
        if detail:
            blocks += [Subheading("Appendix 3 – How each KPI compares with other areas"), *detail]
        return blocks

    @cached_property
    def _compared(self) -> dict[int, KPIComparison]:
        return comparisons_for([line.kpi for line in self.lines], self.period)

    def _year_outcomes(self, lines: list[ReportLine]) -> tuple[list[ReportLine], list[ReportLine]]:
        """The KPIs whose year-end result met its target, and those that missed it."""
        rated = [
            line
            for line in lines
            if line.judgement
            and line.judgement.period.fy == self.period.fy
            and line.judgement.rag.status in {"green", "amber", "red"}
        ]
        met = [line for line in rated if line.judgement and line.judgement.rag.status == "green"]
        return met, [line for line in rated if line not in met]

    def _summary_blocks(self) -> list[Block]:
        met, missed = self._year_outcomes(self.lines)
        return super()._summary_blocks() + [
            Paragraph(
                f"Of the {plural(len(met) + len(missed), 'KPI')} rated against a target for "
                f"{self.period.label}, {len(met)} met {'its' if len(met) == 1 else 'their'} "
                f"target and {len(missed)} missed it."
            )
        ]

    def _about_detail(self) -> list[Block]:
        met, missed = self._year_outcomes(self.lines)

        def listed(lines: list[ReportLine]) -> list[str]:
            return [f"{line.kpi.reference} {line.kpi.title}: {line.judgement.rag.sentence}"
                    for line in lines if line.judgement]  # fmt: skip

        blocks: list[Block] = [Subheading(f"Targets met ({len(met)})")]
        blocks.append(BulletList(listed(met)) if met else Paragraph("No KPI met its target."))
        blocks.append(Subheading(f"Targets missed ({len(missed)})"))
        blocks.append(
            BulletList(listed(missed)) if missed else Paragraph("No KPI missed its target.")
        )
        blocks.append(Subheading("Compared with other areas"))
        blocks += standing_summary([line.kpi for line in self.lines], self._compared, self.period)
        items = report_highlight_items(
            organisation=self.organisation, period=self.period, quarter=None,
            kpi_ids=[line.kpi.pk for line in self.lines], through=self._through(),
        )  # fmt: skip
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
            data_table("highlights", "Highlight items and their commentary", columns, rows)
        ]

    def _pillar_section(self, pillar: Any) -> Section:
        lines = self._in_pillar(pillar)
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
