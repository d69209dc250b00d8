from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quarterly.core.charts import ChartPoint, SpcPoint, nice_ticks, spc_chart_svg, trend_chart_svg


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (509.5, 588.3, [500, 520, 540, 560, 580, 600]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (61.2, 66.1, [61, 62, 63, 64, 65, 66, 67]),
    ],
)
def test_nice_ticks_cover_the_data_with_round_steps(
    low: float, high: float, expected: list[float]
) -> None:
    # given / when / then
    assert nice_ticks(low, high) == expected


@given(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_nice_ticks_always_include_both_ends(low: float, span: float) -> None:
    # given
    high = low + span
    # when
    ticks = nice_ticks(low, high)
    # then
    assert ticks[0] <= low and ticks[-1] >= high and len(ticks) >= 2


def test_chart_escapes_text_and_plots_every_point() -> None:
    # given
    points = [ChartPoint("2024/25 Q1", 1.0, 2.0), ChartPoint("2024/25 Q2", 3.0, 2.0)]
    # when
    svg = trend_chart_svg(points, title="<script>alert(1)</script>")
    # then
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count('class="app-chart__point"') == 2
    assert 'class="app-chart__target"' in svg


def test_spc_chart_breaks_the_line_at_a_gap_and_labels_a_bounded_limit() -> None:
    # given four quarters, the third without a value, and an upper limit bounded at 100%
    points = [
        SpcPoint(f"2024/25 Q{q}", value, 97.0, 90.0, 100.0, "common", "Common cause",
                 upper_bound=100.0)
        for q, value in ((1, 96.0), (2, 99.0), (3, None), (4, 98.0))
    ]  # fmt: skip
    # when
    svg = str(spc_chart_svg(points, title="SPC", unit_suffix="%"))
    # then: the line of values restarts after the gap (two pieces); no marker, no zero
    line = re.search(r'class="app-chart__line" d="([^"]*)"', svg)
    assert line is not None and line.group(1).count("M") == 2 and line.group(1).count("L") == 1
    assert svg.count("app-chart__point--common") == 3 + 1  # three points and the legend
    assert "<title>2024/25 Q3:" not in svg and "<title>2024/25 Q4: 98.0%" in svg
    assert ">Upper limit bounded at 100.0%</text>" in svg
    assert "upper limit bounded at 100.0%;" in svg and "No value for 2024/25 Q3" in svg
    # the limits carry on across the gap
    upper = re.findall(r'class="app-chart__limit" d="([^"]*)"', svg)[1]
    assert upper.count("M") == 1 and upper.count("L") == 3


def test_spc_chart_takes_nan_as_a_gap_and_draws_nothing_without_values() -> None:
    # given
    nan = float("nan")
    gap = SpcPoint("Q1", nan, nan, nan, nan, "gap", "No value")
    # when / then
    assert spc_chart_svg([gap], title="SPC") == ""
    with_value = spc_chart_svg([gap, SpcPoint("Q2", 5.0, 5.0, nan, nan, "common", "")], title="SPC")
    assert "No value for Q1" in with_value and "process limits none to none" in with_value
