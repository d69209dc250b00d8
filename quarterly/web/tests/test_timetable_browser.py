"""The timetable in a real browser, scanned with axe-core (see quarterly/web/tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from quarterly.collection.cycles.services import timetable_generate
from quarterly.collection.models import ReportingCycle
from quarterly.factories import CommitteeFactory, DirectorateFactory, KPIFactory
from quarterly.organisation.models import Committee
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def timetable(organisation: Any, people: dict[str, Any]) -> Any:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    CommitteeFactory(
        organisation=organisation, name="Corporate Leadership Team", kind=Committee.Kind.CLT
    )
    CommitteeFactory(
        organisation=organisation, name="Executive Board", kind=Committee.Kind.EXECUTIVE_BOARD
    )
    CommitteeFactory(
        organisation=organisation,
        name="Adults and Health DMT",
        kind=Committee.Kind.DMT,
        directorate=adults,
    )
    CommitteeFactory(
        organisation=organisation, name="Scrutiny Board (Adults, Health and Active Lifestyles)"
    )
    for frequency in ("quarterly", "monthly", "annual"):
        KPIFactory(organisation=organisation, directorate=adults, frequency=frequency)
    timetable_generate(organisation=organisation, financial_year=2025, by=people["performance"])
    return organisation  # fmt: skip


def test_the_timetable_page_is_accessible_to_a_key_contact(
    page: Page,
    live_server: Any,
    timetable: Any,
) -> None:
    # given
    sign_in(page, live_server, "key_contact@council.example")
    # when
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timetable").click()
    page.goto(f"{live_server.url}/timetable/2025/")
    # then
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting timetable 2025/26")
    expect(page.get_by_role("heading", name="2025/26 Q1")).to_be_visible()
    expect(page.locator("#main-content")).to_contain_text("Monday 28 July 2025")
    expect(page.get_by_role("link", name="Download the 2025/26 calendar (.ics)")).to_be_visible()
    expect(page.get_by_role("link", name="Change the dates for 2025/26 Q1")).to_have_count(0)
    assert_accessible(page)


def test_the_performance_team_corrects_a_cycle_after_an_error(
    page: Page,
    live_server: Any,
    timetable: Any,
) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/timetable/2025/")
    assert_accessible(page)
    page.get_by_role("link", name="Change the dates for 2025/26 Q1").click()
    assert_accessible(page)
    # when a check date before the deadline
    page.get_by_label("Directorate check date").fill("21 7 2025")
    page.get_by_role("button", name="Save dates").click()
    # then
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "The directorate check date must be on or after the submission deadline (28 July 2025)."
    )
    assert page.title().startswith("Error:")
    assert_accessible(page)
    # when corrected
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Directorate check date")).to_be_focused()
    page.get_by_label("Directorate check date").fill("6 8 2025")
    page.get_by_role("button", name="Save dates").click()
    # then
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The dates for 2025/26 Q1 have been saved."
    )
    assert_accessible(page)
    cycle = ReportingCycle.objects.get(financial_year=2025, quarter=1)
    assert cycle.directorate_check_date == dt.date(2025, 8, 6)


def test_the_release_calendar_takes_a_file_and_lists_the_releases(
    page: Page, live_server: Any, timetable: Any, tmp_path: Any, settings: Any
) -> None:
    # given an annual KPI and a calendar for it, and a file with a bad date
    settings.QUARTERLY_TODAY = dt.date(2026, 1, 10)
    annual = timetable.kpis.get(frequency="annual")
    good = tmp_path / "calendar.csv"
    good.write_text(
        f"kpi_ref,period,release_date,source\n{annual.reference},2025/26,2026-05-20,ONS\n"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(f"kpi_ref,period,release_date\n{annual.reference},2025/26,soon\n")
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/timetable/2025/")
    page.get_by_role("link", name="release calendar").click()
    # when a bad file is uploaded
    page.get_by_label("Release calendar (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload release dates").click()
    # then every problem is listed, and the page is accessible
    expect(page.locator(".govuk-error-summary")).to_contain_text("The release dates were not saved")
    expect(page.locator("#problem-table")).to_contain_text('"soon" is not a date')
    assert_accessible(page)
    # when the good one is
    page.get_by_label("Release calendar (.csv or .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Upload release dates").click()
    # then
    expect(page.locator("#releases")).to_contain_text("20 May 2026")
    expect(page.locator("#releases")).to_contain_text(annual.reference)
    assert_accessible(page)


def test_the_quarter_checklist_is_accessible(
    page: Page, live_server: Any, timetable: Any, settings: Any
) -> None:
    # given the 2025/26 Q1 cycle open
    settings.QUARTERLY_TODAY = dt.date(2025, 7, 10)
    ReportingCycle.objects.filter(financial_year=2025, quarter=1).update(
        status=ReportingCycle.Status.OPEN
    )
    sign_in(page, live_server, "performance@council.example")
    # when
    page.goto(f"{live_server.url}/status/")
    page.get_by_role("link", name="Checklist for 2025/26 Q1").click()
    # then
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarter checklist")
    expect(page.locator("#checklist")).to_contain_text("Cycle opened")
    expect(page.locator("#checklist")).to_contain_text("Scrutiny packs")
    assert_accessible(page)
