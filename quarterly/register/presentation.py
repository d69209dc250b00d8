"""How a KPI's figures read on a page: decimal places, units, and its results as chart points."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from quarterly.core.charts import SpcPoint
from quarterly.register.models import KPI, Target, Unit


def format_value(kpi: KPI, value: Decimal | float | None, *, with_unit: bool = True) -> str:
    """A value rounded half-up to the KPI's decimal places (as councils round), with its unit."""
    if value is None:
        return "–"
    step = Decimal(1).scaleb(-kpi.decimal_places)
    rounded = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{kpi.decimal_places}f}"
    if not with_unit:
        return text
    if kpi.unit == Unit.PERCENTAGE:
        return f"{text}%"
    if kpi.unit == Unit.CURRENCY:
        return f"£{text}" if rounded >= 0 else f"-£{text[1:]}"
    if kpi.unit == Unit.DAYS:
        return f"{text} days"
    return text


def result_value_text(kpi: KPI, value: Decimal | float | None, missing_reason: str = "") -> str:
    """A result's value as a page or report shows it; a period with no value says so, with its
    reason, and is never shown as 0."""
    if value is not None:
        return format_value(kpi, value)
    return f"No value: {missing_reason}" if missing_reason else "No value"


def _count(value: Decimal | None) -> str:
    """A numerator or denominator as recorded: whole numbers without decimals."""
    if value is None:
        return ""
    normal = value.normalize()
    return f"{normal:,.0f}" if normal == normal.to_integral_value() else f"{normal:,f}"


def unit_suffix(kpi: KPI) -> str:
    return "%" if kpi.unit == Unit.PERCENTAGE else ""


def target_text(kpi: KPI, target: Target) -> str:
    if target.kind == Target.Kind.DIRECTION:
        return f"{target.get_direction_display()} (interim direction target)"
    text = format_value(kpi, target.value)
    if target.tolerance:
        text += f", tolerance {format_value(kpi, target.tolerance, with_unit=False)}"
    return text


def result_rows(kpi: KPI) -> list[dict[str, Any]]:
    """The KPI's results for its page, with each period's value target where there is one."""
    targets = {t.financial_year: t for t in kpi.targets.all()}
    rows = []
    for result in kpi.results.all():
        period = result.period
        target = targets.get(period.fy)
        rows.append(
            {
                "result": result,
                "period": period,
                "value": format_value(kpi, result.value),
                "missing_reason": result.missing_reason,
                "numerator": _count(result.numerator),
                "denominator": _count(result.denominator),
                "interval": (
                    f"{format_value(kpi, result.lower_ci)} to {format_value(kpi, result.upper_ci)}"
                    if result.lower_ci is not None and result.upper_ci is not None
                    else ""
                ),
                "target": target,
                "target_value": target.value
                if target and target.kind == Target.Kind.VALUE
                else None,
            }
        )
    return rows


SIGNAL_WORDS = {
    "common_cause": "Common cause",
    "above_upper_limit": "Above the upper process limit",
    "below_lower_limit": "Below the lower process limit",
    "trend_increasing": "Part of an increasing trend",
    "trend_decreasing": "Part of a decreasing trend",
    "two_in_three_above": "Two of three points near the upper limit",
    "two_in_three_below": "Two of three points near the lower limit",
    "shift_above": "Part of a run above the mean",
    "shift_below": "Part of a run below the mean",
}
_POINT_KIND = {
    "common_cause": "common",
    "improvement": "improvement",
    "concern": "concern",
    "neutral_high": "neutral",
    "neutral_low": "neutral",
}
RAG_TAGS = {
    "green": "app-tag--green",
    "amber": "app-tag--amber",
    "red": "app-tag--red",
    "not_rated": "app-tag--not-rated",
}
TRAVEL_WORDS = {
    "improved": "Improved",
    "worsened": "Worsened",
    "no_change": "No change",
    "increased": "Increased",
    "decreased": "Decreased",
    "not_comparable": "Not comparable",
}
VARIATION_WORDS = {
    "common_cause": "Common cause variation",
    "improvement_high": "Special cause improvement (high)",
    "improvement_low": "Special cause improvement (low)",
    "concern_high": "Special cause concern (high)",
    "concern_low": "Special cause concern (low)",
    "neutral_high": "Special cause (high), neither better nor worse",
    "neutral_low": "Special cause (low), neither better nor worse",
    "insufficient_data": "Too few points for SPC icons",
}
ASSURANCE_WORDS = {
    "pass": "Consistently meeting the target",
    "fail": "Consistently missing the target",
    "hit_and_miss": "Hit and miss: the target is within the process limits",
    "none": "No target to assure against",
    "insufficient_data": "Too few points for an assurance icon",
}


def _figure(value: float) -> float | None:
    """A figure for a page: None where SPC has none (NaN, e.g. a gap's value)."""
    return None if math.isnan(value) else value


def spc_rows(kpi: KPI, judgement: Any) -> list[dict[str, Any]]:
    """One row per SPC point, for the chart and its table; `recalculated` holds the reason
    where limits start again (an accepted recalculation point). A period without a value (a
    gap) has value None, kind "gap" and the signal "No value"; a limit moved to the possible
    range (0–100% for a percentage) has its bound in `lower_bound` / `upper_bound` and says
    so in `bound_note`."""
    spc = judgement.spc
    breaks = {b.index: b.reason for b in getattr(judgement, "recalculations", ())}
    rows = []
    for i, period in enumerate(judgement.spc_periods):
        figures = {
            key: _figure(getattr(spc, attr)[i])
            for key, attr in (
                ("value", "values"),
                ("centre", "centre"),
                ("lower", "lower_limit"),
                ("upper", "upper_limit"),
            )
        }
        gap = figures["value"] is None
        lower_bound = figures["lower"] if spc.lower_bounded[i] else None
        upper_bound = figures["upper"] if spc.upper_bounded[i] else None
        rows.append(
            {
                "period": period.label,
                **figures,
                "kind": "gap" if gap else _POINT_KIND[spc.point_type[i]],
                "signal": "No value" if gap else SIGNAL_WORDS[spc.signal[i]],
                "recalculated": breaks.get(i, ""),
                "lower_bound": lower_bound,
                "upper_bound": upper_bound,
                "bound_note": "; ".join(
                    f"{side} limit bounded at {format_value(kpi, at)}"
                    for side, at in (("Lower", lower_bound), ("Upper", upper_bound))
                    if at is not None
                ),
                "display": {
                    key: "No value" if key == "value" and gap else format_value(kpi, figure)
                    for key, figure in figures.items()
                },
            }
        )
    return rows


def spc_points(rows: list[dict[str, Any]]) -> list[SpcPoint]:
    """The rows of ``spc_rows`` as points of the SPC chart."""
    return [
        SpcPoint(
            r["period"],
            r["value"],
            r["centre"],
            r["lower"],
            r["upper"],
            r["kind"],
            r["signal"],
            r["recalculated"],
            r["lower_bound"],
            r["upper_bound"],
        )  # fmt: skip
        for r in rows
    ]
