"""Rules a result must satisfy. Each rule's docstring is its message to the person entering it.

The same rules serve the register workbook import, the result entry form and the API, so a
value refused in one place is refused everywhere with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ResultValues:
    unit: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None


@dataclass(frozen=True)
class Breach:
    field: str
    message: str


def _plain(number: Decimal) -> str:
    """A number as a person typed it: 2000, not 2000.000000."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _is_whole(number: Decimal) -> bool:
    return number == number.to_integral_value()


def result_breaches(values: ResultValues) -> list[Breach]:
    """Every rule the values break, each against the field a person would correct."""
    breaches: list[Breach] = []
    value = values.value
    if value is None:
        return [Breach("value", "Enter a value.")]
    if values.unit == "percentage" and not (0 <= value <= 100):
        breaches.append(
            Breach("value", f"A percentage must be between 0 and 100; {_plain(value)} is not.")
        )
    if values.unit == "count":
        if value < 0:
            breaches.append(Breach("value", f"A count cannot be negative; {_plain(value)} is."))
        elif not _is_whole(value):
            breaches.append(
                Breach("value", f"A count must be a whole number; {_plain(value)} is not.")
            )
    if values.unit in {"rate", "days"} and value < 0:
        breaches.append(Breach("value", f"This value cannot be negative; {_plain(value)} is."))
    numerator, denominator = values.numerator, values.denominator
    if (numerator is None) != (denominator is None):
        missing = "denominator" if denominator is None else "numerator"
        breaches.append(
            Breach(
                missing,
                f"Enter both numerator and denominator, or neither; the {missing} is missing.",
            )
        )
    if denominator is not None and denominator <= 0:
        breaches.append(Breach("denominator", "The denominator must be greater than 0."))
    if numerator is not None and numerator < 0:
        breaches.append(Breach("numerator", "The numerator cannot be negative."))
    if (
        values.unit == "percentage"
        and numerator is not None
        and denominator is not None
        and numerator > denominator
    ):
        breaches.append(
            Breach(
                "numerator",
                f"The numerator ({_plain(numerator)}) cannot be larger than the denominator ({_plain(denominator)}).",
            )
        )
    lower, upper = values.lower_ci, values.upper_ci
    if (lower is None) != (upper is None):
        breaches.append(
            Breach(
                "lower_ci" if lower is None else "upper_ci",
                "Enter both confidence limits, or neither.",
            )
        )
    elif lower is not None and upper is not None:
        if lower > upper:
            breaches.append(
                Breach("lower_ci", "The lower confidence limit cannot be above the upper one.")
            )
        elif not (lower <= value <= upper):
            breaches.append(Breach("value", "The value must lie within its confidence interval."))
    return breaches
