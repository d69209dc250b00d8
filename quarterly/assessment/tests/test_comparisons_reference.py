"""Comparisons checked against published tables (tests/data/PROVENANCE.md).

- The OHID Fingertips export for Campylobacter (852 rows): both of its comparison columns,
  "Compared to England value or percentiles" and "Compared to Region value or percentiles",
  for every row, once row by row and once as a selector would ask (per period and age, the
  County & UA areas grouped by region, with Fingertips' own region values).
  Campylobacter incidence is *lower is better*. Rows without an interval (regions, the
  deprivation-decile aggregates, the areas whose value is combined with a neighbour's) and
  rows with no benchmark (no region rows for 0-9 yrs) are "Not compared", and so is England
  against itself although its interval contains its value.
- The GLA's ranking of 633 London wards on five IMD 2019 measures, exactly, including the 196
  wards that share rank 438 on the extent of deprivation.
- Oflog's published median of each adult social care measure across all authorities, for all
  42 measure-years (to the 9-10 significant digits the file prints its values with).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from quarterly.assessment import (
    compare_areas,
    compare_with_benchmark,
    comparison_words,
    rank_groups,
)

DATA = Path(__file__).parent / "data"
ENGLAND = "E92000001"
TO_ENGLAND = "Compared to England value or percentiles"
TO_REGION = "Compared to Region value or percentiles"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> float:
    return float(text) if text else np.nan


EXPORT = _read("fingertips_campylobacter_countyua.csv")
# the main series' values (no category), by area, period and age: the benchmarks
MAIN = {
    (r["Area Code"], r["Time period"], r["Age"]): _number(r["Value"])
    for r in EXPORT
    if r["Category"] == ""
}


def _region_of(row: dict[str, str]) -> str:
    if row["Area Type"] == "Region":
        return row["Area Code"]
    return row["Parent Code"] if row["Parent Code"].startswith("E12") else ""


def test_every_row_of_the_export_is_reproduced():
    # given every row, its England and region benchmark (NaN where the export has none)
    rows = EXPORT
    value = np.array([_number(r["Value"]) for r in rows])
    lower = np.array([_number(r["Lower CI 95.0 limit"]) for r in rows])
    upper = np.array([_number(r["Upper CI 95.0 limit"]) for r in rows])
    words = {}
    for column, benchmark_of in ((TO_ENGLAND, lambda r: ENGLAND), (TO_REGION, _region_of)):
        codes = [benchmark_of(r) for r in rows]
        benchmark = [
            MAIN.get((c, r["Time period"], r["Age"]), np.nan)
            for c, r in zip(codes, rows, strict=True)
        ]
        itself = [
            c == r["Area Code"] and r["Category"] == "" for c, r in zip(codes, rows, strict=True)
        ]
        # when
        comparison = compare_with_benchmark(
            value, benchmark, lower95=lower, upper95=upper, itself=itself
        )
        words[column] = comparison_words(comparison.at95, "lower")
    # then
    assert len(rows) == 852
    for column, got in words.items():
        assert got.tolist() == [r[column] for r in rows], column
    assert {r[TO_REGION] for r in rows} == {"Better", "Similar", "Worse", "Not compared"}


def test_the_export_as_a_selector_asks_for_it():
    # given the County & UA areas of each period and age, grouped by region
    areas = sorted({r["Area Code"] for r in EXPORT if r["Area Type"] == "County & UA"})
    regions = sorted({r["Parent Code"] for r in EXPORT if r["Area Type"] == "County & UA"})
    slices = sorted({(r["Time period"], r["Age"]) for r in EXPORT if r["Area Type"] != "Country"})
    by_key = {(r["Area Code"], r["Time period"], r["Age"]): r for r in EXPORT if not r["Category"]}
    region_of = {
        r["Area Code"]: r["Parent Code"] for r in EXPORT if r["Area Type"] == "County & UA"
    }
    codes = np.array([regions.index(region_of[a]) for a in areas])

    def grid(column: str) -> np.ndarray:
        return np.array(
            [[_number(by_key[(a, *s)][column]) if (a, *s) in by_key else np.nan for a in areas]
             for s in slices]
        )  # fmt: skip

    england = [MAIN[(ENGLAND, *s)] for s in slices]
    region_values = [[MAIN.get((g, *s), np.nan) for g in regions] for s in slices]
    # when
    result = compare_areas(
        grid("Value"),
        groups=codes,
        polarity="lower",
        england=england,
        lower95=grid("Lower CI 95.0 limit"),
        upper95=grid("Upper CI 95.0 limit"),
        group_value=region_values,
    )
    # then every County & UA row's two comparisons are the export's
    to_england = comparison_words(result.vs_england.at95, "lower")
    to_region = comparison_words(result.vs_group.at95, "lower")
    checked = 0
    for i, s in enumerate(slices):
        for j, a in enumerate(areas):
            row = by_key[(a, *s)]
            assert (to_england[i, j], to_region[i, j]) == (row[TO_ENGLAND], row[TO_REGION])
            checked += 1
    assert checked == 760
    # and the ranks within each region agree with sorting by hand, lowest rate first
    i, j = slices.index(("2017", "All ages")), areas.index("E08000035")  # Leeds, 2017
    leeds_region = [k for k in range(len(areas)) if codes[k] == codes[j]]
    rates = sorted(_number(by_key[(areas[k], "2017", "All ages")]["Value"]) for k in leeds_region)
    leeds_rate = _number(by_key[("E08000035", "2017", "All ages")]["Value"])
    assert result.rank[i, j] == rates.index(leeds_rate) + 1
    assert result.n[i, j] == len(rates) == 15


WARDS = _read("gla_london_wards_imd2019_ranks.csv")


@pytest.mark.parametrize(
    ("measure", "rank", "polarity"),
    [
        # 1 = most deprived: the highest extent or score, the lowest average LSOA rank
        ("imd_extent_pc", "imd_extent_rank", "higher"),
        ("imd_average_score", "imd_average_score_rank", "higher"),
        ("imd_average_rank", "imd_average_rank_rank", "lower"),
        ("income_score", "income_rank", "higher"),
        ("employment_score", "employment_rank", "higher"),
    ],
)
def test_ranks_match_the_gla_league_table_of_london_wards(measure, rank, polarity):
    # given
    values = np.array([float(w[measure]) for w in WARDS])
    published = np.array([int(w[rank]) for w in WARDS])
    # when
    result = rank_groups(values, polarity=polarity)
    # then
    assert len(WARDS) == 633
    assert result.rank[0].tolist() == published.tolist()
    assert (result.n[0] == 633).all()


def test_the_gla_table_has_the_ties_we_claim_to_match():
    extent_zero = [w for w in WARDS if float(w["imd_extent_pc"]) == 0]
    assert len(extent_zero) == 196
    assert {w["imd_extent_rank"] for w in extent_zero} == {"438"}  # 633 − 196 + 1
    assert max(int(w["imd_extent_rank"]) for w in WARDS) == 438


def test_group_medians_match_oflogs_published_medians():
    # given one row per measure and year, one column per authority (blank = no value)
    rows = _read("oflog_asc_medians.csv")
    authorities = sorted({r["Local authority code"] for r in rows})
    keys = sorted({(r["Financial year"], r["Code"]) for r in rows})
    values = np.full((len(keys), len(authorities)), np.nan)
    published = defaultdict(set)
    for r in rows:
        key = (r["Financial year"], r["Code"])
        values[keys.index(key), authorities.index(r["Local authority code"])] = _number(r["Value"])
        published[key].add(float(r["MEDIAN"]))
    # when
    result = compare_areas(values, polarity="higher")
    # then
    assert len(keys) == 42
    assert all(len(m) == 1 for m in published.values())
    expected = [published[k].pop() for k in keys]
    # some medians were computed before the values were rounded to the 9-10 significant
    # digits the file prints (26.33508681 against 26.33508681158525), hence 1e-9
    np.testing.assert_allclose(result.median[:, 0], expected, rtol=1e-9)
    assert (result.count[:, 0] == (~np.isnan(values)).sum(axis=1)).all()
