"""SPC rules, icons and sentences, table-driven.

The rule tables transcribe the unit tests of NHSRplotthedots'
tests/testthat/test-ptd_calculate_point_type.R (commit 8aac3239e90ce9ebeb9c3e61f56c207dfc37b225):
``ptd_seven_point_trend``, ``ptd_seven_point_one_side_mean``, ``ptd_two_in_three`` and
``ptd_part_of_two_in_three`` take rule inputs directly; here the same patterns are produced as
values after a fixed baseline, so the public API is tested.

BASELINE = (1, -1) × 6 with ``fix_after_n_points=12`` gives CL = 0 exactly, MR̄ = 2,
process limits ±5.32 and two-sigma lines ±3.5467. Pattern letters: a/b = 1/-1 (above/below,
near the centre), A/B = ±4 (beyond two sigma), X/Y = ±6 (beyond the process limit), 0 = on CL.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from quarterly.assessment import (
    PERCENTAGE,
    SpcOptions,
    ValueFormat,
    spc_analyse,
    spc_analyse_batch,
)

BASELINE = (1.0, -1.0) * 6
LETTER = {"a": 1.0, "b": -1.0, "A": 4.0, "B": -4.0, "X": 6.0, "Y": -6.0, "0": 0.0}
FIXED = SpcOptions(fix_after_n_points=12, min_points=12)


def _after_baseline(pattern: str) -> tuple[float, ...]:
    return BASELINE + tuple(LETTER[c] for c in pattern)


def _flags(pattern: str, rule: str, options: SpcOptions = FIXED) -> tuple[int, ...]:
    result = spc_analyse(_after_baseline(pattern), options=options)
    return tuple(int(f) for f in getattr(result, rule)[len(BASELINE) :])


TWO_IN_THREE = [
    # NHSRplotthedots ptd_part_of_two_in_three cases (close_to_limits vector → flagged points)
    ("aaAaAaa", "mdc_2023", (0, 0, 1, 0, 1, 0, 0)),
    ("aaAAaaa", "mdc_2023", (0, 0, 1, 1, 0, 0, 0)),
    ("AaaA", "mdc_2023", (0, 0, 0, 0)),
    ("AaaAA", "mdc_2023", (0, 0, 0, 1, 1)),
    ("AAa", "mdc_2023", (1, 1, 0)),
    # points on opposite sides of the mean never form a window (issue #143)
    ("AbA", "mdc_2023", (0, 0, 0)),
    ("BaB", "mdc_2023", (0, 0, 0)),
    ("BBb", "mdc_2023", (1, 1, 0)),
    # issue #194: since Nov 2023 a point beyond the process limit counts as beyond two sigma
    ("aAXa", "mdc_2023", (0, 1, 1, 0)),
    ("aAXa", "legacy", (0, 0, 0, 0)),
    ("bYBb", "mdc_2023", (0, 1, 1, 0)),
    ("bYBb", "legacy", (0, 0, 0, 0)),
]


@pytest.mark.parametrize(("pattern", "rule", "expected"), TWO_IN_THREE)
def test_two_in_three(pattern, rule, expected):
    # when / then
    assert _flags(pattern, "two_in_three", replace(FIXED, two_in_three=rule)) == expected


SHIFT = [
    # ptd_seven_point_one_side_mean: rep(1, 6) → none; rep(1, 8), -1 → the first 8
    ("aaaaaa", 7, (0,) * 6),
    ("aaaaaaab", 7, (1,) * 7 + (0,)),
    ("bbbbbbbba", 7, (1,) * 8 + (0,)),
    # a point exactly on the centre line breaks the run (s = 0)
    ("aaa0aaaa", 7, (0,) * 8),
    ("aaaaaa", 6, (1,) * 6),
]


@pytest.mark.parametrize(("pattern", "length", "expected"), SHIFT)
def test_shift(pattern, length, expected):
    assert _flags(pattern, "shift", replace(FIXED, shift_length=length)) == expected


TREND = [
    # ptd_seven_point_trend cases with NHSRplotthedots' 7-point rule
    ((1, 2, 3, 4, 5, 6), 7, (0,) * 6, None),
    ((1, 2, 3, 3, 4, 5, 6), 7, (0,) * 7, None),  # a repeated value breaks the trend
    ((1, 2, 3, 4, 5, 6, 7), 7, (1,) * 7, "trend_increasing"),
    ((2, 1, 2, 3, 4, 5, 6, 7, 3), 7, (0,) + (1,) * 7 + (0,), "trend_increasing"),
    ((7, 6, 5, 4, 3, 2, 1), 7, (1,) * 7, "trend_decreasing"),
    ((2, 7, 6, 5, 4, 3, 2, 1, 3), 7, (0,) + (1,) * 7 + (0,), "trend_decreasing"),
    # the default is six points (MDC Excel option, issues #195 and #202)
    ((1, 2, 3, 4, 5, 6), 6, (1,) * 6, "trend_increasing"),
]


@pytest.mark.parametrize(("values", "length", "expected", "signal"), TREND)
def test_trend(values, length, expected, signal):
    # when
    result = spc_analyse(values, options=SpcOptions(trend_length=length, min_points=2))
    # then
    assert tuple(int(f) for f in result.trend) == expected
    if signal:  # a ramp's ends are also beyond the limits, which take precedence
        flagged = {
            s
            for s, f, a in zip(result.signal, result.trend, result.astronomical, strict=True)
            if f and not a
        }
        assert flagged == {signal}


def test_trend_direction_comes_from_the_slope_not_the_side_of_the_mean():
    # given a rise that starts below the mean and ends above it (issue #171)
    values = (2, 7, 6, 5, 4, 3, 2, 1, 3)
    # when
    result = spc_analyse(values, options=SpcOptions(trend_length=7, min_points=2))
    # then: points above the mean are still part of a *decreasing* trend
    assert result.signal == ("common_cause",) + ("trend_decreasing",) * 7 + ("common_cause",)
    assert result.point_type[1:8] == ("concern",) * 7  # higher is better


def test_precedence_limit_then_trend_then_two_in_three_then_shift():
    # given a rise from the last baseline point (-1) through 0..4 to 6, beyond the upper limit
    values = BASELINE + (0.0, 1.0, 2.0, 3.0, 4.0, 6.0)
    # when
    result = spc_analyse(values, options=FIXED)
    # then 4 and 6 also meet two-in-three and 1..6 are five above the mean, but the trend and
    # the limit take precedence
    assert result.two_in_three[-2:] == (True, True)
    assert result.signal[11:] == ("trend_increasing",) * 6 + ("above_upper_limit",)


def test_rebasing_cuts_runs_at_the_new_segment():
    # given ten rising points
    values = tuple(range(1, 11))
    options = SpcOptions(min_points=2)
    # when
    whole = spc_analyse(values, options=options)
    rebased = spc_analyse(values, rebase_at=[5], options=options)
    # then a six-point trend exists only when the series is one segment
    assert all(whole.trend)
    assert not any(rebased.trend)
    assert rebased.segment == (0,) * 5 + (1,) * 5
    assert rebased.centre[0] == 3.0 and rebased.centre[5] == 8.0


ASSURANCE = [
    # (polarity, target, icon): limits are -5.32 .. 5.32; inequalities are strict
    ("higher", -6.0, "pass"),
    ("higher", 6.0, "fail"),
    ("higher", 0.0, "hit_and_miss"),
    ("higher", "lower limit", "hit_and_miss"),
    ("higher", "upper limit", "hit_and_miss"),
    ("lower", 6.0, "pass"),
    ("lower", -6.0, "fail"),
    ("lower", 0.0, "hit_and_miss"),
    ("none", 6.0, "none"),
    ("higher", None, "none"),
]


@pytest.mark.parametrize(("polarity", "target", "icon"), ASSURANCE)
def test_assurance_icon(polarity, target, icon):
    # given
    values = _after_baseline("ab")
    probe = spc_analyse(values, options=FIXED)
    if target == "lower limit":
        target = probe.lower_limit[-1]
    elif target == "upper limit":
        target = probe.upper_limit[-1]
    # when
    result = spc_analyse(values, polarity=polarity, target=target, options=FIXED)
    batch = spc_analyse_batch([values], polarity=polarity, target=target, options=FIXED)
    # then
    assert result.assurance == icon
    assert batch.assurance_names()[0] == icon


VARIATION = [
    # (latest point, polarity, icon) — NHSRplotthedots geom_ptd_icon.R naming
    ("X", "higher", "improvement_high"),
    ("Y", "higher", "concern_low"),
    ("X", "lower", "concern_high"),
    ("Y", "lower", "improvement_low"),
    ("X", "none", "neutral_high"),
    ("Y", "none", "neutral_low"),
    ("a", "higher", "common_cause"),
]


@pytest.mark.parametrize(("latest", "polarity", "icon"), VARIATION)
def test_variation_icon_is_the_latest_point(latest, polarity, icon):
    # given an earlier special cause point that must not be reported (abspc would)
    values = _after_baseline("Ya" + latest)
    # when
    result = spc_analyse(values, polarity=polarity, options=FIXED)
    # then
    assert result.variation == icon


def test_too_few_points_gives_no_icons():
    # given 14 points, one short of the default minimum of 15
    values = (1.0, 3.0) * 7
    # when
    short = spc_analyse(values, target=-4.0, period="quarter")
    enough = spc_analyse((*values, 2.0), target=-4.0, period="quarter")
    # then
    assert (short.variation, short.assurance) == ("insufficient_data", "insufficient_data")
    assert short.sentence == "Not enough data for SPC icons: 14 quarters; at least 15 are needed."
    assert short.upper_limit[0] == pytest.approx(2.0 + 2.66 * 2.0)  # trial limits still given
    assert (enough.variation, enough.assurance) == ("common_cause", "pass")


def test_flat_baseline_keeps_zero_width_limits():
    # given a constant series (NHSRplotthedots would give missing limits)
    result = spc_analyse((5.0,) * 16)
    # then
    assert result.upper_limit[0] == result.lower_limit[0] == 5.0
    assert result.variation == "common_cause"


MEAN_64_1 = tuple(64.1 + d for d in (-1.5, 1.5) * 6)
SENTENCES = [
    (
        MEAN_64_1 + (63.0,) * 7,
        "higher",
        "Special cause concern: 7 quarters in a row below the average of 64.1%.",
    ),
    (
        MEAN_64_1 + (64.5, 63.9, 64.8),
        "higher",
        "Common cause variation: the latest value, 64.8%, is within the process limits "
        "(56.1% to 72.1%) around the average of 64.1%.",
    ),
    (
        MEAN_64_1 + (64.5, 63.9, 75.0),
        "lower",
        "Special cause concern: the latest value, 75.0%, is above the upper process limit of "
        "72.1%.",
    ),
    (
        MEAN_64_1 + (60.0, 61.0, 62.0, 63.0, 64.0, 65.0),
        "higher",
        "Special cause improvement: 6 quarters in a row increasing.",
    ),
    (
        MEAN_64_1 + (64.5, 69.5, 70.0),
        "none",
        "Special cause variation (high): 2 of the last 3 quarters are close to or beyond the "
        "upper process limit (above 69.4%).",
    ),
]


@pytest.mark.parametrize(("values", "polarity", "sentence"), SENTENCES)
def test_variation_sentence(values, polarity, sentence):
    # when
    result = spc_analyse(
        values,
        polarity=polarity,
        options=SpcOptions(fix_after_n_points=12),
        fmt=PERCENTAGE,
        period="quarter",
    )
    # then
    assert result.sentence == sentence


ASSURANCE_SENTENCES = [
    ("higher", 50.0, "Consistently passing: the 50% target is below the lower process limit of 56.1%, so every value is expected to meet it."),
    ("higher", 75.0, "Consistently failing: the 75% target is above the upper process limit of 72.1%, so it will not be met without a change to the process."),
    ("lower", 65.0, "Hit and miss: the 65% target lies within the process limits (56.1% to 72.1%), so it will be met in some periods and missed in others."),
    ("none", 65.0, "No assurance icon: this KPI is a tracker, so it has no target."),
    ("higher", None, "No assurance icon: no target has been set."),
]  # fmt: skip


@pytest.mark.parametrize(("polarity", "target", "sentence"), ASSURANCE_SENTENCES)
def test_assurance_sentence(polarity, target, sentence):
    result = spc_analyse(
        MEAN_64_1 + (64.5, 63.9, 64.8),
        polarity=polarity,
        target=target,
        options=SpcOptions(fix_after_n_points=12),
        fmt=PERCENTAGE,
    )
    assert result.assurance_sentence == sentence


@pytest.mark.parametrize(
    ("values", "kwargs"),
    [
        ((), {}),
        ((float("nan"), None), {}),
        ((1.0, float("inf"), 2.0), {}),
        ((1.0, 2.0), {"rebase_at": [2]}),
        ((1.0, 2.0), {"polarity": "up"}),
    ],
)
def test_invalid_input_is_refused(values, kwargs):
    with pytest.raises(ValueError):
        spc_analyse(values, **kwargs)


def test_batch_takes_gaps_and_padding():
    nan = float("nan")
    with pytest.raises(ValueError):
        spc_analyse_batch([[1.0, float("inf"), 2.0]])
    result = spc_analyse_batch(
        [[1.0, 2.0, nan], [1.0, 2.0, 3.0], [1.0, nan, 3.0]], options=SpcOptions(min_points=2)
    )
    assert result.n_points.tolist() == [2, 3, 2]
    assert result.point_type_names()[0, 2] == result.point_type_names()[2, 1] == ""
    # padding has no limits; a gap has its segment's
    assert np.isnan(result.centre[0, 2]) and result.centre[2, 1] == 2.0


def test_value_format_for_other_units():
    fmt = ValueFormat(unit="days", decimal_places=0)
    result = spc_analyse((10.0, 12.0) * 8, fmt=fmt, period="month")
    assert result.sentence.endswith("around the average of 11 days.")
