"""A report as a standalone, printable HTML page and as PDF (WeasyPrint, from that page).

WeasyPrint needs Debian's libpango-1.0-0, libpangoft2-1.0-0 and libharfbuzz-subset0. The PDF is
tagged (`pdf_tags`), so screen readers can follow its headings and tables.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from quarterly.reports.models import Report

# The chart rules from the web stylesheet (quarterly.css, "app-chart"), carried inside each SVG so
# a chart looks the same in a PDF, in Word (as PNG) and in a standalone HTML file.
CHART_STYLE = (
    ".app-chart{font-family:Arial,'Liberation Sans',Helvetica,sans-serif}"
    ".app-chart__line,.app-chart__target,.app-chart__axis,.app-chart__gridline{fill:none}"
    ".app-chart__line{stroke:#1d3b53;stroke-width:3px;stroke-linejoin:round;stroke-linecap:round}"
    ".app-chart__point{fill:#1d3b53;stroke:#fff;stroke-width:2px}"
    ".app-chart__target{stroke:#505a5f;stroke-width:2px;stroke-dasharray:6 4}"
    ".app-chart__axis{stroke:#0b0c0c;stroke-width:1px}"
    ".app-chart__gridline{stroke:#b1b4b6;stroke-width:1px}"
    ".app-chart__label{fill:#0b0c0c;font-size:14px}"
    ".app-chart__centre{fill:none;stroke:#505a5f;stroke-width:2px}"
    ".app-chart__limit{fill:none;stroke:#505a5f;stroke-width:1.5px;stroke-dasharray:3 3}"
    ".app-chart__break{stroke-width:2px;stroke-dasharray:8 4}"
    ".app-chart__point--improvement{fill:#1d70b8}.app-chart__point--concern{fill:#b35c00}"
    ".app-chart__point--neutral{fill:#4c2c92}.app-chart__point--common{fill:#505a5f}"
)


RIGHT_ROOM = 48
# Liberation Sans (Arial's metrics), shipped with Quarterly: see data/fonts/PROVENANCE.md.
FONTS = Path(__file__).resolve().parent / "data" / "fonts"


def styled_svg(svg: str) -> str:
    """The chart with its styles inside it (and a size, which converters need)."""
    head, sep, rest = svg.partition(">")
    if not sep or 'viewBox="0 0 ' not in head:
        return svg
    # The last period's label is centred on the chart's right edge: on a page (which does not
    # draw outside the box, as a browser does) it needs room to the right.
    before, _, after = head.partition('viewBox="0 0 ')
    width, height = after.split('"', 1)[0].split()
    wider = int(float(width)) + RIGHT_ROOM
    head = f'{before}viewBox="0 0 {wider} {height}" width="{wider}" height="{height}"'
    head += after.split('"', 1)[1]
    return f"{head}><style>{CHART_STYLE}</style>{rest}"


def report_html(report: Report) -> str:
    """The report as one self-contained HTML file (the PDF's source; also `--out FILE.html`)."""
    printable = copy.deepcopy(report)
    for chart in printable.charts():
        # As an image, not inline: WeasyPrint styles every inline SVG element as if it were
        # HTML, which for an annual report's hundreds of charts costs more than drawing them.
        encoded = base64.b64encode(styled_svg(chart.svg).encode("utf-8")).decode("ascii")
        chart.svg = f"data:image/svg+xml;base64,{encoded}"
    return render_to_string("reports/print.html", {"report": printable, "print": True})


def _cache_page_references() -> None:
    """pydyf rebuilds the list of every page's reference each time WeasyPrint tags a piece of
    content with its page, which makes a tagged PDF of hundreds of pages quadratic. The same
    list, built once per page count, gives the same PDF."""
    import pydyf

    if getattr(pydyf.PDF, "_quarterly_cached_page_references", False):
        return

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        cached = pdf.__dict__.get("_quarterly_page_references")
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), tuple(f"{n} 0 R".encode("ascii") for n in kids[::3]))
            pdf.__dict__["_quarterly_page_references"] = cached
        return cached[1]  # type: ignore[no-any-return]

    pydyf.PDF.page_references = property(page_references)  # type: ignore[method-assign,assignment]
    pydyf.PDF._quarterly_cached_page_references = True  # type: ignore[attr-defined]


def _shipped_fonts() -> tuple[Any, Any]:
    """A stylesheet that makes Arial (the report's font) the shipped Liberation Sans, and the
    font configuration it is loaded into (new for each PDF: a configuration kept until the
    interpreter shuts down fails in its finaliser). Without it the system chooses the font: on a
    server with another sans-serif, or while fontconfig's cache is being rebuilt, table cells
    wrap differently, even mid-word."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    faces = "".join(
        f"@font-face {{ font-family: {family}; font-weight: {weight}; "
        f'src: url("{(FONTS / f"LiberationSans-{face}.ttf").as_uri()}"); }}'
        for family in ("Arial", '"Liberation Sans"')
        for face, weight in (("Regular", "normal"), ("Bold", "bold"))
    )
    config = FontConfiguration()
    return CSS(string=faces, font_config=config), config


def report_pdf(report: Report, *, progress: Callable[[int], None] | None = None) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only reports need

    _cache_page_references()
    html = report_html(report)
    if progress:
        progress(1)
    fonts, config = _shipped_fonts()
    document = HTML(string=html).render(stylesheets=[fonts], font_config=config, pdf_tags=True)
    if progress:
        progress(1)
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf
