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

- **Gaps** (a period with no value, such as a suppressed count: None or NaN), as NHSRplotthedots
  treats a missing value. It has no special code for one (issue #156, open, reports surprises),
  so its behaviour is what R's missing-value rules make of R/ptd_spc_standard.R and
  R/ptd_calculate_point_type.R; we checked it by running those functions (v0.2.2, commit
  050b07d) on 94 series with gaps (tests/test_spc_gaps.py, data/nhsrplotthedots_gaps.csv):

  - the gap keeps its place in time: it counts as one of the ``fix_after_n_points`` baseline
    points (``row_number()``), and "consecutive" means next to each other in time;
  - CL is the mean of the values present (``mean(na.rm = TRUE)``); a moving range needs both of
    its points, so the two ranges beside a gap are missing and MR̄ is the mean of the others
    (``mean(na.rm = TRUE)``): no range is bridged across a gap;
  - the gap itself is on neither side of CL, inside the limits, and common cause;
  - it breaks every run and window: a shift needs ``shift_length`` consecutive points present
    on one side, a two-in-three window three consecutive points present, and a trend
    ``trend_length`` consecutive points present (a window holding a gap is missing, which
    ``case_when`` reads as not flagged). For the trend NHSRplotthedots instead **stops with an
    error** when a window holds a gap and all its known steps go one way (``if (all(d == 1))``
    on a missing value); we treat that gap as breaking the trend, as every other rule does;
  - without any moving range (no two values side by side) there are no limits, but shifts and
    trends against CL still count, as in NHSRplotthedots.

  **Differences, by choice:** the icons and sentences come from the latest *value* and
  ``min_points`` counts values, not positions (NHSRplotthedots takes the latest row, so a
  missing latest period would show common cause, and counts rows for its warning). The batch
  cannot tell a trailing gap from padding, so its per-point limits stop at the last value.
- **Bounded limits.** ``bounds`` gives the range a value can take, ``(0, 100)`` for a
  percentage or ``(0, 1)`` for a proportion (``PERCENTAGE_BOUNDS``, ``PROPORTION_BOUNDS``). A
  process limit (or two-sigma line) beyond it is shown at the bound, ``lower_bounded`` /
  ``upper_bounded`` mark it and the sentences say "the upper limit bounded at 100%". The rules
  use the limits as computed, so for values inside the range nothing else changes (a value
  cannot pass a limit that lies beyond the range). NHSRplotthedots does not bound limits
  (R/ptd_spc_standard.R); a limit of 104% on a chart of percentages only misleads.

The vectorised many-series version is ``spc_batch.spc_analyse_batch``; both give identical
results (tested). This single-series version is plain Python because numpy's per-call overhead
dominates at 36 points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.spc_icons import (
    assurance_icon,
    assurance_sentence,
    point_type,
    variation_icon,
    variation_sentence,
)
from quarterly.assessment.spc_options import (
    DEFAULT_OPTIONS,
    SIGNALS,
    AssuranceIcon,
    Bounds,
    PointType,
    Signal,
    SpcOptions,
    VariationIcon,
    check_bounds,
)
from quarterly.assessment.spc_rules import Segment
from quarterly.assessment.wording import ValueFormat


@dataclass(frozen=True)
class SpcResult:
    """SPC for one series: per-point limits, rule flags and types, icons and sentences.

    ``astronomical`` / ``shift`` / ``trend`` / ``two_in_three`` are the raw rule flags;
    ``signal`` is the label after precedence, and ``point_type`` its judgement. A gap has NaN
    in ``values``, its segment's centre line and limits, no flag and ``common_cause``.
    ``lower_bounded`` / ``upper_bounded`` say where a limit was moved to the ``bounds``.
    """

    values: tuple[float, ...]
    segment: tuple[int, ...]
    centre: tuple[float, ...]
    lower_limit: tuple[float, ...]
    upper_limit: tuple[float, ...]
    lower_two_sigma: tuple[float, ...]
    upper_two_sigma: tuple[float, ...]
    lower_bounded: tuple[bool, ...]
    upper_bounded: tuple[bool, ...]
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


def spc_analyse(
    values: Sequence[float | None],
    *,
    polarity: Polarity = "higher",
    target: float | None = None,
    rebase_at: Sequence[int] = (),
    options: SpcOptions = DEFAULT_OPTIONS,
    fmt: ValueFormat | None = None,
    period: str = "point",
    bounds: Bounds | None = None,
) -> SpcResult:
    """Run Making Data Count SPC on one series (oldest first).

    ``polarity`` is the KPI's ("higher", "lower", or "none" for a tracker, which gives neutral
    special cause and no assurance icon); ``target`` feeds the assurance icon; ``rebase_at``
    lists the indices where new limits start; ``period`` names a point in sentences
    ("quarter" → "7 quarters in a row"). A missing value (None or NaN) is a gap, handled as
    the module docstring says; the series needs at least one value. ``bounds`` (lower, upper;
    either may be None) is the range a value can take, such as ``(0, 100)`` for a percentage:
    process limits beyond it are shown at the bound and flagged.
    """
    y = [math.nan if v is None else float(v) for v in values]
    n = len(y)
    known = [i for i, v in enumerate(y) if not math.isnan(v)]
    if not known:
        raise ValueError("values must contain at least one number")
    if any(math.isinf(v) for v in y):
        raise ValueError("values must be finite (a gap is None or NaN)")
    low_bound, high_bound = check_bounds(bounds)
    direction = polarity_sign(polarity)
    starts = sorted({0, *(int(i) for i in rebase_at)})
    if starts[-1] >= n or starts[0] < 0:
        raise ValueError("rebase_at indices must lie inside the series")
    ends = [*starts[1:], n]
    segs: list[Segment] = []
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
        g = Segment(y[a:b], options)
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
    # the rules above used the limits as computed; only what is shown is bounded
    lower_bounded = [v < low_bound for v in lower]
    upper_bounded = [v > high_bound for v in upper]
    lower, lower2 = ([low_bound if v < low_bound else v for v in w] for w in (lower, lower2))
    upper, upper2 = ([high_bound if v > high_bound else v for v in w] for w in (upper, upper2))
    types = [point_type(c, direction) for c in codes]
    # icons come from the latest value and the segment it lies in (a trailing gap has none)
    last = known[-1]
    first = max(a for a in starts if a <= last)
    latest = segs[starts.index(first)]
    in_latest = sum(1 for i in known if i >= first)
    sufficient = in_latest >= options.min_points and not math.isnan(upper[last])
    variation = variation_icon(types[last], direction) if sufficient else "insufficient_data"
    assurance = assurance_icon(target, direction, lower[last], upper[last], sufficient)
    signals = tuple(SIGNALS[c] for c in codes)
    fmt = fmt or ValueFormat()
    shown = (lower[last], upper[last])
    bounded = (lower_bounded[last], upper_bounded[last])
    sentence = variation_sentence(
        y[first : last + 1],
        latest,
        codes[last],
        types[last],
        sufficient,
        len(starts) > 1,
        options,
        fmt,
        period,
        limits=shown,
        bounded=bounded,
    )
    return SpcResult(
        values=tuple(y),
        segment=tuple(segment),
        centre=tuple(centre),
        lower_limit=tuple(lower),
        upper_limit=tuple(upper),
        lower_two_sigma=tuple(lower2),
        upper_two_sigma=tuple(upper2),
        lower_bounded=tuple(lower_bounded),
        upper_bounded=tuple(upper_bounded),
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
            assurance, target, direction, *shown, fmt, bounded=bounded
        ),
    )
