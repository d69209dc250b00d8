"""Compile a performance report from the data: one compiler for every kind of report.

Who gets which report (annual assurance report, points 27-31, 47, 49, 64-72):
- "clt": the quarterly performance report to the Corporate Leadership Team, all KPIs, with the
  cycle's highlight items and their commentary;
- "dmt": the same for one directorate's management team;
- "scrutiny": a Scrutiny Board's report (twice a year) on the KPIs in its remit, with their
  history and benchmarking where available;
- "annual": the Annual Performance Report to Executive Board (July): the year's results,
  targets met and missed, trends, highlight items, and a section for each pillar;
- "hwb" and "community": the Health and Wellbeing Board's and a Community Committee's reports,
  as a Scrutiny Board's (point 57: they receive performance information for their function);
- "council": Full Council's summary, of a year or of the half-year to Q2, as the annual report;
- "digest": the Executive members' in-year digest after each CLT (point 26's "more frequent
  in-year performance information"): the CLT report's highlight items and exceptions.

Every report for a committee (`COMMITTEE_OF_KIND`) covers the KPIs within its remit.

Each follows the council's report template headings. Every number is computed here from the
results; the narrative sections are the performance team's text (`narrative`). A `Report` is
plain data: the web page, Word, PDF and the frozen publication all render the same one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils import timezone

from quarterly.core.periods import Period
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.reports.models import (
    COMMITTEE_OF_KIND,
    SECTIONS,
    Block,
    Paragraph,
    Report,
    ReportKind,
    Section,
    narrative_defaults,
)
from quarterly.reports.rules import ReportError, report_period
from quarterly.reports.sections.annual import AnnualSections
from quarterly.reports.sections.committees import (
    CommunitySections,
    DigestSections,
    FullCouncilSections,
    HealthWellbeingSections,
)
from quarterly.reports.sections.figures import ReportSections
from quarterly.reports.sections.quarterly import CltSections, DmtSections
from quarterly.reports.sections.scrutiny import ScrutinySections
from quarterly.reports.selectors import report_lines

__all__ = ["ReportError", "report_compile", "report_period"]

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


_TITLES = {  # each kind's title and audience, given the board's or directorate's name
    ReportKind.CLT: ("Quarterly performance report: {1}", "Corporate Leadership Team"),
    ReportKind.DMT: ("{0} performance report: {1}", "{0} Directorate Management Team"),
    ReportKind.SCRUTINY: ("{0} performance report: {1}", "{0}"),
    ReportKind.ANNUAL: ("Annual Performance Report {1}", "Executive Board"),
    ReportKind.HEALTH_WELLBEING: ("{0} performance report: {1}", "{0}"),
    ReportKind.COMMUNITY: ("{0} performance report: {1}", "{0}"),
    ReportKind.FULL_COUNCIL: ("Performance summary to Full Council: {1}", "{0}"),
    ReportKind.EXECUTIVE_DIGEST: ("Executive members' in-year digest: {1}", "{0}"),
}
_SECTIONS: dict[ReportKind, type[ReportSections]] = {
    ReportKind.CLT: CltSections,
    ReportKind.DMT: DmtSections,
    ReportKind.SCRUTINY: ScrutinySections,
    ReportKind.ANNUAL: AnnualSections,
    ReportKind.HEALTH_WELLBEING: HealthWellbeingSections,
    ReportKind.COMMUNITY: CommunitySections,
    ReportKind.FULL_COUNCIL: FullCouncilSections,
    ReportKind.EXECUTIVE_DIGEST: DigestSections,
}


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
        raise ReportError(f"There is no {kind!r} report: choose {', '.join(ReportKind.values)}.")
    wanted = COMMITTEE_OF_KIND.get(ReportKind(kind))
    if wanted is not None and (board is None or board.kind != wanted):
        raise ReportError(f"A {ReportKind(kind).label} needs a board: choose a {wanted.label}.")
    if wanted is None:
        board = None
    if kind == ReportKind.DMT and directorate is None:
        raise ReportError("A Directorate Management Team report needs a directorate.")
    period = report_period(kind, period)
    scoped = board if wanted is not None else directorate if kind == ReportKind.DMT else None
    scope, scope_name = (scoped.slug, scoped.name) if scoped else ("council", "")
    lines = report_lines(
        kind=kind, period=period, organisation=organisation, board=board,
        directorate=directorate, progress=progress,
    )  # fmt: skip
    texts = {**narrative_defaults(kind=kind, period=period, scope_name=scope_name), **narrative}
    builder = _SECTIONS[ReportKind(kind)](period, organisation, lines, scope, board)
    sections = _sections(builder, texts)
    title, report_to = _TITLES[ReportKind(kind)]
    return Report(
        kind=kind,
        title=title.format(scope_name, period.label),
        organisation=organisation.name,
        period=period.label,
        scope=scope,
        scope_name=scope_name,
        report_of=f"{organisation.name} performance team",
        report_to=report_to.format(scope_name),
        generated_at=timezone.now().isoformat(timespec="seconds"),
        sections=sections,
        values=builder.values,
    )


def _pillar_words(count: int) -> str:
    """ "three pillars", "pillar" or "council's pillars", for the template's heading."""
    if count == 0:
        return "council's pillars"
    if count == 1:
        return "pillar"
    return f"{_NUMBER_WORDS[count] if count < 10 else count} pillars"


def _sections(builder: ReportSections, texts: Mapping[str, str]) -> list[Section]:
    """The template's headings in order, each with its narrative and then its figures."""
    pillars = list(builder.organisation.pillars.all())
    built = []
    for key, heading in SECTIONS:
        heading = heading.format(pillars=_pillar_words(len(pillars)))
        blocks: list[Block] = [Paragraph(p) for p in texts.get(key, "").split("\n\n") if p]
        blocks += builder.blocks(key)
        built.append(Section(key, heading, blocks, editable=True))
        built += builder.sections_after(key, pillars)
    built.append(Section("appendices", "Appendices", builder.appendices()))
    return built
