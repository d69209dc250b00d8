"""Wilson, Byar's and exact Poisson intervals: published values and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quarterly.assessment import (
    byars_ci,
    count_limits,
    proportion_intervals,
    rate_intervals,
    wilson_ci,
    z_value,
)

# Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison of
# seven methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score), 95%.
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("x", "n", "lower", "upper"), NEWCOMBE)
def test_wilson_matches_newcombe_1998(x, n, lower, upper):
    ci = wilson_ci(x, n, multiplier=1.0)
    assert (round(ci.lower, 4), round(ci.upper, 4)) == (lower, upper)


# Exact 95% Poisson limits for small counts (Garwood 1936; as tabulated e.g. in Ulm K (1990)
# American Journal of Epidemiology 131:373-375); 4 significant figures.
EXACT = [(0, 0.0, 3.689), (1, 0.02532, 5.572), (5, 1.623, 11.67), (10, 4.795, 18.39)]


@pytest.mark.parametrize(("x", "lower", "upper"), EXACT)
def test_exact_poisson_matches_tables(x, lower, upper):
    exact = byars_ci(x, method="exact")
    assert float(f"{exact.lower:.4g}") == lower
    assert float(f"{exact.upper:.4g}") == upper
    if x < 10:  # the default "auto" uses these exact limits below 10
        auto = byars_ci(x)
        assert (auto.lower, auto.upper) == (exact.lower, exact.upper)


def test_auto_switches_to_byars_at_ten():
    [(lo, up)] = count_limits([9.0, 10.0], levels=(0.95,))
    [(b_lo, b_up)] = count_limits([9.0, 10.0], levels=(0.95,), method="byars")
    [(e_lo, e_up)] = count_limits([9.0, 10.0], levels=(0.95,), method="exact")
    assert (lo[0], up[0]) == (e_lo[0], e_up[0])
    assert (lo[1], up[1]) == (b_lo[1], b_up[1]) != (e_lo[1], e_up[1])


def test_z_values_for_fingertips_levels():
    assert round(z_value(0.95), 6) == 1.959964
    assert round(z_value(0.998), 6) == 3.090232


def test_rates_scale_counts_by_denominator_and_multiplier():
    per_count = rate_intervals([65.0])
    per_100k = rate_intervals([65.0], [200000.0])
    assert per_100k.value[0] == 32.5
    assert per_100k.lower95[0] == pytest.approx(per_count.lower95[0] / 2)
    assert per_100k.upper998[0] == pytest.approx(per_count.upper998[0] / 2)


def test_missing_inputs_give_missing_limits():
    ci = proportion_intervals([np.nan, 5.0], [10.0, np.nan])
    assert np.isnan(ci.lower95).all() and np.isnan(ci.upper998).all()
    rates = rate_intervals([np.nan, 3.0], [100.0, 100.0])
    assert np.isnan(rates.lower95[0]) and not np.isnan(rates.lower95[1])


@pytest.mark.parametrize(
    ("count", "denominator"), [([-1.0], [10.0]), ([5.0], [0.0]), ([11.0], [10.0])]
)
def test_invalid_counts_are_refused(count, denominator):
    with pytest.raises(ValueError):
        proportion_intervals(count, denominator)


proportions = st.integers(1, 10**7).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@settings(max_examples=300, deadline=None)
@given(case=proportions, multiplier=st.sampled_from([1.0, 100.0]))
def test_wilson_contains_the_proportion_and_stays_in_range(case, multiplier):
    # given
    x, n = case
    # when
    ci = proportion_intervals([x], [n], multiplier=multiplier)
    # then
    p = x / n * multiplier
    assert 0.0 <= ci.lower998[0] <= ci.lower95[0] <= p <= ci.upper95[0] <= ci.upper998[0]
    assert ci.upper998[0] <= multiplier


@settings(max_examples=300, deadline=None)
@given(x=st.integers(0, 10**6))
def test_count_intervals_contain_the_count_and_nest(x):
    ci = rate_intervals([float(x)])
    assert 0.0 <= ci.lower998[0] <= ci.lower95[0] <= x < ci.upper95[0] <= ci.upper998[0]


@settings(max_examples=200, deadline=None)
@given(x=st.integers(10, 10**6), level=st.sampled_from([0.95, 0.998]))
def test_byars_approximates_exact_poisson_from_ten(x, level):
    # Breslow & Day (1987): Byar's approximation is close to the exact limits for x ≥ 10, and
    # closer as x grows (worst cases: 1.5% at x = 10, 99.8%; 2.5e-4 from 100; 6.5e-6 from 1000)
    tolerance = 2e-2 if x < 100 else 3e-4 if x < 1000 else 1e-5
    [(b_lo, b_up)] = count_limits([x], levels=(level,), method="byars")
    [(e_lo, e_up)] = count_limits([x], levels=(level,), method="exact")
    assert math.isclose(b_lo[0], e_lo[0], rel_tol=tolerance)
    assert math.isclose(b_up[0], e_up[0], rel_tol=tolerance)
