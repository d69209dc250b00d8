"""From the rules to what a reader sees: each point's type, the variation and assurance
icons, and the sentences that explain them (method in ``spc.py``'s docstring)."""

from __future__ import annotations

import math

from quarterly.assessment.spc_options import AssuranceIcon, PointType, SpcOptions, VariationIcon
from quarterly.assessment.spc_rules import Segment
from quarterly.assessment.wording import ValueFormat, plural


def point_type(code: int, direction: int) -> PointType:
    if code == 0:
        return "common_cause"
    v = 1 if code % 2 == 1 else -1  # odd codes are above / increasing
    if direction == 0:
        return "neutral_high" if v > 0 else "neutral_low"
    return "improvement" if v * direction > 0 else "concern"


def variation_icon(point_type: PointType, direction: int) -> VariationIcon:
    if point_type == "improvement":
        return "improvement_high" if direction > 0 else "improvement_low"
    if point_type == "concern":
        return "concern_low" if direction > 0 else "concern_high"
    return point_type


def assurance_icon(
    target: float | None, direction: int, lpl: float, upl: float, sufficient: bool
) -> AssuranceIcon:
    if target is None or math.isnan(target) or direction == 0:
        return "none"
    if not sufficient:
        return "insufficient_data"
    if target > upl:
        return "fail" if direction > 0 else "pass"
    if target < lpl:
        return "pass" if direction > 0 else "fail"
    return "hit_and_miss"


_PREFIX = {
    "improvement": "Special cause improvement",
    "concern": "Special cause concern",
    "neutral_high": "Special cause variation (high)",
    "neutral_low": "Special cause variation (low)",
    "common_cause": "Common cause variation",
}


def variation_sentence(
    y: list[float],
    g: Segment,
    code: int,
    point_type: PointType,
    sufficient: bool,
    rebased: bool,
    opts: SpcOptions,
    fmt: ValueFormat,
    period: str,
    *,
    limits: tuple[float, float] | None = None,
    bounded: tuple[bool, bool] = (False, False),
) -> str:
    """Describe the latest point of the latest segment, e.g.
    "Special cause concern: 7 quarters in a row below the average of 64.1%.".

    ``y`` runs from the segment's first point to the latest value (gaps are NaN); ``limits``
    are the process limits as shown (bounded) and ``bounded`` says which were moved to a bound.
    """
    n = len(y)
    if not sufficient:
        since = " since the limits were last reset" if rebased else ""
        count = sum(1 for v in y if not math.isnan(v))
        return (
            f"Not enough data for SPC icons: {plural(count, period)}{since}; "
            f"at least {opts.min_points} are needed."
        )
    mult = opts.limit_multiplier
    cl, amr = g.cl, g.amr
    low, high = limits if limits is not None else (cl - mult * amr, cl + mult * amr)
    prefix = _PREFIX[point_type]
    last = fmt.value(y[-1])
    if code in (1, 2):
        which = "above the upper" if code == 1 else "below the lower"
        limit = high if code == 1 else low
        return (
            f"{prefix}: the latest value, {last}, is {which} process limit of {fmt.value(limit)}."
        )
    if code in (3, 4):
        step = 1 if code == 3 else -1
        count = 1
        while (
            count < n
            and (y[n - count] > y[n - count - 1]) - (y[n - count] < y[n - count - 1]) == step
        ):
            count += 1
        word = "increasing" if step > 0 else "decreasing"
        return f"{prefix}: {plural(count, period)} in a row {word}."
    if code in (5, 6):
        count = sum(g.beyond[max(0, n - 3) : n])
        near = 2.0 * mult / 3.0 * amr
        where = f"above {fmt.value(cl + near)}" if code == 5 else f"below {fmt.value(cl - near)}"
        side = "upper" if code == 5 else "lower"
        share = "all of the last 3" if count == 3 else f"{count} of the last 3"
        return (
            f"{prefix}: {share} {period}s are close to or beyond the {side} process limit "
            f"({where})."
        )
    if code in (7, 8):
        count = 1
        while count < n and g.side[n - count - 1] == g.side[n - 1]:
            count += 1
        side = "above" if code == 7 else "below"
        return f"{prefix}: {plural(count, period)} in a row {side} the average of {fmt.value(cl)}."
    return (
        f"{prefix}: the latest value, {last}, is within the process limits "
        f"({fmt.value(low)} to {fmt.value(high)}{bound_words(low, high, bounded, fmt)}) around "
        f"the average of {fmt.value(cl)}."
    )


def bound_words(low: float, high: float, bounded: tuple[bool, bool], fmt: ValueFormat) -> str:
    """ ", the upper limit bounded at 100%" (or lower, or both), to follow the limits."""
    parts = [
        f"{side} limit bounded at {fmt.value(at)}"
        for side, at, moved in (("lower", low, bounded[0]), ("upper", high, bounded[1]))
        if moved
    ]
    return f", the {' and the '.join(parts)}" if parts else ""


def assurance_sentence(
    assurance: AssuranceIcon,
    target: float | None,
    direction: int,
    lpl: float,
    upl: float,
    fmt: ValueFormat,
    *,
    bounded: tuple[bool, bool] = (False, False),
) -> str:
    """Explain the assurance icon in one sentence (``lpl``/``upl`` as shown, ``bounded``
    saying which of them were moved to a bound)."""
    if assurance == "none":
        if direction == 0:
            return "No assurance icon: this KPI is a tracker, so it has no target."
        return "No assurance icon: no target has been set."
    if assurance == "insufficient_data":
        return "No assurance icon: there is not enough data to set reliable process limits."
    assert target is not None
    t = fmt.attributive(target)
    low, high = fmt.value(lpl), fmt.value(upl)
    if assurance == "pass":
        where = (
            f"below the lower process limit of {low}"
            if direction > 0
            else (f"above the upper process limit of {high}")
        )
        return f"Consistently passing: the {t} target is {where}, so every value is expected to meet it."
    if assurance == "fail":
        where = (
            f"above the upper process limit of {high}"
            if direction > 0
            else (f"below the lower process limit of {low}")
        )
        return (
            f"Consistently failing: the {t} target is {where}, so it will not be met without a "
            "change to the process."
        )
    return (
        f"Hit and miss: the {t} target lies within the process limits ({low} to {high}"
        f"{bound_words(lpl, upl, bounded, fmt)}), so it will be met in some periods and missed in "
        "others."
    )
