"""The demo KPI Register: pure data, checked without Django or a database."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from quarterly.core.periods import Period, PeriodKind
from quarterly.demo.catalogue import (
    DIRECTORATES,
    PILLARS,
    SCRUTINY_BOARDS,
    SERVICES,
    DemoKPI,
    demo_kpis,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
# Verbatim upstream rows, copied by scripts/extract_test_sources.py (see upstream/PROVENANCE.md)
UPSTREAM = Path(__file__).resolve().parent / "upstream"

UNITS = {"percentage", "count", "rate", "currency", "days", "score"}
POLARITIES = {"higher", "lower", "none"}
FREQUENCIES = {"monthly", "quarterly", "annual"}
COMPARATORS = {"previous", "same_last_year"}
DIRECTIONS = {"increase", "decrease"}
ILLUSTRATIVE_NOTE = "Illustrative figures for the demo"
PERIOD_KINDS = {
    "monthly": {PeriodKind.MONTH},
    "quarterly": {PeriodKind.QUARTER},
    "annual": {PeriodKind.FINANCIAL_YEAR, PeriodKind.CALENDAR_YEAR},
}


@pytest.fixture(scope="module")
def kpis() -> list[DemoKPI]:
    return demo_kpis()


def _by_reference(kpis: list[DemoKPI]) -> dict[str, DemoKPI]:
    return {kpi.reference: kpi for kpi in kpis}


def _shared_csv(relative: str) -> list[dict[str, str]]:
    path = UPSTREAM / relative
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


# Structure ----------------------------------------------------------------------------------


def test_organisation_constants_match_leeds() -> None:
    # given / when the published constants
    # then
    assert len(DIRECTORATES) == 5 and set(SERVICES) == set(DIRECTORATES)
    assert all(3 <= len(services) <= 6 for services in SERVICES.values())
    assert set(SCRUTINY_BOARDS) == {
        "Adults, Health and Active Lifestyles",
        "Children and Families",
        "Environment, Housing and Communities",
        "Infrastructure, Investment and Inclusive Growth",
        "Strategy and Resources",
    }
    assert all(remit.endswith(".") and remit.count(". ") == 0 for remit in SCRUTINY_BOARDS.values())
    assert PILLARS == ("Health and Wellbeing", "Inclusive Growth", "Zero Carbon")


def test_register_is_large_and_spread_over_the_council(kpis: list[DemoKPI]) -> None:
    # given
    by_directorate = Counter(kpi.directorate for kpi in kpis)

    # when
    boards = {kpi.scrutiny_board for kpi in kpis}
    pillars = {pillar for kpi in kpis for pillar in kpi.pillars}

    # then
    assert len(kpis) >= 64
    assert set(by_directorate) == set(DIRECTORATES)
    assert min(by_directorate.values()) >= 8
    assert boards == set(SCRUTINY_BOARDS)
    assert pillars == set(PILLARS)


def test_references_are_unique(kpis: list[DemoKPI]) -> None:
    # given
    references = [kpi.reference for kpi in kpis]

    # when
    duplicates = [ref for ref, count in Counter(references).items() if count > 1]

    # then
    assert duplicates == []
    assert all(re.fullmatch(r"(AH|CF|CD|CHE|RES)-\d{2}", ref) for ref in references)


def test_every_field_holds_a_valid_choice(kpis: list[DemoKPI]) -> None:
    # given / when
    for kpi in kpis:
        # then
        assert kpi.directorate in DIRECTORATES, kpi.reference
        assert kpi.service in SERVICES[kpi.directorate], kpi.reference
        assert kpi.pillars and set(kpi.pillars) <= set(PILLARS), kpi.reference
        assert len(set(kpi.pillars)) == len(kpi.pillars), kpi.reference
        assert kpi.scrutiny_board in SCRUTINY_BOARDS, kpi.reference
        assert kpi.unit in UNITS, kpi.reference
        assert (kpi.rate_per is not None) == (kpi.unit == "rate"), kpi.reference
        assert kpi.rate_per in (None, 1000, 10000, 100000), kpi.reference
        assert 0 <= kpi.decimal_places <= 3, kpi.reference
        assert kpi.polarity in POLARITIES, kpi.reference
        assert kpi.frequency in FREQUENCIES, kpi.reference
        assert kpi.comparator in COMPARATORS, kpi.reference


def test_supporting_information_is_complete_and_fits_the_register(kpis: list[DemoKPI]) -> None:
    # given / when
    for kpi in kpis:
        # then
        for text in (kpi.title, kpi.definition, kpi.purpose, kpi.data_source, kpi.availability):
            assert text.strip(), kpi.reference
        for text in (kpi.title, kpi.data_source, kpi.availability, kpi.benchmark_indicators):
            assert len(text) <= 300, kpi.reference
        assert kpi.source_url == "" or re.fullmatch(r"https://\S+", kpi.source_url)
        assert len(kpi.baseline_period) <= 30
        if kpi.baseline is not None:
            assert Period.parse(kpi.baseline_period).label == kpi.baseline_period


# Mix ----------------------------------------------------------------------------------------


def test_units_polarities_and_frequencies_are_mixed(kpis: list[DemoKPI]) -> None:
    # given
    units = Counter(kpi.unit for kpi in kpis)
    polarities = Counter(kpi.polarity for kpi in kpis)

    # when
    frequencies = {(kpi.directorate, kpi.frequency) for kpi in kpis}

    # then
    assert set(units) == UNITS
    assert polarities["higher"] > 0 and polarities["lower"] > 0
    assert polarities["none"] >= 5
    for directorate in DIRECTORATES:
        assert (directorate, "monthly") in frequencies, directorate
        assert (directorate, "quarterly") in frequencies, directorate


def test_targets_are_values_with_tolerance_or_interim_directions(kpis: list[DemoKPI]) -> None:
    # given
    targeted = [kpi for kpi in kpis if kpi.polarity != "none"]

    # when
    with_values = [kpi for kpi in targeted if any(t.value is not None for t in kpi.targets)]
    with_directions = [kpi for kpi in targeted if any(t.direction for t in kpi.targets)]

    # then
    assert all(not kpi.targets for kpi in kpis if kpi.polarity == "none")
    assert all(kpi.targets for kpi in targeted)
    assert len(with_values) > len(targeted) / 2
    assert len(with_directions) >= 6
    for kpi in targeted:
        years = [target.financial_year for target in kpi.targets]
        assert years == sorted(set(years)), kpi.reference
        for target in kpi.targets:
            if target.direction is None:
                assert target.value is not None and target.tolerance is not None
                assert target.tolerance >= 0, kpi.reference
            else:
                assert target.direction in DIRECTIONS, kpi.reference
                assert target.value is None and target.tolerance is None, kpi.reference


def test_illustrative_value_targets_cover_the_current_years(kpis: list[DemoKPI]) -> None:
    # given
    illustrative = [kpi for kpi in kpis if kpi.illustrative and kpi.polarity != "none"]

    # when
    years = {kpi.reference: {t.financial_year for t in kpi.targets} for kpi in illustrative}

    # then
    assert all({2023, 2024} <= held for held in years.values()), years


def test_real_targets_fall_in_years_with_results(kpis: list[DemoKPI]) -> None:
    # given
    real = [kpi for kpi in kpis if not kpi.illustrative]

    # when / then: calendar years belong to the financial year containing their first day
    for kpi in real:
        result_years = {Period.parse(result.period).fy for result in kpi.results}
        assert {t.financial_year for t in kpi.targets} <= result_years, kpi.reference


# Results ------------------------------------------------------------------------------------


def test_results_are_canonical_ordered_and_unique(kpis: list[DemoKPI]) -> None:
    # given / when
    for kpi in kpis:
        periods = [Period.parse(result.period) for result in kpi.results]

        # then
        assert [p.label for p in periods] == [r.period for r in kpi.results], kpi.reference
        assert {p.kind for p in periods} <= PERIOD_KINDS[kpi.frequency], kpi.reference
        assert len({p.kind for p in periods}) == 1, kpi.reference
        assert periods == sorted(periods, key=lambda p: p.sort_key), kpi.reference
        assert len(set(periods)) == len(periods), kpi.reference


def test_values_respect_their_unit(kpis: list[DemoKPI]) -> None:
    # given / when
    for kpi in kpis:
        for result in kpi.results:
            where = f"{kpi.reference} {result.period}"

            # then
            if kpi.unit == "percentage":
                assert 0 <= result.value <= 100, where
            if kpi.unit == "count":
                assert result.value >= 0 and result.value == int(result.value), where
            if kpi.unit in ("rate", "days", "currency"):
                assert result.value >= 0, where
            if result.numerator is not None or result.denominator is not None:
                assert result.numerator is not None and result.denominator is not None, where
                assert 0 <= result.numerator <= result.denominator, where
            if result.lower_ci is not None or result.upper_ci is not None:
                assert result.lower_ci is not None and result.upper_ci is not None, where
                assert result.lower_ci <= result.value <= result.upper_ci, where


def test_real_kpis_have_history_and_a_source(kpis: list[DemoKPI]) -> None:
    # given
    real = [kpi for kpi in kpis if not kpi.illustrative]

    # when
    short = [kpi.reference for kpi in real if len(kpi.results) < 3]

    # then
    assert len(real) >= 40
    assert short == []
    assert all(kpi.source_url.startswith("https://") for kpi in real)
    assert all(ILLUSTRATIVE_NOTE not in kpi.known_weaknesses for kpi in real)
    assert {kpi.frequency for kpi in real if kpi.directorate == "Adults and Health"} >= {
        "monthly",
        "annual",
    }


def test_illustrative_kpis_cover_five_financial_years(kpis: list[DemoKPI]) -> None:
    # given
    illustrative = [kpi for kpi in kpis if kpi.illustrative]
    first_and_last = {
        "monthly": ("April 2020", "March 2025"),
        "quarterly": ("2020/21 Q1", "2024/25 Q4"),
    }

    # when / then
    assert len(illustrative) >= 24
    for kpi in illustrative:
        assert ILLUSTRATIVE_NOTE in kpi.known_weaknesses, kpi.reference
        labels = [result.period for result in kpi.results]
        if kpi.frequency == "annual":
            assert labels in (
                ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"],
                ["2020", "2021", "2022", "2023", "2024"],
            ), kpi.reference
        else:
            expected = Period.range(*map(Period.parse, first_and_last[kpi.frequency]))
            assert labels == [p.label for p in expected], kpi.reference


def test_illustrative_series_include_a_percentage_with_numerator_and_denominator(
    kpis: list[DemoKPI],
) -> None:
    # given
    illustrative = [kpi for kpi in kpis if kpi.illustrative and kpi.unit == "percentage"]

    # when
    with_parts = [
        kpi
        for kpi in illustrative
        if all(r.numerator is not None and r.denominator for r in kpi.results)
    ]

    # then
    assert with_parts
    for kpi in with_parts:
        for result in kpi.results:
            assert result.numerator is not None and result.denominator is not None
            expected = round(100 * result.numerator / result.denominator, kpi.decimal_places)
            assert result.value == expected, kpi.reference


def test_illustrative_series_show_a_clear_shift(kpis: list[DemoKPI]) -> None:
    # given: home care turnover in the pilot fell from 36% to 18% (seed 002)
    turnover = _by_reference(kpis)["AH-42"]

    # when
    first_year = [r.value for r in turnover.results[:4]]
    last_year = [r.value for r in turnover.results[-4:]]

    # then
    assert min(first_year) > 30 and max(last_year) < 23


# Package data -------------------------------------------------------------------------------


def test_package_data_holds_exactly_the_real_series(kpis: list[DemoKPI]) -> None:
    # given
    folder = resources.files("quarterly.demo") / "data"
    series = set()
    for name in ("fingertips_leeds.csv", "oflog_asc_leeds.csv", "nhs_ae_rr8.csv"):
        text = (folder / name).read_text(encoding="utf-8")
        series |= {row["series_id"] for row in csv.DictReader(io.StringIO(text, newline=""))}

    # when
    real = [kpi for kpi in kpis if not kpi.illustrative]

    # then
    assert len(series) == len(real)
    assert (folder / "PROVENANCE.md").read_text(encoding="utf-8").count("Licence") >= 3


@pytest.mark.parametrize(
    ("reference", "relative", "where", "period", "label"),
    [
        (
            "AH-06",
            "la_health_indicators_trafford_datalab/corporate_plan_2024/adults_smoking_manual.csv",
            {"inequality": "NA"},
            "2022",
            "2022",
        ),
        (
            "AH-09",
            "la_health_indicators_trafford_datalab/corporate_plan_2024/healthy_life_expectancy.csv",
            {"inequality": "Male"},
            "2018 - 20",
            "2020",
        ),
        (
            "AH-18",
            "la_health_indicators_trafford_datalab/dashboard_2020/admissions_falls.csv",
            {},
            "2017/18",
            "2017/18",
        ),
        (
            "CF-01",
            "la_health_indicators_trafford_datalab/dashboard_2020/children_in_care.csv",
            {},
            "2018",
            "2018",
        ),
    ],
    ids=["smoking-routine-manual", "pooled-healthy-life-expectancy", "falls", "children-in-care"],
)
def test_real_leeds_values_match_the_shared_data(
    kpis: list[DemoKPI],
    reference: str,
    relative: str,
    where: dict[str, str],
    period: str,
    label: str,
) -> None:
    # given
    rows = [
        row
        for row in _shared_csv(relative)
        if row["area_code"] == "E08000035"
        and row["period"] == period
        and all(row[column] == value for column, value in where.items())
    ]

    # when
    results = {r.period: r for r in _by_reference(kpis)[reference].results}

    # then
    assert len(rows) == 1
    assert results[label].value == float(rows[0]["value"])


def test_oflog_and_nhs_values_match_the_shared_data(kpis: list[DemoKPI]) -> None:
    # given
    oflog = next(
        row
        for row in _shared_csv("oflog_adult_social_care/oflog_asc_metrics.csv")
        if row["Local authority code"] == "E08000035"
        and row["Code"] == "ASC5"
        and row["Financial year"] == "2022-23"
    )
    march_2019 = [
        row
        for row in _shared_csv("nhs_ae_attendances_monthly/ae_attendances.csv")
        if row["org_code"] == "RR8" and row["period"] == "2019-03-01"
    ]

    # when
    by_reference = _by_reference(kpis)
    short_term = {r.period: r for r in by_reference["AH-31"].results}["2022/23"]
    four_hours = {r.period: r for r in by_reference["AH-34"].results}["March 2019"]

    # then
    assert short_term.value == float(oflog["Value"])
    attendances = sum(int(row["attendances"]) for row in march_2019)
    breaches = sum(int(row["breaches"]) for row in march_2019)
    assert four_hours.denominator == attendances
    assert four_hours.numerator == attendances - breaches


def test_confidence_intervals_are_copied_from_the_fingertips_export(kpis: list[DemoKPI]) -> None:
    # given
    row = next(
        row
        for row in _shared_csv("fingertips_raw_export_example/indicators-CountyUA.data.csv")
        if row["Area Code"] == "E08000035"
        and row["Age"] == "All ages"
        and row["Time period"] == "2016"
    )

    # when
    result = {r.period: r for r in _by_reference(kpis)["AH-26"].results}["2016"]

    # then
    assert result.value == float(row["Value"])
    assert result.lower_ci == float(row["Lower CI 95.0 limit"])
    assert result.upper_ci == float(row["Upper CI 95.0 limit"])
    assert (result.numerator, result.denominator) == (
        float(row["Count"]),
        float(row["Denominator"]),
    )


# Determinism --------------------------------------------------------------------------------

_DIGEST = (
    "import hashlib; from quarterly.demo.catalogue import demo_kpis; "
    "print(hashlib.sha256(repr(demo_kpis()).encode()).hexdigest())"
)


def test_demo_kpis_is_deterministic_across_calls_and_processes(kpis: list[DemoKPI]) -> None:
    # given
    here = hashlib.sha256(repr(kpis).encode()).hexdigest()

    # when
    others = [
        subprocess.run(
            [sys.executable, "-c", _DIGEST],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    ]

    # then
    assert demo_kpis() == kpis
    assert demo_kpis() is not kpis  # callers get their own list
    assert others == [here, here]
