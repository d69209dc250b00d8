"""Benchmark comparisons, funnel limits, ranks and quantiles as Fingertips computes them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quarterly.assessment import (
    PERCENTAGE,
    compare_one,
    compare_proportion_spc,
    compare_rate_spc,
    compare_with_benchmark,
    control_limits_rate,
    percentile_inc,
    quantile_categories,
    rank_within_groups,
)

# Fingertips' SingleOverlappingCIsForTwoCILevelsComparer outcomes (METHODS.md §4.2 method 2),
# benchmark 50, 95% CI [L95, U95] ⊂ 99.8% CI [L998, U998]:
# (value, L95, U95, L998, U998, at 95%, at 99.8%)
TWO_LEVELS = [
    (51.0, 48.0, 54.0, 46.0, 56.0, "similar", "similar"),
    (50.0, 50.0, 53.0, 48.0, 55.0, "similar", "similar"),  # inclusive bounds
    (53.0, 51.0, 55.0, 49.0, 57.0, "higher", "similar"),  # significant at 95% only
    (47.0, 45.0, 49.0, 43.0, 51.0, "lower", "similar"),
    (58.0, 55.0, 61.0, 52.0, 64.0, "higher", "higher"),  # significant at 99.8%
    (42.0, 39.0, 45.0, 36.0, 48.0, "lower", "lower"),
    (math.nan, 39.0, 45.0, 36.0, 48.0, "not compared", "not compared"),
]
WORDS = {
    "higher": {"higher": "better", "lower": "worse"},
    "lower": {"higher": "worse", "lower": "better"},
    "none": {},
}


@pytest.mark.parametrize("polarity", ["higher", "lower", "none"])
def test_two_level_comparison_by_polarity(polarity):
    # given
    rows = np.array([r[:5] for r in TWO_LEVELS])
    # when
    result = compare_with_benchmark(
        rows[:, 0],
        50.0,
        lower95=rows[:, 1],
        upper95=rows[:, 2],
        lower998=rows[:, 3],
        upper998=rows[:, 4],
    )
    at95, at998 = result.labels(polarity)
    # then
    expected95 = [WORDS[polarity].get(r[5], r[5]) for r in TWO_LEVELS]
    expected998 = [WORDS[polarity].get(r[6], r[6]) for r in TWO_LEVELS]
    assert at95.tolist() == expected95
    assert at998.tolist() == expected998


def test_comparison_sentence():
    result = compare_one(
        61.2, 66.0, lower95=58.1, upper95=64.2, lower998=56.4, upper998=65.9,
        polarity="higher", fmt=PERCENTAGE,
    )  # fmt: skip
    assert (result.at95, result.at998) == ("worse", "worse")
    assert result.sentence == (
        "Worse than England (99.8% confidence): 61.2% (95% CI 58.1% to 64.2%) against 66.0%."
    )


def _fingertips_poisson(expected: float, p: float, upper: bool) -> float:
    """Fingertips' StatisticalMethods.PoisLow / PoisHigh (fingertips-open,
    PholioVisualisationWS/Analysis/StatisticalMethods.cs), re-implemented for this test:
    bisection on v with λ = (1 + E)·v/(1 − v), summing a normalised Poisson pmf."""

    def tail(lam: float, k_from: float, k_to: float) -> float:
        q, total, s, k = 1.0, 0.0, 0.0, 0.0
        while k <= lam or q > total * 1e-10:
            total += q
            if k_from <= k <= k_to:
                s += q
            if total > 1e30:
                s, total, q = s / 1e30, total / 1e30, q / 1e30
            k += 1
            q = q * lam / k
        return s / total

    v, dv = 0.5, 0.5
    while dv > 1e-7:
        dv /= 2
        lam = (1 + expected) * v / (1 - v)
        if upper:
            v = v - dv if tail(lam, 0, expected) < p else v + dv
        else:
            v = v - dv if tail(lam, expected, 1e10) > p else v + dv
    return (1 + expected) * v / (1 - v)


@pytest.mark.parametrize("expected", [0.4, 1.0, 3.5, 7.0, 12.25, 40.0, 101.0])
def test_rate_control_limits_match_fingertips_bisection(expected):
    # given a benchmark rate and a population giving the expected count E
    population = 50000.0
    rate = expected / population * 100000.0
    # when
    (lo95, up95), (lo998, up998) = control_limits_rate([rate], [population])
    # then: Fingertips' bisection stops at a step of 1e-7 in v, hence the tolerance
    for ours, p, upper in (
        (lo95, 0.025, False),
        (up95, 0.025, True),
        (lo998, 0.001, False),
        (up998, 0.001, True),
    ):
        theirs = _fingertips_poisson(expected, p, upper) / population * 100000.0
        assert ours[0] == pytest.approx(theirs, rel=2e-6, abs=1e-6)


def test_spc_comparisons_use_limits_around_the_benchmark():
    # a rate of 120 per 100,000 in 50,000 people against England's 100: E = 50, observed 60
    rate = compare_rate_spc([120.0, 160.0, 100.0], [50000.0] * 3, 100.0)
    assert rate.at95.tolist() == [2, 3, 2] and rate.at998.tolist() == [2, 3, 2]
    # 60% of 200 against 50%: Wilson limits around E = 100 are 43.1%..56.9% at 95%
    prop = compare_proportion_spc([60.0, 56.0, 40.0], [200.0] * 3, 50.0)
    assert prop.labels("higher")[0].tolist() == ["better", "similar", "worse"]


# Excel PERCENTILE.INC documentation example: PERCENTILE.INC({1,3,2,4}, 0.3) = 1.9
def test_percentile_inc_matches_excel():
    assert percentile_inc([1, 3, 2, 4], 0.3) == pytest.approx(1.9)
    assert percentile_inc([1, 3, 2, 4], 0.0) == 1.0
    assert percentile_inc([1, 3, 2, 4], 1.0) == 4.0


TEN = np.arange(1.0, 11.0)
QUANTILES = [
    # (quantiles, polarity, expected) — bounds P.2 = 2.8, P.4 = 4.6, P.6 = 6.4, P.8 = 8.2
    (5, "lower", [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
    (5, "higher", [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]),  # quintiles oriented: 1 = best
    (5, "none", [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
    # quartiles are not oriented by polarity in Fingertips: P.25 = 3.25, P.5 = 5.5, P.75 = 7.75
    (4, "higher", [1, 1, 1, 2, 2, 3, 3, 4, 4, 4]),
    (4, "lower", [1, 1, 1, 2, 2, 3, 3, 4, 4, 4]),
]


@pytest.mark.parametrize(("quantiles", "polarity", "expected"), QUANTILES)
def test_quantile_categories(quantiles, polarity, expected):
    got = quantile_categories(TEN, quantiles=quantiles, polarity=polarity)
    assert got.tolist() == expected


def test_quantiles_need_enough_values_and_work_per_group():
    values = [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0, 5.0, np.nan]
    groups = ["a"] * 4 + ["b"] * 6
    got = quantile_categories(values, groups, quantiles=5, polarity="lower")
    # group a has 4 values (< 5): not calculated; group b's 5 values get one quintile each
    assert got.tolist() == [0, 0, 0, 0, 1, 2, 3, 4, 5, 0]
    quartiles = quantile_categories(values[:4], quantiles=4)
    assert quartiles.tolist() == [1, 2, 3, 4]


def test_a_value_on_a_bound_falls_in_the_lower_category():
    # first bin whose upper bound the value does not exceed; bounds are 20, 30, 40, 50 exactly
    got = quantile_categories([10.0, 20.0, 30.0, 40.0, 50.0, 60.0], polarity="lower")
    assert got.tolist() == [1, 1, 2, 3, 4, 5]


RANKS = [
    ([5.0, 3.0, 5.0, np.nan, 1.0], None, "higher", [1, 3, 1, 0, 4]),
    ([5.0, 3.0, 5.0, np.nan, 1.0], None, "lower", [3, 2, 3, 0, 1]),
    ([5.0, 3.0, 5.0, 2.0, 1.0], [1, 1, 2, 2, 2], "lower", [2, 1, 3, 2, 1]),
]


@pytest.mark.parametrize(("values", "groups", "polarity", "expected"), RANKS)
def test_rank_within_groups(values, groups, polarity, expected):
    assert rank_within_groups(values, groups, polarity=polarity).tolist() == expected
