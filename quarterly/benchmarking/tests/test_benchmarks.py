"""Benchmark values: bulk upsert, validation, and the bulk read the highlight rules use."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quarterly.benchmarking.models import ENGLAND, YORKSHIRE_AND_THE_HUMBER, BenchmarkValue
from quarterly.benchmarking.selectors import benchmarks_for
from quarterly.benchmarking.services import BenchmarkRow, benchmark_values_save_many
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2023)


def _row(kpi: Any, value: str, **fields: Any) -> BenchmarkRow:
    return BenchmarkRow(
        kpi=kpi,
        period=fields.pop("period", YEAR),
        area_code=fields.pop("area_code", ENGLAND),
        area_name=fields.pop("area_name", "England"),
        value=Decimal(value),
        source="OHID Fingertips",
        **fields,
    )


def test_saving_again_replaces_values_and_duplicates_nothing(organisation: Any) -> None:
    # given
    kpi = KPIFactory(organisation=organisation)
    benchmark_values_save_many(
        rows=[
            _row(kpi, "66.1", lower_ci=Decimal("65.9"), upper_ci=Decimal("66.3")),
            _row(kpi, "64.0", area_code=YORKSHIRE_AND_THE_HUMBER, area_name="Yorkshire"),
        ]
    )
    # when a source republishes England's value
    written = benchmark_values_save_many(rows=[_row(kpi, "66.4")])
    # then
    assert written == 1
    stored = {b.area_code: (b.value, b.lower_ci) for b in BenchmarkValue.objects.all()}
    assert stored == {
        ENGLAND: (Decimal("66.4"), None),
        YORKSHIRE_AND_THE_HUMBER: (Decimal("64"), None),
    }


def test_a_bad_row_saves_nothing_and_says_where(organisation: Any) -> None:
    # given
    kpi = KPIFactory(organisation=organisation, reference="AH-01")
    rows = [
        _row(kpi, "66.1"),
        _row(kpi, "66.1", area_code="England", period=Period.financial_year(2022)),
        _row(kpi, "50", lower_ci=Decimal("52"), upper_ci=Decimal("48"),
             period=Period.financial_year(2021)),
    ]  # fmt: skip
    # when
    with pytest.raises(ValidationError) as refused:
        benchmark_values_save_many(rows=rows)
    # then
    assert refused.value.messages == [
        "AH-01 2022/23 England: the area code must be an ONS code such as E92000001.",
        "AH-01 2021/22 E92000001: the lower confidence limit is above the upper one.",
    ]
    assert BenchmarkValue.objects.count() == 0


def test_benchmarks_for_many_kpis_are_read_in_one_query(organisation: Any) -> None:
    # given
    kpis = [KPIFactory(organisation=organisation) for _ in range(5)]
    benchmark_values_save_many(rows=[_row(kpi, str(50 + n)) for n, kpi in enumerate(kpis)])
    # when
    with CaptureQueriesContext(connection) as queries:
        found = benchmarks_for(wanted=[(kpi.pk, YEAR) for kpi in kpis])
    # then
    assert len(queries.captured_queries) == 1
    assert found[(kpis[2].pk, YEAR.kind.value, YEAR.start)].value == Decimal("52")
