"""RAG against targets and direction of travel (rules in rag.py's docstring, METHODS.md §4.4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quarterly.assessment import (
    PERCENTAGE,
    DirectionTarget,
    ValueFormat,
    ValueTarget,
    direction_of_travel,
    rag_rate,
)

DAYS = ValueFormat(unit="days", decimal_places=1)
POUNDS = ValueFormat(unit="currency", decimal_places=0)

RAG = [
    # (value, target, polarity, fmt, status, sentence)
    (61.2, ValueTarget(65, 2), "higher", PERCENTAGE, "red",
     "Red: 61.2% is 3.8 points below the 65% target, beyond the 2-point tolerance."),
    (63.5, ValueTarget(65, 2), "higher", PERCENTAGE, "amber",
     "Amber: 63.5% is 1.5 points below the 65% target, within the 2-point tolerance."),
    (63.0, ValueTarget(65, 2), "higher", PERCENTAGE, "amber",  # exactly on the tolerance
     "Amber: 63.0% is 2.0 points below the 65% target, within the 2-point tolerance."),
    (65.0, ValueTarget(65, 2), "higher", PERCENTAGE, "green", "Green: 65.0% meets the 65% target."),
    (64.96, ValueTarget(65, 2), "higher", PERCENTAGE, "green",  # judged as published: 65.0%
     "Green: 65.0% meets the 65% target."),
    (67.25, ValueTarget(65, 2), "higher", PERCENTAGE, "green",
     "Green: 67.2% is 2.2 points above the 65% target."),
    (64.0, ValueTarget(65), "higher", PERCENTAGE, "red",
     "Red: 64.0% is 1.0 points below the 65% target, and there is no tolerance."),
    (12.4, ValueTarget(10, 2), "lower", DAYS, "fail", None),
    (11.5, ValueTarget(10, 2), "lower", DAYS, "amber",
     "Amber: 11.5 days is 1.5 days above the 10-day target, within the 2-day tolerance."),
    (8.0, ValueTarget(10, 2), "lower", DAYS, "green", "Green: 8.0 days is 2.0 days below the 10-day target."),
    (10600, ValueTarget(10000, 5, "percent_of_target"), "lower", POUNDS, "red",
     "Red: £10,600 is £600 above the £10,000 target, beyond the £500 tolerance."),
    (0.3, ValueTarget(0.1 + 0.2, 0), "higher", ValueFormat(decimal_places=2), "green",
     "Green: 0.30 meets the 0.3 target."),
    (50.0, ValueTarget(65, 2), "none", PERCENTAGE, "not_rated",
     "Not rated: this KPI is a tracker, so it has no target."),
    (50.0, None, "higher", PERCENTAGE, "not_rated", "Not rated: no target has been set."),
    (None, ValueTarget(65, 2), "higher", PERCENTAGE, "not_rated",
     "Not rated: there is no result for this period."),
]  # fmt: skip
RAG = [r if r[4] != "fail" else (*r[:4], "red", "Red: 12.4 days is 2.4 days above the 10-day target, beyond the 2-day tolerance.") for r in RAG]  # fmt: skip


@pytest.mark.parametrize(("value", "target", "polarity", "fmt", "status", "sentence"), RAG)
def test_rag_against_value_targets(value, target, polarity, fmt, status, sentence):
    result = rag_rate(value, target, polarity=polarity, fmt=fmt)
    assert (result.status, result.sentence) == (status, sentence)
    assert result.interim is False


INTERIM = [
    # (value, comparator, target, status, sentence)
    (63.0, 61.8, DirectionTarget("increase"), "green",
     "Green (interim): 63.0% is 1.2 points higher than 61.8% in the previous period, in line with the interim target to increase."),
    (60.1, 61.8, DirectionTarget("increase"), "red",
     "Red (interim): 60.1% is 1.7 points lower than 61.8% in the previous period, against the interim target to increase."),
    (61.84, 61.8, DirectionTarget("increase"), "amber",
     "Amber (interim): 61.8% is unchanged from the previous period (61.8%), so there is no progress against the interim target to increase."),
    (62.2, 61.8, DirectionTarget("increase", materiality=0.5), "amber",
     "Amber (interim): 62.2% is within the 0.5-point materiality threshold of 61.8% in the previous period, so there is no material change against the interim target to increase."),
    (62.2, None, DirectionTarget("increase"), "not_rated",
     "Not rated: there is no value for the previous period to judge the interim target to increase."),
]  # fmt: skip


@pytest.mark.parametrize(("value", "comparator", "target", "status", "sentence"), INTERIM)
def test_rag_against_interim_direction_targets(value, comparator, target, status, sentence):
    result = rag_rate(value, target, polarity="higher", comparator=comparator, fmt=PERCENTAGE)
    assert (result.status, result.sentence) == (status, sentence)
    assert result.interim is (status != "not_rated")


def test_direction_target_must_agree_with_polarity():
    with pytest.raises(ValueError):
        rag_rate(5.0, DirectionTarget("increase"), polarity="lower", comparator=4.0)


TRAVEL = [
    (63.0, 61.8, "higher", 0.0, "improved",
     "Improved: 63.0% is up 1.2 points from 61.8% in the same period last year."),
    (63.0, 61.8, "lower", 0.0, "worsened",
     "Worsened: 63.0% is up 1.2 points from 61.8% in the same period last year."),
    (63.0, 61.8, "none", 0.0, "increased",
     "Increased: 63.0% is up 1.2 points from 61.8% in the same period last year."),
    (60.0, 61.8, "none", 0.0, "decreased",
     "Decreased: 60.0% is down 1.8 points from 61.8% in the same period last year."),
    (61.83, 61.8, "higher", 0.0, "no_change", "No change: 61.8% is the same as in the same period last year."),
    (62.2, 61.8, "higher", 0.5, "no_change",
     "No change: 62.2% is within the 0.5-point materiality threshold of 61.8% in the same period last year."),
    (62.2, None, "higher", 0.0, "not_comparable", "Not comparable: there is no value for the same period last year."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "comparator", "polarity", "materiality", "status", "sentence"), TRAVEL
)
def test_direction_of_travel(value, comparator, polarity, materiality, status, sentence):
    result = direction_of_travel(
        value, comparator, polarity=polarity, materiality=materiality,
        comparator_label="the same period last year", fmt=PERCENTAGE,
    )  # fmt: skip
    assert (result.status, result.sentence) == (status, sentence)


numbers = st.integers(-(10**6), 10**6).map(lambda n: n / 10)  # one decimal place, as published
SWAP_RAG = {"green": "green", "amber": "amber", "red": "red", "not_rated": "not_rated"}
SWAP_TRAVEL = {"improved": "worsened", "worsened": "improved", "no_change": "no_change"}


@settings(max_examples=300)
@given(value=numbers, target=numbers, tolerance=st.integers(0, 1000).map(lambda n: n / 10))
def test_mirrored_data_with_flipped_polarity_gets_the_same_rating(value, target, tolerance):
    higher = rag_rate(value, ValueTarget(target, tolerance), polarity="higher")
    lower = rag_rate(-value, ValueTarget(-target, tolerance), polarity="lower")
    assert lower.status == SWAP_RAG[higher.status]
    assert lower.gap == pytest.approx(higher.gap)


@settings(max_examples=300)
@given(value=numbers, comparator=numbers, materiality=st.integers(0, 50).map(lambda n: n / 10))
def test_flipping_polarity_swaps_improved_and_worsened(value, comparator, materiality):
    higher = direction_of_travel(value, comparator, polarity="higher", materiality=materiality)
    lower = direction_of_travel(value, comparator, polarity="lower", materiality=materiality)
    assert lower.status == SWAP_TRAVEL[higher.status]


@settings(max_examples=300)
@given(value=numbers, target=numbers, tolerance=st.integers(0, 1000).map(lambda n: n / 10))
def test_rating_bands_are_ordered(value, target, tolerance):
    # a better value never gets a worse rating
    order = {"red": 0, "amber": 1, "green": 2}
    now = rag_rate(value, ValueTarget(target, tolerance), polarity="higher")
    better = rag_rate(value + 0.1, ValueTarget(target, tolerance), polarity="higher")
    assert order[better.status] >= order[now.status]
