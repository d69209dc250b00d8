"""Reports to committees that oversee a remit rather than a directorate: the Health and
Wellbeing Board, each Community Committee, Full Council (an annual or half-year summary) and
the Executive members' in-year digest after each CLT. Each reuses a builder and adds only what
differs; the KPIs they cover are those within the committee's remit (`reports.selectors`)."""

from __future__ import annotations

from collections import defaultdict

from quarterly.reports.models import Block, Paragraph, ReportKind, Subheading
from quarterly.reports.sections.annual import AnnualSections
from quarterly.reports.sections.figures import plural
from quarterly.reports.sections.quarterly import CltSections
from quarterly.reports.sections.scrutiny import ScrutinySections
from quarterly.reports.selectors import ReportLine


class HealthWellbeingSections(ScrutinySections):
    """As a Scrutiny Board's: the quarter's highlight items, then each KPI with its history
    and benchmarks. The board makes no information requests through Quarterly."""

    kind = ReportKind.HEALTH_WELLBEING

    def _information_blocks(self) -> list[Block]:
        return []


class CommunitySections(HealthWellbeingSections):
    kind = ReportKind.COMMUNITY
    remit_heading = "KPIs within the Committee's remit"


class FullCouncilSections(AnnualSections):
    """The annual report's summary over a year, or over the half-year to Q2: targets met and
    missed, the highlight items so far, a section for each pillar and each KPI's trend."""

    kind = ReportKind.FULL_COUNCIL

    def _through(self) -> int:
        return self.period.number or 4


class DigestSections(CltSections):
    """After each CLT, for Executive members: the CLT report's highlight items and its
    exceptions (the red KPIs), for the KPIs in their portfolios, by portfolio."""

    kind = ReportKind.EXECUTIVE_DIGEST

    def _ratings(self) -> list[Block]:
        groups: dict[str, list[ReportLine]] = defaultdict(list)
        for line in self.lines:
            groups[line.kpi.portfolio or "No portfolio recorded"].append(line)
        return [self._rag_table("rag-by-portfolio", "RAG ratings by Executive Member portfolio",
                                "Portfolio", dict(sorted(groups.items())))]  # fmt: skip

    def _about_detail(self) -> list[Block]:
        return self._highlight_blocks() + self._exceptions()

    def _exceptions(self) -> list[Block]:
        red = [
            line for line in self.judged if line.judgement and line.judgement.rag.status == "red"
        ]
        blocks: list[Block] = [Subheading("Exceptions")]
        if not red:
            return blocks + [Paragraph(f"No KPI in the digest is red for {self.period.label}.")]
        blocks.append(
            Paragraph(f"{plural(len(red), 'KPI')} {'is' if len(red) == 1 else 'are'} red: "
                      f"outside the tolerance of {'its' if len(red) == 1 else 'their'} target.")
        )  # fmt: skip
        return blocks + [self._kpi_table("exceptions", f"Red KPIs, {self.period.label}", red)]
