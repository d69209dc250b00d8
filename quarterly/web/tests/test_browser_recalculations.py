"""Browser test: the performance team accepts a suggested recalculation point on the KPI's page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from quarterly.collection.results.recalculations import recalculations_suggest
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, ResultFactory
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = Period.quarter(2018, 1)
STEP = [59 + 2 * (i % 2) for i in range(12)] + [69 + 2 * (i % 2) for i in range(15)]


def test_the_performance_team_accepts_a_suggested_recalculation_point(
    page: Page, live_server: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given a KPI with a step in its series, and the rule's suggestion
    kpi = KPIFactory(organisation=organisation, reference="AH-09", title="Reablement success")
    for i, value in enumerate(STEP):
        ResultFactory(kpi=kpi, period=FIRST.shift(i), value=Decimal(value))
    (point,) = recalculations_suggest(kpi=kpi)
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/register/kpi/AH-09/")
    card = page.locator(f"#recalculation-{point.pk}")
    expect(card).to_contain_text("Suggested")
    expect(page.locator("svg .app-chart__break title")).to_have_count(0)
    assert_accessible(page)
    # when accepted without a reason, then with one
    card.get_by_role("button", name="Accept and recalculate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reason for your decision."
    )
    assert_accessible(page)
    page.get_by_label("Reason").fill("A new case system from April 2021 counts completions sooner.")
    page.get_by_role("button", name="Accept").click()
    # then the point is accepted and the chart breaks there, with its reason
    expect(page.locator(f"#recalculation-{point.pk}")).to_contain_text("Accepted")
    expect(page.locator("svg .app-chart__break title")).to_have_count(1)
    expect(page.locator("#spc-breaks")).to_contain_text("A new case system from April 2021")
    assert_accessible(page)
