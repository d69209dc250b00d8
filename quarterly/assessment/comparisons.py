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

**Speed.** Ranking and statistics run on blocks of every group at once, a few thousand cells
at a time (``ranking.py`` and ``group_layout.py`` explain how). Significance then runs over
the areas in their own order, a block of rows at a time, with the England value repeated
along each row and each area's group value gathered beside it, sharing between the two
benchmarks the tests that do not depend on them. 10,000 indicators × 400 areas, in one group
or in nine regions, take under the 200 ms of issue 12 (``benchmarks/assessment_bench.py``).

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
from quarterly.assessment.group_layout import group_codes
from quarterly.assessment.polarity import Polarity
from quarterly.assessment.ranking import CHUNK, F64, I8, I64, indicator_signs, per_row, rank_all

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


def _significance(value: F64, c: F64, finite: bool, levels: list[Level | None], out: list[I8]) -> (
    None
):  # fmt: skip
    """``compare_with_benchmark``'s codes for a block against a benchmark ``c`` per cell
    (``finite``: every one of them is finite), written into ``out`` (one array per level).

    Arithmetic on small integers instead of ``np.where`` (several times faster here): the
    code is SIMILAR (2) inside the interval, otherwise 2 − 1 = LOWER where the value is below
    the benchmark and 2 + 1 = HIGHER elsewhere, times 0 where anything is NaN.
    """
    flag = np.empty(value.shape, dtype=bool)
    other = np.empty(value.shape, dtype=bool)
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
            if finite:
                code *= ok
            else:  # NaN in value + lower + upper + benchmark, summed as compared one by one
                code *= ~np.isnan(total + c)


def _level(value: F64, lower: F64 | None, upper: F64 | None, rows: slice) -> Level | None:
    if lower is None or upper is None:
        return None
    lo, up = lower[rows], upper[rows]
    total = value + lo
    total += up
    with np.errstate(invalid="ignore"):
        return lo, up, total, np.equal(total, total).view(np.int8)  # NaN is unequal to itself


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

    rank, n_area, quartile, count, ranked = rank_all(v, codes, n_groups, best_high, 4)
    stats = np.empty((7, shape[0], n_groups))  # 6 from ranking, then the group value
    stats[:6] = ranked
    stats[6] = stats[5] if gv is None else gv
    blank = np.empty if compared else np.zeros  # every cell is written
    codes_out = {k: blank(shape, dtype=np.int8) for k in ("e95", "e998", "g95", "g998")}
    if compared:
        # each area's group value, NaN (not compared) for an area in no group
        spare = np.concatenate([stats[6], np.full((shape[0], 1), np.nan)], axis=1)
        where = np.where(codes >= 0, codes, n_groups)
        one = n_groups == 1 and bool((codes == 0).all())
        outside = bool((codes < 0).any())
        step = max(1, CHUNK // max(1, shape[1]))
        for start in range(0, shape[0], step):
            rows = slice(start, min(start + step, shape[0]))
            block = v[rows]
            levels = [_level(block, lo95, up95, rows), _level(block, lo998, up998, rows)]
            england = bench_england[rows]
            group = per_row(stats[6, rows, 0], shape[1]) if one else spare[rows].take(where, 1)
            for key, c, finite in (
                ("e", per_row(england, shape[1]), bool(np.isfinite(england).all())),
                ("g", group, not outside and bool(np.isfinite(stats[6, rows]).all())),
            ):
                targets = [codes_out[key + "95"][rows], codes_out[key + "998"][rows]]
                _significance(block, c, finite, levels, targets)

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
