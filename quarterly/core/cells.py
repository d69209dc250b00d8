"""Spreadsheet cells that stay data: the one escape every CSV and Excel file we write goes through.

A spreadsheet runs a cell that begins with = + - @ as a formula, and some also act on a leading
tab, carriage return or NUL (CSV or formula injection). `escape_text` puts an apostrophe before
such text, and before text that already begins with an apostrophe; `unescape_text` takes off
exactly that one apostrophe when a workbook is imported. So the two are inverses: an export then
an import gives back every character, "'-5% on last year" included. Numbers are written as
numbers, never as text, so a negative value is not touched.

Every CSV or Excel file the product writes puts its cells through `cell_value` (or writes CSV
through `CSVWriter`, which does). Pure Python: no Django, so every layer can use it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_ESCAPED_STARTS = (*FORMULA_STARTS, "'")


def escape_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe when it could start a formula or
    already starts with an apostrophe (which would otherwise be taken for the escape)."""
    return "'" + text if text.startswith(_ESCAPED_STARTS) else text


def unescape_text(text: str) -> str:
    """The text `escape_text` was given. An apostrophe a person typed before ordinary text
    ("'tis") is not an escape and is kept."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_ESCAPED_STARTS) else text


def cell_value(value: Any) -> Any:
    """A value ready for a spreadsheet cell: numbers, booleans, dates and None as they are,
    anything else as escaped text."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        return value
    return escape_text(str(value))
