"""Year-end forecast: a worked example, fallbacks, properties and calibration."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quarterly.assessment import PERCENTAGE, forecast_year_end

HISTORY = [[55, 57, 59, 60], [58, 59, 61, 62], [57, 60, 62, 63], [59, 61, 62, 64]]


def test_worked_example_after_q2():
    # given Q1-Q2 of this year are 1 point above the same quarters last year
    # when
    f = forecast_year_end([60.0, 62.0], HISTORY, target=65.0, fmt=PERCENTAGE)
    # then: Q3 = 62 + 1, Q4 = 64 + 1
    assert f.method == "seasonal_naive_level"
    assert f.remaining == (63.0, 65.0)
    assert f.forecast == 65.0
    # backtests at Q2 of the three years with a year before them: 62.5-62, 62-63, 64.5-64
    assert f.backtest_errors == (0.5, -1.0, 0.5)
    s = math.sqrt(0.5)  # RMS of the errors
    t = 1.6377443572159724  # Student t, 3 degrees of freedom, 0.9 quantile
    assert (f.lower, f.upper) == pytest.approx((65 - t * s, 65 + t * s))
    assert f.probability_of_meeting_target == pytest.approx(0.5)
    assert f.sentence == (
        "Forecast for the year-end value: 65.0% (80% prediction interval 63.8% to 66.2%), "
        "with a 50% chance of meeting the 65% target."
    )


AGGREGATIONS = [
    # (aggregation, current, history, forecast, remaining)
    ("sum", [10.0, 12.0], [[9, 11, 13, 15]], 52.0, (14.0, 16.0)),
    ("mean", [10.0, 12.0], [[9, 11, 13, 15]], 13.0, (14.0, 16.0)),
    ("last", [10.0, 12.0], [[9, 11, 13, 15]], 16.0, (14.0, 16.0)),
    ("sum", [10.0], [[9, 11, 13, 15], [8, 9, 10, 11]], 46.0, (11.0, 12.0, 13.0)),
]


@pytest.mark.parametrize(
    ("aggregation", "current", "history", "forecast", "remaining"), AGGREGATIONS
)
def test_aggregations(aggregation, current, history, forecast, remaining):
    f = forecast_year_end(current, history, aggregation=aggregation)
    assert (f.forecast, f.remaining) == (forecast, remaining)
    assert f.lower is None and f.probability_of_meeting_target is None  # < 2 backtests


def test_run_rate_without_history():
    total = forecast_year_end([10.0, 12.0], aggregation="sum", target=40.0)
    latest = forecast_year_end([10.0, 12.0], aggregation="last")
    assert (total.method, total.forecast, total.lower) == ("run_rate", 44.0, None)
    assert latest.forecast == 12.0
    assert (
        total.sentence
        == "Forecast for the total for the year: 44.0 (too little history to give a range)."
    )


def test_complete_year_is_the_actual():
    f = forecast_year_end([1.0, 2.0, 3.0, 4.0], HISTORY, aggregation="sum", target=9.0)
    assert (f.method, f.forecast, f.probability_of_meeting_target) == ("actual", 10.0, 1.0)


@pytest.mark.parametrize(
    ("current", "history"), [([], []), ([1.0] * 5, []), ([1.0], [[1, 2, 3]]), ([math.nan], [])]
)
def test_invalid_input_is_refused(current, history):
    with pytest.raises(ValueError):
        forecast_year_end(current, history)


years = st.lists(
    st.lists(st.floats(0, 1000, allow_nan=False), min_size=4, max_size=4), min_size=3, max_size=8
)


@settings(max_examples=200, deadline=None)
@given(history=years, t=st.integers(1, 3), data=st.data(), shift=st.floats(-100, 100))
def test_forecast_properties(history, t, data, shift):
    current = data.draw(st.lists(st.floats(0, 1000, allow_nan=False), min_size=t, max_size=t))
    target = data.draw(st.floats(0, 1000, allow_nan=False))
    for aggregation in ("last", "mean"):
        f = forecast_year_end(current, history, aggregation=aggregation, target=target)
        low = forecast_year_end(
            current, history, aggregation=aggregation, target=target, polarity="lower"
        )
        # the interval contains the forecast; P(≥ T) + P(≤ T) = 1 for a continuous forecast
        assert f.lower <= f.forecast <= f.upper
        if f.upper > f.lower:
            assert (
                f.probability_of_meeting_target + low.probability_of_meeting_target
                == pytest.approx(1.0)
            )
        # moving every value and the target by the same amount moves the forecast only
        moved = forecast_year_end(
            [c + shift for c in current],
            [[v + shift for v in y] for y in history],
            aggregation=aggregation,
            target=target + shift,
        )
        assert moved.forecast == pytest.approx(f.forecast + shift, abs=1e-6)
        assert moved.upper - moved.lower == pytest.approx(f.upper - f.lower, abs=1e-6)


def test_intervals_are_calibrated_on_simulated_kpis():
    # given 1,000 KPIs with a stable seasonal pattern, a drifting level and noise: the
    # method's assumptions; 80% intervals should contain the outcome about 80% of the time
    rng = np.random.default_rng(2024)
    hits = 0
    for _ in range(1000):
        season = rng.normal(0, 3, 4)
        level = rng.normal(60, 5) + np.cumsum(rng.normal(0, 1, 6))
        years = [lv + season + rng.normal(0, 1, 4) for lv in level]
        f = forecast_year_end(years[5][:2], [list(y) for y in years[:5]])
        hits += f.lower <= years[5][-1] <= f.upper
    assert 0.75 <= hits / 1000 <= 0.85
