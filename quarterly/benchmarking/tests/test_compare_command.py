"""`quarterly compare` on a database that holds nothing but imported groups and national values:
every area of the group with its value, rank, n, quartile and significance, the England
comparison matching the words Fingertips itself published for the same rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from quarterly.benchmarking.models import NationalIndicator
from quarterly.benchmarking.tests.national import indicator, publish
from quarterly.core import clock
from quarterly.core.periods import Period
from quarterly.organisation.models import Organisation
from quarterly.places.services import places_load_builtins

EXPORT = (
    Path(__file__).resolve().parents[2]
    / "assessment" / "tests" / "data" / "fingertips_campylobacter_countyua.csv"
)  # fmt: skip
YORKSHIRE = "E12000003"


def _export_rows(period: str) -> list[dict[str, str]]:
    with EXPORT.open(newline="", encoding="utf-8") as handle:
        return [
            row for row in csv.DictReader(handle)
            if row["Time period"] == period and row["Parent Code"] == YORKSHIRE
        ]  # fmt: skip


def _competition_ranks(values: dict[str, float]) -> dict[str, int]:
    """1 = lowest (lower is better), ties sharing the best rank: 1, 2, 2, 4."""
    return {
        code: 1 + sum(other < value for other in values.values()) for code, value in values.items()
    }


@pytest.fixture
def imported(tmp_path: Path) -> dict[str, Any]:
    rows = _export_rows("2015")[:8]
    groups = tmp_path / "groups.csv"
    groups.write_text(
        "group,area_code\n" + "".join(f"Yorkshire eight,{row['Area Code']}\n" for row in rows)
    )
    call_command("import_benchmarks", str(EXPORT), format="fingertips", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    call_command("import_groups", str(groups), stdout=io.StringIO())
    # Fingertips' export does not state polarity: the team records it (campylobacter: lower).
    NationalIndicator.objects.filter(code="93356").update(polarity="lower")
    return {"rows": rows}


@pytest.mark.django_db
def test_compare_works_from_imports_alone_and_agrees_with_fingertips(
    imported: dict[str, Any],
) -> None:
    # given a database with no council and no demo
    assert not Organisation.objects.exists()
    # when
    out = io.StringIO()
    call_command("compare", indicator="93356", group="Yorkshire eight", period="2015", json=True,
                 stdout=out)  # fmt: skip
    # then every area of the group is there, ranked among the group, compared as Fingertips did
    result = json.loads(out.getvalue())
    published = {row["Area Code"]: row for row in imported["rows"]}
    areas = {area["area_code"]: area for area in result["areas"]}
    assert set(areas) == set(published)
    values = {code: float(row["Value"]) for code, row in published.items() if row["Value"]}
    ranks = _competition_ranks(values)
    for code, row in published.items():
        assert areas[code]["vs_england"] == row["Compared to England value or percentiles"], code
        if row["Value"]:
            assert areas[code]["value"] == pytest.approx(float(row["Value"]), abs=1e-6)
            assert areas[code]["rank"] == ranks[code]
            assert areas[code]["n"] == len(values)
    ordered = sorted(values.values())
    middle = len(ordered) // 2
    expected_median = (
        ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )
    assert result["median"] == pytest.approx(expected_median, abs=1e-6)
    assert result["period"] == "2015"


@pytest.mark.django_db
def test_compare_says_what_it_cannot_find(imported: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="No national indicator 1 has been imported"):
        call_command("compare", indicator="1", group="Yorkshire eight", period="2015")
    with pytest.raises(CommandError, match='No comparator group is called "Nowhere"'):
        call_command("compare", indicator="93356", group="Nowhere", period="2015")


@pytest.mark.django_db
def test_compare_ranks_a_recoded_area_on_values_published_under_its_earlier_code() -> None:
    # given the built-in Core Cities (Sheffield as E08000039) and a file naming it E08000019
    places_load_builtins(today=clock.today())
    values = {"E08000025": 80, "E06000023": 75, "E08000035": 60, "E08000012": 70,
              "E08000003": 65, "E08000021": 55, "E06000018": 50, "E08000019": 72}  # fmt: skip
    publish(indicator("90001"), Period.financial_year(2020), values, england=68)
    out = io.StringIO()
    # when
    call_command("compare", indicator="90001", group="core-cities", period="2020/21", json=True,
                 stdout=out)  # fmt: skip
    table = io.StringIO()
    call_command("compare", indicator="90001", group="Core Cities", period="2020/21", stdout=table)
    # then
    areas = {a["area_name"]: a for a in json.loads(out.getvalue())["areas"]}
    sheffield = areas["Sheffield"]
    assert (sheffield["area_code"], sheffield["value"], sheffield["rank"], sheffield["n"]) == (
        "E08000039",
        72,
        3,
        8,
    )
    assert sheffield["published_as"] == "E08000019" and areas["Leeds"]["published_as"] == ""
    assert "(published as E08000019)" in next(
        line for line in table.getvalue().splitlines() if "Sheffield" in line
    )


@pytest.mark.django_db
def test_compare_takes_the_sex_compared() -> None:
    # given an indicator published for Male and Female only
    places_load_builtins(today=clock.today())
    national = indicator("90362")
    publish(national, Period.financial_year(2020), {"E08000035": 61, "E08000025": 59},
            sex="Male")  # fmt: skip
    publish(national, Period.financial_year(2020), {"E08000035": 63, "E08000025": 66},
            sex="Female")  # fmt: skip
    # when
    compared = {}
    for sex in ("", "Male"):
        out = io.StringIO()
        call_command("compare", indicator="90362", group="core-cities", period="2020/21",
                     json=True, sex=sex, stdout=out)  # fmt: skip
        compared[sex] = json.loads(out.getvalue())
    # then without --sex the rule takes Female (first by sex); with it, the Male rows
    assert (compared[""]["sex"], compared["Male"]["sex"]) == ("Female", "Male")
    leeds = {sex: next(a for a in c["areas"] if a["area_name"] == "Leeds")
             for sex, c in compared.items()}  # fmt: skip
    assert (leeds[""]["value"], leeds[""]["rank"]) == (63, 2)
    assert (leeds["Male"]["value"], leeds["Male"]["rank"]) == (61, 1)
