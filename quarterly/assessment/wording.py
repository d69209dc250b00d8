"""Plain-English numbers for assessment sentences.

Every judgement in this package returns a sentence computed from its numbers, such as
"Red: 61.2% is 3.8 points below the 65% target, beyond the 2-point tolerance." The sentence must
read sensibly for each KPI unit in DESIGN.md (percentage, count, rate per N, currency, days,
score), so values and differences are formatted here, once:

- a *value* keeps the KPI's decimal places ("61.2%"); targets and thresholds, which people type
  as round numbers, drop trailing zeros ("65%");
- a *difference* between two percentages is in percentage **points** (GOV.UK style guide,
  "Percentages": https://www.gov.uk/guidance/style-guide/a-to-z-of-gov-uk-style#percentages);
  other units keep their own unit ("£1,200", "3 days", "4.1 per 100,000").

A council can pass its own callables when these defaults do not fit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Unit = Literal["percentage", "count", "rate", "currency", "days", "score", "number"]


def _number(x: float, places: int, *, trim: bool = False) -> str:
    text = f"{abs(x):,.{places}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return "1 quarter" / "7 quarters"."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


@dataclass(frozen=True)
class ValueFormat:
    """How a KPI's numbers are written in sentences.

    ``unit`` and ``decimal_places`` come from the KPI's supporting information; ``per`` is the
    rate multiplier (e.g. 100000 for "per 100,000"). ``format_value`` / ``format_difference``
    replace the built-in wording entirely when given (they receive the unsigned magnitude for
    differences).
    """

    unit: Unit = "number"
    decimal_places: int = 1
    per: int | None = None
    currency_symbol: str = "£"
    format_value: Callable[[float], str] | None = None
    format_difference: Callable[[float], str] | None = None

    def __post_init__(self) -> None:
        if self.decimal_places < 0:
            raise ValueError("decimal_places must not be negative")

    def round(self, x: float) -> float:
        """Round to the published precision (the KPI's decimal places)."""
        return round(x, self.decimal_places)

    def value(self, x: float, *, trim: bool = False) -> str:
        """Write a value in the KPI's unit, e.g. "61.2%", "£1,234", "45.2 per 100,000"."""
        if self.format_value is not None:
            return self.format_value(x)
        if math.isnan(x):
            return "no value"
        sign = "-" if x < 0 and self.round(x) != 0 else ""
        number = _number(x, self.decimal_places, trim=trim)
        if self.unit == "percentage":
            return f"{sign}{number}%"
        if self.unit == "currency":
            return f"{sign}{self.currency_symbol}{number}"
        if self.unit == "rate" and self.per:
            return f"{sign}{number} per {self.per:,}"
        if self.unit == "days":
            return f"{sign}{number} {'day' if number == '1' else 'days'}"
        return f"{sign}{number}"

    def difference(self, d: float, *, trim: bool = False) -> str:
        """Write the size of a difference (always unsigned), e.g. "3.8 points", "£1,200"."""
        d = abs(d)
        if self.format_difference is not None:
            return self.format_difference(d)
        if self.unit == "percentage":
            number = _number(d, self.decimal_places, trim=trim)
            return f"{number} {'point' if number == '1' else 'points'}"
        return self.value(d, trim=trim)

    def attributive(self, x: float) -> str:
        """Write a target before a noun: "the 65% target", "the 10-day target"."""
        if self.format_value is None and self.unit == "days":
            sign = "-" if x < 0 else ""
            return f"{sign}{_number(x, self.decimal_places, trim=True)}-day"
        return self.value(x, trim=True)

    def threshold(self, d: float) -> str:
        """Write a tolerance or materiality as an adjective: "2-point", "£500", "3-day"."""
        d = abs(d)
        if self.format_difference is not None:
            return self.format_difference(d)
        number = _number(d, self.decimal_places, trim=True)
        if self.unit == "percentage":
            return f"{number}-point"
        if self.unit == "days":
            return f"{number}-day"
        return self.value(d, trim=True)


PERCENTAGE = ValueFormat(unit="percentage", decimal_places=1)
"""The most common KPI format: a percentage to one decimal place."""
