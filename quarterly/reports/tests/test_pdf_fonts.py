"""PDF reports are laid out in the shipped Liberation Sans whatever fonts the system has: a
server whose fontconfig knows only DejaVu (wider) must give the same PDF text as this one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from quarterly.reports.render_pdf import FONTS

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core
ROOT = Path(__file__).resolve().parents[3]
# Renders a small report table with or without the shipped fonts and prints the fonts the PDF
# embeds and its text, in a fresh interpreter (fontconfig reads FONTCONFIG_FILE once).
RENDER = """
import io, sys
import django
django.setup()
from pypdf import PdfReader
from weasyprint import HTML
from quarterly.reports.render_pdf import _shipped_fonts
html = ('<html><body style="font: 9pt Arial, sans-serif">'
        '<table style="table-layout: fixed; width: 10cm"><tr><td style="width: 1.25cm; overflow-wrap: break-word">2024/25 Q2'
        '</td><td>People helped to live at home</td></tr></table></body></html>')
if sys.argv[1] == "shipped":
    fonts, config = _shipped_fonts()
    pdf = HTML(string=html).write_pdf(stylesheets=[fonts], font_config=config)
else:
    pdf = HTML(string=html).write_pdf()
page = PdfReader(io.BytesIO(pdf)).pages[0]
names = sorted(str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values())
print(" ".join(name.split("+")[-1] for name in names))  # a shipped face is named as its family
print(" | ".join(line.strip() for line in page.extract_text().splitlines()))
"""


def _render(how: str, tmp_path: Path) -> list[str]:
    only = tmp_path / "fonts"
    only.mkdir(exist_ok=True)
    if not (only / DEJAVU.name).exists():
        (only / DEJAVU.name).symlink_to(DEJAVU)
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{only}</dir><cachedir>{tmp_path}/cache</cachedir>"
        "</fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONPATH": str(ROOT)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    done = subprocess.run(
        [sys.executable, "-c", RENDER, how], env=env, capture_output=True, text=True, check=True,
        timeout=120,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_the_pdf_uses_the_shipped_font_on_a_system_with_only_dejavu(tmp_path: Path) -> None:
    # given a system whose only fonts are DejaVu; when a PDF is rendered without and with the
    # shipped fonts
    system_fonts, system_text = _render("system", tmp_path)
    shipped_fonts, shipped_text = _render("shipped", tmp_path)
    # then the system's font is DejaVu, which breaks "2024/25" mid-word in its narrow column
    assert system_fonts == "DejaVu-Sans" and system_text != shipped_text, system_text
    # while the shipped font lays the cells out as intended
    assert shipped_fonts == "Arial"  # the @font-face family, from the shipped file
    assert shipped_text == "2024/25 | Q2 People helped to live at home"
    assert sorted(p.name for p in FONTS.glob("*.ttf")) == [
        "LiberationSans-Bold.ttf", "LiberationSans-Regular.ttf",
    ]  # fmt: skip
