"""Year-end forecast for an in-year KPI, with a prediction interval and P(meeting target).

Method: **seasonal naive with a level adjustment** (Hyndman & Athanasopoulos, *Forecasting:
Principles and Practice*, 3rd ed., §5.2 "Some simple forecasting methods" and §5.5 "Distributional
forecasts and prediction intervals", https://otexts.com/fpp3/).

After ``t`` of the year's ``P`` periods (e.g. Q2 of 4 quarters), each remaining period p is
forecast as *the same period last year plus this year's average change so far*:

    ŷ_p = y_{last year, p} + Δ,   Δ = mean over observed periods q of (y_{this year, q} − y_{last year, q})

and the year-end figure is aggregated as the KPI needs it: ``"last"`` (the Q4 / March value,
e.g. a cumulative or snapshot measure), ``"sum"`` (an annual total) or ``"mean"`` (an annual
average).

**Uncertainty from the KPI's own history.** The same forecast is replayed at the same point of
each past year that had a year before it (a backtest), giving errors e_1…e_k of the year-end
figure. With s = √(Σe²/k) the interval is ŷ ± t_{k, (1+level)/2}·s and
P(meeting target T) = P(Y ≥ T) (or ≤ for lower-is-better) under Y = ŷ + s·t_k. The Student t
with k degrees of freedom accounts for estimating s from only k errors. At least two backtests
(three complete past years) are needed; with fewer, the forecast is given without an interval.

Assumptions: the seasonal pattern repeats from year to year (additively); a level change seen
so far this year persists to the year end; past backtest errors are representative, centred on
zero and roughly normal. Limitations: few years of history give wide intervals (correctly);
structural breaks (a new definition, a service change) invalidate the history — rebase by
passing only comparable years; a trend *within* the year beyond last year's pattern is not
extrapolated; ratios near 0% or 100% can produce intervals past the possible range (the caller
may clip). With no complete year of history the method falls back to a **run rate** (total:
mean so far × P; average: mean so far; year-end value: the latest value) with no interval.

Default interval level 80%, a common fan-chart band that shows the spread without implying
precision the short history cannot give.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scipy import stats

from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.wording import ValueFormat

Aggregation = Literal["last", "sum", "mean"]
ForecastMethod = Literal["seasonal_naive_level", "run_rate", "actual"]


@dataclass(frozen=True)
class YearEndForecast:
    """A year-end forecast. ``lower``/``upper``/``probability_of_meeting_target`` are None when
    there is too little history to estimate the uncertainty (or no target)."""

    method: ForecastMethod
    aggregation: Aggregation
    periods_observed: int
    periods_per_year: int
    forecast: float
    lower: float | None
    upper: float | None
    level: float
    remaining: tuple[float, ...]
    backtest_errors: tuple[float, ...]
    target: float | None
    probability_of_meeting_target: float | None
    sentence: str


def _aggregate(values: Sequence[float], how: Aggregation) -> float:
    if how == "last":
        return float(values[-1])
    if how == "sum":
        return float(math.fsum(values))
    return float(math.fsum(values) / len(values))


def _seasonal(observed: Sequence[float], last_year: Sequence[float]) -> list[float]:
    t = len(observed)
    delta = math.fsum(o - p for o, p in zip(observed, last_year, strict=False)) / t if t else 0.0
    return [p + delta for p in last_year[t:]]


def _check(series: Sequence[float], what: str) -> list[float]:
    out = [float(v) for v in series]
    if not all(math.isfinite(v) for v in out):
        raise ValueError(f"{what} must be finite numbers (no missing periods)")
    return out


def forecast_year_end(
    current: Sequence[float],
    history: Sequence[Sequence[float]] = (),
    *,
    periods_per_year: int = 4,
    aggregation: Aggregation = "last",
    target: float | None = None,
    polarity: Polarity = "higher",
    level: float = 0.8,
    fmt: ValueFormat | None = None,
) -> YearEndForecast:
    """Forecast the year-end figure from this year's periods so far and past complete years.

    ``current`` holds this financial year's observed periods (oldest first); ``history`` holds
    complete past years, oldest first, each with ``periods_per_year`` values.
    """
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    p = periods_per_year
    now = _check(current, "current")
    years = [_check(y, "history") for y in history]
    if any(len(y) != p for y in years):
        raise ValueError(f"each past year must have {p} periods")
    t = len(now)
    if t > p:
        raise ValueError(f"a year has only {p} periods")
    sign = polarity_sign(polarity)
    fmt = fmt or ValueFormat()
    if t == p:
        actual = _aggregate(now, aggregation)
        prob = None if target is None or sign == 0 else float(_meets(actual, target, sign))
        return _result(
            "actual", aggregation, t, p, actual, None, None, level, (), (), target, prob, fmt
        )
    if not years:
        if t == 0:
            raise ValueError("need at least one period this year or one past year")
        rate = now[-1] if aggregation == "last" else math.fsum(now) / t
        remaining = tuple([rate] * (p - t))
        value = _aggregate([*now, *remaining], aggregation)
        return _result(
            "run_rate",
            aggregation,
            t,
            p,
            value,
            None,
            None,
            level,
            remaining,
            (),
            target,
            None,
            fmt,
        )
    remaining = tuple(_seasonal(now, years[-1]))
    value = _aggregate([*now, *remaining], aggregation)
    errors = tuple(
        _aggregate([*years[j][:t], *_seasonal(years[j][:t], years[j - 1])], aggregation)
        - _aggregate(years[j], aggregation)
        for j in range(1, len(years))
    )
    lower = upper = prob = None
    k = len(errors)
    if k >= 2:
        s = math.sqrt(math.fsum(e * e for e in errors) / k)
        q = float(stats.t.ppf((1.0 + level) / 2.0, k))
        lower, upper = value - q * s, value + q * s
        if target is not None and sign != 0:
            if s == 0:
                prob = float(_meets(value, target, sign))
            else:
                z = (target - value) / s
                cdf = float(stats.t.cdf(z, k))
                prob = 1.0 - cdf if sign > 0 else cdf
    return _result(
        "seasonal_naive_level",
        aggregation,
        t,
        p,
        value,
        lower,
        upper,
        level,
        remaining,
        errors,
        target,
        prob,
        fmt,
    )


def _meets(value: float, target: float, sign: int) -> bool:
    return value >= target if sign > 0 else value <= target


_WHAT = {
    "last": "the year-end value",
    "sum": "the total for the year",
    "mean": "the average for the year",
}


def _result(
    method: ForecastMethod,
    aggregation: Aggregation,
    t: int,
    p: int,
    value: float,
    lower: float | None,
    upper: float | None,
    level: float,
    remaining: tuple[float, ...],
    errors: tuple[float, ...],
    target: float | None,
    prob: float | None,
    fmt: ValueFormat,
) -> YearEndForecast:
    what = _WHAT[aggregation]
    if method == "actual":
        sentence = f"The year is complete: {what} is {fmt.value(value)}."
    else:
        sentence = f"Forecast for {what}: {fmt.value(value)}"
        if lower is not None and upper is not None:
            sentence += (
                f" ({level:.0%} prediction interval {fmt.value(lower)} to {fmt.value(upper)})"
            )
        else:
            sentence += " (too little history to give a range)"
        if prob is not None and target is not None:
            sentence += f", with {_chance(prob)} of meeting the {fmt.attributive(target)} target"
        sentence += "."
    return YearEndForecast(
        method,
        aggregation,
        t,
        p,
        value,
        lower,
        upper,
        level,
        remaining,
        errors,
        target,
        prob,
        sentence,
    )


def _chance(prob: float) -> str:
    if prob < 0.01:
        return "less than a 1% chance"
    if prob > 0.99:
        return "more than a 99% chance"
    return f"a {prob:.0%} chance"
