"""Dates as people type them, read one way in every form and every imported file. Pure Python."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),  # fmt: skip
        start=1,
    )
    for name in names
}


def parse_date_text(text: str) -> tuple[int, int, int] | None:
    """Read "24 10 2025", "24/10/2025", "24 October 2025" or "2025-10-24" as (year, month, day).

    Returns None when the text is not written as a date at all; the caller checks the date exists.
    """
    parts = [p for p in re.split(r"[\s/.,\-]+", text.strip().lower()) if p]
    if len(parts) != 3:
        return None
    if len(parts[0]) == 4 and parts[0].isdigit():
        parts = [parts[2], parts[1], parts[0]]  # ISO order, as a browser or a script writes it
    day, month, year = parts
    if not month.isdigit():
        if month not in _MONTHS:
            return None
        month = str(_MONTHS[month])
    if not (day.isdigit() and year.isdigit() and len(year) == 4):
        return None
    return int(year), int(month), int(day)


class DateTextError(ValueError):
    """Text that is not a date (`unreal` is False) or names one that does not exist (True)."""

    def __init__(self, *, unreal: bool) -> None:
        super().__init__("not a real date" if unreal else "not written as a date")
        self.unreal = unreal


def date_from_text(text: str) -> dt.date:
    """The date `text` names (see `parse_date_text`), or DateTextError saying which rule failed."""
    parts = parse_date_text(text)
    if parts is None:
        raise DateTextError(unreal=False)
    try:
        return dt.date(*parts)
    except ValueError:
        raise DateTextError(unreal=True) from None
