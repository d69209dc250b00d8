"""A Scrutiny Board's report: the quarter's highlight items within the board's remit, then each
KPI in the remit with its history and, where the council holds them, its benchmarks."""

from __future__ import annotations

from typing import Any

from quarterly.assessment import compare_one
from quarterly.benchmarking.models import ENGLAND, BenchmarkValue
from quarterly.collection.information.models import InformationRequest
from quarterly.collection.information.selectors import information_requests_for_pack
from quarterly.collection.results.judgement import value_format
from quarterly.register.models import KPI
from quarterly.register.presentation import format_value, result_value_text
from quarterly.reports.models import Block, Paragraph, ReportKind, Subheading, Table
from quarterly.reports.sections.compared import comparisons_for, kpi_comparison_blocks
from quarterly.reports.sections.figures import ReportSections, data_table, slug
from quarterly.reports.selectors import ReportLine, report_benchmarks


class ScrutinySections(ReportSections):
    kind = ReportKind.SCRUTINY
    remit_heading = "KPIs within the Board's remit"

    def _about_detail(self) -> list[Block]:
        """The quarter's highlight items within the board's remit (scrutiny focuses on them, as
        the annual assurance report says at 47), then each KPI in the remit with its history and
        benchmarking."""
        benchmarks = report_benchmarks(
            kpi_ids=[line.kpi.pk for line in self.lines], period=self.period
        )
        compared = comparisons_for([line.kpi for line in self.lines], self.period)
        blocks: list[Block] = [
            *self._highlight_blocks(),
            *self._information_blocks(),
            Subheading(self.remit_heading),
        ]
        for line in self.lines:
            key = f"kpi-{slug(line.kpi.reference)}"
            blocks += [Subheading(f"{line.kpi.reference} {line.kpi.title}"),
                       Paragraph(line.kpi.definition), *self._sentences(line)]  # fmt: skip
            if line.results:
                blocks.append(self._trend(line, key))
            if benchmarks.get(line.kpi.pk):
                blocks.append(self._benchmark_table(line, benchmarks[line.kpi.pk], key))
            blocks += kpi_comparison_blocks(line.kpi, compared.get(line.kpi.pk))
        return blocks

    def _information_blocks(self) -> list[Block]:
        """The board's information requests: answers not yet in a published pack, then the
        questions still awaiting an answer."""
        if self.committee is None:
            return []
        requests = information_requests_for_pack(committee=self.committee)
        blocks: list[Block] = [Subheading("Information you asked for")]
        if not requests:
            return blocks + [Paragraph("The board has no new answers or open requests.")]
        for request in requests:
            kpi = request.kpi
            blocks.append(Subheading(f"{kpi.reference} {kpi.title}"))
            blocks.append(Paragraph(f"The board asked: {request.question}"))
            if request.status == InformationRequest.Status.ANSWERED:
                blocks.append(Paragraph(f"{request.answered_by or request.owner} answered: "
                                        f"{request.answer}"))  # fmt: skip
            else:
                blocks.append(
                    Paragraph(f"Awaiting an answer from {request.owner}, due "
                              f"{request.due_date:%-d %B %Y}.")
                )  # fmt: skip
        return blocks

    def _benchmark_table(self, line: ReportLine, found: list[BenchmarkValue], key: str) -> Table:
        kpi = line.kpi
        latest = max(b.period for b in found)
        rows: list[tuple[Any, ...]] = []
        england = next((b for b in found if b.period == latest and b.area_code == ENGLAND), None)
        result = next((r for r in line.results if r.period == latest), None)
        if result is not None:
            self._note(kpi, result)
            comparison = "–"
            if (
                england is not None
                and result.value is not None
                and result.lower_ci is not None
                and result.upper_ci is not None
            ):
                comparison = compare_one(
                    float(result.value), float(england.value), lower95=float(result.lower_ci),
                    upper95=float(result.upper_ci), polarity=kpi.polarity,
                    benchmark_name=england.area_name or "England", fmt=value_format(kpi),
                ).sentence  # fmt: skip
            number = None if result.value is None else float(result.value)
            text = result_value_text(kpi, result.value, result.missing_reason)
            rows.append((self.organisation.name, (text, number),
                         _ci(kpi, result.lower_ci, result.upper_ci), comparison))  # fmt: skip
        for b in found:
            if b.period == latest:
                rows.append((b.area_name, (format_value(kpi, b.value), float(b.value)),
                             _ci(kpi, b.lower_ci, b.upper_ci), "–"))  # fmt: skip
        caption = f"{kpi.reference} benchmarking, {latest.label}"
        columns = ["Area", "Value", "95% confidence interval", "Compared with England"]
        return data_table(f"{key}-benchmarking", caption, columns, rows)


def _ci(kpi: KPI, lower: Any, upper: Any) -> str:
    if lower is None or upper is None:
        return "–"
    return f"{format_value(kpi, lower)} to {format_value(kpi, upper)}"
