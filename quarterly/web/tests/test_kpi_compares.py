"""The KPI page's "How Leeds compares": for each comparator group the sentence, a caterpillar
chart and the table of every area, named for the council's own place; one plain line when
there is nothing to compare; the same on the public page; and a query count that does not grow
with the size of the group."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quarterly.benchmarking.models import NationalValue
from quarterly.benchmarking.tests.national import (
    LEEDS,
    area,
    group,
    indicator,
    numbered_codes,
    publish,
)
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, ResultFactory
from quarterly.places.models import Area

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2024)
BRADFORD = "E08000032"


def _compared_kpi(organisation: Any, members: dict[str, Any], *, england: Any = 68) -> Any:
    """AH-26 (higher is better) compared within "Peers", whose areas hold `members` values."""
    publish(indicator("90001", name="Adults at home 91 days after discharge\n"), YEAR, members,
            england=england)  # fmt: skip
    for code in members:
        area(code, {LEEDS: "Leeds", BRADFORD: "Bradford"}.get(code, f"Area {code[-3:]}"))
    peers = group("Peers", [(code, "") for code in members], organisation=organisation)
    kpi = KPIFactory(
        organisation=organisation, reference="AH-26", national_indicator="fingertips:90001",
        unit="percentage", decimal_places=1,
    )  # fmt: skip
    kpi.comparator_groups.set([peers])
    ResultFactory(kpi=kpi, period=Period.quarter(2024, 1))
    return kpi


def _section(page: str) -> str:
    """The page's one comparison section."""
    found = re.findall(r'<section aria-labelledby="compares-heading".*?</section>', page, re.S)
    assert len(found) == 1, f"{len(found)} comparison sections"
    return str(found[0])


def test_the_kpi_page_says_how_the_council_compares_with_chart_and_table(
    organisation: Any, performance_client: Any
) -> None:
    # given a council whose own area is Bradford, 2nd of 4 and significantly above England
    type(organisation).objects.filter(pk=organisation.pk).update(area_code=BRADFORD)
    _compared_kpi(
        organisation,
        {BRADFORD: (72.25, 70.1, 74.4), "E06900001": 80, "E06900002": (60, 55, 65),
         "E06900003": "suppressed", "E06900004": 50},
    )  # fmt: skip
    # when
    response = performance_client.get(reverse("register:kpi-detail", args=["AH-26"]))
    # then
    section = _section(response.content.decode())
    assert "How Bradford compares" in section and "Leeds" not in section
    assert "Adults at home 91 days after discharge, 2024/25" in section
    assert "Bradford ranks 2nd of 4 in Peers, significantly better than England." in section
    # the chart: one diamond for Bradford, a point and interval per other area, England's line
    assert section.count("app-chart__point--own") == 2  # the point and its legend key
    assert section.count('<circle class="app-chart__point"') == 3 + 1  # areas + legend key
    assert "England 68.0%" in section and 'role="img"' in section
    # the table, best first, the area with no value last, with its reason
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', section, re.S)[1:]
    cells = [re.sub(r"<[^>]+>", "|", row) for row in rows]
    assert [re.search(r"Area \d+|Bradford", c).group(0) for c in cells] == [
        "Area 001", "Bradford", "Area 002", "Area 004", "Area 003"
    ]  # fmt: skip
    bradford = cells[1]
    for text in ("72.3%", "70.1% to 74.4%", "2\u00a0of\u00a04", "This council", "Better"):
        assert text in bradford, (text, bradford)
    assert "No value (suppressed)" in cells[4]


@pytest.mark.parametrize(
    ("national_indicator", "line"),
    [
        ("", "No national indicator is linked to this KPI, so it is not compared"),
        ("fingertips:404", 'The national indicator "fingertips:404" has not been imported'),
    ],
)
def test_a_kpi_with_nothing_to_compare_says_so_in_one_line(
    organisation: Any, performance_client: Any, national_indicator: str, line: str
) -> None:
    # given
    area(LEEDS, "Leeds")
    KPIFactory(organisation=organisation, reference="AH-01", national_indicator=national_indicator)
    # when
    response = performance_client.get(reverse("register:kpi-detail", args=["AH-01"]))
    # then
    section = _section(response.content.decode())
    assert "How Leeds compares" in section
    said = re.search(r'id="compares-missing">([^<]*)<', section)
    assert said is not None and html.unescape(said.group(1)).startswith(line)
    assert "<svg" not in section and "<table" not in section


def test_the_public_page_shows_the_comparison_too(client: Any, organisation: Any) -> None:
    # given a published result and a comparison
    _compared_kpi(organisation, {LEEDS: (61, 58, 64), "E06900001": 70, "E06900002": 50})
    # when no one is signed in
    response = client.get(reverse("public:kpi", args=["AH-26"]))
    # then
    section = _section(response.content.decode())
    assert "Leeds ranks 2nd of 3 in Peers, significantly worse than England." in section
    assert "<svg" in section and "61.0%" in section


def _queries(client: Any, areas: int, organisation: Any) -> tuple[int, str]:
    members = {LEEDS: (55, 50, 60), **{c: 40 + i % 30 for i, c in enumerate(numbered_codes(areas))}}
    _compared_kpi(organisation, members)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("register:kpi-detail", args=["AH-26"]))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_query_count_does_not_grow_with_the_group(
    organisation: Any, performance_client: Any
) -> None:
    # given the page with a two-area group
    small, _ = _queries(performance_client, 1, organisation)
    # when the group has 151 areas
    from quarterly.benchmarking.models import NationalIndicator
    from quarterly.places.models import ComparatorGroup
    from quarterly.register.models import KPI

    KPI.objects.all().delete()
    ComparatorGroup.objects.filter(name="Peers").delete()
    NationalIndicator.objects.all().delete()
    large, page = _queries(performance_client, 150, organisation)
    # then
    assert large == small
    section = _section(page)
    assert section.count('<circle class="app-chart__point app-chart__point--dense"') == 150
    assert "Figures for the 151 areas in Peers" in section  # the long table is folded away
    assert "150 areas, lowest value on the left" not in section
    assert "151 areas, lowest value on the left" in section


def test_a_row_published_under_an_earlier_code_says_so(
    organisation: Any, performance_client: Any
) -> None:
    # given Peers holding Sheffield's current code, whose value a file published under its old
    # one (the shipped areas say E08000019 became E08000039)
    _compared_kpi(organisation, {LEEDS: 60, "E08000039": 72})
    NationalValue.objects.filter(area_code="E08000039").update(area_code="E08000019")
    assert Area.objects.get(code="E08000019").successor_code == "E08000039"
    # when
    response = performance_client.get(reverse("register:kpi-detail", args=["AH-26"]))
    # then
    section = _section(response.content.decode())
    assert "Leeds ranks 2nd of 2 in Peers" in section
    rows = re.findall(r"<tr .*?</tr>", section, re.S)
    [recoded] = [row for row in rows if "published as" in row]
    assert "Area 039" in recoded and "(published as E08000019)" in recoded and "72.0%" in recoded
