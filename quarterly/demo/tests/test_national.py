"""The demo's national comparisons: every upper-tier authority's published values, imported from
the shipped extracts through the import formats, so Leeds is really ranked among the Core Cities
and its Oflog nearest neighbours, with the very figures the extracts hold; loaded twice, nothing
changes."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from typing import Any

import pytest

from quarterly.benchmarking.comparisons import group_comparison
from quarterly.benchmarking.kpi_comparisons import kpi_comparisons
from quarterly.benchmarking.models import NationalIndicator, NationalValue
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.demo import catalogue
from quarterly.demo.national import (
    demo_national_extract,
    demo_national_indicators,
    demo_national_load,
)
from quarterly.factories import KPIFactory
from quarterly.places.models import ComparatorGroup
from quarterly.register.models import KPI

pytestmark = pytest.mark.django_db
LEEDS = "E08000035"
DAY = dt.date(2025, 1, 1)


def _extract_rows(name: str) -> list[dict[str, str]]:
    """The shipped extract's rows, verbatim."""
    text = gzip.decompress(demo_national_extract(name)).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _competition_ranks(values: dict[str, float], *, lower_is_better: bool) -> dict[str, int]:
    """1 = best, ties sharing the best rank of the tie: 1, 2, 2, 4."""
    sign = 1 if lower_is_better else -1
    return {
        code: 1 + sum(sign * other < sign * value for other in values.values())
        for code, value in values.items()
    }


@pytest.fixture
def council(organisation: Any) -> dict[str, KPI]:
    """The demo's real KPIs fed by a national series, in a council with Leeds's area code."""
    national = demo_national_indicators()
    kpis = {}
    for series_id, fields in catalogue.REAL_SERIES:
        if series_id in national:
            kpis[fields["reference"]] = KPIFactory(
                organisation=organisation, reference=fields["reference"],
                polarity=fields["polarity"], unit=fields["unit"], rate_per=fields["rate_per"],
                decimal_places=fields["decimal_places"], frequency="annual",
            )  # fmt: skip
    return kpis


def test_leeds_is_ranked_among_the_core_cities_and_its_neighbours_with_the_extracts_figures(
    organisation: Any, council: dict[str, KPI]
) -> None:
    # when
    demo_national_load(organisation)
    # then every national KPI names an imported indicator with a Leeds value, and its groups
    groups = {
        group.kind: group
        for group in ComparatorGroup.objects.filter(kpis=council["AH-26"]).select_related("area")
    }
    assert set(groups) == {"core_cities", "nearest_neighbours", "region"}
    assert (groups["nearest_neighbours"].area.code, groups["region"].area.code) == (
        LEEDS, "E12000003"
    )  # fmt: skip
    for kpi in KPI.objects.filter(pk__in=[k.pk for k in council.values()]):
        source, _, code = kpi.national_indicator.partition(":")
        indicator = NationalIndicator.objects.get(source=source, code=code)
        assert indicator.values.filter(area_code=LEEDS, value__isnull=False).exists(), kpi.reference
        assert indicator.polarity == {"none": ""}.get(kpi.polarity, kpi.polarity)
        assert set(kpi.comparator_groups.all()) == set(groups.values()), kpi.reference
    # AH-26, Campylobacter: Leeds among the 8 Core Cities, as the Fingertips export has them
    campylobacter = NationalIndicator.objects.get(source="fingertips", code="93356")
    assert KPI.objects.get(pk=council["AH-26"].pk).national_indicator == "fingertips:93356"
    cities = group_comparison(
        indicator=campylobacter, group=groups["core_cities"], period=Period.calendar_year(2017),
        day=DAY,
    )  # fmt: skip
    published = {
        row["Area Code"]: row
        for row in _extract_rows("fingertips_93356.csv.gz")
        if row["Time period"] == "2017" and row["Age"] == "All ages" and not row["Category Type"]
    }
    areas = {area.area_code: area for area in cities.areas}
    assert len(areas) == 8 and LEEDS in areas
    # Sheffield, E08000039 in the group, as the export names it in 2017: E08000019
    assert areas["E08000039"].published_as == "E08000019"
    source = {code: published[area.published_as or code] for code, area in areas.items()}
    values = {code: float(row["Value"]) for code, row in source.items()}
    ranks = _competition_ranks(values, lower_is_better=True)
    for code, area in areas.items():
        assert area.value == pytest.approx(values[code], abs=1e-6)
        assert (area.lower95, area.upper95) == (
            pytest.approx(float(source[code]["Lower CI 95.0 limit"]), abs=1e-6),
            pytest.approx(float(source[code]["Upper CI 95.0 limit"]), abs=1e-6),
        )
        assert (area.rank, area.n) == (ranks[code], 8)
        assert area.vs_england == source[code]["Compared to England value or percentiles"]
    assert cities.england == pytest.approx(float(published["E92000001"]["Value"]), abs=1e-6)
    # AH-29 (Oflog ASC3): Leeds among its 16 nearest neighbours, as Oflog published them
    asc3 = NationalIndicator.objects.get(source="oflog", code="ASC3")
    oflog_rows = _extract_rows("oflog_asc_metrics.csv.gz")
    latest = max(r["Financial year"] for r in oflog_rows if r["Code"] == "ASC3")
    neighbours = group_comparison(
        indicator=asc3, group=groups["nearest_neighbours"],
        period=Period.parse_national(latest), day=DAY,
    )  # fmt: skip
    oflog = {
        row["Local authority code"]: row["Value"]
        for row in oflog_rows
        if row["Code"] == "ASC3" and row["Financial year"] == latest
    }
    areas = {area.area_code: area for area in neighbours.areas}
    assert len(areas) == 16 and LEEDS in areas
    # Sheffield (E08000039 in the group) as Oflog names it, E08000019
    assert areas["E08000039"].published_as == "E08000019"
    values = {
        code: float(oflog[a.published_as or code])
        for code, a in areas.items()
        if oflog.get(a.published_as or code)
    }
    ranks = _competition_ranks(values, lower_is_better=False)  # ASC3 is "DESC": higher is better
    for code, area in areas.items():
        assert area.value == (pytest.approx(values[code]) if code in values else None)
        assert (area.rank, area.n) == (ranks.get(code), len(values))
    assert areas[LEEDS].rank == ranks[LEEDS] and len(values) == 16


def test_loading_the_national_data_twice_changes_nothing(
    organisation: Any, council: dict[str, KPI]
) -> None:
    # given
    first = demo_national_load(organisation)
    stored = (NationalIndicator.objects.count(), NationalValue.objects.count())
    audited = AuditEntry.objects.count()
    # when
    second = demo_national_load(organisation)
    # then every extract was imported whole the first time and found unchanged the second
    assert [saved.added for saved in first] == [
        len(_extract_rows(name)) for name in ("fingertips_93356.csv.gz", "oflog_asc_metrics.csv.gz",
                                              "lginform_corporate_plan_2024.csv.gz",
                                              "lginform_dashboard_2020.csv.gz")
    ]  # fmt: skip
    assert [(saved.added, saved.changed) for saved in second] == [(0, 0)] * 4
    assert [saved.unchanged for saved in second] == [saved.added for saved in first]
    assert (NationalIndicator.objects.count(), NationalValue.objects.count()) == stored
    assert AuditEntry.objects.count() == audited


def test_healthy_life_expectancy_is_compared_for_the_sex_each_kpi_is_about(
    organisation: Any, council: dict[str, KPI]
) -> None:
    # given healthy life expectancy, published for Male and Female only (AH-09 males, AH-10
    # females)
    demo_national_load(organisation)
    men, women = (KPI.objects.get(pk=council[ref].pk) for ref in ("AH-09", "AH-10"))
    # when
    found = kpi_comparisons(kpis=[men, women], day=DAY)
    # then each compares its own sex's rows, with the extract's Leeds and England figures
    assert (men.national_sex, women.national_sex) == ("Male", "Female")
    assert found[men.pk].breakdown_words == "Male"
    assert found[women.pk].breakdown_words == "Female"
    leeds = {
        row["inequality"]: (float(row["value"]), row["period"])
        for row in _extract_rows("lginform_dashboard_2020.csv.gz")
        + _extract_rows("lginform_corporate_plan_2024.csv.gz")
        if row["indicator"] == "Healthy life expectancy at birth" and row["area_code"] == LEEDS
    }
    for kpi, sex in ((men, "Male"), (women, "Female")):
        own = found[kpi.pk].groups[0].own
        assert own is not None and own.value == pytest.approx(leeds[sex][0]), sex
