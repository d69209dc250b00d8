"""Performance reports in a real browser, scanned with axe-core: the draft report page, its
narrative form, and the published report that anyone can read."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from quarterly.reports.tests.test_reports_council import build_council
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


def test_the_team_writes_and_publishes_a_report_that_the_public_can_read(
    page: Page, browser: Browser, live_server: Any, people: dict[str, Any],
    council: dict[str, Any],
) -> None:  # fmt: skip
    # given the performance team on the quarter's CLT report
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/reports/")
    assert_accessible(page)
    page.get_by_label("Report", exact=True).select_option("clt")
    page.get_by_label("Period").fill("2024/25 Q2")
    page.get_by_role("button", name="Compile the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Quarterly performance report: 2024/25 Q2"
    )
    expect(page.locator("#table-kpis")).to_contain_text("71.2%")
    assert_accessible(page)
    # when they write the brief summary, with a mistake first
    page.get_by_role("link", name="Edit the report's text").click()
    page.get_by_label("Brief summary").fill("x" * 10_001)
    page.get_by_role("button", name="Save the text").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("10,000 characters or fewer")
    assert_accessible(page)
    page.get_by_label("Brief summary").fill("Performance held up in the second quarter.")
    page.get_by_role("button", name="Save the text").click()
    expect(page.locator("#section-summary")).to_contain_text("Performance held up")
    # and publish it
    page.get_by_role("button", name="Publish this report").click()
    expect(page.get_by_text("has been published")).to_be_visible()
    published_url = page.url
    # then anyone can read it without signing in, and download it
    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/public/reports/")
    public.get_by_role("link", name="Quarterly performance report: 2024/25 Q2").click()
    assert public.url == published_url
    expect(public.locator("#section-summary")).to_contain_text("Performance held up")
    expect(public.get_by_role("link", name="Word document (.docx)")).to_be_visible()
    assert_accessible(public)
    public.context.close()
