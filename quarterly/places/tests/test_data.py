"""The shipped extracts match their public sources: checked against verbatim upstream rows copied
into tests/upstream, so the suite reads only files inside the project. No database needed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quarterly.places.builtins import builtin_groups, shipped_rows

UPSTREAM = Path(__file__).resolve().parent / "upstream"


def _upstream(name: str) -> list[dict[str, str]]:
    with (UPSTREAM / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def areas() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in shipped_rows("areas.csv")}


def test_each_lookup_row_is_an_area_with_its_region_upper_tier_and_successor(
    areas: dict[str, dict[str, str]],
) -> None:
    # given the upstream rows of lower-tier authorities
    rows = _upstream("la_all_codes.csv")
    assert len(rows) >= 6
    for row in rows:
        # when
        area = areas[row["LADCD"]]
        # then
        assert area["name"] == row["LADNM"]
        assert area["type"] == row["LADCD"][:3]
        assert area["region_code"] == row["RGNCD"]
        assert area["upper_tier_code"] == ("" if row["UTLACD"] == row["LADCD"] else row["UTLACD"])
        expected = "" if row["LADCD_ACTIVE"] == row["LADCD"] else row["LADCD_ACTIVE"]
        assert area["successor_code"] == expected
        assert areas[row["RGNCD"]]["type"] == "region" if row["RGNCD"] else True
        assert areas[row["CTRYCD"]]["name"] == row["CTRYNM"]


def test_counties_come_from_the_upper_tier_lookup(areas: dict[str, dict[str, str]]) -> None:
    # given
    rows = [row for row in _upstream("utla_all_codes.csv") if row["UTLACD"].startswith("E10")]
    assert rows
    for row in rows:
        # when
        area = areas[row["UTLACD"]]
        # then
        assert (area["name"], area["type"], area["region_code"]) == (
            row["UTLANM"], "E10", row["RGNCD"]
        )  # fmt: skip


def test_the_core_cities_are_the_eight_the_index_lists() -> None:
    # given "Core Cities: Birmingham E08000025, ...; Yorkshire and The Humber ..."
    line = (UPSTREAM / "INDEX_core_cities.md").read_text(encoding="utf-8")
    listed = line.split(": ", 1)[1].split(";")[0].split(", ")
    expected = [tuple(item.rsplit(" ", 1)[::-1]) for item in listed]
    # when
    shipped = [(row["code"], row["name"]) for row in shipped_rows("core_cities.csv")]
    # then
    assert shipped == expected and len(shipped) == 8


def test_nearest_neighbours_are_oflogs_in_order_without_repeats(
    areas: dict[str, dict[str, str]],
) -> None:
    # given
    upstream = json.loads((UPSTREAM / "nearest_neighbours.json").read_text(encoding="utf-8"))
    shipped: dict[str, list[str]] = {}
    for row in shipped_rows("nearest_neighbours.csv"):
        shipped.setdefault(row["area_code"], []).append(row["neighbour_code"])
    assert "E08000035" in upstream
    for code, neighbours in upstream.items():
        # when / then
        assert shipped[code] == list(dict.fromkeys(neighbours))
    assert all(code in areas for codes in shipped.values() for code in codes)


def test_the_built_in_groups_cover_england_each_region_and_every_neighbour_list(
    areas: dict[str, dict[str, str]],
) -> None:
    # given
    rows = list(areas.values())
    # when
    groups = {spec.slug: spec for spec in builtin_groups(rows)}
    # then
    regions = [row for row in rows if row["type"] == "region"]
    assert len(regions) == 9
    in_regions = sum(len(groups[spec].members) for spec in groups if groups[spec].kind == "region")
    assert in_regions == len(groups["england"].members)
    assert "E08000035" in groups["yorkshire-and-the-humber"].members
    assert "E07000004" not in groups["england"].members  # abolished, and a district
    assert "E08000035" in groups["nearest-neighbours-e08000035"].members
    assert (Path(__file__).resolve().parents[1] / "data" / "PROVENANCE.md").read_text(
        encoding="utf-8"
    ).count("Licence") >= 2
