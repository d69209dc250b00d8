"""The demo's benchmark data: complete for its Fingertips KPIs, loaded once however often run."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from quarterly.benchmarking.models import ENGLAND, YORKSHIRE_AND_THE_HUMBER, BenchmarkValue
from quarterly.core.periods import Period
from quarterly.demo import catalogue
from quarterly.demo.benchmarks import demo_benchmark_rows, demo_benchmarks_load
from quarterly.factories import KPIFactory


def test_every_fingertips_series_has_england_values_and_every_row_reads() -> None:
    # given
    fingertips = {series for series, _ in catalogue.REAL_SERIES if series.startswith("ft_")}
    # when
    rows = demo_benchmark_rows()
    # then
    assert {row["series_id"] for row in rows if row["area_code"] == ENGLAND} == fingertips
    for row in rows:
        Period.parse(row["period"])
        assert Decimal(row["value"]) >= 0
    areas = Counter((row["series_id"], row["area_code"]) for row in rows)
    assert areas[("ft_campylobacter", YORKSHIRE_AND_THE_HUMBER)] == 3


@pytest.mark.django_db
def test_loading_the_benchmarks_twice_duplicates_nothing(organisation: Any) -> None:
    # given the demo's Campylobacter KPI
    KPIFactory(organisation=organisation, reference="AH-26", unit="rate", rate_per=100000)
    # when
    first = demo_benchmarks_load(organisation)
    second = demo_benchmarks_load(organisation)
    # then
    assert first == second == 6
    assert BenchmarkValue.objects.count() == 6
    england_2015 = BenchmarkValue.objects.get(area_code=ENGLAND, period_start__year=2015)
    assert (england_2015.value, england_2015.lower_ci, england_2015.upper_ci) == (
        Decimal("94.726190"),
        Decimal("93.912940"),
        Decimal("95.544730"),
    )
