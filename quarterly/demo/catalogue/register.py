"""The demo KPI Register, assembled from the directorates' modules."""

from __future__ import annotations

import functools

import quarterly.demo.catalogue.adults_and_health as adults_and_health
import quarterly.demo.catalogue.children_and_families as children_and_families
import quarterly.demo.catalogue.city_development as city_development
import quarterly.demo.catalogue.communities_housing_environment as communities_housing_environment
import quarterly.demo.catalogue.public_health as public_health
import quarterly.demo.catalogue.resources as resources
from quarterly.demo.catalogue.base import DIRECTORATES, DemoKPI
from quarterly.demo.catalogue.published import RealSeries, published_series

# Every real KPI with the series id of its results.
REAL_SERIES: tuple[RealSeries, ...] = (
    *public_health.REAL,
    *adults_and_health.REAL,
    *children_and_families.REAL,
)


def demo_kpis() -> list[DemoKPI]:
    """The demo KPI Register, by directorate and then reference (real KPIs come first).

    Built once per process (the package CSVs are read and the illustrative series generated on
    the first call) and identical on every call and in every process.
    """
    return list(_register())


@functools.cache
def _register() -> tuple[DemoKPI, ...]:
    series = published_series()
    real = [
        DemoKPI(
            **fields,
            baseline=series[series_id][0].value,
            baseline_period=series[series_id][0].period,
            illustrative=False,
            results=series[series_id],
        )
        for series_id, fields in REAL_SERIES
    ]
    unused = set(series) - {series_id for series_id, _ in REAL_SERIES}
    if unused:
        raise ValueError(f"package data holds series no KPI uses: {sorted(unused)}")
    order = {name: index for index, name in enumerate(DIRECTORATES)}
    return tuple(
        sorted(
            real + _illustrative(),
            key=lambda kpi: (order[kpi.directorate], int(kpi.reference.rpartition("-")[2])),
        )
    )


def _illustrative() -> list[DemoKPI]:
    return [
        *adults_and_health.illustrative_kpis(),
        *children_and_families.illustrative_kpis(),
        *city_development.illustrative_kpis(),
        *communities_housing_environment.illustrative_kpis(),
        *resources.illustrative_kpis(),
    ]
