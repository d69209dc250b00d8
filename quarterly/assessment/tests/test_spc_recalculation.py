"""Suggesting a recalculation point (METHODS.md §4.1), against hand-worked series.

METHODS.md cites no reference outputs for this rule (it is this product's proposal), so every
expected answer below is worked by hand in its comment.

STEP is 12 quarters around 10 then 12 around 20 (alternating ±1): the centre line of all 24 is
15, the first 12 are below it and the last 12 above. FIXED uses the baseline of
``test_spc_rules``: (1, -1) × 6 fixes the centre line at exactly 0, so the pattern after it
decides the sides (a = 1 above, b = -1 below, 0 = on the centre line, _ = a gap).
"""

from __future__ import annotations

import math

import pytest

from quarterly.assessment import (
    PERCENTAGE,
    SpcOptions,
    spc_analyse,
    suggest_recalculations,
)

STEP = tuple(10 + (1 if i % 2 else -1) for i in range(12)) + tuple(
    20 + (1 if i % 2 else -1) for i in range(12)
)
FIXED = SpcOptions(fix_after_n_points=12, min_points=12)
BASELINE = (1.0, -1.0) * 6
LETTER = {"a": 1.0, "b": -1.0, "0": 0.0, "_": math.nan}


def _after_baseline(pattern: str) -> tuple[float, ...]:
    return BASELINE + tuple(LETTER[c] for c in pattern)


def _indices(values: tuple[float, ...], **kwargs: object) -> tuple[int, ...]:
    return tuple(s.index for s in suggest_recalculations(values, **kwargs))  # type: ignore[arg-type]


CASES = [
    # A step change with 12 points after it: suggested at the step (index 12).
    ("step, 12 after", STEP, {}, (12,)),
    # Only 11 points after the step: (a) needs 12 from the run's first point.
    ("step, 11 after", STEP[:23], {}, ()),
    # A stricter (a) threshold of 13 is not met by 12 points.
    ("step, threshold 13", STEP, {"min_points_after": 13}, ()),
    # The run that starts at the segment's first point is no candidate (limits start there).
    ("step reversed", STEP[12:] + STEP[:12], {}, (12,)),
    # (c) an accepted point at the step: its segment is all one level, nothing to suggest.
    ("already accepted", STEP, {"accepted": [12]}, ()),
    # An earlier accepted point (index 5): the segment from 5 has centre 16.3; the run below
    # starts the segment, the run above (12..23) has 12 points: suggested again at 12.
    ("earlier accepted", STEP, {"accepted": [5]}, (12,)),
    # A rejected point anywhere inside the run: not offered again; one outside it: no effect.
    ("rejected inside the run", STEP, {"rejected": [17]}, ()),
    ("rejected before the run", STEP, {"rejected": [3]}, (12,)),
    # (b) 7 above, one point on the centre line, 5 above: no point crosses, so the run from
    # index 12 is sustained, with 13 points from it to the end.
    ("broken by a point on the line", _after_baseline("aaaaaaa0aaaaa"), {"options": FIXED}, (12,)),
    # (b) 7 above, one below, 5 above: the shift did not hold; the later run (5) is too short.
    ("broken by a point across", _after_baseline("aaaaaaabaaaaa"), {"options": FIXED}, ()),
    # A gap is on neither side, so it does not break (b); it is no value for (a): 7 above, a
    # gap, 5 above is 12 values from index 12, but with 4 after the gap only 11.
    ("gap in a sustained run", _after_baseline("aaaaaaa_aaaaa"), {"options": FIXED}, (12,)),
    ("gap leaves 11 values", _after_baseline("aaaaaaa_aaaa"), {"options": FIXED}, ()),
    # A gap breaks a run (as NHSRplotthedots' shift rule): 4 above, a gap, 9 above is a shift
    # of 9 from index 17 with only 9 values after it; without the gap it would be 13 from 12.
    ("gap splits the run", _after_baseline("aaaa_aaaaaaaaa"), {"options": FIXED}, ()),
    ("the same without the gap", _after_baseline("aaaaaaaaaaaaaa"), {"options": FIXED}, (12,)),
    # Six in a row is not a shift (L_shift = 7), even with 12 points after.
    ("six in a row", _after_baseline("aaaaaa0aaaaa"), {"options": FIXED}, ()),
    # The same six are a shift with shift_length 6 (MDC Excel's option).
    (
        "six with L_shift 6",
        _after_baseline("aaaaaa0aaaaa"),
        {"options": SpcOptions(fix_after_n_points=12, min_points=12, shift_length=6)},
        (12,),
    ),
]


@pytest.mark.parametrize(("name", "values", "kwargs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_suggestions_follow_the_rule(
    name: str, values: tuple[float, ...], kwargs: dict[str, object], expected: tuple[int, ...]
) -> None:
    assert _indices(values, **kwargs) == expected


def test_a_series_that_merely_wanders_gets_no_suggestion() -> None:
    # given 40 quarters swinging slowly around 50: runs of 7-8 on each side of the mean
    values = tuple(50 + 3 * math.sin(2 * math.pi * i / 16) for i in range(40))
    assert spc_analyse(values).shift.count(True) >= 7  # it does have shift runs
    # when / then: each run is followed by points on the other side
    assert suggest_recalculations(values) == ()


def test_the_suggestion_describes_the_run_in_words() -> None:
    # given
    labels = [f"Q{i % 4 + 1} {2019 + i // 4}/{(20 + i // 4) % 100:02d}" for i in range(24)]
    # when
    (found,) = suggest_recalculations(
        [v / 1 for v in STEP], labels=labels, fmt=PERCENTAGE, period="quarter"
    )
    # then the numbers come from the series: run 12..23, above the mean of 15
    assert (found.first, found.last, found.side, found.points_since) == (12, 23, 1, 12)
    assert found.centre == pytest.approx(sum(STEP) / 24)
    assert found.reason == (
        "A sustained shift: 12 quarters in a row from Q1 2022/23 to Q4 2024/25 are above the "
        "mean of 15.0%, and none of the 12 quarters from Q1 2022/23 to Q4 2024/25 is below it. "
        "If a known change in the process, definition or data source explains it, recalculate "
        "the limits from Q1 2022/23."
    )


@pytest.mark.parametrize("gap_at", [0, 5, 11])
def test_a_gap_before_the_shift_keeps_its_place_and_moves_nothing_else(gap_at: int) -> None:
    # given the step series with a period of no value inserted before the step, as the
    # results table holds it (None), labelled as the chart labels its points
    labels = [f"Q{i % 4 + 1} {2019 + i // 4}/{(20 + i // 4) % 100:02d}" for i in range(25)]
    gapped = [*STEP[:gap_at], None, *STEP[gap_at:]]
    # when
    (without,) = suggest_recalculations(STEP, labels=[*labels[:gap_at], *labels[gap_at + 1 :]])
    (found,) = suggest_recalculations(gapped, labels=labels)
    # then the same period is suggested, at its own place in the gapped series (one later),
    # with the same run and the same values counted since it began
    assert (found.index, found.first, found.last) == (13, 13, 24)
    assert labels[found.index] == "Q2 2022/23" and found.reason == without.reason
    assert (found.points_since, found.side, found.centre) == (12, 1, without.centre)
    # and the chart of the gapped series shows that run as a shift, and the gap as no point
    chart = spc_analyse(gapped)
    assert all(chart.shift[found.first : found.last + 1]) and not chart.shift[gap_at]


def test_a_gap_inside_the_run_breaks_it_as_on_the_chart() -> None:
    # given the step with a gap after 6 of the 12 points above: two runs of 6, no shift on
    # the chart (a shift needs 7 consecutive values)
    gapped = [*STEP[:18], None, *STEP[18:]]
    assert not any(spc_analyse(gapped).shift[12:])
    # when / then: nothing to suggest; joining the two halves would have suggested index 12
    assert suggest_recalculations(gapped) == ()
    assert _indices(STEP) == (12,)


def test_accepting_the_suggestion_recalculates_the_limits() -> None:
    # given the step series, judged without and with the suggested point
    (found,) = suggest_recalculations(STEP)
    before = spc_analyse(STEP)
    after = spc_analyse(STEP, rebase_at=[found.index])
    # then: one mean of 15 before; means of 10 and 20 after, each segment without a shift
    assert set(before.centre) == {15.0}
    assert (after.centre[0], after.centre[-1]) == (10.0, 20.0)
    assert any(before.shift) and not any(after.shift)


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        suggest_recalculations([1.0, math.inf])
    with pytest.raises(ValueError, match="labels"):
        suggest_recalculations(STEP, labels=["Q1"])
    assert suggest_recalculations([]) == ()
