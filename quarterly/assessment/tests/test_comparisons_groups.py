"""Many groups at once (groups laid side by side, padded) equal each group compared alone."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from quarterly.assessment import compare_areas, compare_with_benchmark, rank_groups

POLARITIES = ("higher", "lower", "none")


def _random_case(seed: int, rows: int, sizes: list[int], outside: int, ties: bool):
    """Values with ties (a few levels) or not, 15% missing, intervals, and group codes for
    groups of the given sizes (some empty) plus areas in no group, shuffled."""
    rng = np.random.default_rng(seed)
    codes = np.concatenate([np.full(size, g) for g, size in enumerate(sizes)] + [[-1] * outside])
    codes = rng.permutation(codes.astype(np.int64))
    areas = codes.size
    if ties:
        values = rng.integers(0, 5, (rows, areas)) / 2.0
    else:
        values = rng.normal(50, 10, (rows, areas))
    values[rng.random(values.shape) < 0.15] = np.nan
    lower = values - rng.gamma(2, 1, values.shape)
    upper = values + rng.gamma(2, 1, values.shape)
    england = rng.normal(50, 10, rows) if not ties else rng.integers(0, 5, rows) / 2.0
    return codes, values, lower, upper, england


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(1, 40),
    sizes=st.lists(st.integers(0, 30), min_size=1, max_size=12),
    outside=st.integers(0, 4),
    ties=st.booleans(),
    given_value=st.booleans(),
)
def test_many_groups_at_once_equal_each_group_alone(seed, rows, sizes, outside, ties, given_value):
    # given groups of any sizes (equal, very unequal, empty) and areas in no group
    codes, values, lower, upper, england = _random_case(seed, rows, sizes, outside, ties)
    polarity = [POLARITIES[(seed + i) % 3] for i in range(rows)]
    n_groups = int(codes.max()) + 1 if codes.size and codes.max() >= 0 else 0  # trailing empties
    group_value = np.random.default_rng(seed).normal(50, 10, (rows, n_groups))
    limits = {"lower95": lower, "upper95": upper, "lower998": lower - 1, "upper998": upper + 1}
    # when
    together = compare_areas(
        values, groups=codes, polarity=polarity, england=england, **limits,
        group_value=group_value if given_value else None,
    )  # fmt: skip
    # then each group's areas get what the group alone gets, to the last bit
    assert together.count.shape == (rows, n_groups)
    for g in range(n_groups):
        cols = np.flatnonzero(codes == g)
        if cols.size == 0:
            assert (together.count[:, g] == 0).all() and np.isnan(together.median[:, g]).all()
            continue
        alone = compare_areas(
            values[:, cols], polarity=polarity, england=england,
            **{k: v[:, cols] for k, v in limits.items()},
            group_value=group_value[:, [g]] if given_value else None,
        )  # fmt: skip
        for field in ("rank", "n", "quartile", "bottom_quartile"):
            np.testing.assert_array_equal(getattr(together, field)[:, cols], getattr(alone, field))
        for field in ("count", "minimum", "lower_quartile", "median", "upper_quartile", "maximum"):
            np.testing.assert_array_equal(
                getattr(together, field)[:, g], getattr(alone, field)[:, 0]
            )
        # the mean adds the same values; padding may change the order of the additions
        np.testing.assert_allclose(together.mean[:, g], alone.mean[:, 0], rtol=1e-12)
        for level in ("at95", "at998"):
            for against in ("vs_england", "vs_group"):
                np.testing.assert_array_equal(
                    getattr(getattr(together, against), level)[:, cols],
                    getattr(getattr(alone, against), level),
                )
    # and areas in no group are ranked in none, compared with England only
    out = np.flatnonzero(codes < 0)
    for field in ("rank", "n", "quartile"):
        assert (getattr(together, field)[:, out] == 0).all()
    assert (together.vs_group.at95[:, out] == 0).all()
    vs_england = compare_with_benchmark(
        values[:, out], england[:, None], **{k: v[:, out] for k, v in limits.items()}
    )
    np.testing.assert_array_equal(together.vs_england.at95[:, out], vs_england.at95)
    np.testing.assert_array_equal(together.vs_england.at998[:, out], vs_england.at998)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    sizes=st.lists(st.integers(0, 25), min_size=2, max_size=8),
    bins=st.integers(2, 6),
)
def test_quantile_categories_of_many_groups_equal_each_group_alone(seed, sizes, bins):
    codes, values, *_ = _random_case(seed, 7, sizes, 2, ties=True)
    together = rank_groups(values, codes, polarity="lower", bins=bins)
    for g in range(len(sizes)):
        cols = np.flatnonzero(codes == g)
        if cols.size == 0:
            continue
        alone = rank_groups(values[:, cols], polarity="lower", bins=bins)
        np.testing.assert_array_equal(together.category[:, cols], alone.category)
        np.testing.assert_array_equal(together.rank[:, cols], alone.rank)


def test_a_large_group_and_many_small_ones_are_ranked_in_separate_bands():
    # given one group of 200 areas and 50 of 2 (padding them all to 200 would be wasteful)
    codes = np.array([0] * 200 + [g for g in range(1, 51) for _ in range(2)], dtype=np.int64)
    values = np.arange(codes.size, dtype=np.float64)[None, :]
    # when
    result = rank_groups(values, codes, polarity="higher")
    # then
    assert result.rank[0, :200].tolist() == list(range(200, 0, -1))
    assert result.rank[0, 200:].tolist() == [2, 1] * 50
    assert result.count[0].tolist() == [200] + [2] * 50
