"""Spreadsheet cells that stay data: the one escape every CSV and Excel file we write goes through.

A spreadsheet runs a cell that begins with = + - @ as a formula, and some also act on a leading
tab, carriage return or NUL (CSV or formula injection). `escape_text` puts an apostrophe before
such text; `unescape_text` takes it off again when a workbook is imported. Numbers are written
as numbers, never as text, so a negative value is not touched.

Pure Python: no Django, so every layer that writes a file can use it.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def escape_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe when it could start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_text(text: str) -> str:
    """The text `escape_text` was given."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
