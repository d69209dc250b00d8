"""A report as a Word document (python-docx), built on a .docx template the council can replace.

The default template ships beside the report templates (`report-template.docx`: A4, Arial, page
numbers in the footer). A council points `QUARTERLY_REPORT_DOCX_TEMPLATE` at its own; the styles
used here ("Title", "Heading 1-3", "List Bullet", "Caption", "Table Grid") fall back to the
document's defaults where its template lacks them. Charts go in as PNG images (the same SVG as
the web page, converted by CairoSVG, with alternative text), each followed by its data table.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.shared import Cm

from quarterly.reports.models import BulletList, Chart, Paragraph, Report, Subheading, Table
from quarterly.reports.render_pdf import styled_svg

DEFAULT_TEMPLATE = (
    Path(__file__).resolve().parent / "templates" / "reports" / "report-template.docx"
)
CHART_WIDTH = Cm(16)
TABLE_WIDTH = Cm(17)
HEADER_FILL = "1D3B53"
FIRST_PICTURE_ID = 100_000


def template_path() -> Path:
    """The council's template if the setting names one, else the one Quarterly ships."""
    configured = getattr(settings, "QUARTERLY_REPORT_DOCX_TEMPLATE", "")
    return Path(configured) if configured else DEFAULT_TEMPLATE


def chart_png(svg: str) -> bytes:
    """The chart's SVG as an opaque PNG, 1.25 times its drawn size (sharp when printed 16 cm
    wide). Cairo draws it; Pillow writes it with light compression, which is twice as fast as
    Cairo's own PNG writer for files barely larger."""
    from cairosvg.parser import Tree  # imported here: Cairo loads only for reports
    from cairosvg.surface import PNGSurface
    from PIL import Image

    surface = PNGSurface(
        Tree(bytestring=styled_svg(svg).encode("utf-8")), None, 96, scale=1.25,
        background_color="white",
    )  # fmt: skip
    drawn = surface.cairo
    drawn.flush()
    size = (drawn.get_width(), drawn.get_height())
    image = Image.frombuffer(
        "RGB", size, bytes(drawn.get_data()), "raw", "BGRX", drawn.get_stride(), 1
    )
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def report_docx(report: Report, *, progress: Callable[[int], None] | None = None) -> bytes:
    """The report as .docx bytes; `progress` is told of each chart drawn."""
    document = Document(str(template_path()))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the template's page set-up, drop its content
            body.remove(child)
    document.core_properties.title = report.title
    document.core_properties.author = report.report_of
    styles = _Styles(document)
    styles.add(report.title, "Title")
    for label, value in (
        ("Report of", report.report_of),
        ("Report to", report.report_to),
        ("Period", report.period),
        ("Compiled", report.generated_at[:10]),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    figures = 0
    for section in report.sections:
        styles.add(section.heading, f"Heading {section.level - 1}")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                document.add_paragraph(block.text)
            elif isinstance(block, BulletList):
                for item in block.items:
                    styles.add(item, "List Bullet")
            elif isinstance(block, Subheading):
                styles.add(block.text, f"Heading {min(section.level, 3)}")
            elif isinstance(block, Table):
                _table(document, block, styles)
            elif isinstance(block, Chart):
                figures += 1
                _chart(document, block, figures, styles)
                if progress:
                    progress(1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Styles:
    """The template's paragraph styles by name, looked up once; a style a council's template
    lacks falls back to its normal text."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.found: dict[str, Any] = {}

    def add(self, text: str, name: str) -> Any:
        if name not in self.found:
            try:
                self.found[name] = self.document.styles[name]
            except KeyError:
                self.found[name] = None
        return self.document.add_paragraph(text, style=self.found[name])

    def table_style(self) -> str:
        if "Table Grid" not in self.found:
            try:
                self.found["Table Grid"] = self.document.styles["Table Grid"]
            except KeyError:
                self.found["Table Grid"] = None
        style = self.found["Table Grid"]
        return f'<w:tblStyle w:val="{escape(style.style_id)}"/>' if style is not None else ""


def _chart(document: Any, chart: Chart, number: int, styles: _Styles) -> None:
    picture = document.add_paragraph()
    picture.paragraph_format.keep_with_next = True
    part = document.part
    r_id, image = part.get_or_add_image(io.BytesIO(chart_png(chart.svg)))
    cx, cy = image.scaled_dimensions(CHART_WIDTH, None)
    # python-docx finds the next free shape id by searching the whole document for every
    # picture, which makes a report of hundreds of charts quadratic; these ids stay clear of
    # any a council's template uses.
    inline = CT_Inline.new_pic_inline(FIRST_PICTURE_ID + number, r_id, image.filename, cx, cy)
    # Alternative text for screen readers: the chart's title; its figures follow in a table.
    inline.docPr.set("descr", f"{chart.title}. The table below gives every figure.")
    inline.docPr.set("title", chart.title)
    picture.add_run()._r.add_drawing(inline)
    styles.add(f"Figure {number}: {chart.title}", "Caption")
    _table(document, chart.table, styles)


def _table(document: Any, table: Table, styles: _Styles) -> None:
    """A table for print: a caption, a shaded header row repeated on each page, rows that do
    not break across pages, numbers right-aligned. Written as one piece of XML: python-docx's
    cell-by-cell interface takes seconds for the thousands of cells of an annual report."""
    styles.add(table.caption, "Caption").paragraph_format.keep_with_next = True
    widths = [int(TABLE_WIDTH * share) // 635 for share in table.column_shares]  # EMU to twips
    style = styles.table_style()
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = [_row(table.headers, widths, header=True)]
    rows += [_row(cells, widths, header=False) for cells in table.cells]
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" '
        'w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
        f'w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
    document.element.body._insert_tbl(parse_xml(xml))
    document.add_paragraph()


def _row(cells: list[tuple[str, bool]], widths: list[int], *, header: bool) -> str:
    flags = '<w:tblHeader w:val="true"/>' if header else '<w:cantSplit w:val="true"/>'
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
    bold = '<w:b/><w:color w:val="FFFFFF"/>' if header else ""
    xml = [f"<w:tr><w:trPr>{flags}</w:trPr>"]
    for (text, numeric), width in zip(cells, widths, strict=True):
        align = '<w:jc w:val="right"/>' if numeric else ""
        xml.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr><w:p><w:pPr>'
            f'<w:spacing w:before="0" w:after="0"/>{align}</w:pPr><w:r><w:rPr>{bold}'
            f'<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
        )
    return "".join(xml) + "</w:tr>"
