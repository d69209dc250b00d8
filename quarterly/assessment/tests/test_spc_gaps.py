"""SPC on series with gaps, against NHSRplotthedots' own results on the same series.

``data/nhsrplotthedots_gaps.csv`` holds 94 series with missing values (14 designed for one rule
each, 80 random with level shifts, trends and outliers; some with a baseline of 12 points,
recalculation points or no outlier screening) and what NHSRplotthedots 0.2.2 computed for each
point: centre line, process limits, each rule's flag and the special-cause label
(``data/PROVENANCE.md`` says how). Each rule's flag is 1, 0 or NA (R's missing value, which
NHSRplotthedots' ``case_when`` treats as not flagged); ``error`` where NHSRplotthedots stopped:
its trend rule evaluates ``if (all(d == 1))`` on a 7-point window, which fails when the window
holds a gap and every known step goes the same way. We treat the gap there as it does
everywhere else: it breaks the trend.
"""

from __future__ import annotations

import csv
import itertools
import math
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from quarterly.assessment import NHSRPLOTTHEDOTS, SpcOptions, spc_analyse, spc_analyse_batch

DATA = Path(__file__).parent / "data" / "nhsrplotthedots_gaps.csv"
NAN = math.nan
LABELS = {
    "Common Cause": "common_cause",
    "Above UCL": "above_upper_limit",
    "Below LCL": "below_lower_limit",
    "7 Point Trend (Increasing)": "trend_increasing",
    "7 Point Trend (Decreasing)": "trend_decreasing",
    "2 in 3 Above CL": "two_in_three_above",
    "2 in 3 Below CL": "two_in_three_below",
    "7 Points Above CL": "shift_above",
    "7 Points Below CL": "shift_below",
}


def _number(text: str) -> float:
    return float(text) if text else NAN


def _load() -> dict[int, dict]:
    cases: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    with DATA.open(newline="") as f:
        for row in csv.DictReader(f):
            case = cases[int(row["case"])]
            case["name"] = row["name"]
            fix = int(row["fix_after_n_points"]) if row["fix_after_n_points"] else None
            case["options"] = replace(
                NHSRPLOTTHEDOTS,
                fix_after_n_points=fix,
                screen_outliers=row["screen_outliers"] == "TRUE",
            )
            if row["rebase"] == "1":
                case["rebase_at"].append(int(row["i"]) - 1)
            for key in ("y", "mean_col", "lpl", "upl"):
                case[key].append(_number(row[key]))
            for key in ("outside_limits", "seven_points_one_side", "two_in_three"):
                case[key].append(row[key] == "1")  # NA: not flagged
            case["trend"].append(row["seven_point_trend"])
            case["type"].append(row["special_cause_type"])
    return dict(cases)


CASES = _load()
IDS = [f"{number} {case['name']}" for number, case in CASES.items()]


def test_the_reference_covers_every_rule_beside_a_gap():
    # given the reference file: every rule fires somewhere, and NHSRplotthedots stopped on some
    labels = {t for case in CASES.values() for t in case["type"]}
    # then
    assert set(LABELS) <= labels
    assert 30 <= sum(case["type"][0] == "error" for case in CASES.values()) <= 40


@pytest.mark.parametrize("number", CASES, ids=IDS)
def test_limits_rules_and_labels_match_nhsrplotthedots(number):
    case = CASES[number]
    # when
    r = spc_analyse(case["y"], rebase_at=case["rebase_at"], options=case["options"])
    # then: limits on every row, the gaps' rows included
    np.testing.assert_allclose(r.centre, case["mean_col"], rtol=1e-12)
    np.testing.assert_allclose(r.lower_limit, case["lpl"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(r.upper_limit, case["upl"], rtol=1e-12)
    assert list(r.astronomical) == case["outside_limits"]
    assert list(r.shift) == case["seven_points_one_side"]
    assert list(r.two_in_three) == case["two_in_three"]
    if case["type"][0] != "error":
        assert list(r.trend) == [t == "1" for t in case["trend"]]
        assert list(r.signal) == [LABELS[t] for t in case["type"]]


def _nhsr_stops(y: list[float], starts: list[int]) -> bool:
    """Whether NHSRplotthedots' trend rule stops: a 7-point window of a segment that holds a
    gap and whose known steps are all rises or all falls (R's ``all()`` is then NA)."""
    bounds = [*sorted({0, *starts}), len(y)]
    for a, b in itertools.pairwise(bounds):
        for end in range(a + 6, b):
            steps = [y[i] - y[i - 1] for i in range(end - 5, end + 1)]
            known = [math.copysign(1, s) for s in steps if not math.isnan(s) and s != 0]
            ties = any(s == 0 for s in steps)
            if len(known) < 6 and not ties and len(set(known)) <= 1:
                return True
    return False


def test_nhsrplotthedots_stops_exactly_where_a_trend_window_straddles_a_gap():
    # when / then: the cases where NHSRplotthedots stopped are the ones this rule predicts
    for case in CASES.values():
        assert _nhsr_stops(case["y"], case["rebase_at"]) == (case["type"][0] == "error")


@pytest.mark.parametrize(
    ("screen", "fix"),
    sorted(
        {
            (c["options"].screen_outliers, c["options"].fix_after_n_points or 0)
            for c in CASES.values()
        }
    ),
)
def test_batch_matches_nhsrplotthedots(screen, fix):
    # given every case with these options, NaN-padded into one array
    cases = [
        c
        for c in CASES.values()
        if (c["options"].screen_outliers, c["options"].fix_after_n_points or 0) == (screen, fix)
    ]
    width = max(len(c["y"]) for c in cases)
    grid = np.full((len(cases), width), NAN)
    rebase = np.zeros(grid.shape, dtype=bool)
    for i, c in enumerate(cases):
        grid[i, : len(c["y"])] = c["y"]
        rebase[i, c["rebase_at"]] = True
    # when
    r = spc_analyse_batch(grid, rebase=rebase, options=cases[0]["options"])
    # then
    for i, c in enumerate(cases):
        n = len(c["y"])
        np.testing.assert_allclose(r.centre[i, :n], c["mean_col"], rtol=1e-12)
        np.testing.assert_allclose(r.upper_limit[i, :n], c["upl"], rtol=1e-12)
        assert r.astronomical[i, :n].tolist() == c["outside_limits"]
        assert r.shift[i, :n].tolist() == c["seven_points_one_side"]
        assert r.two_in_three[i, :n].tolist() == c["two_in_three"]
        if c["type"][0] != "error":
            assert r.signal_names()[i, :n].tolist() == [LABELS[t] for t in c["type"]]


def test_a_gap_breaks_a_trend_where_nhsrplotthedots_stops():
    # given 4 rising values, a gap and 3 more (case 5: NHSRplotthedots stops with an error)
    case = CASES[5]
    assert case["type"][0] == "error"
    closed = [v for v in case["y"] if not math.isnan(v)]
    # when
    gapped = spc_analyse(case["y"], options=case["options"])
    without_gap = spc_analyse(closed, options=case["options"])
    # then: 7 rising values make a trend only when nothing is missing between them
    assert not any(gapped.trend)
    assert sum(without_gap.trend) == 7


def test_the_gap_is_none_or_nan_and_shows_as_no_value():
    # given
    with_none = [10.0, 11.0, None, 10.5, 9.5]
    # when
    r = spc_analyse(with_none, options=SpcOptions(min_points=2))
    # then: the same as NaN; the gap keeps its place, has its segment's limits and no signal
    assert r.values[2] != r.values[2]
    assert r.centre == spc_analyse([10.0, 11.0, NAN, 10.5, 9.5]).centre == (10.25,) * 5
    assert r.signal[2] == "common_cause" and not r.astronomical[2]


def test_icons_and_sentences_come_from_the_latest_value_when_the_last_period_is_missing():
    # given 15 quarters ending in a shift below the mean, then a missing latest quarter
    values = [60.0, 62.0] * 4 + [55.0, 56.0, 55.5, 56.5, 55.0, 56.0, 55.5]
    opts = SpcOptions(min_points=15)
    # when
    full = spc_analyse(values, polarity="higher", target=50.0, options=opts, period="quarter")
    trailing = spc_analyse(
        [*values, None], polarity="higher", target=50.0, options=opts, period="quarter"
    )
    # then: NHSRplotthedots would take the missing row (common cause); we take the latest value
    assert trailing.variation == full.variation == "concern_low"
    assert trailing.sentence == full.sentence
    assert trailing.sentence.startswith("Special cause concern:")
    assert trailing.point_type[-1] == "common_cause"
    assert trailing.assurance == full.assurance
    assert trailing.points_in_latest_segment == 15
    assert trailing.upper_limit[-1] == full.upper_limit[-1]


def test_too_few_values_counts_values_not_gaps():
    # given 15 positions of which 2 are gaps
    values = [10.0, 11.0] * 7 + [10.5]
    values[3] = values[8] = NAN
    # when
    r = spc_analyse(values, options=SpcOptions(min_points=15), period="quarter")
    # then
    assert r.variation == "insufficient_data"
    assert r.points_in_latest_segment == 13
    assert r.sentence.startswith("Not enough data for SPC icons: 13 quarters;")
