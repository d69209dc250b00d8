"""Rank, percentiles and quantile categories within groups, for many indicators at once.

The engine under ``benchmark.rank_within_groups``, ``benchmark.quantile_categories`` and
``comparisons.compare_areas``. Values are a 2-D array, one row per indicator and one column per
area; ``codes`` gives each area's group (0 … G − 1; a negative code leaves the area out). Each
row is sorted once per group, and rank, percentiles and categories all come from that sort.
There is no loop over groups: each group's areas are gathered into a padded slot, so every
indicator × group is one row of one block (``group_layout.py``), and the results are
gathered back in one step.

**How it is fast** (10,000 indicators × 400 areas, ``benchmarks/assessment_bench.py``): rows are
taken a few thousand cells at a time, so every temporary stays in the CPU's cache. Each block
is sorted once, best first (values negated where higher is better), with the column index
packed into the lowest bits of each value so a plain float sort also gives the order (numpy's
``argsort`` is several times slower than its ``sort``). A value's competition rank is then one
more than the position of the first value of its tie in the sorted row: one running maximum
over the block's start-of-tie positions, then one scatter back to the columns. Percentiles are
read from the sorted rows (mirrored where the row was negated, which is exact).

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
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quarterly.assessment.group_layout import group_codes, group_layout
from quarterly.assessment.polarity import POLARITIES, Polarity, polarity_sign

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
    words = list(polarity)
    try:  # a dictionary look-up per indicator; polarity_sign says what is wrong otherwise
        signs = np.array([_SIGNS[w] for w in words], dtype=np.int64)
    except (KeyError, TypeError):
        signs = np.array([polarity_sign(p) for p in words], dtype=np.int64)
    if signs.shape != (indicators,):
        raise ValueError(f"need one polarity per indicator ({indicators}), got {signs.size}")
    return signs


_SIGNS = {word: polarity_sign(word) for word in POLARITIES}  # type: ignore[arg-type]


def round_half_away(x: F64, places: int = 10) -> F64:
    """.NET ``Math.Round(x, places, MidpointRounding.AwayFromZero)`` (the .NET Framework
    algorithm Fingertips runs on: scale, split off the fraction, round it away from zero)."""
    power = 10.0**places
    scaled = x * power
    whole = np.trunc(scaled)
    fraction = scaled - whole
    whole = whole + np.where(np.abs(fraction) >= 0.5, np.sign(fraction), 0.0)
    return np.asarray(whole / power, dtype=np.float64)


def _percentiles(ordered: F64, n: I64, fractions: F64, mirrored: NDArray[np.bool_]) -> F64:
    """Fingertips' percentiles (one row per fraction) of each row's n valid values, read from
    the sorted keys: the values ascending, or (``mirrored`` rows) the negated values ascending
    (NaN where n = 0). All the values needed are read in one gather; fractions 0 and 1 are the
    first and last values themselves (n' = 1 and n' = n), so only the others interpolate."""
    rows, m = ordered.shape
    inner = np.flatnonzero((fractions > 0.0) & (fractions < 1.0))
    f = inner.size
    last = np.maximum(n - 1, 0)
    nf = n.astype(np.float64)
    h = (nf - 1.0) * fractions[inner, None] + 1.0
    k = np.minimum(np.maximum(h.astype(np.int64), 1), np.maximum(n, 1))
    # the i-th smallest value: position i, or n - 1 - i negated in a mirrored row (exact)
    wanted = np.empty((2 * f + 2, rows), dtype=np.int64)
    wanted[:f] = k - 1
    wanted[f : 2 * f] = np.minimum(k, last)
    wanted[2 * f] = 0
    wanted[2 * f + 1] = last
    where = np.where(mirrored, np.maximum(last - wanted, 0), wanted)
    where += np.arange(0, rows * m, m, dtype=np.int64)
    picked = ordered.ravel().take(where, mode="clip")
    picked *= np.where(mirrored, -1.0, 1.0)
    lo, hi, first, final = picked[:f], picked[f : 2 * f], picked[2 * f], picked[2 * f + 1]
    p = np.empty((fractions.size, rows))
    p[fractions <= 0.0] = first
    p[fractions >= 1.0] = final
    with np.errstate(invalid="ignore"):
        found = round_half_away(lo + (h - k) * (hi - lo))
        p[inner] = np.where(h == 1.0, first, np.where(h == nf, final, found))
    p[:, n == 0] = np.nan
    return p


@dataclass(frozen=True)
class BlockRanks:
    """One block of rows × areas of one group: per cell rank (0 = missing), n (0 = missing)
    and category; per row n and the statistics (minimum, quartiles, median, maximum, mean)."""

    rank: I64
    n_area: I64
    category: I8
    n: I64
    stats: F64  # 6 × rows: minimum, lower quartile, median, upper quartile, maximum, mean


_POSITIONS: dict[tuple[int, int], NDArray[np.int32]] = {}
_HUGE = np.finfo(np.float64).max


def _positions(rows: int, m: int) -> NDArray[np.int32]:
    """0, 1, … rows·m − 1 as a rows × m array (kept: every full block has the same shape)."""
    key = (rows, m)
    if key not in _POSITIONS:
        if len(_POSITIONS) > 16:
            _POSITIONS.clear()
        _POSITIONS[key] = np.arange(rows * m, dtype=np.int32).reshape(rows, m)
    return _POSITIONS[key]


def _sort_best_first(key: F64) -> tuple[I64, F64]:
    """Each row's cells in ascending order of ``key`` (NaN = missing, last): their flat
    indices and the sorted keys.

    The column index is packed into the lowest bits of each key's bit pattern and the packed
    numbers are sorted as floats (missing as the largest finite float, since a sort need not
    keep a NaN's bits). Packing can only swap keys that agree in all but those bits (about
    1e-13 apart); rows where that happened are re-sorted exactly. A value equal to the largest
    float would tie with the missing ones, which leaves its rank and the percentiles right.
    """
    rows, m = key.shape
    bits = max(1, (m - 1).bit_length())
    packed = np.fmin(key, _HUGE).view(np.int64)  # NaN → the largest float
    packed >>= bits
    packed <<= bits
    packed |= np.arange(m, dtype=np.int64)
    packed.view(np.float64).sort(axis=1)
    order = packed  # the same memory, now sorted: read the columns back
    order &= (1 << bits) - 1
    order += np.arange(0, rows * m, m, dtype=np.int64)[:, None]
    flat = key.ravel()
    ordered = flat.take(order, mode="clip")
    swapped = np.less(ordered[:, 1:], ordered[:, :-1])  # NaN compares false
    if swapped.any():
        wrong = np.flatnonzero(swapped.any(axis=1))
        exact = np.argsort(key[wrong], axis=1, kind="stable")  # NaN last
        order[wrong] = exact + (wrong * m)[:, None]
        ordered[wrong] = flat.take(order[wrong])
    return order, ordered


_T = TypeVar("_T", bound=np.generic)
_FRACTIONS = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
_PLACES: dict[int, NDArray[np.int32]] = {}


def _tie_starts(ordered: F64) -> NDArray[np.int32]:
    """For each sorted position, 1 + the position of the first value of its tie (missing
    values, NaN, are each their own tie): the competition rank of the value there."""
    rows, m = ordered.shape
    if m not in _PLACES:
        _PLACES[m] = np.arange(1, m + 1, dtype=np.int32)
    start = np.ones((rows, m), dtype=bool)
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=start[:, 1:])
    first = np.empty((rows, m), dtype=np.int32)
    first[...] = _PLACES[m]
    tied = np.unique(np.flatnonzero(~start) // m)  # (faster than a test per short row)
    if tied.size:  # a running maximum of start positions, over the tied rows laid end to end
        positions = _positions(tied.size, m)
        found = np.maximum.accumulate(np.multiply(positions, start[tied]).ravel())
        found = found.reshape(tied.size, m) - positions[:, :1]
        first[tied] = found + 1
    return first


def per_row(x: NDArray[_T], m: int) -> NDArray[_T]:
    """One number per row repeated across m columns (rows × m, C order). Comparing a block
    with this is several times faster than with the broadcast column ``x[:, None]``."""
    out = np.empty((x.shape[0], m), dtype=x.dtype)
    out[...] = x[:, None]
    return out


_CUTS: dict[int, tuple[F64, list[int]]] = {}


def _fractions(bins: int) -> tuple[F64, list[int]]:
    """The fractions ``_percentiles`` reads (the statistics', then any other bound of ``bins``
    bins) and where each bin's upper bound but the last is among them."""
    if bins not in _CUTS:
        step = 1.0 / float(bins)
        cuts = [step * i for i in range(1, bins)]  # as Fingertips computes them
        extra = [f for f in cuts if f not in _FRACTIONS]
        fractions = np.concatenate([_FRACTIONS, extra]) if extra else _FRACTIONS
        _CUTS[bins] = fractions, [list(fractions).index(f) for f in cuts]
    return _CUTS[bins]


def rank_block(
    block: F64, best_high: NDArray[np.bool_], bins: int, out: BlockRanks | None = None
) -> BlockRanks:
    """Rank, n, category and statistics for a rows × areas block of one group (C order).

    ``best_high`` says, per row, that rank 1 is the highest value (higher is better, or a
    tracker); otherwise rank 1 is the lowest. ``out`` holds views to write the per-cell
    arrays into. (Arithmetic rather than ``np.where`` or masked copies: several times faster
    on these shapes.)
    """
    rows, m = block.shape
    valid = np.isfinite(block)
    n = np.count_nonzero(valid, axis=1)
    key = block * per_row(np.where(best_high, -1.0, 1.0), m)  # exact negation
    with np.errstate(invalid="ignore"):
        key += block - block  # 0, or NaN where the value is missing (NaN or ±inf)
    order, ordered = _sort_best_first(key)
    scattered = np.empty(rows * m, dtype=np.int32)
    scattered[order.ravel()] = _tie_starts(ordered).ravel()
    n_here = per_row(n, m)
    if out is None:
        out = BlockRanks(
            np.empty((rows, m), dtype=np.int64),
            np.empty((rows, m), dtype=np.int64),
            np.empty((rows, m), dtype=np.int8),
            n,
            np.empty((6, rows)),
        )
    np.multiply(scattered.reshape(rows, m), valid, out=out.rank)
    np.multiply(n_here, valid, out=out.n_area)
    fractions, cuts = _fractions(bins)
    found = _percentiles(ordered, n, fractions, best_high)
    stats = np.empty((6, rows))
    stats[:5] = found[:5]
    with np.errstate(invalid="ignore", divide="ignore"):
        stats[5] = np.where(valid, block, 0.0).sum(axis=1) / np.where(n > 0, n, np.nan)
    category = out.category
    category[...] = 1
    above = np.empty((rows, m), dtype=bool)
    with np.errstate(invalid="ignore"):
        for cut in cuts:
            np.greater(block, per_row(found[cut], m), out=above)
            category += above.view(np.int8)
    np.multiply(category, valid, out=category)
    enough = (n >= bins) & (n > 3)
    if not enough.all():
        category[~enough] = 0
    return BlockRanks(out.rank, out.n_area, category, n, stats)


CHUNK = 1 << 16  # cells per block: its temporaries stay in the CPU's cache


def rank_all(v: F64, codes: I64, n_groups: int, best_high: NDArray[np.bool_], bins: int) -> (
    tuple[I64, I64, I8, I64, F64]
):  # fmt: skip
    """Rank, n and category per area, count and the six statistics per group (6 × indicators ×
    groups), for C-ordered indicators × areas ``v``: every group of a band at once, a block
    of rows at a time (``group_layout`` explains the bands)."""
    indicators, areas = v.shape
    bands = group_layout(codes, n_groups)
    # one band writes every area (those in no group from a padding column); several, only theirs
    blank = np.empty if len(bands) == 1 else np.zeros
    rank, n_area = blank(v.shape, dtype=np.int64), blank(v.shape, dtype=np.int64)
    category = blank(v.shape, dtype=np.int8)
    count = np.zeros((indicators, n_groups), dtype=np.int64)
    stats = np.full((6, indicators, n_groups), np.nan)
    for band in bands:
        k, cells = band.groups.size, band.groups.size * band.width
        step = max(1, CHUNK // cells)
        for start in range(0, indicators, step):
            rows = slice(start, min(start + step, indicators))
            r = rows.stop - rows.start
            if band.columns is None:  # one group of every area: no gathering
                views = BlockRanks(rank[rows], n_area[rows], category[rows], codes[:0], v[:0])
                found = rank_block(v[rows], best_high[rows], bins, views)
            else:
                block = v[rows].take(band.columns, axis=1)
                if band.pads.size:
                    block[:, band.pads] = np.nan
                found = rank_block(
                    block.reshape(r * k, band.width), best_high[rows].repeat(k), bins
                )
                for out, got in (
                    (rank, found.rank),
                    (n_area, found.n_area),
                    (category, found.category),
                ):
                    got = got.reshape(r, cells)
                    if band.inverse is not None:
                        np.take(got, band.inverse, axis=1, out=out[rows])
                    else:
                        out[rows, band.areas] = got[:, band.slots]
            count[rows, band.groups] = found.n.reshape(r, k)
            stats[:, rows, band.groups] = found.stats.reshape(6, r, k)
    return rank, n_area, category, count, stats


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
    v = np.ascontiguousarray(values, dtype=np.float64)
    v = v.reshape(1, -1) if v.ndim == 1 else v
    best_high = indicator_signs(polarity, v.shape[0]) >= 0
    codes, n_groups = group_codes(groups, v.shape[1])
    rank, n_area, category, count, stats = rank_all(v, codes, n_groups, best_high, bins)
    return GroupRanks(rank, n_area, category, count, *stats)
