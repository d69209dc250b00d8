"""Rules a result must satisfy. Each rule's docstring is its message to the person entering it.

The same rules serve the register workbook import, the result entry form and the API, so a
value refused in one place is refused everywhere with the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from quarterly.core.periods import Period, PeriodKind


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


# The kinds of period a KPI of each frequency reports. Annual KPIs report financial years, or
# calendar years where the national source publishes them so; "other" frequencies take any.
FREQUENCY_PERIOD_KINDS: dict[str, tuple[PeriodKind, ...]] = {
    "monthly": (PeriodKind.MONTH,),
    "quarterly": (PeriodKind.QUARTER,),
    "annual": (PeriodKind.FINANCIAL_YEAR, PeriodKind.CALENDAR_YEAR),
    "other": tuple(PeriodKind),
}
_KIND_WORDS = {
    PeriodKind.MONTH: 'a month ("June 2024")',
    PeriodKind.QUARTER: 'a quarter ("2024/25 Q2")',
    PeriodKind.FINANCIAL_YEAR: 'a financial year ("2024/25")',
    PeriodKind.CALENDAR_YEAR: 'a calendar year ("2024")',
}


def period_frequency_breach(*, frequency: str, period: Period) -> str | None:
    """A result's period must be of the kind the KPI's frequency reports."""
    kinds = FREQUENCY_PERIOD_KINDS.get(frequency, tuple(PeriodKind))
    if period.kind in kinds:
        return None
    wanted = " or ".join(_KIND_WORDS[kind] for kind in kinds)
    how = {"annual": "annually"}.get(frequency, frequency)
    return f"This KPI is reported {how}, so its period must be {wanted}, not {period.label}."


def period_not_started_breach(*, period: Period, today: dt.date) -> str | None:
    """Results cannot be entered for a period that has not started."""
    if period.start <= today:
        return None
    return f"{period.label} has not started yet: results cannot be entered for future periods."


def period_publish_breach(*, period: Period, today: dt.date) -> str | None:
    """A result can be published only once its period has ended."""
    if period.end < today:
        return None
    return f"{period.label} has not ended yet, so its result cannot be published."
