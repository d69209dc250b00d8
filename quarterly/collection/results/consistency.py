"""Does a result's value agree with its numerator and denominator? (Pure: no Django.)

National statistics round their counts for disclosure control (often to the nearest 5) and
publish values rounded to a few decimal places, so "agree" needs a rule. Quarterly's:

- **What the counts give.** A percentage is 100 × numerator ÷ denominator; a rate per N is
  N × numerator ÷ denominator; days, scores and money are numerator ÷ denominator (an average).
  A count's numerator and denominator are not checked against it: no sum relates them.
- **Counts rounded to R** (the KPI's "counts rounded to", or the upload's setting) may each be
  up to R/2 away from the true count, so the counts give a range: from
  scale × max(numerator − R/2, 0) ÷ (denominator + R/2) to
  scale × (numerator + R/2) ÷ (denominator − R/2), unbounded above when the denominator could be
  0. Without rounding the range is the one figure.
- **The value is rounded too**: it may be up to half a unit of its last written decimal place
  away (45.2 covers 45.15 to 45.25; 45 covers 44.5 to 45.5).
- The value agrees when it lies within the range widened by that half unit. Nothing more is
  allowed, so a difference that rounding cannot explain is refused with both figures.
- A **directly standardised rate** (a KPI flagged `standardised_rate`: an age-standardised
  mortality rate, say) is the published rate, weighted to a standard population, so it is not
  N × numerator ÷ denominator: its counts are stored and shown but not checked against it.

A **proportion sent to a percentage KPI**: a value above 0 and at most 1 for a percentage KPI is
taken to be a 0–1 proportion, and refused, when
  (a) the row's numerator and denominator are given and agree with 100 × the value but not with
      the value itself, or
  (b) no counts are given and the median of the KPI's values for its other periods is 10 or
      more ("its history is in the tens").
Counts that agree with the value as a percentage always settle it, so a real value of 1% or less
for such a KPI is entered with the numerator and denominator that show it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
PROPORTION_MAX = Decimal(1)
HISTORY_IN_THE_TENS = Decimal(10)
_AVERAGES = {"days", "score", "currency"}


def counts_scale(unit: str, rate_per: int | None) -> Decimal | None:
    """What numerator ÷ denominator is multiplied by to give the value; None where the counts
    are not checked against the value (counts, or a rate without its base)."""
    if unit == "percentage":
        return HUNDRED
    if unit == "rate":
        return Decimal(rate_per) if rate_per else None
    return Decimal(1) if unit in _AVERAGES else None


def written_places(number: Decimal) -> int:
    """The decimal places `number` is written to, trailing zeros aside (45.20 → 1, 40 → 0)."""
    exponent = number.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def half_unit(number: Decimal) -> Decimal:
    """Half a unit of the last decimal place `number` is written to: how far rounding moved it."""
    return Decimal(5).scaleb(-written_places(number) - 1)


@dataclass(frozen=True)
class Implied:
    """The value a result's counts give: `exact` from the counts as written, and the range
    `low`..`high` the true counts allow within their rounding (`high` None: unbounded)."""

    exact: Decimal
    low: Decimal
    high: Decimal | None
    rounded_to: int | None


def implied_value(
    scale: Decimal, numerator: Decimal, denominator: Decimal, rounded_to: int | None
) -> Implied:
    """The value numerator and denominator give (denominator > 0)."""
    half = Decimal(rounded_to or 0) / 2
    exact = scale * numerator / denominator
    low = scale * max(numerator - half, Decimal(0)) / (denominator + half)
    high = scale * (numerator + half) / (denominator - half) if denominator > half else None
    return Implied(exact, low, high, rounded_to)


def agrees(value: Decimal, implied: Implied, *, stored_within: Decimal = Decimal(0)) -> bool:
    """Whether `value` lies within what the counts allow, give or take its own rounding (and
    `stored_within`, how far storing may have moved it from the figure the source wrote)."""
    slack = half_unit(value) + stored_within
    if value < implied.low - slack:
        return False
    return implied.high is None or value <= implied.high + slack


def looks_like_proportion(
    value: Decimal, implied: Implied | None, history_median: Decimal | None
) -> bool:
    """Rule (a) or (b) of the module docstring, for a percentage KPI's value."""
    if not (0 < value <= PROPORTION_MAX):
        return False
    if implied is not None:
        return not agrees(value, implied) and agrees(value * HUNDRED, implied)
    return history_median is not None and history_median >= HISTORY_IN_THE_TENS


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    """The median of the values given (None skipped), or None if there are none."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None
