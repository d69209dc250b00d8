"""Rank, quartiles, group statistics and significance within groups: worked cases and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quarterly.assessment import (
    compare_areas,
    compare_with_benchmark,
    comparison_words,
    rank_groups,
)


def _fingertips_category(values: list[float], value: float, bins: int) -> int:
    """Fingertips' ValueCategoriesCalculator + QuartilesComparer.GetCategory, line by line in
    plain Python (fingertips-open, PholioVisualisationWS/Analysis), for this test."""
    ordered = sorted(values)
    count = len(ordered)
    if count < bins or count <= 3:
        return 0

    def percentile(fraction: float) -> float:
        n = (count - 1.0) * fraction + 1
        if n == 1.0:
            return ordered[0]
        if n == count:
            return ordered[count - 1]
        k = int(n)
        d = n - k
        p = ordered[k - 1] + d * (ordered[k] - ordered[k - 1])
        scaled = p * 1e10  # Math.Round(p, 10, MidpointRounding.AwayFromZero)
        whole = math.trunc(scaled)
        if abs(scaled - whole) >= 0.5:
            whole += math.copysign(1, scaled - whole)
        return whole / 1e10

    step = 1.0 / bins
    bounds = [ordered[0], *(percentile(step * i) for i in range(1, bins)), ordered[-1]]
    for index in range(1, bins + 1):
        if value <= bounds[index]:
            return index
    raise AssertionError("value beyond the maximum")


# given values 1..10 (and a missing one) in one group
TEN = [3.0, 1.0, 2.0, math.nan, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0]


def test_worked_group():
    # when
    result = compare_areas([TEN, TEN], polarity=["higher", "lower"])
    # then: 1 = best, missing = 0, n counts the values
    assert result.rank[0].tolist() == [8, 10, 9, 0, 1, 2, 3, 4, 5, 6, 7]
    assert result.rank[1].tolist() == [3, 1, 2, 0, 10, 9, 8, 7, 6, 5, 4]
    assert result.n[0].tolist() == [10, 10, 10, 0, 10, 10, 10, 10, 10, 10, 10]
    # quartile bounds P.25 = 3.25, P.5 = 5.5, P.75 = 7.75; 1 = lowest values whatever polarity
    assert result.quartile[0].tolist() == [1, 1, 1, 0, 4, 4, 4, 3, 3, 2, 2]
    assert (result.quartile[1] == result.quartile[0]).all()
    # the bottom quartile is the worst quarter by polarity
    assert np.flatnonzero(result.bottom_quartile[0]).tolist() == [0, 1, 2]
    assert np.flatnonzero(result.bottom_quartile[1]).tolist() == [4, 5, 6]
    assert result.median[:, 0].tolist() == [5.5, 5.5]
    assert result.lower_quartile[0, 0] == 3.25 and result.upper_quartile[0, 0] == 7.75
    assert (result.minimum[0, 0], result.maximum[0, 0], result.count[0, 0]) == (1.0, 10.0, 10)
    assert result.mean[0, 0] == 5.5


def test_ties_share_the_best_rank_and_the_next_skips():
    values = [50.0, 70.0, 70.0, 60.0, 70.0, 40.0]
    assert rank_groups(values, polarity="higher").rank[0].tolist() == [5, 1, 1, 4, 1, 6]
    assert rank_groups(values, polarity="lower").rank[0].tolist() == [2, 4, 4, 3, 4, 1]
    # a tracker ranks from the highest value
    assert rank_groups(values, polarity="none").rank[0].tolist() == [5, 1, 1, 4, 1, 6]


def test_groups_are_ranked_separately_and_areas_outside_every_group_are_left_out():
    # given two regions (0, 1) and an area in neither (−1)
    values = [[5.0, 1.0, 3.0, 2.0, 9.0, 4.0]]
    groups = np.array([0, 1, 0, 1, -1, 0])
    # when
    result = compare_areas(values, groups=groups, polarity="higher")
    # then
    assert result.rank[0].tolist() == [1, 2, 3, 1, 0, 2]
    assert result.n[0].tolist() == [3, 2, 3, 2, 0, 3]
    assert result.median[0].tolist() == [4.0, 1.5]
    assert result.minimum[0].tolist() == [3.0, 1.0] and result.maximum[0].tolist() == [5.0, 2.0]
    # three values are too few for quartiles (Fingertips needs at least four)
    assert result.quartile[0].tolist() == [0, 0, 0, 0, 0, 0]


def test_significance_against_england_and_the_group_mean():
    # given a group of four with 95% and 99.8% intervals; England 50; the group mean is 52.5
    value = [[45.0, 50.0, 56.0, 59.0]]
    lower95, upper95 = [[42.0, 47.0, 53.0, 57.0]], [[48.0, 53.0, 59.0, 61.0]]
    lower998, upper998 = [[40.0, 45.0, 51.0, 56.0]], [[50.0, 55.0, 61.0, 62.0]]
    # worked by hand, as lower / similar / higher, against England at 95% and 99.8%, then
    # against the group mean at 95% and 99.8% (a value's 99.8% interval is the wider one)
    worked = ("LSHH", "SSHH", "LSHH", "LSSH")
    words_for = {
        "higher": {"L": "Worse", "S": "Similar", "H": "Better"},
        "lower": {"L": "Better", "S": "Similar", "H": "Worse"},
        "none": {"L": "Lower", "S": "Similar", "H": "Higher"},
    }
    for polarity, words in [
        (p, tuple([w[c] for c in codes] for codes in worked)) for p, w in words_for.items()
    ]:  # fmt: skip
        # when
        result = compare_areas(
            value, polarity=polarity, england=50.0, lower95=lower95, upper95=upper95,
            lower998=lower998, upper998=upper998,
        )  # fmt: skip
        # then
        assert result.group_value[0, 0] == 52.5
        got = (
            comparison_words(result.vs_england.at95, polarity)[0].tolist(),
            comparison_words(result.vs_england.at998, polarity)[0].tolist(),
            comparison_words(result.vs_group.at95, polarity)[0].tolist(),
            comparison_words(result.vs_group.at998, polarity)[0].tolist(),
        )
        assert got == words, polarity


def test_a_given_group_value_replaces_the_mean_and_missing_parts_are_not_compared():
    value, lower, upper = [[10.0, 20.0, math.nan]], [[8.0, 18.0, 1.0]], [[12.0, 22.0, 3.0]]
    result = compare_areas(
        value, polarity="higher", lower95=lower, upper95=upper, group_value=[[11.0]]
    )
    assert comparison_words(result.vs_group.at95, "higher")[0].tolist() == [
        "Similar", "Better", "Not compared",
    ]  # fmt: skip
    # no England value, no 99.8% limits
    assert (result.vs_england.at95 == 0).all() and (result.vs_group.at998 == 0).all()
    # no intervals at all: nothing is compared, but rank and statistics still are
    bare = compare_areas(value, polarity="higher", england=[15.0])
    assert (bare.vs_england.at95 == 0).all() and bare.rank[0].tolist() == [2, 1, 0]


def test_polarity_per_indicator_and_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="one polarity per indicator"):
        compare_areas([[1.0, 2.0], [3.0, 4.0]], polarity=["higher"])
    with pytest.raises(ValueError, match="one group code per area"):
        compare_areas([[1.0, 2.0]], groups=[0], polarity="higher")
    with pytest.raises(ValueError, match="integers"):
        compare_areas([[1.0, 2.0]], groups=["a", "b"], polarity="higher")
    with pytest.raises(ValueError, match="shape"):
        compare_areas([[1.0, 2.0]], polarity="higher", lower95=[[1.0]], upper95=[[2.0]])
    with pytest.raises(ValueError, match="polarity must be one of"):
        compare_areas([[1.0, 2.0]], polarity="up")  # type: ignore[arg-type]


def test_values_a_hair_apart_are_still_ordered_exactly():
    # the sort packs column numbers into the lowest bits of each value; values that differ only
    # there (and negative ones, whose order those bits reverse) must still rank exactly
    base = 1.0
    close = [np.nextafter(base, 2.0 * (i % 2) - 1.0 + base) for i in range(6)]
    values = np.array([[*close, base, -base, np.nextafter(-base, 0.0), -0.0, 0.0, math.inf]])
    result = rank_groups(values, polarity="lower")
    valid = values[0][np.isfinite(values[0])]
    expected = [1 + int((valid < x).sum()) if np.isfinite(x) else 0 for x in values[0]]
    assert result.rank[0].tolist() == expected
    assert result.n[0, 0] == 11  # inf is not a value


values_strategy = st.lists(
    st.one_of(
        st.sampled_from([1.0, 2.0, 2.5, -3.0, 0.0]),  # plenty of ties
        st.floats(-1e6, 1e6, allow_nan=False),
        st.just(math.nan),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(values=values_strategy, data=st.data())
def test_ranks_n_and_quartiles_agree_with_their_definitions(values, data):
    # given values in up to three groups, some areas in none
    groups = np.array(data.draw(st.lists(st.integers(-1, 2), min_size=len(values),
                                         max_size=len(values))))  # fmt: skip
    polarity = data.draw(st.sampled_from(["higher", "lower", "none"]))
    v = np.array(values)
    # when
    result = compare_areas(v, groups=groups, polarity=polarity)
    # then each value's rank is one more than the number of better values in its group
    for a, x in enumerate(v):
        g = groups[a]
        members = v[(groups == g) & ~np.isnan(v)] if g >= 0 else np.array([])
        if g < 0 or math.isnan(x):
            assert result.rank[0, a] == 0 and result.n[0, a] == 0 and result.quartile[0, a] == 0
            continue
        better = (members < x) if polarity == "lower" else (members > x)
        assert result.rank[0, a] == 1 + better.sum()
        assert result.n[0, a] == members.size
        expected = _fingertips_category(members.tolist(), x, 4)
        assert result.quartile[0, a] == expected
    # ranks are a permutation with ties: the smallest is 1, and a rank r held by k areas
    # is followed by r + k
    for g in range(result.count.shape[1]):
        ranks = sorted(result.rank[0][(groups == g) & ~np.isnan(v)].tolist())
        if ranks:
            assert ranks[0] == 1
            for r, following in zip(ranks, ranks[1:], strict=False):
                assert following == r or following == ranks.index(following) + 1
        # and the group's statistics are its values' own
        members = v[(groups == g) & ~np.isnan(v)]
        if members.size:
            assert result.count[0, g] == members.size
            assert result.minimum[0, g] == members.min() and result.maximum[0, g] == members.max()
            assert result.median[0, g] == pytest.approx(np.median(members), rel=1e-9, abs=1e-9)
        else:
            assert result.count[0, g] == 0 and math.isnan(result.median[0, g])


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 5),
    areas=st.integers(1, 30),
    seed=st.integers(0, 2**32 - 1),
)
def test_many_indicators_at_once_equal_one_at_a_time(rows, areas, seed):
    # given random indicators with ties and gaps, mixed polarities, two groups
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 6, (rows, areas)).astype(float)
    values[rng.random(values.shape) < 0.2] = np.nan
    groups = rng.integers(-1, 2, areas)
    polarity = [["higher", "lower", "none"][i % 3] for i in range(rows)]
    # when
    together = compare_areas(values, groups=groups, polarity=polarity)
    # then
    for i in range(rows):
        alone = compare_areas(values[i], groups=groups, polarity=polarity[i])
        assert together.rank[i].tolist() == alone.rank[0].tolist()
        assert together.quartile[i].tolist() == alone.quartile[0].tolist()
        np.testing.assert_array_equal(together.median[i], alone.median[0])


@pytest.mark.parametrize("groups", ["one", "scattered"])
def test_block_by_block_significance_equals_compare_with_benchmark(groups):
    # given more indicators than one block holds, with gaps, infinities, intervals that do
    # not contain their value, and England and group values that are missing or infinite
    rng = np.random.default_rng(12)
    rows, areas = 700, 300
    values = rng.normal(50, 10, (rows, areas)).round(0)
    lower = values - rng.gamma(2, 2, values.shape)
    upper = values + rng.gamma(2, 2, values.shape)
    for array, share in ((values, 0.03), (lower, 0.01), (upper, 0.01)):
        array[rng.random(array.shape) < share] = np.nan
    values[0, :3], lower[1, :2], upper[2, :2] = np.inf, -np.inf, np.inf
    lower[3, :20] += 30  # the value lies below its own interval
    england = rng.normal(50, 10, rows)
    england[4:7] = np.nan, np.inf, -np.inf
    codes = np.zeros(areas, dtype=np.int64) if groups == "one" else rng.integers(-1, 4, areas)
    polarity = [("higher", "lower", "none")[i % 3] for i in range(rows)]
    # when
    result = compare_areas(values, groups=codes, polarity=polarity, england=england,
                           lower95=lower, upper95=upper, lower998=lower - 1, upper998=upper + 1)  # fmt: skip
    # then: the same codes as one call of compare_with_benchmark over the whole array
    vs_england = compare_with_benchmark(values, england[:, None], lower95=lower, upper95=upper,
                                        lower998=lower - 1, upper998=upper + 1)  # fmt: skip
    np.testing.assert_array_equal(result.vs_england.at95, vs_england.at95)
    np.testing.assert_array_equal(result.vs_england.at998, vs_england.at998)
    padded = np.concatenate([result.group_value, np.full((rows, 1), np.nan)], axis=1)
    bench = padded[:, np.where(codes >= 0, codes, padded.shape[1] - 1)]
    vs_group = compare_with_benchmark(values, bench, lower95=lower, upper95=upper,
                                      lower998=lower - 1, upper998=upper + 1)  # fmt: skip
    np.testing.assert_array_equal(result.vs_group.at95, vs_group.at95)
    np.testing.assert_array_equal(result.vs_group.at998, vs_group.at998)
    assert (result.vs_england.at95 == 0).sum() > 0 and (result.vs_group.at95 == 1).sum() > 0
