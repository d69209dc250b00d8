"""Statistical process control for many series at once (vectorised with numpy).

Same method, options and defaults as ``spc.py`` (Making Data Count as NHSRplotthedots
implements it — https://github.com/nhs-r-community/NHSRplotthedots, R/ptd_spc_standard.R and
R/ptd_calculate_point_type.R; the module docstring of ``spc.py`` records every choice). This
module only changes *how* it is computed: every rule runs on a 2-D array (series × points)
without a Python loop over series, so benchmarking data for every authority and indicator is
classified in one call.

How the loops disappear:

- Means and mean moving ranges are running sums along each row; with rebasing, each (series,
  segment) pair gets a group id (its segment start repeated along it) and ``np.bincount``
  sums over those ids. Both add left to right, like the single-series code, so the two agree
  to the last bit.
- More than ``_ROWS`` series run a block of series at a time, the results joined: the
  temporaries of 10,000 series are megabytes each, and fresh memory from the system costs
  more than the arithmetic on it (``benchmarks/assessment_bench.py``).
- Runs (shift: equal side of the centre line; trend: equal step signs) are found with L
  shifted slices over all series at once: a run of L ends where L - 1 consecutive "same as
  before" flags are set, and its members are the L points before that end.
- Two-of-three windows are three shifted slices.

Series may have different lengths: pad the end of shorter series with NaN. A NaN with a value
after it is a gap, handled as ``spc.py``'s docstring says ("Gaps"): it keeps its position, counts
in no mean and in no moving range, and breaks every run and window. A NaN after a series' last
value cannot be told from padding, so the per-point arrays stop at each series' last value
(NaN / -1 after it), where the single-series API would still show the segment's limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.spc_options import (
    ASSURANCE_ICONS,
    DEFAULT_OPTIONS,
    POINT_TYPES,
    SIGNALS,
    VARIATION_ICONS,
    Bounds,
    SpcOptions,
)

_I8 = np.int8


@dataclass(frozen=True)
class SpcBatchResult:
    """SPC for many series. Per-point arrays are (series, points); padding is NaN / -1.

    A gap has its segment's centre line and limits, no rule flag, signal 0 and point type -1
    (no value: the single-series API says ``common_cause``, as NHSRplotthedots labels a missing
    row). ``lower_bounded`` / ``upper_bounded`` say where a limit was moved to the ``bounds``.

    ``signal``, ``point_type``, ``variation`` and ``assurance`` are small-integer codes into
    ``SIGNALS``, ``POINT_TYPES``, ``VARIATION_ICONS`` and ``ASSURANCE_ICONS`` (from
    ``spc_options.py``); the ``*_names`` methods turn them into the same strings as the
    single-series API.
    """

    centre: NDArray[np.float64]
    lower_limit: NDArray[np.float64]
    upper_limit: NDArray[np.float64]
    lower_two_sigma: NDArray[np.float64]
    upper_two_sigma: NDArray[np.float64]
    lower_bounded: NDArray[np.bool_]
    upper_bounded: NDArray[np.bool_]
    astronomical: NDArray[np.bool_]
    shift: NDArray[np.bool_]
    trend: NDArray[np.bool_]
    two_in_three: NDArray[np.bool_]
    signal: NDArray[np.int8]
    point_type: NDArray[np.int8]
    segment: NDArray[np.int64]
    n_points: NDArray[np.int64]
    points_in_latest_segment: NDArray[np.int64]
    sufficient_data: NDArray[np.bool_]
    variation: NDArray[np.int8]
    assurance: NDArray[np.int8]

    def signal_names(self) -> NDArray[np.str_]:
        return np.asarray(SIGNALS)[self.signal]

    def point_type_names(self) -> NDArray[np.str_]:
        """Point types as strings; padding is "" (code -1)."""
        return np.asarray((*POINT_TYPES, ""))[self.point_type]

    def variation_names(self) -> NDArray[np.str_]:
        return np.asarray(VARIATION_ICONS)[self.variation]

    def assurance_names(self) -> NDArray[np.str_]:
        return np.asarray(ASSURANCE_ICONS)[self.assurance]


def _directions(polarity: Polarity | Sequence[Polarity] | ArrayLike, s: int) -> NDArray[np.int8]:
    if isinstance(polarity, str):
        return np.full(s, polarity_sign(polarity), dtype=_I8)  # type: ignore[arg-type]
    arr = np.asarray(polarity)
    if arr.dtype.kind in "US":
        arr = np.array([polarity_sign(p) for p in arr.tolist()])
    if arr.shape != (s,) or not np.isin(arr, (-1, 0, 1)).all():
        raise ValueError("polarity must be one word or one of +1/-1/0 per series")
    return arr.astype(_I8)


def _bounds(
    bounds: Bounds | Sequence[Bounds] | ArrayLike | None, s: int
) -> tuple[NDArray[np.float64], ...]:
    """Lower and upper bound per series (±inf where open)."""
    if bounds is None:
        return np.full(s, -np.inf), np.full(s, np.inf)
    arr = np.asarray(bounds, dtype=np.float64)  # None → NaN: an open side
    if arr.shape == (2,):
        arr = np.broadcast_to(arr, (s, 2))
    if arr.shape != (s, 2):
        raise ValueError("bounds must be one (lower, upper) pair or one per series")
    low = np.where(np.isnan(arr[:, 0]), -np.inf, arr[:, 0])
    high = np.where(np.isnan(arr[:, 1]), np.inf, arr[:, 1])
    if not (low < high).all():
        raise ValueError("bounds must be (lower, upper) with lower below upper")
    return low, high


def _in_long_runs(
    key: NDArray[np.int8], start: NDArray[np.bool_], length: int
) -> NDArray[np.bool_]:
    """Members of runs of ``length`` or more equal non-zero keys that stay inside a segment.

    A run of L points ends at i when the L - 1 "same as the previous point" flags before and
    at i are all set; its members are i - L + 1 .. i. Both steps are L shifted slices over
    every series at once (L ≤ a dozen), not a loop over series.
    """
    s, n = key.shape
    m = length - 1
    nonzero: NDArray[np.bool_] = key != 0
    if m <= 0:
        return nonzero
    if m > n - 1:
        return np.zeros((s, n), dtype=bool)
    same = np.zeros((s, n), dtype=bool)
    same[:, 1:] = (key[:, 1:] == key[:, :-1]) & ~start[:, 1:]
    end = same[:, m:].copy()  # end[:, e] ⇔ a run of L points ends at point e + m
    for j in range(1, m):
        end &= same[:, m - j : n - j]
    member = np.zeros((s, n), dtype=bool)
    for j in range(m + 1):
        member[:, j : j + n - m] |= end
    member &= nonzero
    return member


@dataclass(frozen=True)
class _Segments:
    """Every (series, segment) pair as a group: each cell's group id, and where each group
    starts in the flattened array (segments never cross series, and each series starts one)."""

    gid: NDArray[np.int64]
    starts: NDArray[np.int64]


def _segments(start: NDArray[np.bool_]) -> _Segments:
    s, n = start.shape
    starts = np.flatnonzero(start.ravel())
    lengths = np.diff(starts, append=s * n)
    gid = np.repeat(np.arange(starts.size, dtype=np.int64), lengths).reshape(s, n)
    return _Segments(gid, starts)


def _baseline_means(
    yz: NDArray[np.float64],
    base: NDArray[np.bool_],
    segments: _Segments | None,
) -> NDArray[np.float64]:
    """Mean of the baseline values per group, summed left to right like the single-series code.

    Without rebasing each row is one group and a running sum along the row gives the sum;
    with rebasing ``np.bincount`` over group ids does (it also adds in order). Counts are
    integers, so any order gives them exactly.
    """
    total: NDArray[np.float64]
    count: NDArray[np.float64]
    if segments is None:
        count = base.sum(axis=1).astype(np.float64)
        weighted = np.where(base, yz, 0.0)
        total = np.zeros(yz.shape[0])
        for column in weighted.T:  # a loop over the points of a series, never over series
            total += column
    else:
        weights = np.where(base, yz, 0.0).ravel()
        n_groups = segments.starts.size
        total = np.bincount(segments.gid.ravel(), weights=weights, minlength=n_groups).astype(
            np.float64, copy=False
        )
        flags = base.ravel().view(np.int8)
        count = np.add.reduceat(flags, segments.starts, dtype=np.int64).astype(np.float64)
    out = np.full(total.shape, np.nan)
    np.divide(total, count, out=out, where=count > 0)
    return out


_ROWS = 1024  # series per block: a block's temporaries stay in the CPU's caches and are reused


def _in_blocks(
    y: NDArray[np.float64],
    polarity: Polarity | Sequence[Polarity] | ArrayLike,
    target: float | ArrayLike | None,
    rebase: Sequence[int] | ArrayLike | None,
    options: SpcOptions,
    bounds: Bounds | Sequence[Bounds] | ArrayLike | None,
) -> SpcBatchResult:
    """``spc_analyse_batch`` a block of series at a time (each series is independent), the
    results joined. Many series at once make temporaries of many megabytes, which cost more to
    allocate (fresh pages from the system) than the arithmetic on them."""
    s, n = y.shape
    direction = _directions(polarity, s)
    targets = np.broadcast_to(np.asarray(np.nan if target is None else target, np.float64), (s,))
    low, high = _bounds(bounds, s)
    rb = None if rebase is None else np.asarray(rebase)
    shared = rb is None or rb.dtype != bool
    if rb is not None and rb.dtype == bool:
        rb = np.broadcast_to(rb, (s, n))
    parts = [
        spc_analyse_batch(
            y[r : r + _ROWS],
            polarity=direction[r : r + _ROWS],
            target=targets[r : r + _ROWS],
            rebase=rb if shared or rb is None else rb[r : r + _ROWS],
            options=options,
            bounds=np.stack([low[r : r + _ROWS], high[r : r + _ROWS]], axis=1),
        )
        for r in range(0, s, _ROWS)
    ]
    return SpcBatchResult(
        **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(parts[0])}
    )


def spc_analyse_batch(
    values: ArrayLike,
    *,
    polarity: Polarity | Sequence[Polarity] | ArrayLike = "higher",
    target: float | ArrayLike | None = None,
    rebase: Sequence[int] | ArrayLike | None = None,
    options: SpcOptions = DEFAULT_OPTIONS,
    bounds: Bounds | Sequence[Bounds] | ArrayLike | None = None,
) -> SpcBatchResult:
    """Run Making Data Count SPC on every row of ``values`` (series × points, oldest first).

    ``polarity`` is one word for all series, or one word / +1 / -1 / 0 per series. ``target``
    is one number, or one per series (NaN = no target). ``rebase`` is either indices shared by
    all series or a boolean (series × points) array marking where new limits start. ``bounds``
    is one (lower, upper) pair, or one per series (series × 2, NaN or None = open side): the
    range a value can take, such as (0, 100) for percentages; limits beyond it are shown at it.
    """
    y = np.asarray(values, dtype=np.float64)
    if y.ndim == 1:
        y = y[None, :]
    if y.ndim != 2:
        raise ValueError("values must be a 2-D array (series × points)")
    s, n = y.shape
    if n == 0:
        raise ValueError("values must have at least one point")
    if s > _ROWS:
        return _in_blocks(y, polarity, target, rebase, options, bounds)
    valid = ~np.isnan(y)
    if np.isinf(y).any():
        raise ValueError("values must be finite (a gap is NaN)")
    low_bound, high_bound = _bounds(bounds, s)
    # positions up to each series' last value; after it is padding
    cols = np.arange(n)
    last = np.where(valid.any(axis=1), n - 1 - np.argmax(valid[:, ::-1], axis=1), 0)
    present = cols <= last[:, None]
    direction = _directions(polarity, s)
    targets = np.broadcast_to(
        np.asarray(np.nan if target is None else target, dtype=np.float64), (s,)
    )

    start = np.zeros((s, n), dtype=bool)
    start[:, 0] = True
    rebased = False
    if rebase is not None:
        rb = np.asarray(rebase)
        if rb.dtype == bool:
            start |= np.broadcast_to(rb, (s, n)) & present
        elif rb.size:
            if rb.min() < 0 or rb.max() >= n:
                raise ValueError("rebase indices must lie inside the series")
            start[:, rb.astype(np.int64)] = True
            start &= present
            start[:, 0] = True
        rebased = bool(start[:, 1:].any())
    segments = _segments(start) if rebased else None
    if segments is not None:
        gid: NDArray[np.int64] | None = segments.gid
        seg_first = (segments.starts % n).take(segments.gid)
        position = cols - seg_first
    else:
        gid, position = None, np.broadcast_to(cols, (s, n))

    # limits: centre line and mean moving range over each segment's baseline
    # (the baseline is the first k positions, gaps included, as NHSRplotthedots counts rows)
    k = options.fix_after_n_points
    base = valid if k is None else valid & (position < k)
    yz = np.where(valid, y, 0.0)
    cl = _baseline_means(yz, base, segments)
    mr = np.empty((s, n))
    mr[:, 0] = 0.0
    np.subtract(yz[:, 1:], yz[:, :-1], out=mr[:, 1:])
    np.abs(mr, out=mr)
    mr_ok = np.zeros((s, n), dtype=bool)
    mr_ok[:, 1:] = base[:, 1:] & base[:, :-1]  # both values present: no range beside a gap
    mr_ok &= ~start
    amr = _baseline_means(mr, mr_ok, segments)
    group = np.arange(s)[:, None] if gid is None else gid
    if options.screen_outliers:
        amr_p = amr[group]
        keep = mr_ok & ((mr < options.screen_multiplier * amr_p) | (amr_p == 0))
        amr = _baseline_means(mr, keep, segments)
    centre = np.where(present, cl[group], np.nan)
    spread = np.where(present, amr[group], np.nan)
    half = options.limit_multiplier * spread
    near = (2.0 * options.limit_multiplier / 3.0) * spread
    upper, lower = centre + half, centre - half
    upper2, lower2 = centre + near, centre - near

    # rule inputs (every comparison with a gap is false: side 0, neither outside nor beyond);
    # without limits (no moving range) runs against the centre line still count
    side = ((y > centre).astype(_I8) - (y < centre)).astype(_I8)
    outside = (y > upper) | (y < lower)
    beyond = (y > upper2) | (y < lower2)
    if options.two_in_three == "legacy":
        beyond &= ~outside

    # R2 shift: runs of equal non-zero side within a segment
    shift = _in_long_runs(side, start, options.shift_length)

    # R3 trend: runs of equal non-zero step signs; a trend of L points has L - 1 steps
    step = np.zeros((s, n), dtype=_I8)
    step[:, 1:] = (y[:, 1:] > y[:, :-1]).astype(_I8) - (y[:, 1:] < y[:, :-1])
    step[start] = 0  # and 0 into and out of a gap
    in_trend = _in_long_runs(step, start, options.trend_length - 1)
    trend_dir = np.where(in_trend, step, _I8(0))
    # on a turning point the trend that starts at the point wins (NHSRplotthedots' right side)
    trend_dir[:, :-1] = np.where(in_trend[:, 1:], step[:, 1:], trend_dir[:, :-1])
    trend = trend_dir != 0

    # R4 two of three beyond two sigma, all three on the same side, inside one segment
    b8 = beyond.astype(_I8)
    window = (
        (b8[:, :-2] + b8[:, 1:-1] + b8[:, 2:] >= 2)
        & (np.abs(side[:, :-2] + side[:, 1:-1] + side[:, 2:]) == 3)
        & ~start[:, 1:-1]
        & ~start[:, 2:]
    )
    covered = np.zeros((s, n), dtype=bool)
    covered[:, :-2] |= window
    covered[:, 1:-1] |= window
    covered[:, 2:] |= window
    two = beyond & covered

    # labels by precedence R1 > R3 > R4 > R2; odd codes are above / increasing
    up = side > 0
    signal = np.where(shift, np.where(up, _I8(7), _I8(8)), _I8(0))
    signal = np.where(two, np.where(up, _I8(5), _I8(6)), signal)
    signal = np.where(trend, np.where(trend_dir > 0, _I8(3), _I8(4)), signal)
    signal = np.where(outside, np.where(up, _I8(1), _I8(2)), signal).astype(_I8)

    d = direction[:, None]
    v = np.where(signal == 0, _I8(0), np.where(signal % 2 == 1, _I8(1), _I8(-1)))
    judged = np.where(v * d > 0, _I8(1), _I8(2))
    neutral = np.where(v > 0, _I8(3), _I8(4))
    point_type = np.where(v == 0, _I8(0), np.where(d == 0, neutral, judged))
    point_type = np.where(valid, point_type, _I8(-1)).astype(_I8)

    # icons from the latest point and the latest segment
    rows = np.arange(s)
    n_points = valid.sum(axis=1)
    latest_start = seg_first[rows, last] if rebased else np.zeros(s, dtype=np.int64)
    in_latest = (valid & (cols >= latest_start[:, None])).sum(axis=1)
    # the rules used the limits as computed; only what is shown is bounded
    lower_bounded = lower < low_bound[:, None]
    upper_bounded = upper > high_bound[:, None]
    lower = np.where(lower_bounded, low_bound[:, None], lower)
    upper = np.where(upper_bounded, high_bound[:, None], upper)
    lower2 = np.where(lower2 < low_bound[:, None], low_bound[:, None], lower2)
    upper2 = np.where(upper2 > high_bound[:, None], high_bound[:, None], upper2)
    last_upper, last_lower = upper[rows, last], lower[rows, last]
    sufficient = (in_latest >= options.min_points) & ~np.isnan(last_upper)
    last_type = point_type[rows, last]
    dr = direction
    icon = np.array([0, 1, 4, 5, 6], dtype=_I8)[np.maximum(last_type, 0)]  # for higher-is-better
    icon = np.where((dr < 0) & (last_type == 1), _I8(2), icon)
    icon = np.where((dr < 0) & (last_type == 2), _I8(3), icon)
    variation = np.where(sufficient, icon, _I8(7)).astype(_I8)
    assurance = np.where(
        targets > last_upper,
        np.where(dr > 0, _I8(2), _I8(1)),
        np.where(targets < last_lower, np.where(dr > 0, _I8(1), _I8(2)), _I8(3)),
    )
    assurance = np.where(sufficient, assurance, _I8(4))
    assurance = np.where(np.isnan(targets) | (dr == 0), _I8(0), assurance).astype(_I8)

    segment = (
        np.where(present, gid - gid[:, :1], -1) if gid is not None else np.where(present, 0, -1)
    )
    return SpcBatchResult(
        centre=centre,
        lower_limit=lower,
        upper_limit=upper,
        lower_two_sigma=lower2,
        upper_two_sigma=upper2,
        lower_bounded=lower_bounded,
        upper_bounded=upper_bounded,
        astronomical=outside,
        shift=shift,
        trend=trend,
        two_in_three=two,
        signal=signal,
        point_type=point_type,
        segment=segment,
        n_points=n_points,
        points_in_latest_segment=in_latest,
        sufficient_data=sufficient,
        variation=variation,
        assurance=assurance,
    )
