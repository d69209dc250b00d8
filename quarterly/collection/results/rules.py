"""Rules a result must satisfy. Each rule's docstring is its message to the person entering it.

The same rules serve the register workbook import, the result entry form and the API, so a
value refused in one place is refused everywhere with the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from quarterly.collection.results.consistency import (
    HUNDRED,
    Implied,
    agrees,
    counts_scale,
    implied_value,
    looks_like_proportion,
    written_places,
)
from quarterly.core.periods import Period, PeriodKind
from quarterly.core.suppression import SUPPRESSION_MARKS_WORDS


@dataclass(frozen=True)
class ResultValues:
    """A result's figures as they will be stored (`gaps.figures_resolve` has turned marks and
    zero denominators into no value and a reason), with what the checks need to know of the KPI
    and the upload: its rate base, the rounding of its counts and its usual level."""

    unit: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None
    missing_reason: str = ""
    rate_per: int | None = None
    counts_rounded_to: int | None = None
    # A directly standardised rate is the published rate, not N x numerator / denominator: its
    # counts are kept but not checked against it.
    standardised_rate: bool = False
    # The median of the KPI's values for its other periods (`consistency.median`), if any.
    history_median: Decimal | None = None


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
    breaches = _value_breaches(values) + _count_breaches(values)
    if not breaches and values.value is not None:
        # Only figures that are each valid are compared: one message for one mistake.
        breaches = _agreement_breaches(values, values.value)
    lower, upper, value = values.lower_ci, values.upper_ci, values.value
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
        elif value is not None and not (lower <= value <= upper):
            breaches.append(Breach("value", "The value must lie within its confidence interval."))
    return breaches


NO_VALUE = (
    "Enter a value. If the figure is withheld or not available, enter the source's mark "
    f"({SUPPRESSION_MARKS_WORDS}) or the reason a figure is missing."
)


def _value_breaches(values: ResultValues) -> list[Breach]:
    value = values.value
    if value is None:
        return [] if values.missing_reason else [Breach("value", NO_VALUE)]
    breaches: list[Breach] = []
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
    if values.missing_reason and values.numerator is not None and values.denominator is not None:
        breaches.append(
            Breach(
                "missing_reason",
                "The value, numerator and denominator are all given, so no figure is missing: "
                "leave the reason empty (a data-quality note can say more).",
            )
        )
    return breaches


def _count_breaches(values: ResultValues) -> list[Breach]:
    breaches: list[Breach] = []
    numerator, denominator = values.numerator, values.denominator
    if (numerator is None) != (denominator is None) and not values.missing_reason:
        missing = "denominator" if denominator is None else "numerator"
        breaches.append(
            Breach(
                missing,
                f"Enter both numerator and denominator, or neither; the {missing} is missing. "
                f"If the source withheld it, enter its mark ({SUPPRESSION_MARKS_WORDS}).",
            )
        )
    if denominator is not None and denominator < 0:
        breaches.append(Breach("denominator", "The denominator cannot be negative."))
    if numerator is not None and numerator < 0:
        breaches.append(Breach("numerator", "The numerator cannot be negative."))
    rounding = Decimal(values.counts_rounded_to or 0)
    if (
        values.unit == "percentage"
        and numerator is not None
        and denominator is not None
        and denominator > 0  # a zero or negative one has its own message
        and numerator > denominator + rounding
    ):
        breaches.append(
            Breach(
                "numerator",
                f"The numerator ({_plain(numerator)}) cannot be larger than the denominator "
                f"({_plain(denominator)}){_rounding_words(values.counts_rounded_to, ', even with')}.",
            )
        )
    return breaches


def _rounding_words(rounded_to: int | None, lead: str) -> str:
    return f"{lead} counts rounded to the nearest {rounded_to:,}" if rounded_to else ""


def _agreement_breaches(values: ResultValues, value: Decimal) -> list[Breach]:
    """The value against its counts, and a proportion sent to a percentage KPI
    (`consistency`'s module docstring has the rule)."""
    numerator, denominator = values.numerator, values.denominator
    scale = counts_scale(values.unit, values.rate_per)
    if denominator == 0:
        return [
            Breach(
                "value",
                f"Value {_plain(value)} but the denominator is 0, so numerator/denominator give "
                "no figure. Leave the value empty: a zero denominator is stored as no value.",
            )
        ]
    implied = None
    if (
        scale is not None and not values.standardised_rate
        and numerator is not None and denominator is not None and denominator > 0
    ):  # fmt: skip
        implied = implied_value(scale, numerator, denominator, values.counts_rounded_to)
    if values.unit == "percentage" and looks_like_proportion(value, implied, values.history_median):
        return [Breach("value", _proportion_message(value, implied, values.history_median))]
    if implied is None or agrees(value, implied):
        return []
    return [Breach("value", _disagreement_message(value, implied, scale, numerator, denominator))]


def counts_disagreement(
    value: Decimal, numerator: Decimal, denominator: Decimal, *, scale: Decimal,
    rounded_to: int | None, rounding_named: str = "counts rounded to",
    stored_within: Decimal = Decimal(0),
) -> str | None:  # fmt: skip
    """Why `value` is not `scale` × numerator ÷ denominator within the counts' rounding (and
    the value's own), giving both figures; None when it agrees or the denominator is not
    positive. For figures whose unit the caller knows (the national values import), which names
    its own way of giving the rounding, and how far storing may have moved the value
    (`stored_within`)."""
    if denominator <= 0:
        return None
    implied = implied_value(scale, numerator, denominator, rounded_to)
    if agrees(value, implied, stored_within=stored_within):
        return None
    return _disagreement_message(value, implied, scale, numerator, denominator, rounding_named)


def _shown(number: Decimal, places: int) -> str:
    return f"{number:,.{places}f}"


def _disagreement_message(
    value: Decimal, implied: Implied, scale: Any, numerator: Any, denominator: Any,
    rounding_named: str = "counts rounded to",
) -> str:  # fmt: skip
    places = max(written_places(value), 1)
    times = f" × {_plain(scale)}" if scale != 1 else ""
    working = f"{_plain(numerator)} ÷ {_plain(denominator)}{times}"
    if implied.rounded_to:
        high = _shown(implied.high, places) if implied.high is not None else "any higher figure"
        working += (
            f"; between {_shown(implied.low, places)} and {high}"
            f"{_rounding_words(implied.rounded_to, ' with')}"
        )
    message = (
        f"Value {_plain(value)} but numerator/denominator give {_shown(implied.exact, places)} "
        f"({working}). Correct the value or the counts."
    )
    if not implied.rounded_to:
        message += f" If the source rounds its counts, give the rounding ({rounding_named})."
    return message


def _proportion_message(value: Decimal, implied: Implied | None, history: Decimal | None) -> str:
    percent = value * HUNDRED
    places = max(written_places(percent), 1)
    if implied is not None:
        evidence = f"numerator/denominator give {_shown(implied.exact, places)}%"
    else:
        evidence = f"this KPI's other results have a median of {_shown(history or Decimal(0), 1)}"
    message = (
        f"Value {_plain(value)} looks like a proportion (0 to 1), not a percentage: {evidence}. "
        f"Enter percentages from 0 to 100: multiply by 100 ({_plain(percent)})."
    )
    if implied is None:
        message += (
            f" If it really is {_plain(value)}%, give the numerator and denominator that show it."
        )
    return message


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
