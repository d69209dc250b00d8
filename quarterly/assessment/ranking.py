"""Rank, percentiles and quantile categories within groups, for many indicators at once.

The engine under ``benchmark.rank_within_groups``, ``benchmark.quantile_categories`` and
``comparisons.compare_areas``. Values are a 2-D array, one row per indicator and one column per
area; ``codes`` gives each area's group (0 … G − 1; a negative code leaves the area out). Each
row is sorted once per group, and rank, percentiles and categories all come from that sort.

- **Valid values** are finite numbers. NaN (and ±inf) are missing: they get rank 0 and
  category 0 and do not count in n.
- **Rank** 1 = best: the highest value when higher is better (sign +1) and for trackers (sign 0,
  "1 = highest"), the lowest when lower is better (sign −1). Tied values share the best rank of
  the tie and the next value skips the tied places ("competition ranking": 1, 2, 2, 4), as
  published league tables do: the GLA's ranking of London wards by the extent of deprivation
  gives its 196 wards with extent 0 the shared rank 438 of 633 (tests/test_comparisons_reference.py).
  ``n`` is the number of valid values in the area's group, so a rank reads "r of n".
- **Percentiles** are Fingertips' (fingertips-open, PholioVisualisationWS/Analysis/
  ValueCategoriesCalculator.cs; METHODS.md §4.2 method 6): of the sorted valid values
  x₁ … xₙ, n' = (n − 1)·f + 1, k = ⌊n'⌋, P_f = xₖ + (n' − k)(xₖ₊₁ − xₖ), rounded to 10 decimal
  places half away from zero (.NET ``Math.Round(p, 10, MidpointRounding.AwayFromZero)``); P_f
  is x₁ itself when n' = 1 and xₙ itself when n' = n (no rounding). The fraction for bound i of
  q bins is (1.0/q)·i, computed as Fingertips computes it. This is Excel's PERCENTILE.INC.
- **Quantile categories** (QuartilesComparer, QuintilesComparer): bounds are
  [min, P_{1/q}, …, P_{(q−1)/q}, max]; a value's category is the first bin whose upper bound it
  does not exceed, numbered from the lowest values (1) up. They need n ≥ q and n > 3, otherwise
  every category of the group is 0 ("not calculated"). Orientation by polarity is the caller's
  choice (``benchmark.quantile_categories``); Fingertips orients quintiles but not quartiles.
- **Group statistics**: n, minimum, lower quartile, median, upper quartile and maximum are
  Fingertips' percentiles at 0, ¼, ½, ¾ and 1, so a spine chart's inner band and the "group
  median" agree with the quartiles. The mean is the plain mean of the valid values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quarterly.assessment.polarity import Polarity, polarity_sign

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
I8 = NDArray[np.int8]


@dataclass(frozen=True)
class GroupRanks:
    """Per area (indicators × areas): rank, n and category; per group (indicators × groups):
    count and the group's statistics (NaN when the group has no valid value)."""

    rank: I64
    n: I64
    category: I8
    count: I64
    minimum: F64
    lower_quartile: F64
    median: F64
    upper_quartile: F64
    maximum: F64
    mean: F64


def indicator_signs(polarity: Polarity | Sequence[Polarity], indicators: int) -> I64:
    """One polarity for every indicator, or one per indicator, as +1 / −1 / 0."""
    if isinstance(polarity, str):
        return np.full(indicators, polarity_sign(polarity), dtype=np.int64)
    signs = np.array([polarity_sign(p) for p in polarity], dtype=np.int64)
    if signs.shape != (indicators,):
        raise ValueError(f"need one polarity per indicator ({indicators}), got {signs.size}")
    return signs


def group_codes(groups: ArrayLike | None, areas: int) -> tuple[I64, int]:
    """Each area's group code (negative = in no group) and the number of groups.

    ``None`` puts every area in one group; otherwise integer codes, one per area.
    """
    if groups is None:
        return np.zeros(areas, dtype=np.int64), 1
    codes = np.asarray(groups)
    if codes.shape != (areas,):
        raise ValueError(f"need one group code per area ({areas}), got shape {codes.shape}")
    if codes.dtype.kind not in "iu":
        raise ValueError("group codes must be integers (negative for an area in no group)")
    codes = codes.astype(np.int64)
    return codes, int(codes.max()) + 1 if codes.size and codes.max() >= 0 else 0


def round_half_away(x: F64, places: int = 10) -> F64:
    """.NET ``Math.Round(x, places, MidpointRounding.AwayFromZero)`` (the .NET Framework
    algorithm Fingertips runs on: scale, split off the fraction, round it away from zero)."""
    power = 10.0**places
    scaled = x * power
    whole = np.trunc(scaled)
    fraction = scaled - whole
    whole = whole + np.where(np.abs(fraction) >= 0.5, np.sign(fraction), 0.0)
    return np.asarray(whole / power, dtype=np.float64)


def _percentile(ordered: F64, n: I64, fraction: float) -> F64:
    """Fingertips' percentile of each row's first n sorted values (NaN where n = 0)."""
    rows = np.arange(ordered.shape[0])
    nf = n.astype(np.float64)
    h = (nf - 1.0) * fraction + 1.0
    k = np.clip(h.astype(np.int64), 1, np.maximum(n, 1))
    lo = ordered[rows, k - 1]
    hi = ordered[rows, np.minimum(k, np.maximum(n - 1, 0))]
    with np.errstate(invalid="ignore"):
        p = round_half_away(lo + (h - k) * (hi - lo))
        p = np.where(
            h == 1.0, ordered[:, 0], np.where(h == nf, ordered[rows, np.maximum(n - 1, 0)], p)
        )
    return np.where(n > 0, p, np.nan)


def _sort_rows(block: F64, valid: NDArray[np.bool_], n: I64) -> tuple[I64, F64]:
    """Each row's columns in ascending order of value and the sorted values; after a row's
    n valid values come column m (one past the last) and NaN.

    numpy's ``argsort`` is several times slower than its ``sort`` of floats, so the column
    index is packed into the lowest bits of each value's bit pattern, the packed numbers are
    sorted as floats, and the columns read back. Packing can only swap values that agree in
    all but those bits (about 1e-13 apart); rows where that happened are re-sorted exactly.
    """
    rows, m = block.shape
    bits = max(1, m.bit_length())
    columns = np.arange(m, dtype=np.int64)
    raw = np.where(valid, block, np.inf).view(np.int64)
    packed = ((raw >> bits) << bits) | columns
    order = np.sort(packed.view(np.float64), axis=1).view(np.int64)
    order &= (1 << bits) - 1
    order[columns >= n[:, None]] = m
    padded = np.concatenate([block, np.full((rows, 1), np.nan)], axis=1)
    ordered = np.take_along_axis(padded, order, axis=1)
    with np.errstate(invalid="ignore"):
        swapped = np.flatnonzero((ordered[:, 1:] < ordered[:, :-1]).any(axis=1))
    if swapped.size:
        exact = np.argsort(block[swapped], axis=1, kind="stable")
        exact[columns >= n[swapped, None]] = m
        order[swapped] = exact
        ordered[swapped] = np.take_along_axis(padded[swapped], exact, axis=1)
    return order, ordered


def _tie_bounds(ordered: F64) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """For each sorted position, the first and last position of its run of equal values."""
    rows, m = ordered.shape
    pos = np.arange(m, dtype=np.int32)
    start = np.ones((rows, m), dtype=bool)
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=start[:, 1:])
    first = np.maximum.accumulate(np.where(start, pos, np.int32(0)), axis=1)
    end = np.ones((rows, m), dtype=bool)
    end[:, :-1] = start[:, 1:]
    last = np.minimum.accumulate(np.where(end, pos, np.int32(m))[:, ::-1], axis=1)[:, ::-1]
    return first, last


def rank_groups(
    values: ArrayLike,
    groups: ArrayLike | None = None,
    *,
    polarity: Polarity | Sequence[Polarity] = "higher",
    bins: int = 4,
) -> GroupRanks:
    """Rank, n, quantile category (``bins`` bins, lowest values = 1) and group statistics.

    ``values`` is indicators × areas (a 1-D array is one indicator); ``groups`` one integer
    code per area (see ``group_codes``); ``polarity`` one word or one per indicator.
    """
    if bins < 2:
        raise ValueError("bins must be at least 2")
    v = np.asarray(values, dtype=np.float64)
    v = v.reshape(1, -1) if v.ndim == 1 else v
    indicators, areas = v.shape
    signs = indicator_signs(polarity, indicators)
    codes, n_groups = group_codes(groups, areas)
    rank = np.zeros((indicators, areas), dtype=np.int64)
    n_area = np.zeros((indicators, areas), dtype=np.int64)
    category = np.zeros((indicators, areas), dtype=np.int8)
    count = np.zeros((indicators, n_groups), dtype=np.int64)
    stats = np.full((6, indicators, n_groups), np.nan)
    fractions = (0.0, 0.25, 0.5, 0.75, 1.0)
    step = 1.0 / float(bins)
    lower_is_better = (signs < 0)[:, None]
    for g in range(n_groups):
        cols = np.flatnonzero(codes == g)
        if cols.size == 0:
            continue
        block = v[:, cols]  # a copy
        valid = np.isfinite(block)
        block[~valid] = np.nan
        n = valid.sum(axis=1)
        order, ordered = _sort_rows(block, valid, n)
        first, last = _tie_bounds(ordered)
        ranked = np.where(lower_is_better, first + 1, n[:, None].astype(np.int32) - last)
        # scatter the sorted ranks back to their columns; missing values went to the spare one
        block_rank = np.zeros((indicators, cols.size + 1), dtype=np.int32)
        np.put_along_axis(block_rank, order, ranked, axis=1)
        rank[:, cols] = block_rank[:, :-1]
        n_area[:, cols] = np.where(valid, n[:, None], 0)
        count[:, g] = n
        bounds = {f: _percentile(ordered, n, f) for f in fractions}
        for j, f in enumerate(fractions):
            stats[j, :, g] = bounds[f]
        with np.errstate(invalid="ignore", divide="ignore"):
            stats[5, :, g] = np.nansum(block, axis=1) / np.where(n > 0, n, np.nan)
        cat = np.ones(block.shape, dtype=np.int8)
        with np.errstate(invalid="ignore"):
            for i in range(1, bins):
                f = step * i
                cat += block > (bounds[f] if f in bounds else _percentile(ordered, n, f))[:, None]
        enough = (n >= bins) & (n > 3)
        category[:, cols] = np.where(valid & enough[:, None], cat, 0)
    return GroupRanks(rank, n_area, category, count, *stats)
