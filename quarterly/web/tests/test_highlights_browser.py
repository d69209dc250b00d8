"""Highlight items and the status board in a real browser, scanned with axe-core."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from quarterly.collection.models import ReportingCycle, Result
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ResultFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    """A falling KPI whose 2025/26 Q1 result is submitted, and one still awaited."""
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    RoleAssignment.objects.create(
        person=people["directorate"], role=Role.DIRECTORATE_TEAM, directorate=adults
    )
    ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 28), directorate_check_date=dt.date(2025, 8, 4),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    falling = KPIFactory(
        organisation=organisation, directorate=adults, reference="AH-02", title="Falling measure"
    )
    awaited = KPIFactory(
        organisation=organisation, directorate=adults, reference="AH-03", title="Awaited measure"
    )
    for kpi in (falling, awaited):
        kpi.key_contacts.set([people["key_contact"]])
    for index, value in enumerate(["70", "68", "66"]):
        status = Result.Status.SUBMITTED if index == 2 else Result.Status.PUBLISHED
        ResultFactory(
            kpi=falling, period=Period.quarter(2024, 3).shift(index), value=Decimal(value),
            status=status,
        )  # fmt: skip
    return {"people": people}


def test_the_performance_team_picks_highlight_items_and_chases_from_the_status_board(
    page: Page,
    live_server: Any,
    council: dict[str, Any],
) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Status").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submission status")
    expect(page.locator("#summary")).to_contain_text("Adults and Health")
    assert_accessible(page)
    # when a key contact is chased
    page.get_by_role("button", name="Chase").click()
    # then
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been emailed the 1")
    expect(page.get_by_text("Chased today")).to_be_visible()
    assert_accessible(page)
    # when highlight items are proposed and one is confirmed
    page.get_by_role("link", name="Highlight items for 2025/26 Q1").click()
    assert_accessible(page)
    page.get_by_role("button", name="Propose highlight items").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 new")
    expect(page.locator("#count-proposed")).to_have_text("1")
    expect(page.locator("#proposed + div")).to_contain_text(
        "Worsened two periods running: 2024/25 Q4"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Confirm AH-02").click()
    # then
    expect(page.locator("#count-confirmed")).to_have_text("1")
    assert_accessible(page)
    page.get_by_role("button", name="Request commentary for AH-02").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Commentary requested for 1 highlight item from 1 key contact."
    )
    expect(page.locator("#count-requested")).to_have_text("1 of 1")
    assert_accessible(page)


def test_a_key_contact_writes_the_commentary_after_an_error(
    browser: Browser,
    page: Page,
    live_server: Any,
    council: dict[str, Any],
) -> None:
    # given a confirmed highlight item
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/highlights/")
    page.get_by_role("button", name="Propose highlight items").click()
    page.get_by_role("button", name="Confirm AH-02").click()
    context = browser.new_context()
    contact = context.new_page()
    sign_in(contact, live_server, "key_contact@council.example")
    contact.goto(f"{live_server.url}/results/")
    contact.get_by_role("link", name="See my highlight items").click()
    assert_accessible(contact)
    contact.get_by_role("link", name="Write commentary for AH-02").click()
    assert_accessible(contact)
    # when sent empty, then completed
    contact.get_by_role("button", name="Send commentary").click()
    expect(contact.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reasons for the result."
    )
    assert contact.title().startswith("Error:")
    assert_accessible(contact)
    contact.get_by_label("Reasons for the result").fill("Fewer staff over the summer.")
    contact.get_by_label("Actions being taken").fill("Two new posts from September.")
    contact.get_by_role("button", name="Send commentary").click()
    # then
    expect(contact.locator(".govuk-notification-banner")).to_contain_text("has been sent")
    expect(contact.get_by_role("link", name="Change commentary for AH-02")).to_be_visible()
    assert_accessible(contact)
    context.close()
    page.goto(f"{live_server.url}/highlights/")
    expect(page.locator("#count-received")).to_have_text("1 of 1")
    page.get_by_text("Read AH-02's commentary").click()
    expect(page.get_by_text("Two new posts from September.")).to_be_visible()
    assert_accessible(page)
