"""Properties of the SPC method that must hold for any series (hypothesis)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quarterly.assessment import SpcOptions, spc_analyse, spc_analyse_batch

SETTINGS = settings(max_examples=150, deadline=None)

integers = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40)
floats = st.lists(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=2, max_size=40
)
options = st.builds(
    SpcOptions,
    screen_outliers=st.booleans(),
    fix_after_n_points=st.one_of(st.none(), st.integers(2, 20)),
    shift_length=st.integers(2, 9),
    trend_length=st.integers(3, 8),
    two_in_three=st.sampled_from(["mdc_2023", "legacy"]),
    min_points=st.integers(2, 20),
)


@SETTINGS
@given(values=floats, opts=options)
def test_limits_are_symmetric_about_the_centre_line(values, opts):
    # when
    r = spc_analyse(values, options=opts)
    # then
    scale = 1e-9 * max(1.0, *map(abs, values))
    for c, lo, up, lo2, up2 in zip(
        r.centre, r.lower_limit, r.upper_limit, r.lower_two_sigma, r.upper_two_sigma, strict=True
    ):
        assert math.isclose(up - c, c - lo, abs_tol=scale)
        assert math.isclose(up2 - c, c - lo2, abs_tol=scale)
        assert lo <= lo2 <= c <= up2 <= up


def _clear_of_thresholds(r, values) -> bool:
    """No point within 1e-6 of a limit or two-sigma line (float rounding could flip it)."""
    for y, *lines in zip(
        values, r.lower_limit, r.upper_limit, r.lower_two_sigma, r.upper_two_sigma, strict=True
    ):
        if any(abs(y - t) < 1e-6 for t in lines):
            return False
    return True


@SETTINGS
@given(
    values=integers,
    power=st.integers(-3, 6),
    shift=st.integers(-1000, 1000),
    opts=options,
    polarity=st.sampled_from(["higher", "lower", "none"]),
)
def test_rules_are_invariant_under_positive_affine_rescaling(values, power, shift, opts, polarity):
    # given integer data and y' = 2^k·y + b, which is exact in binary floating point, so only
    # a point sitting exactly on a limit (excluded) could be affected by rounding
    scaled = [v * 2.0**power + shift for v in values]
    r = spc_analyse(values, polarity=polarity, options=opts)
    assume(_clear_of_thresholds(r, values))
    # when
    s = spc_analyse(scaled, polarity=polarity, options=opts)
    # then
    assert s.signal == r.signal
    assert s.point_type == r.point_type
    assert s.variation == r.variation
    for a, b in zip(s.upper_limit, r.upper_limit, strict=True):
        assert math.isclose(a, b * 2.0**power + shift, rel_tol=1e-9, abs_tol=1e-6)


SWAP = {"improvement": "concern", "concern": "improvement"}


@SETTINGS
@given(values=floats, opts=options)
def test_flipping_polarity_swaps_improvement_and_concern(values, opts):
    # when
    higher = spc_analyse(values, polarity="higher", options=opts)
    lower = spc_analyse(values, polarity="lower", options=opts)
    tracker = spc_analyse(values, polarity="none", options=opts)
    # then
    assert lower.signal == higher.signal == tracker.signal
    assert lower.point_type == tuple(SWAP.get(t, t) for t in higher.point_type)
    swapped = higher.variation.replace("improvement", "X").replace("concern", "improvement")
    assert lower.variation == swapped.replace("X", "concern")
    assert not {"improvement", "concern"} & set(tracker.point_type)


@settings(max_examples=60, deadline=None)
@given(
    series=st.lists(st.one_of(integers, floats), min_size=1, max_size=6),
    data=st.data(),
    opts=options,
)
def test_batch_agrees_with_single_series(series, data, opts):
    # given series of different lengths, NaN-padded into one array, with per-series rebases
    width = max(map(len, series))
    grid = np.full((len(series), width), np.nan)
    rebase = np.zeros((len(series), width), dtype=bool)
    polarities = data.draw(
        st.lists(
            st.sampled_from(["higher", "lower", "none"]), min_size=len(series), max_size=len(series)
        )
    )
    targets = data.draw(
        st.lists(
            st.one_of(st.none(), st.integers(-1200, 1200)),
            min_size=len(series),
            max_size=len(series),
        )
    )
    cuts = []
    for i, s in enumerate(series):
        # gaps anywhere but the last point (after it the batch sees padding)
        gaps = data.draw(st.lists(st.integers(0, len(s) - 2), max_size=3)) if len(s) > 1 else []
        s[:] = [math.nan if j in gaps else v for j, v in enumerate(s)]
        grid[i, : len(s)] = s
        cut = data.draw(st.lists(st.integers(1, len(s) - 1), max_size=2)) if len(s) > 1 else []
        rebase[i, cut] = True
        cuts.append(cut)
    # when
    batch = spc_analyse_batch(
        grid,
        polarity=polarities,
        target=[np.nan if t is None else t for t in targets],
        rebase=rebase,
        options=opts,
    )
    # then
    for i, s in enumerate(series):
        single = spc_analyse(
            s, polarity=polarities[i], target=targets[i], rebase_at=cuts[i], options=opts
        )
        n = len(s)
        assert tuple(batch.signal_names()[i, :n]) == single.signal
        # a gap: "" (no value) in the batch, common cause (as NHSRplotthedots) in the single API
        assert tuple(batch.point_type_names()[i, :n]) == tuple(
            "" if math.isnan(v) else t
            for v, t in zip(single.values, single.point_type, strict=True)
        )
        assert tuple(batch.astronomical[i, :n]) == single.astronomical
        assert tuple(batch.shift[i, :n]) == single.shift
        assert tuple(batch.trend[i, :n]) == single.trend
        assert tuple(batch.two_in_three[i, :n]) == single.two_in_three
        assert tuple(batch.segment[i, :n]) == single.segment
        np.testing.assert_allclose(
            batch.upper_limit[i, :n], single.upper_limit, rtol=1e-12, atol=1e-9
        )
        np.testing.assert_allclose(batch.centre[i, :n], single.centre, rtol=1e-12, atol=1e-9)
        assert batch.variation_names()[i] == single.variation
        assert batch.assurance_names()[i] == single.assurance
        assert batch.points_in_latest_segment[i] == single.points_in_latest_segment
        assert np.isnan(batch.centre[i, n:]).all()


def test_batch_agrees_on_one_point_segments():
    # given segments too short for limits (NaN limits, no rules), one per position
    rebase = np.array([[False, True, True]])
    # when
    batch = spc_analyse_batch([[1.0, 2.0, 3.0]], rebase=rebase, options=SpcOptions(min_points=2))
    single = spc_analyse([1.0, 2.0, 3.0], rebase_at=[1, 2], options=SpcOptions(min_points=2))
    # then
    np.testing.assert_array_equal(batch.upper_limit[0], single.upper_limit)
    assert np.isnan(single.upper_limit).all()
    assert tuple(batch.signal_names()[0]) == single.signal == ("common_cause",) * 3
    assert batch.variation_names()[0] == single.variation == "insufficient_data"


@pytest.mark.parametrize("rebase_kind", ["per series", "shared", "none"])
def test_a_batch_larger_than_one_block_equals_its_series_in_small_batches(rebase_kind):
    # given more series than one block of the batch holds, with gaps, padding, per-series
    # polarity, targets and bounds, and recalculation points
    rng = np.random.default_rng(7)
    s, n = 2600, 20
    values = rng.normal(50, 10, (s, n)).round(0)
    values[rng.random((s, n)) < 0.05] = np.nan
    values[::7, 15:] = np.nan  # shorter series
    rebase = {
        "per series": rng.random((s, n)) < 0.05,
        "shared": np.array([5, 12]),
        "none": None,
    }[rebase_kind]
    kwargs = {
        "polarity": rng.choice(["higher", "lower", "none"], s).tolist(),
        "target": np.where(rng.random(s) < 0.3, np.nan, rng.normal(50, 10, s)),
        "bounds": np.column_stack([np.full(s, 0.0), np.where(rng.random(s) < 0.5, 60.0, np.nan)]),
    }
    # when
    whole = spc_analyse_batch(values, rebase=rebase, **kwargs)
    # then every field equals the same series run 100 at a time
    for r in range(0, s, 100):
        rows = slice(r, r + 100)
        part = spc_analyse_batch(
            values[rows],
            rebase=rebase[rows] if rebase_kind == "per series" else rebase,
            polarity=kwargs["polarity"][rows],
            target=kwargs["target"][rows],
            bounds=kwargs["bounds"][rows],
        )
        for field in dataclasses.fields(whole):
            np.testing.assert_array_equal(
                getattr(whole, field.name)[rows], getattr(part, field.name)
            )
