"""Process limits bounded to the range a value can take (``spc.py``'s docstring, "Bounded
limits"): percentages 0–100, proportions 0–1. Expected limits are worked by hand below."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quarterly.assessment import (
    PERCENTAGE,
    PERCENTAGE_BOUNDS,
    PROPORTION_BOUNDS,
    SpcOptions,
    spc_analyse,
    spc_analyse_batch,
)

# mean 98.5, every moving range 3 (so MR̄ = 3 after screening): limits 98.5 ± 7.98
NEAR_100 = (97.0, 100.0) * 8
# mean 0.03, every moving range 0.04: limits 0.03 ± 0.1064
NEAR_0 = (0.01, 0.05) * 8
OPTS = SpcOptions(min_points=15)


def test_a_percentage_upper_limit_is_bounded_at_100():
    # when
    free = spc_analyse(NEAR_100, options=OPTS, fmt=PERCENTAGE)
    bounded = spc_analyse(NEAR_100, options=OPTS, fmt=PERCENTAGE, bounds=PERCENTAGE_BOUNDS)
    # then: the upper limit (106.48) and its two-sigma line (103.82) are shown at 100
    assert free.upper_limit[0] == pytest.approx(98.5 + 2.66 * 3)
    assert bounded.upper_limit == (100.0,) * 16
    assert bounded.upper_two_sigma == (100.0,) * 16
    assert bounded.upper_bounded == (True,) * 16
    assert bounded.lower_limit == free.lower_limit and bounded.lower_bounded == (False,) * 16
    assert not any(free.upper_bounded)
    # the rules are unchanged
    assert bounded.signal == free.signal and bounded.variation == free.variation
    assert bounded.sentence == (
        "Common cause variation: the latest value, 100.0%, is within the process limits "
        "(90.5% to 100.0%, the upper limit bounded at 100.0%) around the average of 98.5%."
    )


def test_a_proportion_lower_limit_is_bounded_at_0():
    # when
    r = spc_analyse(NEAR_0, options=OPTS, bounds=PROPORTION_BOUNDS)
    # then: 0.03 − 0.1064 < 0 is shown at 0; 0.1364 is inside the range
    assert r.lower_limit == (0.0,) * 16 and r.lower_bounded == (True,) * 16
    assert r.upper_limit[0] == pytest.approx(0.03 + 2.66 * 0.04)
    assert not any(r.upper_bounded)


def test_the_assurance_sentence_says_which_limit_is_bounded():
    # when
    r = spc_analyse(NEAR_100, target=95.0, options=OPTS, fmt=PERCENTAGE, bounds=PERCENTAGE_BOUNDS)
    # then
    assert r.assurance == "hit_and_miss"
    assert "(90.5% to 100.0%, the upper limit bounded at 100.0%)" in r.assurance_sentence


def test_both_limits_bounded_and_one_sided_bounds():
    # given a series whose limits pass both ends of 0–100
    values = (5.0, 95.0) * 8
    # when
    both = spc_analyse(values, options=OPTS, bounds=PERCENTAGE_BOUNDS, fmt=PERCENTAGE)
    upper_only = spc_analyse(values, options=OPTS, bounds=(None, 100.0))
    assert spc_analyse(values, options=OPTS, bounds=(math.nan, 100.0)) == upper_only
    # then
    assert (both.lower_limit[0], both.upper_limit[0]) == (0.0, 100.0)
    assert "the lower limit bounded at 0.0% and the upper limit bounded at 100.0%" in both.sentence
    assert upper_only.lower_limit[0] < 0 and upper_only.upper_limit[0] == 100.0
    assert upper_only.upper_bounded[0] and not upper_only.lower_bounded[0]


def test_batch_bounds_one_pair_or_one_per_series():
    # given a percentage, a proportion and an unbounded series, NaN-padded
    grid = np.full((3, 16), np.nan)
    grid[0], grid[1], grid[2, :10] = NEAR_100, NEAR_0, NEAR_100[:10]
    bounds = [PERCENTAGE_BOUNDS, PROPORTION_BOUNDS, (None, None)]
    # when
    r = spc_analyse_batch(grid, bounds=bounds, options=OPTS)
    shared = spc_analyse_batch(grid[:1], bounds=PERCENTAGE_BOUNDS, options=OPTS)
    # then: the same as one series at a time
    for i, b in enumerate(bounds):
        n = 16 if i < 2 else 10
        single = spc_analyse(grid[i, :n], bounds=b, options=OPTS)
        np.testing.assert_array_equal(r.upper_limit[i, :n], single.upper_limit)
        np.testing.assert_array_equal(r.lower_limit[i, :n], single.lower_limit)
        assert tuple(r.upper_bounded[i, :n]) == single.upper_bounded
        assert tuple(r.lower_bounded[i, :n]) == single.lower_bounded
    assert np.isnan(r.upper_limit[2, 10:]).all() and not r.upper_bounded[2, 10:].any()
    np.testing.assert_array_equal(shared.upper_limit[0], r.upper_limit[0])


@pytest.mark.parametrize("bounds", [(100.0, 0.0), (1.0, 1.0), (math.nan, -math.inf), (0.0,)])
def test_an_empty_range_is_refused(bounds):
    with pytest.raises(ValueError, match="bounds"):
        spc_analyse(NEAR_100, bounds=bounds)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bounds"):
        spc_analyse_batch([NEAR_100], bounds=bounds)
