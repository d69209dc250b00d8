"""The whole quarterly cycle in a real browser, every page scanned with axe-core."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from quarterly.collection.models import ReportingCycle, Result
from quarterly.core import clock
from quarterly.core.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    ResultFactory,
)
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    board = CommitteeFactory(
        organisation=organisation, name="Scrutiny Board (Adults, Health and Active Lifestyles)"
    )
    people = {}
    for name, role, directorate, committee in [
        ("performance", Role.PERFORMANCE_TEAM, None, None),
        ("directorate", Role.DIRECTORATE_TEAM, adults, None),
        ("keycontact", Role.KEY_CONTACT, adults, None),
        ("councillor", Role.ELECTED_MEMBER, None, board),
    ]:
        people[name] = PersonFactory(organisation=organisation, email=f"{name}@council.example")
        RoleAssignment.objects.create(
            person=people[name], role=role, directorate=directorate, committee=committee
        )
    kpis = {}
    for reference, title in [
        ("AH-01", "Reablement success rate"),
        ("AH-02", "Carers satisfied with support"),
    ]:
        kpis[reference] = KPIFactory(
            organisation=organisation,
            reference=reference,
            title=title,
            directorate=adults,
            scrutiny_board=board,
        )
        kpis[reference].key_contacts.set([people["keycontact"]])
    ResultFactory(
        kpi=kpis["AH-02"],
        period=Period.quarter(2024, 4),
        value=Decimal("68.4"),
        status=Result.Status.PUBLISHED,
    )
    today = clock.today()
    ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=today + dt.timedelta(days=10), directorate_check_date=today + dt.timedelta(days=17),
    )  # fmt: skip
    return {"people": people, "kpis": kpis}


def _as(browser: Browser, live_server: Any, email: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server, email)
    return page


def _enter(page: Page, reference: str, value: str, commentary: str) -> None:
    page.get_by_role("link", name=f"for {reference} 2025/26 Q1").click()
    assert_accessible(page)
    page.get_by_label("Result", exact=True).fill(value)
    page.get_by_label("Commentary").fill(commentary)
    page.get_by_role("button", name="Submit for sign-off").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{reference} 2025/26 Q1 submitted for sign-off"
    )


def test_the_quarterly_cycle_end_to_end(
    browser: Browser, live_server: Any, council: dict[str, Any]
) -> None:
    # given the performance team opens the cycle
    performance = _as(browser, live_server, "performance@council.example")
    performance.goto(f"{live_server.url}/timetable/2025/")
    assert_accessible(performance)
    performance.get_by_role("button", name="Open 2025/26 Q1 for submissions").click()
    assert ReportingCycle.objects.get().status == ReportingCycle.Status.OPEN

    # when the key contact submits two results
    contact = _as(browser, live_server, "keycontact@council.example")
    contact.get_by_role("navigation", name="Main").get_by_role("link", name="My KPIs").click()
    expect(contact.locator("#due")).to_contain_text("Due (2)")
    assert_accessible(contact)
    _enter(contact, "AH-01", "61.2", "Staff shortages in reablement teams.")
    _enter(contact, "AH-02", "70", "Carers' survey improved.")
    expect(contact.locator("#submitted")).to_contain_text("Submitted, awaiting sign-off (2)")

    # and the directorate team returns one with a reason and signs off the other
    directorate = _as(browser, live_server, "directorate@council.example")
    directorate.get_by_role("navigation", name="Main").get_by_role("link", name="My KPIs").click()
    assert_accessible(directorate)
    directorate.get_by_role("link", name="Return for correction AH-01 2025/26 Q1").click()
    assert_accessible(directorate)
    directorate.get_by_label("Why are you returning this result?").fill(
        "Use the validated figure from the case system."
    )
    directorate.get_by_role("button", name="Return to the key contact").click()
    directorate.get_by_role("button", name="Sign off AH-02 2025/26 Q1").click()
    expect(directorate.locator(".govuk-notification-banner")).to_contain_text("signed off")

    # and the key contact corrects and resubmits the returned one
    contact.reload()
    expect(contact.locator("#returned")).to_contain_text("Returned to you for correction (1)")
    expect(contact.locator("main")).to_contain_text(
        "Reason: Use the validated figure from the case system."
    )
    assert_accessible(contact)
    contact.get_by_role("link", name="for AH-01 2025/26 Q1").click()
    expect(contact.locator(".govuk-inset-text")).to_contain_text("Use the validated figure")
    contact.get_by_label("Result", exact=True).fill("62.0")
    contact.get_by_role("button", name="Submit for sign-off").click()

    # and the performance team publishes the signed-off result
    performance.get_by_role("navigation", name="Main").get_by_role("link", name="My KPIs").click()
    assert_accessible(performance)
    performance.get_by_role("button", name="Publish AH-02 2025/26 Q1").click()
    expect(performance.locator(".govuk-notification-banner")).to_contain_text("published")

    # then an elected member sees the published result and not the unpublished one
    councillor = _as(browser, live_server, "councillor@council.example")
    councillor.goto(f"{live_server.url}/register/kpi/AH-02/")
    expect(councillor.locator("#results")).to_contain_text("70.0%")
    assert_accessible(councillor)
    councillor.goto(f"{live_server.url}/register/kpi/AH-01/")
    expect(councillor.locator("main")).not_to_contain_text("62.0%")
    expect(councillor.locator("main")).to_contain_text("No results have been recorded")

    # and the public sees only published results
    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/public/")
    expect(public.get_by_role("link", name="Carers satisfied with support")).to_be_visible()
    expect(public.get_by_role("link", name="Reablement success rate")).to_have_count(0)
    assert_accessible(public)
    public.goto(f"{live_server.url}/public/kpi/AH-02/")
    expect(public.locator("#public-results")).to_contain_text("70.0%")
    assert_accessible(public)
    assert public.goto(f"{live_server.url}/public/kpi/AH-01/").status == 404
    assert (
        Result.objects.get(kpi__reference="AH-01", period_start=dt.date(2025, 4, 1)).status
        == Result.Status.SUBMITTED
    )
