"""Word, PDF and HTML: the numbers read back from each generated document match the data."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from quarterly.reports.compiler import report_compile
from quarterly.reports.models import Report
from quarterly.reports.render_docx import report_docx
from quarterly.reports.render_pdf import report_html, report_pdf
from quarterly.reports.tests.test_reports_council import Q2, build_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


@pytest.fixture
def report(council: dict[str, Any]) -> Report:
    return report_compile(
        kind="clt", period=Q2, organisation=council["organisation"],
        narrative={"summary": "Performance held up well in the second quarter."},
    )  # fmt: skip


def _docx_tables(content: bytes) -> dict[str, list[list[str]]]:
    """Each table in the document by the caption before it."""
    document = Document(io.BytesIO(content))
    tables: dict[str, list[list[str]]] = {}
    caption = ""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            caption = text or caption
        elif child.tag.endswith("}tbl"):
            table = next(t for t in document.tables if t._tbl is child)
            tables[caption] = [[cell.text for cell in row.cells] for row in table.rows]
    return tables


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_word_report_holds_the_same_figures(report: Report) -> None:
    # when
    content = report_docx(report)
    # then
    document = Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Quarterly performance report: 2024/25 Q2"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Brief summary", "Recommendations", "What is this report about?"]
    assert "Performance held up well in the second quarter." in paragraphs
    assert (
        "Of the 5 KPIs in this report, 1 is green, 1 amber, 1 red and 1 not rated; 1 has no "
        "result yet." in paragraphs
    )
    tables = _docx_tables(content)
    kpis = {row[0]: row for row in tables["KPI results for 2024/25 Q2"]}
    assert kpis["Reference"][4:8] == ["Result", "Target", "RAG rating", "Comparator"]
    assert kpis["AH-01"][4:8] == ["71.2%", "70.0%", "Green", "2024/25 Q1: 70.2%"]
    assert kpis["AH-02"][4:7] == ["23 days", "20 days", "Red"]
    assert kpis["RS-03"][4] == "No result yet"
    # each chart is a PNG with alternative text, followed by its data table
    assert len(document.inline_shapes) == 2
    assert 'descr="AH-02 Days to arrange a care package: results over time.' in document.element.xml
    chart_table = tables["AH-02 results over time (the figures in the chart above)"]
    assert [row[1] for row in chart_table[1:]] == [
        "19 days",
        "18 days",
        "19 days",
        "20 days",
        "21 days",
        "23 days",
    ]


def test_the_pdf_report_holds_the_same_figures(report: Report) -> None:
    # when
    text = _pdf_text(report_pdf(report))
    # then
    assert "Quarterly performance report: 2024/25 Q2" in text
    assert (
        "Of the 5 KPIs in this report, 1 is green, 1 amber, 1 red and 1 not rated; 1 has no result yet."
        in text
    )
    assert re.search(
        r"AH-01 People helped to live at home Adults and Health 2024/25 Q2 71\.2% 70\.0% Green",
        text,
    )
    assert "Fewer home care providers had capacity over the summer." in text
    assert "Page 1 of" in text


def test_the_html_report_is_one_accessible_file(report: Report) -> None:
    # when
    html = report_html(report)
    # then
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "<title>Quarterly performance report: 2024/25 Q2 – Leeds City Council</title>" in html
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)">', html)
    assert [alt for _, alt in images] == [
        "AH-02 Days to arrange a care package: results over time",
        "AH-02 Days to arrange a care package: statistical process control chart",
    ]
    svg = base64.b64decode(images[0][0]).decode()
    assert svg.startswith("<svg") and "<style>" in svg and "23 days" not in svg
    assert '<th scope="row" class="govuk-table__header">AH-01</th>' in html


def test_a_council_can_use_its_own_word_template(
    report: Report, settings: Any, tmp_path: Path
) -> None:
    # given a template with the council's own text in its footer
    template = Document()
    template.sections[0].footer.paragraphs[0].text = "Leeds City Council – OFFICIAL"
    path = tmp_path / "council.docx"
    template.save(str(path))
    settings.QUARTERLY_REPORT_DOCX_TEMPLATE = str(path)
    # when
    document = Document(io.BytesIO(report_docx(report)))
    # then
    assert document.sections[0].footer.paragraphs[0].text == "Leeds City Council – OFFICIAL"
    assert document.paragraphs[0].text == "Quarterly performance report: 2024/25 Q2"


def test_libreoffice_converts_the_word_report_to_pdf(report: Report, tmp_path: Path) -> None:
    """A smoke test that Word-compatible software opens the document (Debian's
    libreoffice-writer-nogui provides `soffice`)."""
    # given
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "install Debian's libreoffice-writer-nogui"
    source = tmp_path / "report.docx"
    source.write_bytes(report_docx(report))
    # when
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    # then
    text = _pdf_text((tmp_path / "report.pdf").read_bytes())
    assert "Quarterly performance report: 2024/25 Q2" in text
    assert "71.2%" in text and "Green" in text


def test_the_scrutiny_word_report_holds_the_boards_highlight_items(
    council: dict[str, Any],
) -> None:
    # given the board's report for the quarter in which AH-02 (in its remit) was highlighted
    report = report_compile(
        kind="scrutiny", period=Q2, organisation=council["organisation"],
        board=council["board"], narrative={},
    )  # fmt: skip
    # when
    document = Document(io.BytesIO(report_docx(report)))
    paragraphs = [p.text for p in document.paragraphs]
    # then the item comes first, with why it was picked and its commentary
    highlights = paragraphs.index("Highlight items")
    remit = paragraphs.index("KPIs within the Board's remit")
    item = paragraphs[highlights:remit]
    assert "AH-02 Days to arrange a care package" in item
    assert "Why it is highlighted: Turned red in 2024/25 Q2, from amber in 2024/25 Q1." in item
    assert "Reasons for the result: Fewer home care providers had capacity over the summer." in item
    assert "Actions being taken: Two new providers start in November." in item


def test_another_boards_report_has_no_highlight_item_outside_its_remit(
    council: dict[str, Any],
) -> None:
    # when
    report = report_compile(
        kind="scrutiny", period=Q2, organisation=council["organisation"],
        board=council["other_board"], narrative={},
    )  # fmt: skip
    # then
    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs]
    assert "No highlight items were confirmed for 2024/25 Q2." in paragraphs
    assert not any("AH-02" in text for text in paragraphs)
