"""The CLT Scorecard's "Compared with other areas" column and filter: each KPI's place in its
comparator groups from the national data published for the quarter's time, on the page and in
the Excel download."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from quarterly.benchmarking.tests.national import LEEDS, indicator, publish
from quarterly.core.periods import Period
from quarterly.places.models import ComparatorGroup
from quarterly.places.services import places_load_builtins
from quarterly.register.models import KPI
from quarterly.reports.scorecard_excel import HEADER_ROW
from quarterly.reports.tests.scorecard_council import Q2, build_council, scorecard_rows

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2024)  # the year the scorecard's quarter (2024/25 Q2) falls in
# Core Cities' values; Leeds 6th of 8 when higher is better, its interval below England's 68
CITIES = {
    "E08000025": 80, "E06000023": 75, LEEDS: (60, 57, 63), "E08000012": 70,
    "E08000003": 65, "E08000021": 55, "E06000018": 50, "E08000019": 72,
}  # fmt: skip


@pytest.fixture
def compared(organisation: Any) -> dict[str, Any]:
    """RED-COMMON 6th of 8 Core Cities, worse than England; INTERIM (lower is better) with the
    highest value, 8th of 8 and in the bottom quartile, similar to England."""
    council = build_council(organisation)
    places_load_builtins(today=Q2.end)
    cities = ComparatorGroup.objects.get(slug="core-cities")
    publish(indicator("90001", polarity="higher"), YEAR, CITIES, england=68)
    # a later year, published after the quarter: the quarter's scorecard must not use it
    publish(indicator("90003", polarity="higher"), YEAR.next(), CITIES, england=1)
    worst = {**CITIES, LEEDS: (90, 60, 120)}
    publish(indicator("90002", polarity="lower"), YEAR, worst, england=85)
    for reference, code in (("RED-COMMON", "90001"), ("INTERIM", "90002"), ("TRACKER", "90003")):
        kpi = KPI.objects.get(organisation=organisation, reference=reference)
        kpi.national_indicator = f"fingertips:{code}"
        kpi.save()
        kpi.comparator_groups.set([cities])
    return council


def test_each_row_says_where_the_council_stands(
    organisation: Any, people: dict[str, Any], compared: dict[str, Any]
) -> None:
    # when
    rows = scorecard_rows(people["clt"], organisation)
    # then
    red, interim = rows["RED-COMMON"].standing, rows["INTERIM"].standing
    assert red is not None and interim is not None
    assert red.period == "2024/25" and red.places == ("6th of 8 Core Cities",)
    assert (red.worse_than_england, red.bottom_quartile) == (True, False)
    assert red.sentences == ("Leeds ranks 6th of 8 Core Cities, significantly worse than England.",)
    assert interim.places == ("8th of 8 Core Cities",)
    assert (interim.worse_than_england, interim.bottom_quartile) == (False, True)
    assert red.text == "2024/25: 6th of 8 Core Cities; significantly worse than England"
    # TRACKER's indicator was published only for 2025/26, after the quarter: nothing to show
    assert rows["TRACKER"].standing is None and rows["GREEN-CONCERN"].standing is None


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("bottom_quartile", {"INTERIM"}),
        ("worse_than_england", {"RED-COMMON"}),
        ("compared", {"INTERIM", "RED-COMMON"}),
    ],
)
def test_the_filter_keeps_the_kpis_that_compare_so(
    organisation: Any, people: dict[str, Any], compared: dict[str, Any], wanted: str,
    expected: set[str],
) -> None:  # fmt: skip
    assert set(scorecard_rows(people["clt"], organisation, compared=wanted)) == expected


def test_the_page_shows_the_column_and_filters_by_it(
    performance_client: Any, compared: dict[str, Any]
) -> None:
    # when
    response = performance_client.get(
        reverse("scorecard:index"), {"period": "2024-25-q2", "compared": "bottom_quartile"}
    )
    # then
    html = response.content.decode()
    assert [row.reference for row in response.context["scorecard"].rows] == ["INTERIM"]
    assert "Compared with other areas</th>" in html
    assert "8th of 8 Core Cities</span>" in html and "Bottom quartile</strong>" in html
    # and a choice that is not offered is named in the error summary
    bad = performance_client.get(reverse("scorecard:index"), {"compared": "top"})
    assert "Choose how the KPIs compare with other areas from the list." in bad.content.decode()


def test_the_excel_scorecard_carries_the_comparison(
    performance_client: Any, compared: dict[str, Any]
) -> None:
    # when
    response = performance_client.get(
        reverse("scorecard:excel"), {"period": "2024-25-q2", "compared": "compared"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # then
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    rows = {
        row[0].value: dict(zip(headers, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
        if row[0].value != row[2].value  # not a directorate's heading row
    }
    assert set(rows) == {"RED-COMMON", "INTERIM"}
    red = rows["RED-COMMON"]
    assert red["Compared with other areas"] == (
        "2024/25: 6th of 8 Core Cities; significantly worse than England"
    )
    assert (red["Bottom quartile"], red["Worse than England"]) == ("No", "Yes")
    assert rows["INTERIM"]["Bottom quartile"] == "Yes"
    assert "Compared with other areas: Compared with other areas" in str(
        [c.value for row in sheet.iter_rows(max_row=HEADER_ROW - 1) for c in row]
    )
