"""Reports for committees by remit: each compiles from the one compiler and covers exactly the
KPIs within its committee's remit, read back from the Word document."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document

from quarterly.collection.models import HighlightItem
from quarterly.core.periods import Period
from quarterly.factories import CommitteeFactory, PersonFactory
from quarterly.organisation.models import Committee
from quarterly.register.models import KPI
from quarterly.register.services import committee_remit_save
from quarterly.reports.compiler import ReportError, report_compile
from quarterly.reports.render_docx import report_docx
from quarterly.reports.tests.test_reports_council import Q2, build_council

pytestmark = pytest.mark.django_db
REFERENCES = {"AH-01", "AH-02", "RS-01", "RS-02", "RS-03"}


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


def _committee(council: dict[str, Any], name: str, kind: str, **extra: Any) -> Committee:
    return CommitteeFactory(organisation=council["organisation"], name=name, kind=kind, **extra)


def _docx_text(kind: str, period: Period, council: dict[str, Any], board: Committee) -> str:
    report = report_compile(
        kind=kind, period=period, organisation=council["organisation"], board=board, narrative={}
    )
    document = Document(io.BytesIO(report_docx(report)))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _references_in(text: str) -> set[str]:
    return {reference for reference in REFERENCES if reference in text}


def _remit(committee: Committee, **chosen: Any) -> None:
    committee_remit_save(
        committee=committee, pillars=chosen.get("pillars", []),
        directorates=chosen.get("directorates", []), kpis=chosen.get("kpis", []),
        version=None, by=None,
    )  # fmt: skip


def test_the_health_and_wellbeing_board_report_covers_its_pillar(council: dict[str, Any]) -> None:
    # given a board whose remit is the Health and Wellbeing pillar (AH-01 and AH-02)
    board = _committee(council, "Health and Wellbeing Board", Committee.Kind.HEALTH_WELLBEING_BOARD)
    health = council["organisation"].pillars.get(name="Health and Wellbeing")
    _remit(board, pillars=[health])
    # when
    text = _docx_text("hwb", Q2, council, board)
    # then
    assert "Health and Wellbeing Board performance report: 2024/25 Q2" in text
    assert _references_in(text) == {"AH-01", "AH-02"}
    assert "Fewer home care providers had capacity over the summer." in text  # its highlight


def test_a_community_committee_report_covers_its_chosen_kpis(council: dict[str, Any]) -> None:
    # given a committee for one area whose remit is two single KPIs
    outer = _committee(council, "Outer North East Community Committee",
                       Committee.Kind.COMMUNITY_COMMITTEE, area="Outer North East")  # fmt: skip
    kpis = KPI.objects.filter(reference__in=["RS-01", "RS-02"])
    _remit(outer, kpis=list(kpis))
    # when
    text = _docx_text("community", Q2, council, outer)
    # then
    assert _references_in(text) == {"RS-01", "RS-02"}
    assert "KPIs within the Committee's remit" in text
    assert "Of the 2 KPIs in this report, 0 are green, 1 amber, 0 red and 1 not rated." in text


def test_full_council_gets_every_kpi_for_a_year_or_half_year(council: dict[str, Any]) -> None:
    # given
    full = _committee(council, "Full Council", Committee.Kind.FULL_COUNCIL)
    # when
    half = _docx_text("council", Q2, council, full)
    year = _docx_text("council", Period.financial_year(2024), council, full)
    # then
    assert "Performance summary to Full Council: 2024/25 Q2" in half
    assert "Performance summary to Full Council: 2024/25" in year
    assert _references_in(half) == _references_in(year) == REFERENCES
    with pytest.raises(ReportError, match="half-year"):
        report_compile(kind="council", period=Period.quarter(2024, 3), board=full,
                       organisation=council["organisation"], narrative={})  # fmt: skip


def test_the_executive_digest_covers_kpis_with_a_portfolio(council: dict[str, Any]) -> None:
    # given two KPIs in Executive Member portfolios: AH-02 (red, highlighted) and RS-02
    for reference, portfolio in (("AH-02", "Adult Social Care"), ("RS-02", "Resources")):
        KPI.objects.filter(reference=reference).update(portfolio=portfolio)
    digest = _committee(council, "Executive members' digest", Committee.Kind.EXECUTIVE_DIGEST)
    # when
    text = _docx_text("digest", Q2, council, digest)
    # then
    assert _references_in(text) == {"AH-02", "RS-02"}
    assert "RAG ratings by Executive Member portfolio" in text
    assert "1 KPI is red: outside the tolerance of its target." in text
    assert "Two new providers start in November." in text


def test_a_scrutiny_report_has_the_highlight_items_within_its_remit(
    council: dict[str, Any],
) -> None:
    # given the Adults board's remit also names RS-02, which is a confirmed highlight item,
    # while another board's RS-01 highlight item is outside it
    board = council["board"]
    rs1, rs2 = KPI.objects.get(reference="RS-01"), KPI.objects.get(reference="RS-02")
    _remit(board, kpis=[rs2])
    for kpi, actions in ((rs2, "Invoices are now approved online."), (rs1, "Outside remit.")):
        HighlightItem.objects.create(
            cycle=council["cycle"], kpi=kpi, status=HighlightItem.Status.CONFIRMED,
            reasons=["Amber."], actions_being_taken=actions,
        )  # fmt: skip
    # when
    text = _docx_text("scrutiny", Q2, council, board)
    # then
    assert _references_in(text) == {"AH-01", "AH-02", "RS-02"}
    assert "Actions being taken: Invoices are now approved online." in text
    assert "Actions being taken: Two new providers start in November." in text
    assert "Outside remit." not in text


def test_a_committee_report_needs_a_committee_of_its_kind(council: dict[str, Any]) -> None:
    with pytest.raises(ReportError, match="needs a board: choose a Health and Wellbeing Board"):
        report_compile(kind="hwb", period=Q2, organisation=council["organisation"],
                       board=council["board"], narrative={})  # fmt: skip


def test_the_report_command_writes_the_new_kinds(council: dict[str, Any], tmp_path: Any) -> None:
    # given the council's only Health and Wellbeing Board (so --board may be left out)
    board = _committee(council, "Health and Wellbeing Board", Committee.Kind.HEALTH_WELLBEING_BOARD)
    _remit(board, kpis=[KPI.objects.get(reference="AH-01")])
    out = tmp_path / "hwb.docx"
    # when
    call_command("report", "hwb", "--period", "2024/25-Q2", "--out", str(out))
    # then
    text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert _references_in(text) == {"AH-01"}


def test_a_member_of_a_committee_reads_only_its_remit(council: dict[str, Any]) -> None:
    # given members of a Community Committee (remit: the Resources directorate) and Full Council
    from quarterly.organisation.access import kpis_visible_to
    from quarterly.organisation.models import Role, RoleAssignment

    outer = _committee(council, "Outer West Community Committee",
                       Committee.Kind.COMMUNITY_COMMITTEE, area="Outer West")  # fmt: skip
    full = _committee(council, "Full Council", Committee.Kind.FULL_COUNCIL)
    _remit(outer, directorates=[council["resources"]])
    members = {}
    for committee in (outer, full, council["board"]):
        members[committee.kind] = PersonFactory(organisation=council["organisation"])
        RoleAssignment.objects.create(
            person=members[committee.kind], role=Role.ELECTED_MEMBER, committee=committee
        )
    everything = KPI.objects.filter(organisation=council["organisation"])
    # when
    seen = {
        kind: set(kpis_visible_to(person, everything).values_list("reference", flat=True))
        for kind, person in members.items()
    }
    # then
    assert seen[Committee.Kind.COMMUNITY_COMMITTEE] == {"RS-01", "RS-02", "RS-03"}
    assert seen[Committee.Kind.FULL_COUNCIL] == REFERENCES
    assert seen[Committee.Kind.SCRUTINY_BOARD] == {"AH-01", "AH-02"}
