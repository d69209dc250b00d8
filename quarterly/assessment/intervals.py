"""Confidence intervals as OHID Fingertips and PHEindicatormethods compute them.

Sources (METHODS.md §4.2 "CIs for a council's own KPIs"):

- Wilson score interval for a proportion x/n (Wilson 1927; Newcombe & Altman 2000):
  [2x + z² ∓ z·√(z² + 4x(1 − x/n))] / [2(n + z²)] — PHEindicatormethods R/Wilson.R
  (https://github.com/ukhsa-collaboration/PHEindicatormethods).
- Byar's approximation for a Poisson count x (Breslow & Day 1987):
  lower = x·(1 − 1/(9x) − z/(3√x))³, upper = (x+1)·(1 − 1/(9(x+1)) + z/(3√(x+1)))³
  — PHEindicatormethods R/Byars.R; divide by the denominator and multiply by N for a rate.
- Exact Poisson limits (Armitage & Berry 2002): lower = ½·χ²_{2x}(α/2), upper =
  ½·χ²_{2x+2}(1 − α/2) — PHEindicatormethods R/Rates.R (``phe_rate``). Computed here as the
  equivalent regularised-gamma inverses (½·χ²_{2a}(p) = P⁻¹(a, p)), vectorised.
- **Small counts:** ``method="auto"`` (the default) uses the exact method for counts below 10
  and Byar's from 10 up, as ``phe_rate`` does ("For small numerators Byar's method is less
  accurate and so an exact method based on the Poisson distribution is used") and as the
  Python port PHStatsMethods does. METHODS.md gives only Byar's formula; PHEindicatormethods is
  the published rule, so we follow it.
- z = Φ⁻¹(1 − α/2): 1.959964 at 95% and 3.090232 at 99.8% (METHODS.md). Some published
  Fingertips series were produced with z rounded to 1.96; pass ``z`` to reproduce them (the
  tests do this for the example export's 0–9 years rows).

Decisions: x = 0 gives a lower limit of exactly 0 (Byar's is undefined there); Wilson limits are
clipped to [0, 1], and are exactly 0 at x = 0 and 1 at x = n, so floating-point rounding can
never exclude the observed proportion or leave the range; missing (NaN) inputs
give NaN limits; negative counts, non-positive denominators and proportions above 1 raise
``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

LEVELS = (0.95, 0.998)
RateMethod = Literal["auto", "byars", "exact"]
SMALL_COUNT = 10
"""Counts below this use the exact Poisson method when ``method="auto"``."""

F64 = NDArray[np.float64]


def z_value(level: float) -> float:
    """The two-sided normal quantile for a confidence level (0.95 → 1.959964)."""
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1, e.g. 0.95")
    return float(special.ndtri(1.0 - (1.0 - level) / 2.0))


@dataclass(frozen=True)
class Interval:
    """One value with its confidence interval (scalar convenience API)."""

    value: float
    lower: float
    upper: float
    level: float


@dataclass(frozen=True)
class Intervals:
    """Values with confidence intervals at Fingertips' two levels, as arrays."""

    value: F64
    lower95: F64
    upper95: F64
    lower998: F64
    upper998: F64


def _as_float(x: ArrayLike) -> F64:
    return np.asarray(x, dtype=np.float64)


def _check_counts(count: F64, denominator: F64 | None, proportion: bool) -> None:
    with np.errstate(invalid="ignore"):
        if (count < 0).any():
            raise ValueError("counts must not be negative")
        if denominator is not None:
            if (denominator <= 0).any():
                raise ValueError("denominators must be greater than zero")
            if proportion and (count > denominator).any():
                raise ValueError("a count cannot exceed its denominator")


def wilson_limits(count: ArrayLike, denominator: ArrayLike, *, z: float) -> tuple[F64, F64]:
    """Wilson score limits as proportions (0–1) for one z; no validation (internal speed path)."""
    x, n = _as_float(count), _as_float(denominator)
    z2 = z * z
    centre = 2.0 * x + z2
    with np.errstate(invalid="ignore"):
        spread = z * np.sqrt(z2 + 4.0 * x * (1.0 - x / n))
    scale = 1.0 / (2.0 * (n + z2))
    # exact end points: rounding must never exclude p = 0 or p = 1 from its own interval
    lower = np.where(x <= 0.0, 0.0, np.maximum((centre - spread) * scale, 0.0))
    upper = np.where(x >= n, 1.0, np.minimum((centre + spread) * scale, 1.0))
    return lower, upper


def proportion_intervals(
    count: ArrayLike,
    denominator: ArrayLike,
    *,
    multiplier: float = 100.0,
    z95: float | None = None,
    z998: float | None = None,
) -> Intervals:
    """Proportions with Wilson score intervals at 95% and 99.8%.

    ``multiplier`` 100 gives percentages (the default), 1 gives proportions.
    """
    x, n = _as_float(count), _as_float(denominator)
    _check_counts(x, n, proportion=True)
    lo95, up95 = wilson_limits(x, n, z=z95 or z_value(0.95))
    lo998, up998 = wilson_limits(x, n, z=z998 or z_value(0.998))
    m = float(multiplier)
    return Intervals(x / n * m, lo95 * m, up95 * m, lo998 * m, up998 * m)


def wilson_ci(
    count: float, denominator: float, *, level: float = 0.95, multiplier: float = 100.0
) -> Interval:
    """One proportion with its Wilson interval, e.g. ``wilson_ci(65, 100)`` → 65.0% (55.3–73.6)."""
    x, n = np.float64(count), np.float64(denominator)
    _check_counts(np.asarray(x), np.asarray(n), proportion=True)
    lo, up = wilson_limits(x, n, z=z_value(level))
    return Interval(
        float(x / n * multiplier), float(lo * multiplier), float(up * multiplier), level
    )


def _byars(x: F64, zs: tuple[float, ...]) -> list[tuple[F64, F64]]:
    """Byar's limits for each z, sharing the square roots between levels."""
    with np.errstate(divide="ignore", invalid="ignore"):
        a_lo = 1.0 - 1.0 / (9.0 * x)
        s_lo = 1.0 / (3.0 * np.sqrt(x))
        x1 = x + 1.0
        a_up = 1.0 - 1.0 / (9.0 * x1)
        s_up = 1.0 / (3.0 * np.sqrt(x1))
        out = []
        for z in zs:
            b_lo = a_lo - z * s_lo
            b_up = a_up + z * s_up
            lower = x * b_lo * b_lo * b_lo
            lower[x == 0] = 0.0  # Byar's lower limit is undefined at 0; the exact limit is 0
            out.append((lower, x1 * b_up * b_up * b_up))
    return out


def _exact(x: F64, level: float) -> tuple[F64, F64]:
    alpha = 1.0 - level
    lower = np.zeros_like(x)
    positive = x > 0
    lower[positive] = special.gammaincinv(x[positive], alpha / 2.0)
    lower[np.isnan(x)] = np.nan
    upper = special.gammaincinv(x + 1.0, 1.0 - alpha / 2.0)
    return lower, upper


def count_limits(
    count: ArrayLike,
    *,
    levels: tuple[float, ...] = LEVELS,
    method: RateMethod = "auto",
    z: tuple[float, ...] | None = None,
) -> list[tuple[F64, F64]]:
    """Lower and upper limits for Poisson counts at each level (no denominator)."""
    x = np.atleast_1d(_as_float(count))
    _check_counts(x, None, proportion=False)
    zs = z or tuple(z_value(level) for level in levels)
    if method not in ("auto", "byars", "exact"):
        raise ValueError("method must be 'auto', 'byars' or 'exact'")
    if method == "exact":
        return [_exact(x, level) for level in levels]
    limits = _byars(x, zs)
    if method == "auto":
        small = x < SMALL_COUNT
        if small.any():
            xs = x[small]
            for (lower, upper), level in zip(limits, levels, strict=True):
                lo, up = _exact(xs, level)
                lower[small] = lo
                upper[small] = up
    return limits


def rate_intervals(
    count: ArrayLike,
    denominator: ArrayLike | None = None,
    *,
    multiplier: float = 100000.0,
    method: RateMethod = "auto",
    z95: float | None = None,
    z998: float | None = None,
) -> Intervals:
    """Counts or rates per ``multiplier`` with Byar's / exact Poisson intervals at both levels.

    Without a denominator the intervals are for the count itself (``multiplier`` ignored).
    """
    x = np.atleast_1d(_as_float(count))
    zs = (z95 or z_value(0.95), z998 or z_value(0.998))
    (lo95, up95), (lo998, up998) = count_limits(x, method=method, z=zs)
    if denominator is None:
        return Intervals(x, lo95, up95, lo998, up998)
    n = np.atleast_1d(_as_float(denominator))
    _check_counts(x, n, proportion=False)
    scale = float(multiplier) / n
    return Intervals(x * scale, lo95 * scale, up95 * scale, lo998 * scale, up998 * scale)


def byars_ci(
    count: float,
    denominator: float | None = None,
    *,
    level: float = 0.95,
    multiplier: float = 100000.0,
    method: RateMethod = "auto",
) -> Interval:
    """One count or rate with its Byar's (exact below 10) interval."""
    if math.isnan(count):
        raise ValueError("count must be a number")
    [(lower, upper)] = count_limits(count, levels=(level,), method=method)
    scale = 1.0 if denominator is None else float(multiplier) / float(denominator)
    if denominator is not None and denominator <= 0:
        raise ValueError("denominators must be greater than zero")
    return Interval(count * scale, float(lower[0]) * scale, float(upper[0]) * scale, level)
