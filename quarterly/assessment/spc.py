"""Statistical process control as NHS England's Making Data Count (MDC) does it: one series.

Sources (METHODS.md §4.1):

- NHSRplotthedots, the NHS-R Community's implementation of the MDC "plot the dots" logic
  (https://github.com/nhs-r-community/NHSRplotthedots): R/ptd_spc_standard.R (limits, outlier
  screening, ``fix_after_n_points``, rebase groups), R/ptd_calculate_point_type.R (rules, label
  precedence, point type), R/ptd_calculate_assurance_type.R, R/geom_ptd_icon.R (icons from the
  latest point), R/ptd_add_short_group_warnings.R, vignettes/deviations.Rmd and
  vignettes/number-of-points-required.Rmd; issues #194 (Nov 2023 two-sigma change), #202, #171,
  #143, PR #24.
- Making Data Count guide:
  https://www.england.nhs.uk/publication/making-data-count/ ("Strengthening your decisions").

The method, reimplemented from those sources (their code is not copied):

- Per segment (the series split at ``rebase_at``): baseline B = the first
  ``fix_after_n_points`` points (default: all); centre line CL = mean(B); moving ranges
  MR_i = |y_i − y_{i−1}| within B; MR̄ = mean(MR). **Outlier screening** (NHSRplotthedots
  ``screen_outliers = TRUE``, its default; the MDC Excel tools do not screen — set
  ``screen_outliers=False`` to match them): drop MR_i ≥ 3.267·MR̄ and recompute MR̄ once; CL is
  not screened. Process limits CL ± 2.66·MR̄ (**the literal 2.66 of NHSRplotthedots and MDC**,
  not 3/1.128 = 2.6596 as abspc uses); two-sigma lines CL ± (2/3)·2.66·MR̄.
- Rules on every point of the segment:
  R1 a point above the upper or below the lower process limit (strictly);
  R2 shift: ``shift_length`` (7) or more consecutive points on the same side of CL — a point
  exactly on CL breaks the run;
  R3 trend: ``trend_length`` consecutive points each higher (or each lower) than the one
  before. **Default 6 points**, the MDC Excel option (#202) that issue #195 reports the MDC tool
  flags; NHSRplotthedots uses 7 (pass ``trend_length=7`` or ``NHSRPLOTTHEDOTS``). A repeated
  value breaks a trend, as in NHSRplotthedots (PR #24 quotes guidance that a tie should neither
  add to nor cancel a trend; we follow the reference implementation so results can be checked
  against it). The direction comes from the slope, not the side of CL (fix for #171);
  R4 two of three consecutive points beyond a two-sigma line, all three on the same side of CL;
  the beyond-2σ points are flagged. **Default: the MDC rule since November 2023 (#194) — a point
  beyond the process limit also counts as beyond two sigma**; ``two_in_three="legacy"``
  reproduces NHSRplotthedots, which counts only points between 2σ and 3σ.
- Label precedence R1 > R3 > R4 > R2 (NHSRplotthedots ``case_when``). A point that meets both
  an improving and a concerning rule is classified by that precedence; the MDC Single Chart tool
  would show improvement (#194 comment) — we follow the reference implementation.
- Point type: the label's direction times the improvement direction gives improvement /
  concern; a tracker gives neutral high / low.
- Variation icon = the type of the **latest** point (NHSRplotthedots ``filter(x == max(x))``;
  not abspc's latest special-cause point anywhere, which can show a stale signal). Icon names
  follow NHSRplotthedots: improvement with higher-is-better is ``improvement_high``, concern
  with higher-is-better is ``concern_low``.
- Assurance icon, from the latest segment's limits, only with a target and a polarity:
  higher-is-better: T < LPL → ``pass``; T > UPL → ``fail``; otherwise ``hit_and_miss``
  (mirrored for lower-is-better). **Strict inequalities, as NHSRplotthedots**: a target exactly
  on a limit is hit and miss (abspc uses ≤/≥).
- **Too few points.** Icons need ``min_points`` (default **15**) points in the latest segment,
  following the product brief's reading of Making Data Count guidance; MDC's Single Chart tool
  shows icons from 13 points (#194) and NHSRplotthedots warns below 13 ("trial limits") — the
  stricter 15 is used because quarterly council KPIs rebase rarely and 13 quarters is barely
  three years. Below it the per-point rules are still returned (trial limits) but both icons
  are ``insufficient_data``. **Flat baseline:** when every moving range is 0, NHSRplotthedots
  produces missing limits (0 < 0 screens out every range); we keep MR̄ = 0, so limits equal CL.
- **Rebasing** starts a new segment at each index in ``rebase_at``; runs, trends and
  two-in-three windows never cross a segment boundary. Only the latest segment's limits feed
  the assurance icon.

The vectorised many-series version is ``spc_batch.spc_analyse_batch``; both give identical
results (tested). This single-series version is plain Python because numpy's per-call overhead
dominates at 36 points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.wording import ValueFormat, plural

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


@dataclass(frozen=True)
class SpcResult:
    """SPC for one series: per-point limits, rule flags and types, icons and sentences.

    ``astronomical`` / ``shift`` / ``trend`` / ``two_in_three`` are the raw rule flags;
    ``signal`` is the label after precedence, and ``point_type`` its judgement.
    """

    values: tuple[float, ...]
    segment: tuple[int, ...]
    centre: tuple[float, ...]
    lower_limit: tuple[float, ...]
    upper_limit: tuple[float, ...]
    lower_two_sigma: tuple[float, ...]
    upper_two_sigma: tuple[float, ...]
    astronomical: tuple[bool, ...]
    shift: tuple[bool, ...]
    trend: tuple[bool, ...]
    two_in_three: tuple[bool, ...]
    signal: tuple[Signal, ...]
    point_type: tuple[PointType, ...]
    variation: VariationIcon
    assurance: AssuranceIcon
    points_in_latest_segment: int
    sufficient_data: bool
    sentence: str
    assurance_sentence: str


def _runs_at_least(keys: list[int], length: int) -> list[bool]:
    """Flag members of maximal runs of equal non-zero keys that are ``length`` or longer."""
    n = len(keys)
    out = [False] * n
    i = 0
    while i < n:
        j = i + 1
        while j < n and keys[j] == keys[i]:
            j += 1
        if keys[i] != 0 and j - i >= length:
            for t in range(i, j):
                out[t] = True
        i = j
    return out


class _Segment:
    """Working values for one segment (plain lists: faster than numpy at this size)."""

    __slots__ = ("cl", "amr", "outside", "shift", "trend_dir", "two", "codes", "beyond", "side")

    def __init__(self, y: list[float], opts: SpcOptions) -> None:
        n = len(y)
        k = n if opts.fix_after_n_points is None else min(n, opts.fix_after_n_points)
        self.cl = cl = sum(y[:k]) / k
        mrs = [abs(y[i] - y[i - 1]) for i in range(1, k)]
        amr = sum(mrs) / len(mrs) if mrs else math.nan
        if opts.screen_outliers and amr > 0:
            kept = [m for m in mrs if m < opts.screen_multiplier * amr]
            amr = sum(kept) / len(kept)
        self.amr = amr
        false = [False] * n
        if math.isnan(amr):  # a single point: no limits, no rules
            self.outside = self.shift = self.two = self.beyond = false
            self.trend_dir = self.codes = self.side = [0] * n
            return
        half = opts.limit_multiplier * amr
        near = 2.0 * opts.limit_multiplier / 3.0 * amr
        upl, lpl, nupl, nlpl = cl + half, cl - half, cl + near, cl - near
        self.side = side = [(v > cl) - (v < cl) for v in y]
        self.outside = outside = [v > upl or v < lpl for v in y]
        if opts.two_in_three == "legacy":
            beyond = [(v > nupl or v < nlpl) and not o for v, o in zip(y, outside, strict=True)]
        else:
            beyond = [v > nupl or v < nlpl for v in y]
        self.beyond = beyond
        self.shift = shift = _runs_at_least(side, opts.shift_length)
        # d[i] is the sign of the step into point i; a trend of L points is L - 1 equal steps
        d = [0] + [(y[i] > y[i - 1]) - (y[i] < y[i - 1]) for i in range(1, n)]
        dq = _runs_at_least(d, opts.trend_length - 1)
        self.trend_dir = trend_dir = [0] * n
        for i in range(n):
            if i + 1 < n and dq[i + 1]:  # on a turning point, the trend that starts here wins
                trend_dir[i] = d[i + 1]
            elif dq[i]:
                trend_dir[i] = d[i]
        window = [
            beyond[w] + beyond[w + 1] + beyond[w + 2] >= 2
            and abs(side[w] + side[w + 1] + side[w + 2]) == 3
            for w in range(n - 2)
        ]
        self.two = two = [
            beyond[i] and any(0 <= w < n - 2 and window[w] for w in (i - 2, i - 1, i))
            for i in range(n)
        ]
        codes = [0] * n
        for i in range(n):
            up = side[i] > 0
            if outside[i]:
                codes[i] = 1 if up else 2
            elif trend_dir[i]:
                codes[i] = 3 if trend_dir[i] > 0 else 4
            elif two[i]:
                codes[i] = 5 if up else 6
            elif shift[i]:
                codes[i] = 7 if up else 8
        self.codes = codes


def spc_analyse(
    values: Sequence[float],
    *,
    polarity: Polarity = "higher",
    target: float | None = None,
    rebase_at: Sequence[int] = (),
    options: SpcOptions = DEFAULT_OPTIONS,
    fmt: ValueFormat | None = None,
    period: str = "point",
) -> SpcResult:
    """Run Making Data Count SPC on one unbroken series (oldest first).

    ``polarity`` is the KPI's ("higher", "lower", or "none" for a tracker, which gives neutral
    special cause and no assurance icon); ``target`` feeds the assurance icon; ``rebase_at``
    lists the indices where new limits start; ``period`` names a point in sentences
    ("quarter" → "7 quarters in a row"). Missing values are not allowed: MDC needs an
    unbroken series.
    """
    y = [float(v) for v in values]
    n = len(y)
    if n == 0:
        raise ValueError("values must not be empty")
    if not all(math.isfinite(v) for v in y):
        raise ValueError("values must be finite: SPC needs an unbroken series")
    direction = polarity_sign(polarity)
    starts = sorted({0, *(int(i) for i in rebase_at)})
    if starts[-1] >= n or starts[0] < 0:
        raise ValueError("rebase_at indices must lie inside the series")
    ends = [*starts[1:], n]
    segs: list[_Segment] = []
    centre: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    lower2: list[float] = []
    upper2: list[float] = []
    segment: list[int] = []
    outside: list[bool] = []
    shift: list[bool] = []
    trend: list[bool] = []
    two: list[bool] = []
    codes: list[int] = []
    mult = options.limit_multiplier
    near = 2.0 * mult / 3.0
    for s, (a, b) in enumerate(zip(starts, ends, strict=True)):
        g = _Segment(y[a:b], options)
        segs.append(g)
        m = b - a
        centre += [g.cl] * m
        lower += [g.cl - mult * g.amr] * m
        upper += [g.cl + mult * g.amr] * m
        lower2 += [g.cl - near * g.amr] * m
        upper2 += [g.cl + near * g.amr] * m
        segment += [s] * m
        outside += g.outside
        shift += g.shift
        trend += [t != 0 for t in g.trend_dir]
        two += g.two
        codes += g.codes
    types = [_point_type(c, direction) for c in codes]
    in_latest = n - starts[-1]
    sufficient = in_latest >= options.min_points and not math.isnan(upper[-1])
    variation = _variation_icon(types[-1], direction) if sufficient else "insufficient_data"
    assurance = _assurance_icon(target, direction, lower[-1], upper[-1], sufficient)
    signals = tuple(SIGNALS[c] for c in codes)
    fmt = fmt or ValueFormat()
    latest = segs[-1]
    sentence = variation_sentence(
        y[starts[-1] :],
        latest,
        codes[-1],
        types[-1],
        sufficient,
        len(starts) > 1,
        options,
        fmt,
        period,
    )
    return SpcResult(
        values=tuple(y),
        segment=tuple(segment),
        centre=tuple(centre),
        lower_limit=tuple(lower),
        upper_limit=tuple(upper),
        lower_two_sigma=tuple(lower2),
        upper_two_sigma=tuple(upper2),
        astronomical=tuple(outside),
        shift=tuple(shift),
        trend=tuple(trend),
        two_in_three=tuple(two),
        signal=signals,
        point_type=tuple(types),
        variation=variation,
        assurance=assurance,
        points_in_latest_segment=in_latest,
        sufficient_data=sufficient,
        sentence=sentence,
        assurance_sentence=assurance_sentence(
            assurance, target, direction, lower[-1], upper[-1], fmt
        ),
    )


def _point_type(code: int, direction: int) -> PointType:
    if code == 0:
        return "common_cause"
    v = 1 if code % 2 == 1 else -1  # odd codes are above / increasing
    if direction == 0:
        return "neutral_high" if v > 0 else "neutral_low"
    return "improvement" if v * direction > 0 else "concern"


def _variation_icon(point_type: PointType, direction: int) -> VariationIcon:
    if point_type == "improvement":
        return "improvement_high" if direction > 0 else "improvement_low"
    if point_type == "concern":
        return "concern_low" if direction > 0 else "concern_high"
    return point_type


def _assurance_icon(
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
    g: _Segment,
    code: int,
    point_type: PointType,
    sufficient: bool,
    rebased: bool,
    opts: SpcOptions,
    fmt: ValueFormat,
    period: str,
) -> str:
    """Describe the latest point of the latest segment, e.g.
    "Special cause concern: 7 quarters in a row below the average of 64.1%."."""
    n = len(y)
    if not sufficient:
        since = " since the limits were last reset" if rebased else ""
        return (
            f"Not enough data for SPC icons: {plural(n, period)}{since}; "
            f"at least {opts.min_points} are needed."
        )
    mult = opts.limit_multiplier
    cl, amr = g.cl, g.amr
    prefix = _PREFIX[point_type]
    last = fmt.value(y[-1])
    if code in (1, 2):
        which = "above the upper" if code == 1 else "below the lower"
        limit = cl + mult * amr if code == 1 else cl - mult * amr
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
        count = sum(g.beyond[-3:])
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
        while count < n and g.side[n - count - 1] == g.side[-1]:
            count += 1
        side = "above" if code == 7 else "below"
        return f"{prefix}: {plural(count, period)} in a row {side} the average of {fmt.value(cl)}."
    return (
        f"{prefix}: the latest value, {last}, is within the process limits "
        f"({fmt.value(cl - mult * amr)} to {fmt.value(cl + mult * amr)}) around the average of "
        f"{fmt.value(cl)}."
    )


def assurance_sentence(
    assurance: AssuranceIcon,
    target: float | None,
    direction: int,
    lpl: float,
    upl: float,
    fmt: ValueFormat,
) -> str:
    """Explain the assurance icon in one sentence."""
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
        f"Hit and miss: the {t} target lies within the process limits ({low} to {high}), so it "
        "will be met in some periods and missed in others."
    )
