"""How each area compares within its group: rank, quartile, group statistics and significance.

One call compares every area of a comparator group (or of several disjoint groups) on many
indicators at once; the arrays are indicators × areas, so 10,000 indicators × 400 areas is one
call (``benchmarks/assessment_bench.py`` times it).

- **Rank** within the group, 1 = best by polarity (the highest value for trackers), ties
  sharing the best rank of the tie (1, 2, 2, 4), with ``n`` the number of areas with a value;
  **quartile** as Fingertips defines it (1 = lowest values, not re-oriented by polarity, needs
  n ≥ 4), and ``bottom_quartile`` for the worst quarter by polarity (quartile 1 when higher is
  better, 4 when lower is better, none for trackers); group **n, minimum, lower quartile,
  median, upper quartile, maximum and mean**. ``ranking.py`` documents the methods.
- **Significance** against England and against the group's own value, by Fingertips' single
  overlapping confidence interval comparison at 95% and, where 99.8% limits are given, at 99.8%
  (``benchmark.compare_with_benchmark``; METHODS.md §4.2 methods 1 and 2): similar when the
  area's interval contains the benchmark, otherwise higher or lower, worded by polarity.
  Without intervals nothing is compared. The group's value defaults to the plain mean of its
  areas' values; pass ``group_value`` for an aggregate (for example Σcount / Σdenominator).
- Words are Fingertips' own, as its exports print them (``comparison_words``): "Better",
  "Similar", "Worse" (or "Higher"/"Lower" for trackers) and "Not compared".

**Speed.** Everything is computed block by block, a few thousand cells of one group at a
time (``ranking.py`` explains the ranking): each block is ranked, its statistics read from the
sorted rows, and its significance found with the England and group values as one number per
row, sharing between the two benchmarks the tests that do not depend on them. 10,000
indicators × 400 areas take well under the 200 ms of issue 12 (``benchmarks/assessment_bench.py``).

**How a selector calls this.** It gathers, for one period, the indicators' values and limits
into indicators × areas arrays (NaN where an area has no value), one England value per
indicator, and one group code per area (0 … G − 1 for disjoint groups such as regions; −1 for
an area in none). Overlapping groups (Core Cities and nearest neighbours) are separate calls,
each with the group's areas coded 0. It turns the arrays back into rows per area::

    result = compare_areas(values, groups=codes, polarity=["lower", "higher"],
                           england=england, lower95=lo95, upper95=up95)
    result.rank[i, a], result.n[i, a], result.quartile[i, a], result.median[i, codes[a]]
    comparison_words(result.vs_england.at95, ["lower", "higher"])[i, a]  # "Worse", …
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quarterly.assessment.benchmark import HIGHER, LOWER, NOT_COMPARED, SIMILAR, Comparison
from quarterly.assessment.polarity import Polarity
from quarterly.assessment.ranking import (
    CHUNK,
    F64,
    I8,
    I64,
    group_blocks,
    group_codes,
    indicator_signs,
    out_views,
    per_row,
    rank_block,
    take_block,
)

# code (0 not compared, 1 lower, 2 similar, 3 higher) → word, by polarity sign + 1
assert (LOWER, SIMILAR, HIGHER) == (1, 2, 3)  # the arithmetic in _significance
_WORDS = np.array(
    [
        ["Not compared", "Better", "Similar", "Worse"],  # lower is better
        ["Not compared", "Lower", "Similar", "Higher"],  # tracker
        ["Not compared", "Worse", "Similar", "Better"],  # higher is better
    ]
)


@dataclass(frozen=True)
class AreaComparisons:
    """Per area (indicators × areas) and per group (indicators × groups); see the module."""

    rank: I64
    n: I64
    quartile: I8
    bottom_quartile: NDArray[np.bool_]
    count: I64
    minimum: F64
    lower_quartile: F64
    median: F64
    upper_quartile: F64
    maximum: F64
    mean: F64
    group_value: F64
    vs_england: Comparison
    vs_group: Comparison


def comparison_words(codes: ArrayLike, polarity: Polarity | Sequence[Polarity]) -> NDArray[np.str_]:
    """Fingertips' words for comparison codes, with one polarity or one per indicator (row)."""
    c = np.array(codes, dtype=np.int8, ndmin=2)
    signs = indicator_signs(polarity, c.shape[0])
    words = _WORDS[(signs + 1)[:, None], c]
    return words.reshape(np.shape(codes))


def _limits(x: ArrayLike | None, shape: tuple[int, ...]) -> F64 | None:
    if x is None:
        return None
    out = np.asarray(x, dtype=np.float64)  # no copy: it is only read
    out = out.reshape(1, -1) if out.ndim == 1 else out
    if out.shape != shape:
        raise ValueError(f"limits must have the values' shape {shape}, got {out.shape}")
    return out


Level = tuple[F64, F64, F64, NDArray[np.int8]]  # lower, upper, their sum with the value, 1 = ok


def _significance(value: F64, bench: F64, levels: list[Level | None], out: list[I8]) -> None:
    """``compare_with_benchmark``'s codes for a block against one benchmark per row, written
    into ``out`` (one array per level).

    Arithmetic on small integers instead of ``np.where`` (several times faster here): the
    code is SIMILAR (2) inside the interval, otherwise 2 − 1 = LOWER where the value is below
    the benchmark and 2 + 1 = HIGHER elsewhere, times 0 where anything is NaN.
    """
    rows, m = value.shape
    c = per_row(bench, m)
    finite = np.isfinite(bench)
    flag = np.empty((rows, m), dtype=bool)
    other = np.empty((rows, m), dtype=bool)
    with np.errstate(invalid="ignore"):
        np.less(value, c, out=flag)
        step = flag.view(np.int8) * np.int8(-2)
        step += np.int8(1)  # −1 below the benchmark, +1 otherwise
        for level, code in zip(levels, out, strict=True):
            if level is None:
                code[...] = NOT_COMPARED
                continue
            lo, up, total, ok = level
            np.less(c, lo, out=flag)
            np.greater(c, up, out=other)
            flag |= other
            np.multiply(flag.view(np.int8), step, out=code)
            code += np.int8(SIMILAR)
            if finite.all():
                code *= ok
            else:  # NaN in value + lower + upper + benchmark, summed as compared one by one
                code *= ~np.isnan(total + c)


def _level(value: F64, lower: F64 | None, upper: F64 | None, rows: slice, cols: slice | I64) -> (
    Level | None
):  # fmt: skip
    if lower is None or upper is None:
        return None
    lo, up = take_block(lower, rows, cols), take_block(upper, rows, cols)
    total = value + lo
    total += up
    with np.errstate(invalid="ignore"):
        return lo, up, total, np.equal(total, total).view(np.int8)  # NaN is unequal to itself


def _targets(codes: dict[str, I8], keys: tuple[str, str], rows: slice, cols: slice | I64) -> (
    tuple[list[I8], bool]
):  # fmt: skip
    """Where ``_significance`` writes: views of the outputs, or new arrays to copy in."""
    if isinstance(cols, slice):
        return [codes[k][rows, cols] for k in keys], False
    shape = (rows.stop - rows.start, cols.size)
    return [np.empty(shape, dtype=np.int8) for _ in keys], True


def compare_areas(
    values: ArrayLike,
    *,
    groups: ArrayLike | None = None,
    polarity: Polarity | Sequence[Polarity],
    england: ArrayLike | None = None,
    lower95: ArrayLike | None = None,
    upper95: ArrayLike | None = None,
    lower998: ArrayLike | None = None,
    upper998: ArrayLike | None = None,
    group_value: ArrayLike | None = None,
) -> AreaComparisons:
    """Rank, quartile, group statistics and significance for indicators × areas.

    ``england`` is one value per indicator (or one number); ``group_value`` indicators ×
    groups. Missing intervals, England value or group value give "not compared".
    """
    v = np.ascontiguousarray(values, dtype=np.float64)
    v = v.reshape(1, -1) if v.ndim == 1 else v
    shape = v.shape
    signs = indicator_signs(polarity, shape[0])
    best_high = signs >= 0
    codes, n_groups = group_codes(groups, shape[1])
    gv = None if group_value is None else np.array(group_value, dtype=np.float64, ndmin=2)
    if gv is not None and gv.shape != (shape[0], n_groups):
        raise ValueError(f"group_value must be indicators × groups {(shape[0], n_groups)}")
    bench_england = np.full(shape[0], np.nan)
    if england is not None:
        bench_england = np.broadcast_to(
            np.asarray(england, dtype=np.float64).reshape(-1), (shape[0],)
        )
    lo95, up95 = _limits(lower95, shape), _limits(upper95, shape)
    lo998, up998 = _limits(lower998, shape), _limits(upper998, shape)
    compared = lo95 is not None and up95 is not None

    outside = np.flatnonzero(codes < 0)  # areas in no group: compared with England only
    blank = np.zeros if outside.size or not compared else np.empty  # every cell is written
    rank, n_area = blank(shape, dtype=np.int64), blank(shape, dtype=np.int64)
    quartile = blank(shape, dtype=np.int8)
    count = np.zeros((shape[0], n_groups), dtype=np.int64)
    stats = np.full((7, shape[0], n_groups), np.nan)  # 6 from ranking, then the group value
    codes_out = {k: blank(shape, dtype=np.int8) for k in ("e95", "e998", "g95", "g998")}
    for g, cols, _, rows in group_blocks(codes, n_groups, shape[0]):
        block = take_block(v, rows, cols)
        views = out_views(rank, n_area, quartile, rows, cols)
        found = rank_block(block, best_high[rows], 4, views)
        if views is None:
            rank[rows, cols], n_area[rows, cols] = found.rank, found.n_area
            quartile[rows, cols] = found.category
        count[rows, g] = found.n
        stats[:6, rows, g] = found.stats
        stats[6, rows, g] = group = found.stats[5] if gv is None else gv[rows, g]
        if not compared:
            continue  # no intervals: nothing is compared
        levels = [_level(block, lo95, up95, rows, cols), _level(block, lo998, up998, rows, cols)]
        for key, bench in (("e", bench_england[rows]), ("g", group)):
            keys = (key + "95", key + "998")
            targets, copy = _targets(codes_out, keys, rows, cols)
            _significance(block, bench, levels, targets)
            if copy:
                for k, found_codes in zip(keys, targets, strict=True):
                    codes_out[k][rows, cols] = found_codes
    if compared and outside.size:
        step = max(1, CHUNK // outside.size)
        for start in range(0, shape[0], step):
            rows = slice(start, min(start + step, shape[0]))
            block = take_block(v, rows, outside)
            levels = [
                _level(block, lo95, up95, rows, outside),
                _level(block, lo998, up998, rows, outside),
            ]
            targets, _ = _targets(codes_out, ("e95", "e998"), rows, outside)
            _significance(block, bench_england[rows], levels, targets)
            codes_out["e95"][rows, outside], codes_out["e998"][rows, outside] = targets

    worst = np.where(signs > 0, 1, np.where(signs < 0, 4, -1)).astype(np.int8)[:, None]
    return AreaComparisons(
        rank=rank,
        n=n_area,
        quartile=quartile,
        bottom_quartile=quartile == worst,  # (trackers: −1, never)
        count=count,
        minimum=stats[0],
        lower_quartile=stats[1],
        median=stats[2],
        upper_quartile=stats[3],
        maximum=stats[4],
        mean=stats[5],
        group_value=stats[6],
        vs_england=Comparison(codes_out["e95"], codes_out["e998"]),
        vs_group=Comparison(codes_out["g95"], codes_out["g998"]),
    )
