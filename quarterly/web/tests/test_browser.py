from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from quarterly.core.periods import Period
from quarterly.exchange.formats.register_columns import DATA_SHEET
from quarterly.exchange.formats.register_workbook import register_export
from quarterly.factories import (
    DirectorateFactory,
    KPIFactory,
    ResultFactory,
    TargetFactory,
)
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    reablement = KPIFactory(
        organisation=organisation,
        reference="AH-01",
        title="Reablement success rate",
        directorate=adults,
    )
    KPIFactory(
        organisation=organisation,
        reference="RES-01",
        title="Council tax collected",
        directorate=resources,
    )
    TargetFactory(kpi=reablement, financial_year=2024, value=Decimal("65"), tolerance=Decimal("2"))
    for index, value in enumerate(["61.0", "62.5", "63.9", "64.4", "66.1"]):
        ResultFactory(
            kpi=reablement, period=Period.quarter(2023, 4).shift(index), value=Decimal(value)
        )
    return {"organisation": organisation, "people": people, "reablement": reablement}


def test_sign_in_with_a_wrong_password_shows_an_error_summary(
    page: Page, live_server: Any, council: Any
) -> None:
    # given / when
    sign_in(page, live_server, "performance@council.example", password="wrong password")
    # then
    expect(page.locator(".govuk-error-summary")).to_contain_text("not correct")
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_register_list_filters_by_directorate(page: Page, live_server: Any, council: Any) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    assert_accessible(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="KPI Register").click()
    expect(page.locator("#kpi-count")).to_have_text("2 KPIs found.")
    assert_accessible(page)
    # when
    page.get_by_label("Directorate").select_option(label="Resources")
    page.get_by_role("button", name="Apply filters").click()
    # then
    expect(page.locator("#kpi-count")).to_have_text("1 KPI found.")
    expect(page.get_by_role("link", name="Council tax collected")).to_be_visible()
    expect(page.get_by_role("link", name="Reablement success rate")).to_have_count(0)
    assert_accessible(page)


def test_target_coverage_is_reached_from_the_register_and_accessible(
    page: Page, live_server: Any, council: Any
) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="KPI Register").click()
    # when
    page.get_by_role("link", name="Target coverage").click()
    # then
    expect(page.get_by_role("heading", level=1)).to_have_text("Target coverage")
    expect(page.locator("#directorates")).to_contain_text("Resources")
    assert_accessible(page)


def test_the_team_writes_how_performance_is_reported_and_it_is_accessible(
    page: Page, live_server: Any, council: Any
) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/public/how-performance-is-reported/")
    page.get_by_role("link", name="Edit this page").click()
    # when an empty page is saved, then a written one
    page.get_by_role("button", name="Save page").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter how the council reports performance."
    )
    assert_accessible(page)
    page.get_by_label("How the council reports performance").fill(
        "Results are collected quarterly."
    )
    page.get_by_role("button", name="Save page").click()
    # then
    expect(page.locator("#main-content")).to_contain_text("Results are collected quarterly.")
    assert_accessible(page)


def test_kpi_page_shows_its_chart_and_data(page: Page, live_server: Any, council: Any) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    # when
    page.goto(f"{live_server.url}/register/kpi/AH-01/")
    # then
    expect(page.get_by_role("heading", level=1)).to_have_text("Reablement success rate")
    trend = page.get_by_role("img", name="AH-01 Reablement success rate: results over time")
    expect(trend).to_be_visible()
    expect(trend.locator("circle.app-chart__point")).to_have_count(5)
    expect(page.locator("#results tbody tr")).to_have_count(5)
    expect(page.locator("#results")).to_contain_text("66.1%")
    assert_accessible(page)


def test_a_bad_workbook_upload_lists_its_errors(
    page: Page, live_server: Any, council: Any, tmp_path: Any
) -> None:
    # given a workbook with a text value and a percentage over 100
    workbook = openpyxl.load_workbook(
        io.BytesIO(register_export(organisation=council["organisation"]))
    )
    workbook[DATA_SHEET]["C2"] = "about sixty"
    workbook[DATA_SHEET]["C3"] = 120
    path = tmp_path / "register.xlsx"
    workbook.save(path)
    sign_in(page, live_server, "performance@council.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Upload register").click()
    assert_accessible(page)
    # when
    page.get_by_label("Register workbook (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and import").click()
    # then
    expect(page.locator(".govuk-error-summary")).to_contain_text("The workbook was not imported")
    table = page.locator("#problem-table")
    expect(table).to_contain_text('"about sixty" is not a number.')
    expect(table).to_contain_text("A percentage must be between 0 and 100; 120 is not.")
    assert_accessible(page)
    assert council["reablement"].results.filter(value=Decimal("120")).count() == 0


def test_pages_work_without_javascript(browser: Any, live_server: Any, council: Any) -> None:
    # given
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    # when
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/register/?directorate=resources")
    # then
    expect(page.locator("#kpi-count")).to_have_text("1 KPI found.")
    context.close()
