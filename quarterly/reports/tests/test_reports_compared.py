"""Scrutiny and Annual reports say how the council compares with other areas: each KPI's
sentence and table per comparator group, and the Annual report's overview with its counts."""

from __future__ import annotations

from typing import Any

import pytest

from quarterly.benchmarking.tests.national import LEEDS, group, indicator, numbered_codes, publish
from quarterly.core.periods import Period
from quarterly.places.models import ComparatorGroup
from quarterly.places.services import places_load_builtins
from quarterly.reports.compiler import report_compile
from quarterly.reports.tests.test_reports_compile import _table, _text
from quarterly.reports.tests.test_reports_council import Q2, build_council

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2024)
CITIES = {
    "E08000025": 80, "E06000023": 75, "E08000012": 70, "E08000003": 65, "E08000021": 55,
    "E06000018": 50, "E08000019": 72,
}  # fmt: skip


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    """AH-01 6th of 8 Core Cities and worse than England; AH-02 (lower is better) last of the
    Core Cities, and compared too within a 30-area group (too large for a printed table)."""
    found = build_council(organisation)
    places_load_builtins(today=Q2.start)
    cities = ComparatorGroup.objects.get(slug="core-cities")
    codes = numbered_codes(29)
    large = group("Thirty", [(LEEDS, "Leeds")] + [(c, f"Area {c[-3:]}") for c in codes],
                  organisation=organisation)  # fmt: skip
    publish(indicator("1", name="Helped at home"), YEAR, {**CITIES, LEEDS: (60, 57, 63)},
            england=68)  # fmt: skip
    second = {**CITIES, **{c: 10 for c in codes}, LEEDS: (90, 80, 100)}
    publish(indicator("2", polarity="lower", name="Days to arrange care"), YEAR, second,
            england=85)  # fmt: skip
    kpis = {kpi.reference: kpi for kpi in found["kpis"]}
    for reference, code, groups in (("AH-01", "1", [cities]), ("AH-02", "2", [cities, large])):
        kpis[reference].national_indicator = f"fingertips:{code}"
        kpis[reference].save()
        kpis[reference].comparator_groups.set(groups)
    return found


def test_the_scrutiny_report_prints_each_kpis_comparison(council: dict[str, Any]) -> None:
    # when
    report = report_compile(
        kind="scrutiny", period=Q2, organisation=council["organisation"],
        board=council["board"], narrative={},
    )  # fmt: skip
    # then
    text = _text(report)
    assert "Leeds ranks 6th of 8 Core Cities, significantly worse than England." in text
    assert "Leeds ranks 8th of 8 Core Cities, in the bottom quartile, similar to England." in text
    assert "Leeds ranks 30th of 30 in Thirty, in the bottom quartile, similar to England." in text
    cities = _table(report, "kpi-ah-01-compared-core-cities")
    assert list(cities)[:2] == ["Birmingham", "Bristol, City of"]
    assert cities["Leeds"] == {
        "Area": "Leeds", "Value": "60.0%", "95% confidence interval": "57.0% to 63.0%",
        "Rank": "6 of 8", "Compared with England": "Worse",
    }  # fmt: skip
    keys = {table.key for table in report.tables()}
    assert "kpi-ah-02-compared-core-cities" in keys
    assert not any(key.startswith("kpi-ah-02-compared-thirty") for key in keys)  # 30 > 20 areas


def test_the_annual_report_counts_and_lists_every_kpis_place(council: dict[str, Any]) -> None:
    # when
    report = report_compile(
        kind="annual", period=Period.parse("2024/25"), organisation=council["organisation"],
        narrative={},
    )  # fmt: skip
    # then
    text = _text(report)
    assert (
        "2 KPIs are compared with other areas in the latest national data: 1 in the bottom "
        "quartile of a comparator group and 1 significantly worse than England." in text
    )
    table = next(t for t in report.tables() if t.key == "compared")
    assert [row[:4] for row in table.rows] == [
        ["AH-01 People helped to live at home", "2024/25", "6th of 8 Core Cities", "No"],
        ["AH-02 Days to arrange a care package", "2024/25", "8th of 8 Core Cities", "Yes"],
        ["AH-02 Days to arrange a care package", "2024/25", "30th of 30 in Thirty", "Yes"],
    ]
    assert "Appendix 3 – How each KPI compares with other areas" in text
    assert "kpi-ah-01-compared-core-cities" in {t.key for t in report.tables()}


def test_a_report_without_national_data_says_so(organisation: Any) -> None:
    # given the council with no national indicators linked
    found = build_council(organisation)
    # when
    report = report_compile(
        kind="annual", period=Period.parse("2024/25"), organisation=found["organisation"],
        narrative={},
    )  # fmt: skip
    # then
    text = _text(report)
    assert "No KPI in this report is compared with other areas yet." in text
    assert "Appendix 3" not in text
