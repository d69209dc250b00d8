from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quarterly.core.charts import ChartPoint, nice_ticks, trend_chart_svg


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
