"""Agreement with PHStatsMethods 0.1.16 (DHSC/OHID's Python port of PHEindicatormethods).

Documented differences, none of which affect the compared values:

- ``byars_upper(0)`` raises ValueError in PHStatsMethods ("'Value' must be a positive number")
  although its own exact method is used below 10; we return the exact limit (3.689 at 95%).
  Counts of 0 are therefore compared with its ``exact_upper``.
- ``exact_lower(0)`` is NaN in PHStatsMethods (scipy's χ² with 0 degrees of freedom); R's
  ``qchisq(p, 0)`` in PHEindicatormethods gives 0, as we do.
- ``PHStatsMethods.confidence_intervals.byars()`` passes ``1 - confidence`` on to
  ``byars_lower``/``byars_upper`` (so 0.95 is treated as 5%); we compare with the per-limit
  functions and with ``ph_rate``, which call them correctly.
- PHStatsMethods evaluates row by row (``DataFrame.apply``); we are vectorised. Same formulas,
  same z (``ndtri``), so agreement is to floating-point rounding.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from PHStatsMethods import confidence_intervals as phci
from PHStatsMethods.rates import ph_rate

from quarterly.assessment import proportion_intervals, rate_intervals


def _random_counts(seed: int, size: int = 300) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    denominator = rng.integers(1, 200000, size).astype(float)
    share = rng.beta(0.5, 2.0, size)
    count = np.floor(denominator * share)
    count[:20] = rng.integers(0, 10, 20)  # make sure small counts are covered
    return count, np.maximum(denominator, count)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_wilson_agrees_with_phstatsmethods(seed, level):
    # given
    count, denominator = _random_counts(seed)
    # when
    ours = proportion_intervals(count, denominator, multiplier=1.0)
    lower = ours.lower95 if level == 0.95 else ours.lower998
    upper = ours.upper95 if level == 0.95 else ours.upper998
    # then
    theirs_lower = [phci.wilson_lower(x, n, level) for x, n in zip(count, denominator, strict=True)]
    theirs_upper = [phci.wilson_upper(x, n, level) for x, n in zip(count, denominator, strict=True)]
    np.testing.assert_allclose(lower, theirs_lower, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(upper, theirs_upper, rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_byars_with_exact_small_counts_agrees_with_phstatsmethods(seed, level):
    # given
    count, _ = _random_counts(seed)
    # when
    ours = rate_intervals(count)
    lower = ours.lower95 if level == 0.95 else ours.lower998
    upper = ours.upper95 if level == 0.95 else ours.upper998
    # then
    theirs_lower = [phci.byars_lower(x, level) for x in count]
    theirs_upper = [
        phci.byars_upper(x, level) if x > 0 else phci.exact_upper(x, level) for x in count
    ]
    zero = count == 0
    assert zero.any() and np.isnan(np.asarray(theirs_lower)[zero]).all()
    assert (lower[zero] == 0).all()
    np.testing.assert_allclose(lower[~zero], np.asarray(theirs_lower)[~zero], rtol=1e-9)
    np.testing.assert_allclose(upper, theirs_upper, rtol=1e-9)


def test_rates_agree_with_ph_rate():
    # given
    count, denominator = _random_counts(7, size=100)
    count = np.maximum(count, 1.0)  # ph_rate's byars_upper refuses 0
    frame = pd.DataFrame({"x": count, "n": denominator})
    # when
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ph_rate(frame, "x", "n", confidence=[0.95, 0.998], multiplier=100000)
    ours = rate_intervals(count, denominator, multiplier=100000)
    # then
    np.testing.assert_allclose(ours.value, theirs["Value"], rtol=1e-12)
    np.testing.assert_allclose(ours.lower95, theirs["lower_95_ci"], rtol=1e-9)
    np.testing.assert_allclose(ours.upper998, theirs["upper_99_8_ci"], rtol=1e-9)
