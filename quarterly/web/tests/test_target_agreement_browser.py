"""Browser test (with axe): the owner proposes a target on the KPI's page, a DMT member agrees
it on "Targets to agree", and the KPI's page shows who agreed it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quarterly.factories import DirectorateFactory, KPIFactory, PersonFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import Target
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def council(organisation: Any, settings: Any) -> dict[str, Any]:
    settings.QUARTERLY_TODAY = dt.date(2026, 5, 12)
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    owner = PersonFactory(
        organisation=organisation, email="owner@council.example", first_name="Olu",
        last_name="Owner", role=Role.ACCOUNTABLE_OFFICER,
    )  # fmt: skip
    dmt = PersonFactory(
        organisation=organisation,
        email="dmt@council.example",
        first_name="Dana",
        last_name="Director",
    )
    RoleAssignment.objects.create(person=dmt, role=Role.DMT_MEMBER, directorate=adults)
    kpi = KPIFactory(
        organisation=organisation, reference="AH-01", title="Reablement success rate",
        directorate=adults, accountable_officer=owner,
    )  # fmt: skip
    return {"kpi": kpi}


def test_owner_proposes_a_target_and_the_dmt_agrees_it(
    page: Page, live_server: Any, council: Any
) -> None:
    # given the KPI's owner on its page
    sign_in(page, live_server, "owner@council.example")
    page.goto(f"{live_server.url}/register/kpi/AH-01/")
    page.get_by_role("link", name="Propose a target").click()
    assert_accessible(page)
    # when they leave out the value
    page.get_by_label("Financial year").select_option("2026")
    page.get_by_label("Why this target?").fill("Up from 68% last year with the new service.")
    page.get_by_role("button", name="Propose target").click()
    # then the GOV.UK error summary says so, and nothing typed is lost
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a target value, or a direction")
    assert page.title().startswith("Error:")
    expect(page.get_by_label("Why this target?")).to_have_value(
        "Up from 68% last year with the new service."
    )
    assert_accessible(page)
    # when they give the value and tolerance
    page.get_by_label("Target value").fill("70")
    page.get_by_label("Tolerance").fill("2")
    page.get_by_role("button", name="Propose target").click()
    # then the KPI's page shows it awaiting the DMT
    expect(page.locator("#targets")).to_contain_text("Proposed, awaiting DMT agreement")
    expect(page.locator("#targets")).to_contain_text("Proposed by Olu Owner")

    # given a DMT member of the KPI's directorate
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "dmt@council.example")
    page.get_by_role("link", name="Targets to agree").click()
    expect(page.locator("#main-content, main")).to_contain_text("70.0%, tolerance 2.0")
    assert_accessible(page)
    # when they agree it
    page.get_by_role("button", name="Agree the 2026/27 target for AH-01").click()
    # then
    expect(page.locator("main")).to_contain_text("The 2026/27 target for AH-01 is agreed.")
    expect(page.locator("main")).to_contain_text("There are no targets waiting for your agreement.")
    page.goto(f"{live_server.url}/register/kpi/AH-01/")
    agreed_at = Target.objects.get(kpi__reference="AH-01", financial_year=2026).agreed_at
    agreed_on = timezone.localtime(agreed_at).strftime("%-d %B %Y")
    expect(page.locator("#targets")).to_contain_text(f"Agreed by Dana Director on {agreed_on}")
    expect(page.locator("#targets")).to_contain_text("70.0%, tolerance 2.0")
    assert_accessible(page)
