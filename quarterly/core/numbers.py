"""Numbers as people type them, read one way everywhere: forms, CSV files and spreadsheets.

Only ASCII digits count ("٥٥" is refused, not read as 55), with an optional sign, decimal
point and exponent; thousands separators, a leading "£" and a trailing "%" are allowed, as
councils write figures. Pure Python: no Django.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_DECIMAL_PLACES = 6
LIMIT = Decimal(10) ** 12  # the database holds 12 digits before the point and 6 after

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?", re.ASCII)
# A number written plainly, as a machine writes it, within the limits below: read directly.
_PLAIN = re.compile(r"-?[0-9]{1,12}(?:\.[0-9]{1,6})?", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?", re.ASCII)


class NumberError(ValueError):
    """Text that is not a number Quarterly can store; the message is for the person who typed it.

    `code` says which rule it broke: "invalid", "max_digits" or "max_decimal_places" (the codes
    Django's forms use for the same rules).
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


def parse_number(text: str) -> Decimal:
    """Read `text` as a number, or raise NumberError saying why not."""
    if _PLAIN.fullmatch(text):  # most numbers in a large file: already known to be in range
        return Decimal(text)
    shown = text.strip()
    cleaned = shown.removeprefix("£").removesuffix("%").strip()
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        hint = ": use the digits 0-9" if any(c.isdigit() and not c.isascii() for c in shown) else ""
        raise NumberError(f'"{_clip(shown)}" is not a number{hint}.')
    try:
        number = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        raise NumberError(f'"{_clip(shown)}" is not a number.') from None
    return number_check(number, shown)


def parse_whole_number(text: str) -> int:
    """Read `text` as a whole number of 0 or more (a count, a number of places), or raise
    NumberError saying why not."""
    return whole_number_check(parse_number(text), text.strip())


def whole_number_check(number: Decimal, shown: str) -> int:
    """`number` as an int, or NumberError if it has a fraction or is negative."""
    if number != number.to_integral_value() or number < 0:
        raise NumberError(f'"{_clip(shown)}" is not a whole number of 0 or more.')
    return int(number)


def number_check(number: Decimal, shown: str | None = None) -> Decimal:
    """Refuse a number too large to store, or with more decimal places than are kept."""
    shown = _clip(shown if shown is not None else f"{number:f}")
    if not number.is_finite() or abs(number) >= LIMIT:
        raise NumberError(
            f"{shown} is too large: numbers must be below 1,000,000,000,000.", "max_digits"
        )
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES:
        raise NumberError(
            f"{shown} has more than {MAX_DECIMAL_PLACES} decimal places.", "max_decimal_places"
        )
    return number


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "\u2026"
