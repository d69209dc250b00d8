"""The quarterly reports: to the Corporate Leadership Team (every KPI, by directorate) and to a
Directorate Management Team (its KPIs, by service), each with the quarter's highlight items."""

from __future__ import annotations

from collections import defaultdict

from quarterly.reports.models import Block, ReportKind
from quarterly.reports.sections.figures import ReportSections
from quarterly.reports.selectors import ReportLine


class _QuarterlySections(ReportSections):
    def _about_detail(self) -> list[Block]:
        return self._highlight_blocks()


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
