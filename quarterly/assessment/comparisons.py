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

from quarterly.assessment.benchmark import Comparison, compare_with_benchmark
from quarterly.assessment.polarity import Polarity
from quarterly.assessment.ranking import (
    F64,
    I8,
    I64,
    group_codes,
    indicator_signs,
    rank_groups,
)

_CHUNK = 1 << 16  # cells per pass

# code (0 not compared, 1 lower, 2 similar, 3 higher) → word, by polarity sign + 1
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
    out = np.array(x, dtype=np.float64, ndmin=2)
    if out.shape != shape:
        raise ValueError(f"limits must have the values' shape {shape}, got {out.shape}")
    return out


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
    v = np.asarray(values, dtype=np.float64)
    v = v.reshape(1, -1) if v.ndim == 1 else v
    shape = v.shape
    signs = indicator_signs(polarity, shape[0])
    words: Sequence[Polarity] | Polarity = polarity if isinstance(polarity, str) else list(polarity)
    codes, n_groups = group_codes(groups, shape[1])
    gv = None if group_value is None else np.array(group_value, dtype=np.float64, ndmin=2)
    if gv is not None and gv.shape != (shape[0], n_groups):
        raise ValueError(f"group_value must be indicators × groups {(shape[0], n_groups)}")
    bench_england = np.full((shape[0], 1), np.nan)
    if england is not None:
        bench_england = np.broadcast_to(
            np.asarray(england, dtype=np.float64).reshape(-1, 1), (shape[0], 1)
        )
    lo95, up95 = _limits(lower95, shape), _limits(upper95, shape)
    lo998, up998 = _limits(lower998, shape), _limits(upper998, shape)

    per_area = {name: np.zeros(shape, dtype=np.int64) for name in ("rank", "n")}
    quartile = np.zeros(shape, dtype=np.int8)
    per_group = {
        name: np.zeros((shape[0], n_groups))
        for name in ("count", "minimum", "lower_quartile", "median", "upper_quartile",
                     "maximum", "mean", "group_value")
    }  # fmt: skip
    codes_out = {k: np.zeros(shape, dtype=np.int8) for k in ("e95", "e998", "g95", "g998")}
    # a few thousand cells at a time: the temporaries stay in the CPU's cache and are reused,
    # which on a busy machine is several times faster than whole-array passes
    step = max(1, _CHUNK // max(1, shape[1]))
    for s in range(0, shape[0], step):
        rows = slice(s, s + step)
        part_words = words if isinstance(words, str) else words[rows]
        ranks = rank_groups(v[rows], codes, polarity=part_words, bins=4)
        per_area["rank"][rows], per_area["n"][rows] = ranks.rank, ranks.n
        quartile[rows] = ranks.category
        for name in per_group:
            if name != "group_value":
                per_group[name][rows] = getattr(ranks, name)
        part_gv = ranks.mean if gv is None else gv[rows]
        per_group["group_value"][rows] = part_gv
        if lo95 is None or up95 is None:
            continue  # no intervals: nothing is compared
        padded = np.concatenate([part_gv, np.full((part_gv.shape[0], 1), np.nan)], axis=1)
        bench_group = padded[:, np.where(codes >= 0, codes, n_groups)]
        for key, bench in (("e", bench_england[rows]), ("g", bench_group)):
            found = compare_with_benchmark(
                v[rows],
                bench,
                lower95=lo95[rows],
                upper95=up95[rows],
                lower998=None if lo998 is None else lo998[rows],
                upper998=None if up998 is None else up998[rows],
            )
            codes_out[key + "95"][rows], codes_out[key + "998"][rows] = found.at95, found.at998

    worst = np.where(signs > 0, 1, np.where(signs < 0, 4, -1))[:, None]
    return AreaComparisons(
        rank=per_area["rank"],
        n=per_area["n"],
        quartile=quartile,
        bottom_quartile=(quartile == worst) & (quartile > 0),
        count=per_group["count"].astype(np.int64),
        minimum=per_group["minimum"],
        lower_quartile=per_group["lower_quartile"],
        median=per_group["median"],
        upper_quartile=per_group["upper_quartile"],
        maximum=per_group["maximum"],
        mean=per_group["mean"],
        group_value=per_group["group_value"],
        vs_england=Comparison(codes_out["e95"], codes_out["e998"]),
        vs_group=Comparison(codes_out["g95"], codes_out["g998"]),
    )
