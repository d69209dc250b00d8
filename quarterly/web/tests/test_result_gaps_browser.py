"""In the browser: a key contact uploads results as the source publishes them (counts rounded to
the nearest 5, one quarter suppressed); the file is refused until the rounding is declared; the
KPI page then shows the suppressed quarter as a gap with its reason. axe finds nothing on
either page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.results.models import Result
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ResultFactory
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_suppressed_quarter_is_uploaded_and_shown_as_a_gap_with_its_reason(
    page: Page, live_server: Any, organisation: Any, people: dict[str, Any], tmp_path: Any
) -> None:
    # given two KPIs whose 2025/26 Q1 cycle is open, one with a history in the sixties
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    rounded = KPIFactory(organisation=organisation, reference="AH-01", directorate=adults,
                         title="People helped to live at home")  # fmt: skip
    suppressed = KPIFactory(organisation=organisation, reference="AH-02", directorate=adults,
                            title="Delayed transfers of care")  # fmt: skip
    for kpi in (rounded, suppressed):
        kpi.key_contacts.set([people["key_contact"]])
    for index, value in enumerate(["61.0", "62.5", "60.8", "61.9"]):
        ResultFactory(kpi=suppressed, period=Period.quarter(2024, 1).shift(index), value=value)
    ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 25), directorate_check_date=dt.date(2025, 8, 1),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    results = tmp_path / "results.csv"
    results.write_text(
        "Reference,Period,Value,Numerator,Denominator\n"
        "AH-01,2025/26 Q1,57.1,10,20\n"
        "AH-02,2025/26 Q1,[c],[c],[c]\n",
        encoding="utf-8",
    )
    sign_in(page, live_server, "key_contact@council.example")
    page.goto(f"{live_server.url}/results/upload/")
    assert_accessible(page)
    # when the file is uploaded without saying its counts are rounded
    page.get_by_label("Results file (.csv or .xlsx)").set_input_files(str(results))
    page.get_by_role("button", name="Upload results").click()
    # then the row is refused with both figures, and nothing is saved
    expect(page.locator(".govuk-error-summary")).to_contain_text("The results were not saved")
    expect(page.locator("#problem-table")).to_contain_text(
        "Value 57.1 but numerator/denominator give 50.0 (10 ÷ 20 × 100)"
    )
    assert_accessible(page)
    assert not Result.objects.filter(period_start=Period.quarter(2025, 1).start).exists()
    # when it is uploaded again, saying the counts are rounded to the nearest 5
    page.get_by_label("Results file (.csv or .xlsx)").set_input_files(str(results))
    page.get_by_label("Counts in this file are rounded to the nearest (optional)").fill("5")
    page.get_by_role("button", name="Upload results").click()
    expect(page.locator("body")).to_contain_text("2 results saved as drafts.")
    # then AH-02's page shows the suppressed quarter as a gap with its reason
    gap = Result.objects.get(kpi=suppressed, period_start=Period.quarter(2025, 1).start)
    assert gap.value is None and gap.denominator is None
    page.goto(f"{live_server.url}/register/kpi/AH-02/")
    row = page.locator("#results tr", has_text="2025/26 Q1")
    expect(row).to_contain_text("No value")
    expect(row).to_contain_text('Suppressed to protect confidentiality (marked "[c]")')
    expect(page.locator("#judgements")).to_contain_text(
        "Not comparable: there is no value for 2025/26 Q1"
    )
    expect(page.locator("#results")).to_contain_text("61.9%")
    assert_accessible(page)
    assert Result.objects.get(kpi=rounded).value == Decimal("57.1")
