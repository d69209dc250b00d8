"""Browser steps on the "Add a KPI" form, shared by the tests that add a KPI in the browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from quarterly.web.tests.conftest import assert_accessible


def send_kpi_form_with_errors(page: Page, reference: str) -> None:
    """Send the form with only a reference and a bad number of decimal places, and check the
    GOV.UK error summary: it lists both errors, keeps what was typed, and its first link moves
    focus to the first field in error."""
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Decimal places").fill("9")
    page.get_by_role("button", name="Add KPI").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter the title.")
    expect(summary).to_contain_text("Use at most 6 decimal places.")
    assert page.title().startswith("Error:")
    expect(page.get_by_label("Reference")).to_have_value(reference)
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Title", exact=True)).to_be_focused()


def fill_kpi_form(
    page: Page, *, title: str, definition: str, unit: str, decimals: str, polarity: str,
    frequency: str, source: str,
) -> None:  # fmt: skip
    """Fill the required fields, for a KPI of Adult Social Care under Health and Wellbeing."""
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Definition").fill(definition)
    page.get_by_label("Directorate").select_option("Adults and Health")
    page.get_by_label("Service area").select_option("Adult Social Care")
    page.get_by_label("Health and Wellbeing").check()
    page.get_by_label("Unit").select_option(unit)
    page.get_by_label("Decimal places").fill(decimals)
    page.get_by_label("Polarity").select_option(polarity)
    page.get_by_label("Frequency").select_option(frequency)
    page.get_by_label("Compared with").select_option("previous")
    page.get_by_label("Data source", exact=True).fill(source)
