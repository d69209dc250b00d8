"""The CLT Scorecard in a real browser, with and without JavaScript, scanned with axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from quarterly.reports.tests.scorecard_council import build_council
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    return build_council(organisation)


def test_the_clt_reads_and_filters_the_scorecard(
    page: Page, live_server: Any, council: dict[str, Any]
) -> None:
    # given
    sign_in(page, live_server, "clt@council.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Scorecard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CLT Scorecard: 2024/25 Q4")
    assert_accessible(page)
    # when the quarter is chosen
    page.get_by_label("Quarter", exact=True).select_option(label="2024/25 Q2")
    page.get_by_role("button", name="Show scorecard").click()
    # then a table per directorate, RAG in words, sparklines named by their values
    expect(page.get_by_role("heading", level=1)).to_have_text("CLT Scorecard: 2024/25 Q2")
    adults = page.get_by_role("table", name="Adults and Health: 4 KPIs, results for 2024/25 Q2")
    expect(adults.get_by_role("row", name="RED-COMMON")).to_contain_text("Red")
    expect(adults.get_by_role("img", name="RED-COMMON recent results")).to_have_attribute(
        "aria-label",
        "RED-COMMON recent results: 12 results from 2021/22 Q3 (60.0%) to 2024/25 Q2 (61.0%)",
    )
    expect(page.locator("#kpi-red-common")).to_contain_text(
        "Red against target but within normal variation"
    )
    assert_accessible(page)
    # when the highlight item is followed
    page.get_by_role("link", name="Highlight item for RED-COMMON").click()
    # then its commentary is there
    expect(page.locator("#highlight-red-common + dl")).to_contain_text(
        "Staff vacancies in the reablement team."
    )
    # when only special cause concern is asked for
    page.get_by_label("SPC signal").select_option(label="Special cause concern")
    page.get_by_role("button", name="Show scorecard").click()
    # then
    expect(page.locator("#kpi-count")).to_contain_text("1 KPI for 2024/25 Q2")
    expect(page.get_by_role("row", name="GREEN-CONCERN")).to_contain_text(
        "Green against target but showing special cause concern"
    )
    assert_accessible(page)


def test_the_scorecard_works_without_javascript(
    browser: Browser, live_server: Any, council: dict[str, Any]
) -> None:
    # given a browser with JavaScript switched off
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        sign_in(page, live_server, "performance@council.example")
        page.goto(f"{live_server.url}/scorecard/?period=2024-25-q2")
        # when
        page.get_by_label("RAG rating").select_option(label="Red")
        page.get_by_role("button", name="Show scorecard").click()
        # then
        expect(page.locator("#kpi-count")).to_contain_text("1 KPI for 2024/25 Q2")
        expect(page.get_by_role("link", name="Download this scorecard as Excel")).to_have_attribute(
            "href", "/scorecard/excel/?period=2024-25-q2&rag=red"
        )
        # (axe itself needs JavaScript; the same page is scanned in the test above)
    finally:
        context.close()
