"""What SPC can say and the options that tune it (the choices are in ``spc.py``'s docstring).

The signals, point types and icons are shared with the batch API, which returns small-integer
codes into the tuples here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Signal = Literal[
    "common_cause",
    "above_upper_limit",
    "below_lower_limit",
    "trend_increasing",
    "trend_decreasing",
    "two_in_three_above",
    "two_in_three_below",
    "shift_above",
    "shift_below",
]
PointType = Literal["common_cause", "improvement", "concern", "neutral_high", "neutral_low"]
VariationIcon = Literal[
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
    "insufficient_data",
]
AssuranceIcon = Literal["pass", "fail", "hit_and_miss", "none", "insufficient_data"]

# Codes shared with the batch API (index into these tuples).
SIGNALS: tuple[Signal, ...] = (
    "common_cause",
    "above_upper_limit",
    "below_lower_limit",
    "trend_increasing",
    "trend_decreasing",
    "two_in_three_above",
    "two_in_three_below",
    "shift_above",
    "shift_below",
)
POINT_TYPES: tuple[PointType, ...] = (
    "common_cause",
    "improvement",
    "concern",
    "neutral_high",
    "neutral_low",
)
VARIATION_ICONS: tuple[VariationIcon, ...] = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
    "insufficient_data",
)
ASSURANCE_ICONS: tuple[AssuranceIcon, ...] = (
    "none",
    "pass",
    "fail",
    "hit_and_miss",
    "insufficient_data",
)


@dataclass(frozen=True)
class SpcOptions:
    """Tunable parts of the method; the defaults are documented in the module docstring."""

    screen_outliers: bool = True
    fix_after_n_points: int | None = None
    shift_length: int = 7
    trend_length: int = 6
    two_in_three: Literal["mdc_2023", "legacy"] = "mdc_2023"
    limit_multiplier: float = 2.66
    screen_multiplier: float = 3.267
    min_points: int = 15

    def __post_init__(self) -> None:
        if self.fix_after_n_points is not None and self.fix_after_n_points < 2:
            raise ValueError("fix_after_n_points must be at least 2")
        if self.shift_length < 2 or self.trend_length < 3:
            raise ValueError("shift_length must be ≥ 2 and trend_length ≥ 3")
        if self.two_in_three not in ("mdc_2023", "legacy"):
            raise ValueError("two_in_three must be 'mdc_2023' or 'legacy'")
        if self.min_points < 2:
            raise ValueError("min_points must be at least 2")


DEFAULT_OPTIONS = SpcOptions()
NHSRPLOTTHEDOTS = SpcOptions(trend_length=7, two_in_three="legacy", min_points=13)
"""NHSRplotthedots' own behaviour (7-point trend, pre-Nov-2023 two-in-three, warns below 13)."""
MDC_EXCEL = SpcOptions(screen_outliers=False)
"""The Making Data Count Excel tools: no moving-range screening (vignettes/deviations.Rmd)."""

Bounds = tuple[float | None, float | None]
"""The range a value can take, (lower, upper); None on a side means unbounded."""
PERCENTAGE_BOUNDS: Bounds = (0.0, 100.0)
PROPORTION_BOUNDS: Bounds = (0.0, 1.0)


def check_bounds(bounds: Bounds | None) -> tuple[float, float]:
    """The bounds as two floats (±inf where a side is open: None or NaN); refuses an empty
    range."""
    if bounds is None:
        return -math.inf, math.inf
    if len(bounds) != 2:
        raise ValueError("bounds must be (lower, upper)")
    low, high = (math.nan if b is None else float(b) for b in bounds)
    low = -math.inf if math.isnan(low) else low
    high = math.inf if math.isnan(high) else high
    if not low < high:
        raise ValueError("bounds must be (lower, upper) with lower below upper")
    return low, high
