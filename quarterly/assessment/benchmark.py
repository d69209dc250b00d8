"""Benchmarking as OHID Fingertips does it: significance against a benchmark, rank, quantiles.

Sources (METHODS.md §4.2), in https://github.com/ukhsa-collaboration/fingertips-open,
PholioVisualisationWS/Analysis: SingleOverlappingCIsForOneCILevelComparer,
SingleOverlappingCIsForTwoCILevelsComparer, SpcForProportionsComparer, SpcForDsrComparer,
ControlLimitsBuilderSpcForDsr, StatisticalMethods, QuintilesComparer, ValueCategoriesCalculator;
PholioObjects/Constants.cs (polarity); intervals from ``intervals.py`` (Wilson, Byar's, exact).

- **Comparison with a benchmark value C** (England, region, comparator-group average), per
  confidence level: if the area's interval contains C (L ≤ C ≤ U, inclusive) the result is
  *similar*; otherwise *lower* when V < C, else *higher*. Doing this with the 95% and the
  99.8% intervals gives Fingertips' two-level comparison (significant at 95% only / at 99.8%).
- **Polarity** turns higher/lower into better/worse: higher is better → higher = better;
  lower is better → swapped; none (Fingertips' BlueOrangeBlue) → "higher"/"lower" without
  judgement. Missing value, interval or benchmark → "not compared", and so is an area
  compared with itself (``itself``: England's own row in a Fingertips export says "Not
  compared" although its interval contains its value).
- ``compare_proportion_spc``: Fingertips' SPC method for proportions — the Wilson interval of
  the *expected* count E = N·C/u under the benchmark: A = 2E + z², B = z·√(z² + 4E(1 − E/N)),
  limits (A ∓ B)/(2(N + z²)); the area is higher/lower when its proportion is outside.
- ``compare_rate_spc``: Fingertips' SPC method for rates (SpcForDsrComparer), exact Poisson
  limits around E = C·N/u with one-tailed α = 0.025 (95%) / 0.001 (99.8%). Fingertips finds them
  by bisection summing the Poisson pmf over k ≥ E (lower) and k ≤ E (upper), which for a
  non-integer E means k ≥ ⌈E⌉ and k ≤ ⌊E⌋; we solve the same equations exactly with the
  regularised incomplete gamma function (the result differs from Fingertips' only by its
  bisection tolerance, 1e-7 in its transformed variable).
- **Quantiles** (QuintilesComparer / ValueCategoriesCalculator): bounds are Excel
  PERCENTILE.INC of the valid values — n' = (n − 1)·f + 1, k = ⌊n'⌋,
  P_f = x₍ₖ₎ + (n' − k)(x₍ₖ₊₁₎ − x₍ₖ₎) — rounded to 10 decimal places half away from zero
  (``ranking.py`` has the details and does the work); a value's category is
  the first bin whose upper bound it does not exceed. Quintiles need n ≥ 5 and quartiles n ≥ 4
  (and always n > 3), otherwise the category is 0 ("not calculated"). **Orientation, as
  Fingertips' code does it:** quintiles are reversed for higher-is-better so 1 is always the
  best fifth; quartiles are *not* re-oriented (1 = lowest values). ``orient`` overrides this.
- **Rank** (our choice; Fingertips' UI sorts but the repository defines no rank rule): 1 = best
  (highest when higher is better or for trackers, lowest when lower is better); tied values
  share the best rank of the tie ("1, 2, 2, 4"); missing values get rank 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from quarterly.assessment.intervals import wilson_limits, z_value
from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.ranking import rank_groups
from quarterly.assessment.wording import ValueFormat

NOT_COMPARED, LOWER, SIMILAR, HIGHER = 0, 1, 2, 3
_LABELS: dict[int, tuple[str, ...]] = {
    1: ("not compared", "worse", "similar", "better"),
    -1: ("not compared", "better", "similar", "worse"),
    0: ("not compared", "lower", "similar", "higher"),
}
I8 = NDArray[np.int8]
F64 = NDArray[np.float64]


@dataclass(frozen=True)
class Comparison:
    """Codes per row at each level: 0 not compared, 1 lower, 2 similar, 3 higher."""

    at95: I8
    at998: I8

    def labels(self, polarity: Polarity) -> tuple[NDArray[np.str_], NDArray[np.str_]]:
        """Words per row at 95% and 99.8%, by polarity (better/similar/worse or higher/…)."""
        words = np.asarray(_LABELS[polarity_sign(polarity)])
        return words[self.at95], words[self.at998]


def _codes(value: F64, lower: ArrayLike, upper: ArrayLike, bench: ArrayLike) -> I8:
    lo = np.asarray(lower, dtype=np.float64)
    up = np.asarray(upper, dtype=np.float64)
    c = np.asarray(bench, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        code = np.where(value < c, np.int8(LOWER), np.int8(HIGHER))
        inside = lo <= c
        inside &= c <= up
        code[inside] = SIMILAR
        # NaN in any of the four makes the sum NaN: one test instead of four
        code[np.isnan(value + lo + up + c)] = NOT_COMPARED
    return code


def compare_with_benchmark(
    value: ArrayLike,
    benchmark: ArrayLike,
    *,
    lower95: ArrayLike,
    upper95: ArrayLike,
    lower998: ArrayLike | None = None,
    upper998: ArrayLike | None = None,
    itself: ArrayLike | None = None,
) -> Comparison:
    """Fingertips' overlapping-CI comparison of each value with a benchmark, at both levels.

    ``benchmark`` may be one number or one per row (any shape that broadcasts). Without 99.8%
    limits, ``at998`` is all "not compared". ``itself`` marks rows that are the benchmark
    area itself, which are not compared.
    """
    v = np.asarray(value, dtype=np.float64)
    at95 = _codes(v, lower95, upper95, benchmark)
    if lower998 is None or upper998 is None:
        at998 = np.zeros_like(at95)
    else:
        at998 = _codes(v, lower998, upper998, benchmark)
    if itself is not None:
        own = np.broadcast_to(np.asarray(itself, dtype=bool), at95.shape)
        at95 = np.where(own, np.int8(NOT_COMPARED), at95).astype(np.int8)
        at998 = np.where(own, np.int8(NOT_COMPARED), at998).astype(np.int8)
    return Comparison(at95, at998)


def control_limits_proportion(
    benchmark: ArrayLike, denominator: ArrayLike, *, multiplier: float = 100.0
) -> tuple[tuple[F64, F64], tuple[F64, F64]]:
    """Fingertips' SPC (funnel) limits for proportions at 95% and 99.8%, in value units."""
    n = np.asarray(denominator, dtype=np.float64)
    expected = n * np.asarray(benchmark, dtype=np.float64) / multiplier
    out = []
    for level in (0.95, 0.998):
        lo, up = wilson_limits(expected, n, z=z_value(level))
        out.append((lo * multiplier, up * multiplier))
    return out[0], out[1]


def control_limits_rate(
    benchmark: ArrayLike, denominator: ArrayLike, *, multiplier: float = 100000.0
) -> tuple[tuple[F64, F64], tuple[F64, F64]]:
    """Fingertips' SPC (funnel) limits for rates at 95% and 99.8% (exact Poisson), in value units."""
    n = np.asarray(denominator, dtype=np.float64)
    # rounded so that float noise in rate × population cannot move an integer E across ⌈⌉/⌊⌋
    expected = np.round(np.asarray(benchmark, dtype=np.float64) * n / multiplier, 9)
    out = []
    for alpha in (0.025, 0.001):  # one-tailed, ControlLimitsBuilderSpcForDsr constants
        with np.errstate(invalid="ignore"):
            k_low = np.ceil(expected)
            lam_low = np.where(k_low > 0, special.gammaincinv(np.maximum(k_low, 1.0), alpha), 0.0)
            lam_up = special.gammainccinv(np.floor(expected) + 1.0, alpha)
        out.append((lam_low / n * multiplier, lam_up / n * multiplier))
    return out[0], out[1]


def _outside_codes(v: F64, lo: F64, up: F64) -> I8:
    with np.errstate(invalid="ignore"):
        code = np.where(v > up, np.int8(HIGHER), np.where(v < lo, np.int8(LOWER), np.int8(SIMILAR)))
        missing = np.isnan(v) | np.isnan(lo) | np.isnan(up)
    return np.where(missing, np.int8(NOT_COMPARED), code).astype(np.int8)


def compare_proportion_spc(
    value: ArrayLike, denominator: ArrayLike, benchmark: ArrayLike, *, multiplier: float = 100.0
) -> Comparison:
    """Fingertips' SPC comparison for proportions (Wilson limits around the expected count).

    ``value`` and ``benchmark`` are in the same units (percentages when ``multiplier`` is 100).
    """
    v = np.asarray(value, dtype=np.float64)
    limits = control_limits_proportion(benchmark, denominator, multiplier=multiplier)
    return Comparison(*(_outside_codes(v, lo, up) for lo, up in limits))


def compare_rate_spc(
    value: ArrayLike, denominator: ArrayLike, benchmark: ArrayLike, *, multiplier: float = 100000.0
) -> Comparison:
    """Fingertips' SPC comparison for rates and DSRs (exact Poisson around the expected count)."""
    v = np.asarray(value, dtype=np.float64)
    limits = control_limits_rate(benchmark, denominator, multiplier=multiplier)
    return Comparison(*(_outside_codes(v, lo, up) for lo, up in limits))


@dataclass(frozen=True)
class BenchmarkResult:
    """One value compared with one benchmark (scalar convenience API)."""

    at95: str
    at998: str
    sentence: str


def compare_one(
    value: float,
    benchmark: float,
    *,
    lower95: float,
    upper95: float,
    lower998: float | None = None,
    upper998: float | None = None,
    polarity: Polarity,
    benchmark_name: str = "England",
    fmt: ValueFormat | None = None,
) -> BenchmarkResult:
    """Compare one value with a benchmark and say so in a sentence, e.g.
    "Worse than England (99.8% confidence): 61.2% (95% CI 58.1% to 64.2%) against 66.0%."."""
    fmt = fmt or ValueFormat()
    nan = float("nan")
    c = compare_with_benchmark(
        [value],
        [benchmark],
        lower95=[lower95],
        upper95=[upper95],
        lower998=[nan if lower998 is None else lower998],
        upper998=[nan if upper998 is None else upper998],
    )
    w95, w998 = (str(w[0]) for w in c.labels(polarity))
    shown = (
        f"{fmt.value(value)} (95% CI {fmt.value(lower95)} to {fmt.value(upper95)}) against "
        f"{fmt.value(benchmark)}"
    )
    if w95 == "not compared":
        sentence = f"Not compared with {benchmark_name}: a value, interval or benchmark is missing."
    elif w95 == "similar":
        sentence = (
            f"Similar to {benchmark_name}: {shown}; the interval includes {benchmark_name}'s value."
        )
    else:
        strength = "99.8% confidence" if w998 == w95 else "95% confidence"
        sentence = f"{w95.capitalize()} than {benchmark_name} ({strength}): {shown}."
    return BenchmarkResult(w95, w998, sentence)


def _label_codes(values: F64, groups: ArrayLike | None) -> NDArray[np.int64] | None:
    if groups is None:
        return None
    _, inverse = np.unique(np.asarray(groups), return_inverse=True)
    return inverse.reshape(values.shape).astype(np.int64)


def rank_within_groups(
    values: ArrayLike, groups: ArrayLike | None = None, *, polarity: Polarity = "higher"
) -> NDArray[np.int64]:
    """Rank each value within its comparator group (1 = best; ties share; missing → 0).

    ``groups`` holds any labels, one per value; ``ranking.rank_groups`` does the work.
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    ranks = rank_groups(v, _label_codes(v, groups), polarity=polarity).rank
    return np.asarray(ranks[0], dtype=np.int64)


def percentile_inc(values: ArrayLike, fraction: float) -> float:
    """Excel PERCENTILE.INC of the non-missing values (scalar helper)."""
    x = np.sort(np.asarray(values, dtype=np.float64))
    x = x[~np.isnan(x)]
    if x.size == 0 or not 0.0 <= fraction <= 1.0:
        raise ValueError("need at least one value and a fraction between 0 and 1")
    h = (x.size - 1) * fraction
    k = int(np.floor(h))
    upper = x[min(k + 1, x.size - 1)]
    return float(x[k] + (h - k) * (upper - x[k]))


def quantile_categories(
    values: ArrayLike,
    groups: ArrayLike | None = None,
    *,
    quantiles: int = 5,
    polarity: Polarity = "higher",
    orient: bool | None = None,
) -> NDArray[np.int8]:
    """Quintile (5) or quartile (4) of each value within its group, as Fingertips does it.

    0 means not calculated (missing value or too few values). ``orient`` (default: True for
    quintiles, False for quartiles, as Fingertips) makes 1 the best category by polarity.
    """
    if quantiles < 2:
        raise ValueError("quantiles must be at least 2")
    v = np.asarray(values, dtype=np.float64).ravel()
    category = np.asarray(rank_groups(v, _label_codes(v, groups), bins=quantiles).category[0])
    if orient if orient is not None else quantiles == 5:
        if polarity_sign(polarity) > 0:
            category = np.where(category > 0, quantiles + 1 - category, 0)
    return category.astype(np.int8)
