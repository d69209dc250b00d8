"""The quarterly reports: to the Corporate Leadership Team (every KPI, by directorate) and to a
Directorate Management Team (its KPIs, by service), each with the quarter's highlight items."""

from __future__ import annotations

from collections import defaultdict

from quarterly.reports.models import Block, Paragraph, ReportKind, Subheading
from quarterly.reports.sections.figures import ReportSections, plural, slug
from quarterly.reports.selectors import ReportLine, report_highlight_items


class _QuarterlySections(ReportSections):
    def _about_detail(self) -> list[Block]:
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


class CltSections(_QuarterlySections):
    kind = ReportKind.CLT
    by_directorate = True


class DmtSections(_QuarterlySections):
    kind = ReportKind.DMT

    def _ratings(self) -> list[Block]:
        groups: dict[str, list[ReportLine]] = defaultdict(list)
        for line in self.lines:
            groups[line.kpi.service.name if line.kpi.service else "No service"].append(line)
        return [self._rag_table("rag-by-service", "RAG ratings by service", "Service",
                                dict(sorted(groups.items())))]  # fmt: skip
