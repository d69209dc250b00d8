"""The CLT Scorecard of a large council (300 KPIs) in a real browser: it fits a 1280 px screen
without scrolling sideways, its header and KPI column stay in view, axe finds nothing, and its
filters work without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from quarterly.core.periods import Period
from quarterly.reports.tests.scorecard_bulk import build_scorecard_council
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/scorecard/?period=2024-25-q2"


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> None:
    build_scorecard_council(organisation, count=300, quarters=20, last=Period.quarter(2024, 2))


def _box(page: Page, selector: str) -> dict[str, float]:
    return page.eval_on_selector(  # type: ignore[no-any-return]
        selector,
        "e => { const r = e.getBoundingClientRect(); return {top: r.top, left: r.left}; }",
    )


def test_300_kpis_fit_1280_pixels_with_the_header_in_view(
    page: Page, live_server: Any, council: None
) -> None:
    # given a 1280 x 900 window
    sign_in(page, live_server, "clt@council.example")
    # when
    page.goto(f"{live_server.url}{URL}")
    # then every KPI is there, in six tables
    expect(page.locator("#kpi-count")).to_contain_text("300 KPIs for 2024/25 Q2")
    assert page.locator("table.app-scorecard tbody tr").count() == 300
    # and nothing is wider than the window: not the page, not a table in its box
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    overflowing = page.eval_on_selector_all(
        ".app-scorecard-wrapper, table.app-scorecard",
        "els => els.filter(e => e.scrollWidth > e.clientWidth).length",
    )
    assert overflowing == 0
    # and the page uses the width: the table is far wider than GOV.UK's 960 px column
    assert page.eval_on_selector("table.app-scorecard", "e => e.clientWidth") > 1100
    # when the window scrolls into the middle of the first table
    page.eval_on_selector("#kpi-k-0150", "e => e.scrollIntoView({block: 'center'})")
    # then its header row is stuck to the top of the window, over the rows it has passed
    header = _box(page, "table.app-scorecard thead th")
    assert 0 <= header["top"] <= 1
    assert _box(page, "table.app-scorecard")["top"] < -500
    expect(page.locator("table.app-scorecard thead th").first).to_be_in_viewport()
    # and axe finds nothing wrong with the page
    assert_accessible(page)


def test_on_a_narrow_screen_the_kpi_column_stays_while_the_table_scrolls(
    browser: Browser, live_server: Any, council: None
) -> None:
    # given a phone-sized window
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, live_server, "clt@council.example")
        page.goto(f"{live_server.url}{URL}")
        wrapper = ".app-scorecard-wrapper"
        start = _box(page, "#kpi-k-0000 th")["left"]
        # when the first table is scrolled sideways
        page.eval_on_selector(wrapper, "e => { e.scrollLeft = 300; }")
        # then it did scroll, and the KPI column stayed where it was
        assert page.eval_on_selector(wrapper, "e => e.scrollLeft") > 0
        assert abs(_box(page, "#kpi-k-0000 th")["left"] - start) <= 1
        assert _box(page, "#kpi-k-0000 td")["left"] < start + 100
    finally:
        context.close()


def test_what_changed_since_last_quarter_is_filtered_without_javascript(
    browser: Browser, live_server: Any, council: None
) -> None:
    # given a browser with JavaScript switched off
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        sign_in(page, live_server, "performance@council.example")
        page.goto(f"{live_server.url}{URL}")
        # when
        page.get_by_label("Changed since last quarter").select_option(label="RAG rating changed")
        page.get_by_role("button", name="Show scorecard").click()
        page.wait_for_url("**changed=rag**")
        page.wait_for_load_state()
        # then only the KPIs whose rating changed are listed, each saying what it was
        count = page.locator("table.app-scorecard tbody tr").count()
        assert 0 < count < 300
        expect(page.locator("#kpi-count")).to_contain_text(f"{count} KPIs for 2024/25 Q2")
        assert page.locator("tbody .app-scorecard__was").count() >= count
        expect(page.get_by_role("link", name="Download this scorecard as Excel")).to_have_attribute(
            "href", "/scorecard/excel/?period=2024-25-q2&changed=rag"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        context.close()
