"""Browser tests of register administration: the performance team adds a KPI through the GOV.UK
form, edits its definition and sees the change in its history; and adds a priority."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from quarterly.factories import CommitteeFactory, DirectorateFactory, PillarFactory, ServiceFactory
from quarterly.register.models import KPI
from quarterly.web.tests.conftest import assert_accessible, sign_in
from quarterly.web.tests.kpi_form_steps import fill_kpi_form, send_kpi_form_with_errors

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    ServiceFactory(directorate=adults, name="Adult Social Care")
    PillarFactory(organisation=organisation, name="Health and Wellbeing")
    CommitteeFactory(organisation=organisation, name="Scrutiny Board (Adults)")
    return {"organisation": organisation, "people": people}


def test_the_performance_team_adds_a_kpi_then_edits_its_definition(
    page: Page, live_server: Any, council: Any
) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="KPI Register").click()
    page.get_by_role("link", name="Add a KPI").click()
    assert_accessible(page)
    # when the form is sent with errors, then the GOV.UK error summary lists them
    send_kpi_form_with_errors(page, "AH-09")
    # when corrected
    fill_kpi_form(
        page, title="Delayed transfers of care", definition="Days of delayed transfer per month.",
        unit="count", decimals="0", polarity="lower", frequency="monthly", source="NHS England",
    )  # fmt: skip
    page.get_by_role("button", name="Add KPI").click()
    # then it is added, in development
    expect(page.get_by_role("heading", level=1)).to_have_text("Delayed transfers of care")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added, in development")
    assert KPI.objects.get(reference="AH-09").status == KPI.Status.DEVELOPMENT
    assert_accessible(page)
    # when its definition is edited
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Definition").fill("Days of delayed transfer in the month, all causes.")
    page.get_by_role("button", name="Save changes").click()
    # then the history shows the change
    history = page.locator("#history")
    expect(history).to_contain_text("Days of delayed transfer per month.")
    expect(history).to_contain_text("Days of delayed transfer in the month, all causes.")
    assert_accessible(page)


def test_the_performance_team_adds_a_priority(page: Page, live_server: Any, council: Any) -> None:
    # given
    sign_in(page, live_server, "performance@council.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Administration").click()
    assert_accessible(page)
    page.get_by_role("link", name="Priorities").click()
    # when sent without its pillar, then with it
    page.get_by_label("Name").fill("Age well")
    page.get_by_role("button", name="Add priority").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the pillar this priority comes under."
    )
    assert_accessible(page)
    page.get_by_label("Pillar").select_option(label="Health and Wellbeing")
    page.get_by_role("button", name="Add priority").click()
    # then
    expect(page.locator("#records")).to_contain_text("Age well")
    expect(page.locator("#records")).to_contain_text("Health and Wellbeing")
    assert_accessible(page)
