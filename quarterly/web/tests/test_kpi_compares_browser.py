"""The KPI page's comparison section in a real browser, scanned with axe-core: Leeds ranked among
the eight Core Cities (chart described for screen readers, table as its equivalent) and among
its 150-area England group, whose table is folded away until asked for; and the public page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from quarterly.benchmarking.tests.national import LEEDS, indicator, publish
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, ResultFactory
from quarterly.places.models import ComparatorGroup, GroupMember
from quarterly.places.services import places_load_builtins
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
CITIES = {
    "E08000025": (80.4, 78.0, 82.8), "E06000023": (75.0, 72.1, 77.9), LEEDS: (60.2, 57.9, 62.5),
    "E08000012": (70.9, 68.0, 73.8), "E08000003": (65.5, 63.0, 68.0),
    "E08000021": (55.1, 52.0, 58.2), "E06000018": (50.3, 47.0, 53.6),
    "E08000019": (72.0, 69.9, 74.1),
}  # fmt: skip


@pytest.fixture
def compared(organisation: Any, people: dict[str, Any]) -> int:
    """AH-26 compared within the Core Cities and England; the number of areas in England's."""
    places_load_builtins(today=dt.date(2026, 1, 15))
    england = ComparatorGroup.objects.get(slug="england")
    codes = list(GroupMember.objects.filter(group=england).values_list("area__code", flat=True))
    values: dict[str, Any] = {code: 40 + (i * 7) % 45 for i, code in enumerate(codes)}
    national = indicator("90282", name="Older people at home 91 days after discharge")
    publish(national, Period.financial_year(2023), {**values, **CITIES}, england=68.1)
    kpi = KPIFactory(
        organisation=organisation, reference="AH-26", national_indicator="fingertips:90282",
        title="Older people still at home 91 days after discharge",
    )  # fmt: skip
    kpi.comparator_groups.set([ComparatorGroup.objects.get(slug="core-cities"), england])
    ResultFactory(kpi=kpi, period=Period.quarter(2024, 1))
    return len(codes)


def test_the_comparison_section_reads_well_and_passes_axe(
    page: Page, live_server: Any, compared: int
) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    # when
    page.goto(f"{live_server.url}/register/kpi/AH-26/")
    # then the Core Cities: the sentence, the chart named and described, the table
    section = page.locator("#compares")
    expect(section.get_by_role("heading", name="How Leeds compares")).to_be_visible()
    expect(section).to_contain_text(
        "Leeds ranks 6th of 8 Core Cities, significantly worse than England."
    )
    chart = section.get_by_role("img", name="Core Cities, each area's value", exact=False)
    expect(chart).to_have_count(1)
    expect(chart).to_have_attribute("aria-labelledby", "compare-1-title compare-1-desc")
    expect(section.locator("#compare-1-desc")).to_contain_text("Leeds: 60.2%. England: 68.1%.")
    table = section.get_by_role("table", name="Core Cities: 2023/24, best first")
    expect(table.get_by_role("row").nth(6)).to_contain_text("Leeds This council 60.2%")
    expect(table.get_by_role("row").nth(6)).to_contain_text("6 of 8")
    # and England's group: the long table is folded until asked for
    england = section.get_by_role("table", name="England: 2023/24, best first")
    expect(england).to_be_hidden()
    section.get_by_text("Figures for the", exact=False).click()
    expect(england).to_be_visible()
    expect(england.get_by_role("row", name="Leeds", exact=False)).to_contain_text(f" of {compared}")
    assert_accessible(page)


def test_the_public_page_shows_the_section_and_passes_axe(
    page: Page, live_server: Any, compared: Any
) -> None:
    # given no one signed in
    # when
    page.goto(f"{live_server.url}/public/kpi/AH-26/")
    # then
    expect(page.locator("#compares")).to_contain_text("Leeds ranks 6th of 8 Core Cities")
    assert_accessible(page)
