"""Reproduce a published OHID Fingertips export from its counts and denominators.

Data: tests/data/fingertips_campylobacter_countyua.csv (see tests/data/PROVENANCE.md), indicator
93356, Campylobacter incidence per 100,000, 2015-2017, England, regions and 152 County & UA.

What the export shows, established row by row:

- "All ages" rows (453 with intervals): exact Poisson limits for *every* count, not Byar's
  (Byar's misses them by up to 1.3e-4 relative). The published digits come from an iterative
  solver: they agree with the exact limits to 4.3e-7 relative, the size of Fingertips'
  bisection tolerance (StatisticalMethods.cs stops when its step is below 1e-7), so the test
  allows 5e-7.
- "0-9 yrs" rows (302): Byar's method with z = 1.96 for every count, including counts below
  10, published to 8-15 significant digits. Reproduced to half a unit in the last published
  digit (plus 1e-14 relative for the 15-digit figures, whose last digit depends on the order
  of floating-point operations).
- "Compared to England / Region value": Fingertips' single overlapping 95% CI comparison with
  polarity *lower is better* reproduces all 750 England and 450 region judgements.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from quarterly.assessment import compare_with_benchmark, rate_intervals

DATA = Path(__file__).parent / "data" / "fingertips_campylobacter_countyua.csv"
ROWS = list(csv.DictReader(DATA.open(newline="", encoding="utf-8")))
WITH_CI = [r for r in ROWS if r["Lower CI 95.0 limit"]]


def _column(rows, name):
    return np.array([float(r[name]) for r in rows])


def _half_unit_in_last_digit(published: str) -> float:
    digits = published.lstrip("-").replace(".", "").lstrip("0")
    exponent = int(np.floor(np.log10(abs(float(published)))))
    return 0.5 * 10.0 ** (exponent - len(digits) + 1)


def test_export_has_the_rows_described():
    assert len(ROWS) == 852
    assert len(WITH_CI) == 755
    assert {r["Age"] for r in WITH_CI} == {"All ages", "0-9 yrs"}


def test_values_are_count_over_denominator_per_100000():
    # given
    rows = [r for r in ROWS if r["Count"] and r["Value"]]
    # when
    rates = rate_intervals(_column(rows, "Count"), _column(rows, "Denominator")).value
    # then
    for row, rate in zip(rows, rates, strict=True):
        published = row["Value"]
        tolerance = _half_unit_in_last_digit(published) + 1e-14 * abs(rate)
        assert abs(rate - float(published)) <= tolerance, row["Area Name"]


def test_all_ages_intervals_are_exact_poisson():
    # given
    rows = [r for r in WITH_CI if r["Age"] == "All ages"]
    assert len(rows) == 453
    # when
    ci = rate_intervals(_column(rows, "Count"), _column(rows, "Denominator"), method="exact")
    # then
    np.testing.assert_allclose(ci.lower95, _column(rows, "Lower CI 95.0 limit"), rtol=5e-7)
    np.testing.assert_allclose(ci.upper95, _column(rows, "Upper CI 95.0 limit"), rtol=5e-7)


def test_all_ages_intervals_are_not_byars():
    # the method matters: Byar's (used from 10 up by the default "auto") misses these rows
    rows = [r for r in WITH_CI if r["Age"] == "All ages"]
    ci = rate_intervals(_column(rows, "Count"), _column(rows, "Denominator"), method="byars")
    assert np.max(np.abs(ci.lower95 / _column(rows, "Lower CI 95.0 limit") - 1)) > 1e-4


def test_0_to_9_intervals_are_byars_with_z_1_96_to_the_published_digit():
    # given
    rows = [r for r in WITH_CI if r["Age"] == "0-9 yrs"]
    assert len(rows) == 302
    assert any(float(r["Count"]) < 10 for r in rows)  # Byar's even for small counts here
    # when
    ci = rate_intervals(
        _column(rows, "Count"), _column(rows, "Denominator"), method="byars", z95=1.96
    )
    # then
    misses = []
    for row, lower, upper in zip(rows, ci.lower95, ci.upper95, strict=True):
        for name, ours in (("Lower CI 95.0 limit", lower), ("Upper CI 95.0 limit", upper)):
            published = row[name]
            tolerance = _half_unit_in_last_digit(published) + 1e-14 * abs(ours)
            if abs(ours - float(published)) > tolerance:
                misses.append((row["Area Name"], row["Time period"], name, published, ours))
    assert misses == []


@pytest.mark.parametrize(
    ("column", "parent"),
    [
        ("Compared to England value or percentiles", "E92000001"),
        ("Compared to Region value or percentiles", None),
    ],
)
def test_benchmark_comparisons_match_the_export(column, parent):
    # given every County & UA row that Fingertips compared, and its benchmark's value
    values = {
        (r["Area Code"], r["Time period"], r["Age"]): float(r["Value"])
        for r in ROWS
        if r["Category"] == "" and r["Value"]
    }
    rows = [
        r
        for r in ROWS
        if r["Area Type"] == "County & UA" and r[column] in ("Better", "Similar", "Worse")
    ]
    benchmark = [values[(parent or r["Parent Code"], r["Time period"], r["Age"])] for r in rows]
    # when
    comparison = compare_with_benchmark(
        _column(rows, "Value"),
        benchmark,
        lower95=_column(rows, "Lower CI 95.0 limit"),
        upper95=_column(rows, "Upper CI 95.0 limit"),
    )
    words, _ = comparison.labels("lower")
    # then
    assert len(rows) == (750 if parent else 450)
    assert [w.capitalize() for w in words] == [r[column] for r in rows]
