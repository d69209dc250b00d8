"""The compiler: every figure in each kind of report is computed from the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, PillarFactory, ResultFactory
from quarterly.register.models import KPI
from quarterly.register.services import kpi_save
from quarterly.reports.compiler import ReportError, report_compile
from quarterly.reports.models import Chart, PublishedReport, Report
from quarterly.reports.tests.test_reports_council import Q2, build_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


def _text(report: Report) -> str:
    parts = []
    for section in report.sections:
        parts.append(section.heading)
        for block in section.blocks:
            parts.append(str(getattr(block, "text", "") or getattr(block, "items", "")))
    return "\n".join(parts)


def _table(report: Report, key: str) -> dict[str, dict[str, str]]:
    table = next(t for t in report.tables() if t.key == key)
    return {row[0]: dict(zip(table.columns, row, strict=True)) for row in table.rows}


def test_the_clt_report_counts_and_tables_come_from_the_results(council: dict[str, Any]) -> None:
    # when
    report = report_compile(
        kind="clt", period=Q2, organisation=council["organisation"], narrative={}
    )
    # then the template's headings, in order
    headings = [s.heading for s in report.sections]
    assert headings[:3] == ["Brief summary", "Recommendations", "What is this report about?"]
    assert headings[3] == "How does this proposal impact the three pillars?"
    assert headings[-2:] == ["How will success be measured?", "Appendices"]
    # and the counts: AH-01 green, RS-02 amber, AH-02 red, RS-01 not rated, RS-03 no result
    text = _text(report)
    assert (
        "Of the 5 KPIs in this report, 1 is green, 1 amber, 1 red and 1 not rated; 1 has no result yet."
        in text
    )
    kpis = _table(report, "kpis")
    assert kpis["AH-01"]["Result"] == "71.2%"
    assert kpis["AH-01"]["Target"] == "70.0%"
    assert kpis["AH-01"]["RAG rating"] == "Green"
    assert kpis["AH-01"]["Comparator"] == "2024/25 Q1: 70.2%"
    assert kpis["AH-01"]["Direction of travel"] == "Improved"
    assert kpis["AH-02"]["Result"] == "23 days"
    assert kpis["AH-02"]["RAG rating"] == "Red"
    assert kpis["RS-02"]["RAG rating"] == "Amber"
    assert kpis["RS-01"]["RAG rating"] == "Not rated"
    assert kpis["RS-03"]["Result"] == "No result yet"  # the draft 99.9 is not reported
    assert "99.9" not in text
    by_directorate = _table(report, "rag-by-directorate")
    assert by_directorate["Adults and Health"]["Green"] == "1"
    assert by_directorate["Adults and Health"]["Red"] == "1"
    assert by_directorate["Resources"]["No result yet"] == "1"
    by_pillar = _table(report, "rag-by-pillar")
    assert by_pillar["Inclusive Growth"]["KPIs"] == "2"
    assert by_pillar["Zero Carbon"]["KPIs"] == "0"
    # and the highlight item with its commentary, a chart and the chart's data table
    assert "Fewer home care providers had capacity over the summer." in text
    assert "Two new providers start in November." in text
    chart = next(b for s in report.sections for b in s.blocks if isinstance(b, Chart))
    assert chart.key == "highlight-ah-02"
    assert chart.svg.startswith("<svg") and 'id="chart-title-highlight-ah-02"' in chart.svg
    assert [row[1] for row in chart.table.rows] == [
        "19 days",
        "18 days",
        "19 days",
        "20 days",
        "21 days",
        "23 days",
    ]


def test_narrative_text_replaces_the_default_under_its_heading(council: dict[str, Any]) -> None:
    # when
    report = report_compile(
        kind="clt", period=Q2, organisation=council["organisation"],
        narrative={"recommendations": "CLT is asked to note AH-02.\n\nAnd to thank staff."},
    )  # fmt: skip
    # then
    recommendations = next(s for s in report.sections if s.key == "recommendations")
    assert [b.text for b in recommendations.blocks] == [  # type: ignore[union-attr]
        "CLT is asked to note AH-02.",
        "And to thank staff.",
    ]


def test_a_scrutiny_report_covers_its_remit_with_history_and_benchmarking(
    council: dict[str, Any],
) -> None:
    # when
    report = report_compile(
        kind="scrutiny", period=Q2, organisation=council["organisation"],
        board=council["board"], narrative={},
    )  # fmt: skip
    # then only the board's two KPIs
    assert set(_table(report, "kpis")) == {"AH-01", "AH-02"}
    assert report.title == (
        "Scrutiny Board (Adults, Health and Active Lifestyles) performance report: 2024/25 Q2"
    )
    history = _table(report, "kpi-ah-01-data")
    assert list(history) == [p.label for p in Period.range(Q2.shift(-5), Q2)]
    assert history["2023/24 Q3"]["Result"] == "68.1%"
    assert history["2023/24 Q3"]["Target"] == "68.0%"
    benchmarking = _table(report, "kpi-ah-01-benchmarking")
    assert benchmarking["England"]["Value"] == "68.0%"
    assert benchmarking["Yorkshire and The Humber"]["Value"] == "69.5%"
    assert benchmarking["Leeds City Council"]["Value"] == "71.2%"


def test_a_dmt_report_covers_one_directorate_by_service(council: dict[str, Any]) -> None:
    # when
    report = report_compile(
        kind="dmt", period=Q2, organisation=council["organisation"],
        directorate=council["resources"], narrative={},
    )  # fmt: skip
    # then
    assert set(_table(report, "kpis")) == {"RS-01", "RS-02", "RS-03"}
    assert report.report_to == "Resources Directorate Management Team"
    assert "No highlight items were confirmed for 2024/25 Q2." in _text(report)


def test_the_annual_report_lists_targets_met_and_missed_and_a_section_per_pillar(
    council: dict[str, Any],
) -> None:
    # given the year's final quarter for AH-01 (met) and RS-02 (missed)
    kpis = {k.reference: k for k in council["kpis"]}
    for reference, values in (("AH-01", ["71.5", "72.0"]), ("RS-02", ["75.0", "76.0"])):
        for offset, value in enumerate(values, start=1):
            ResultFactory(kpi=kpis[reference], period=Q2.shift(offset), value=value)
    # when
    report = report_compile(
        kind="annual", period=Period.parse("2024/25"), organisation=council["organisation"],
        narrative={},
    )  # fmt: skip
    # then
    text = _text(report)
    assert report.title == "Annual Performance Report 2024/25"
    assert "Targets met (1)" in text and "Targets missed (2)" in text
    assert (
        "Of the 3 KPIs rated against a target for 2024/25, 1 met its target and 2 missed it."
        in text
    )
    pillar_sections = [s for s in report.sections if s.level == 3]
    assert [s.heading for s in pillar_sections] == [
        "Health and Wellbeing",
        "Inclusive Growth",
        "Zero Carbon",
    ]
    health = _table(report, "pillar-health-and-wellbeing-kpis")
    assert health["AH-01"]["Result"] == "72.0%" and health["AH-01"]["Period"] == "2024/25 Q4"
    highlights = _table(report, "highlights")
    assert highlights["AH-02 Days to arrange a care package"]["Quarter"] == "2024/25 Q2"
    assert sum(1 for s in report.sections for b in s.blocks if isinstance(b, Chart)) == 4


def test_a_report_needs_its_scope_and_the_right_kind_of_period(council: dict[str, Any]) -> None:
    organisation = council["organisation"]
    with pytest.raises(ReportError, match="needs a board"):
        report_compile(kind="scrutiny", period=Q2, organisation=organisation, narrative={})
    with pytest.raises(ReportError, match="covers a quarter"):
        report_compile(
            kind="clt", period=Period.parse("2024/25"), organisation=organisation, narrative={}
        )


def test_compiling_takes_the_same_queries_however_many_kpis(council: dict[str, Any]) -> None:
    organisation = council["organisation"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report_compile(kind="clt", period=Q2, organisation=organisation, narrative={})
        return len(captured)

    before = queries()
    for _ in range(5):
        kpi = KPIFactory(organisation=organisation, directorate=council["adults"])
        ResultFactory(kpi=kpi, period=Q2)
    assert queries() == before


def test_the_next_report_notes_a_changed_definition_once(
    council: dict[str, Any], people: dict[str, Any]
) -> None:
    # given AH-01's definition changed through the register (audited) since the period began
    ah1 = KPI.objects.get(reference="AH-01")
    kpi_save(kpi=ah1, fields={"definition": "People helped to live at home, now counting "
                              "reablement."}, by=people["performance"])  # fmt: skip
    organisation = council["organisation"]
    # when the CLT report is compiled, then published, then compiled again
    first = report_compile(kind="clt", period=Q2, organisation=organisation, narrative={})
    PublishedReport.objects.create(
        organisation=organisation, kind="clt", period_label=Q2.label, period_kind="quarter",
        period_start=Q2.start, scope="council", title=first.title, content=first.to_dict(),
        values=first.values, docx=b"", pdf=b"", published_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    second = report_compile(kind="clt", period=Q2, organisation=organisation, narrative={})
    # then the first says so, with the date and the new definition; the next one does not
    today = timezone.localtime().strftime("%-d %B %Y")
    assert (
        f"AH-01 People helped to live at home: definition changed on {today}: People helped to "
        "live at home, now counting reablement."
    ) in _text(first)
    assert "Definitions changed" not in _text(second)


@pytest.mark.parametrize(
    ("names", "heading"),
    [
        ([], "How does this proposal impact the council's pillars?"),
        (["Health and Wellbeing"], "How does this proposal impact the pillar?"),
        (["Health", "Growth"], "How does this proposal impact the two pillars?"),
    ],
)
def test_the_pillars_heading_reads_well_for_any_number_of_pillars(
    organisation: Any, names: list[str], heading: str
) -> None:
    # given
    for name in names:
        PillarFactory(organisation=organisation, name=name)
    # when
    report = report_compile(kind="clt", period=Q2, organisation=organisation, narrative={})
    # then
    assert report.sections[3].heading == heading
