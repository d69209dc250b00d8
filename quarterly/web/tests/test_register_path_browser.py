"""The register's whole path in a real browser, every page scanned with axe-core: the performance
team adds a KPI (a form with errors first) and makes it active; its owner proposes a target; the
DMT agrees it; a result is entered, signed off and published; the performance team changes the
definition; and the next CLT report says so, judging the result against the agreed target.

"Next" is what `reports.selectors.report_definition_changes` is asked for: the changes since the
last publication of a report of the same kind and scope (for its period or an earlier one).
Last quarter's CLT report is published before the change, so this quarter's shows it; once this
quarter's is published, it no longer does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from quarterly.collection.models import Result
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    PersonFactory,
    PillarFactory,
    ReportingCycleFactory,
    ServiceFactory,
)
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import KPI, Target
from quarterly.reports.models import ReportKind
from quarterly.reports.services import report_publish
from quarterly.web.tests.conftest import assert_accessible, sign_in
from quarterly.web.tests.kpi_form_steps import fill_kpi_form, send_kpi_form_with_errors

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2026, 7, 15)  # 2026/27: its first quarter has ended and its cycle is open
QUARTER = Period.quarter(2026, 1)


@pytest.fixture
def council(organisation: Any, settings: Any) -> dict[str, Any]:
    settings.QUARTERLY_TODAY = TODAY
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    ServiceFactory(directorate=adults, name="Adult Social Care")
    PillarFactory(organisation=organisation, name="Health and Wellbeing")
    CommitteeFactory(organisation=organisation, name="Scrutiny Board (Adults)")
    people = {}
    for name, first, last, role in [
        ("performance", "Petra", "Performance", Role.PERFORMANCE_TEAM),
        ("owner", "Olu", "Owner", Role.ACCOUNTABLE_OFFICER),
        ("contact", "Kit", "Contact", Role.KEY_CONTACT),
        ("dmt", "Dana", "Director", Role.DMT_MEMBER),
    ]:
        people[name] = PersonFactory(
            organisation=organisation, email=f"{name}@council.example", first_name=first,
            last_name=last,
        )  # fmt: skip
        RoleAssignment.objects.create(
            person=people[name], role=role, directorate=None if name == "performance" else adults
        )
    ReportingCycleFactory(
        organisation=organisation, financial_year=QUARTER.fy, quarter=QUARTER.number
    )
    # Last quarter's CLT report was published before the KPI existed: the next CLT report
    # (this quarter's) is the first to contain it, and says what changed since that one.
    report_publish(
        organisation=organisation, kind=ReportKind.CLT, period=QUARTER.shift(-1), board=None,
        directorate=None, by=people["performance"],
    )  # fmt: skip
    return {"people": people}


def _as(browser: Browser, live_server: Any, email: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server, email)
    return page


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def _open_kpi(page: Page) -> None:
    """From the register, as anyone reaching the KPI would."""
    _nav(page, "KPI Register")
    page.get_by_role("link", name="Delayed discharges from hospital").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delayed discharges from hospital")


def _change_status(page: Page, to: str, reason: str) -> None:
    expect(page.locator("#not-yet-active")).to_contain_text("Not yet reported")
    page.get_by_role("link", name="Change its status").click()
    page.get_by_label("New status").select_option(label=to)
    page.get_by_label("Why is the status changing?").fill(reason)
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"AH-20 is now {to.lower()}."
    )
    assert_accessible(page)


def test_a_kpi_from_its_creation_to_the_next_clt_report(
    browser: Browser, live_server: Any, council: dict[str, Any]
) -> None:
    # given the performance team on "Add a KPI"
    performance = _as(browser, live_server, "performance@council.example")
    _nav(performance, "KPI Register")
    performance.get_by_role("link", name="Add a KPI").click()
    assert_accessible(performance)
    # when they send it with errors, then the GOV.UK error summary lists them
    send_kpi_form_with_errors(performance, "AH-20")
    # when corrected, with the owner as accountable officer and a key contact
    fill_kpi_form(
        performance, title="Delayed discharges from hospital",
        definition="Delayed discharges per 100,000 adults.", unit="percentage", decimals="1",
        polarity="higher", frequency="quarterly", source="Hospital discharge records",
    )  # fmt: skip
    performance.get_by_label("Accountable officer").select_option("owner@council.example")
    performance.get_by_label("Key contacts").fill("contact@council.example")
    performance.get_by_role("button", name="Add KPI").click()
    # then it is added, in development, and moves to proposed, then active, on its page
    expect(performance.get_by_role("heading", level=1)).to_have_text(
        "Delayed discharges from hospital"
    )
    expect(performance.locator(".govuk-notification-banner")).to_contain_text(
        "added, in development"
    )
    assert_accessible(performance)
    # a move without its reason is refused on the same page, in the GOV.UK error summary
    performance.get_by_role("link", name="Change its status").click()
    performance.get_by_label("New status").select_option(label="Proposed")
    performance.get_by_role("button", name="Change status").click()
    summary = performance.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reason for the change of status.")
    assert_accessible(performance)
    summary.get_by_role("link").first.click()
    expect(performance.get_by_label("Why is the status changing?")).to_be_focused()
    _change_status(performance, "Proposed", "Ready for the DMT to consider.")
    _change_status(performance, "Active", "The DMT agreed to report it from 2026/27.")
    kpi = KPI.objects.get(reference="AH-20")
    assert kpi.status == KPI.Status.ACTIVE
    assert kpi.accountable_officer == council["people"]["owner"]

    # when the owner proposes a value target for this financial year on the KPI's page
    owner = _as(browser, live_server, "owner@council.example")
    _open_kpi(owner)
    owner.get_by_role("link", name="Propose a target").click()
    assert_accessible(owner)
    expect(owner.get_by_label("Financial year")).to_have_value(str(QUARTER.fy))
    owner.get_by_label("Target value").fill("70")
    owner.get_by_label("Tolerance").fill("2")
    owner.get_by_label("Why this target?").fill("Up from 66% last year with the new pathway.")
    owner.get_by_role("button", name="Propose target").click()
    # then it awaits the DMT
    expect(owner.locator("#targets")).to_contain_text("Proposed, awaiting DMT agreement")
    assert_accessible(owner)

    # when the DMT member agrees it from "Targets to agree"
    dmt = _as(browser, live_server, "dmt@council.example")
    _nav(dmt, "Targets to agree")
    expect(dmt.locator("main")).to_contain_text("70.0%, tolerance 2.0")
    assert_accessible(dmt)
    dmt.get_by_role("button", name="Agree the 2026/27 target for AH-20").click()
    expect(dmt.locator("main")).to_contain_text("The 2026/27 target for AH-20 is agreed.")
    assert_accessible(dmt)
    # then the KPI's page says who agreed it and when
    target = Target.objects.get(kpi=kpi, financial_year=QUARTER.fy)
    agreed_on = f"{timezone.localtime(target.agreed_at):%-d %B %Y}"
    _open_kpi(dmt)
    expect(dmt.locator("#targets")).to_contain_text(f"Agreed by Dana Director on {agreed_on}")
    assert_accessible(dmt)

    # when the key contact submits the quarter's result, the owner signs it off and the
    # performance team publishes it
    contact = _as(browser, live_server, "contact@council.example")
    _nav(contact, "My KPIs")
    contact.get_by_role("link", name=f"for AH-20 {QUARTER.label}").click()
    assert_accessible(contact)
    contact.get_by_label("Result", exact=True).fill("69.1")
    contact.get_by_label("Commentary").fill("Weekend discharge teams started in May.")
    contact.get_by_role("button", name="Submit for sign-off").click()
    expect(contact.locator(".govuk-notification-banner")).to_contain_text("submitted")
    _nav(owner, "My KPIs")
    assert_accessible(owner)
    owner.get_by_role("button", name=f"Sign off AH-20 {QUARTER.label}").click()
    expect(owner.locator(".govuk-notification-banner")).to_contain_text("signed off")
    _nav(performance, "My KPIs")
    performance.get_by_role("button", name=f"Publish AH-20 {QUARTER.label}").click()
    expect(performance.locator(".govuk-notification-banner")).to_contain_text("published")
    assert Result.objects.get(kpi=kpi).status == Result.Status.PUBLISHED

    # and the performance team changes the definition
    _open_kpi(performance)
    performance.get_by_role("link", name="Edit").click()
    assert_accessible(performance)
    performance.get_by_label("Definition").fill(
        "Delayed discharges per 100,000 adults, counting every hospital trust."
    )
    performance.get_by_role("button", name="Save changes").click()
    expect(performance.locator(".govuk-notification-banner")).to_contain_text("saved")
    changed = AuditEntry.objects.get(
        kpi_id=kpi.pk, action=AuditEntry.Action.UPDATE, changes__has_key="definition"
    )
    changed_on = f"{timezone.localtime(changed.at):%-d %B %Y}"

    # then the next CLT report, this quarter's, says the definition changed, and the agreed
    # target rates the result: 69.1% is within 2.0 of 70.0%, so amber
    _nav(performance, "Reports")
    assert_accessible(performance)
    performance.get_by_label("Report", exact=True).select_option("clt")
    expect(performance.get_by_label("Period")).to_have_value(QUARTER.label)
    performance.get_by_role("button", name="Compile the report").click()
    expect(performance.get_by_role("heading", level=1)).to_have_text(
        f"Quarterly performance report: {QUARTER.label}"
    )
    line = (
        f"AH-20 Delayed discharges from hospital: definition changed on {changed_on}: "
        "Delayed discharges per 100,000 adults, counting every hospital trust."
    )
    expect(performance.locator("main")).to_contain_text(line)
    row = performance.locator("#table-kpis tr", has_text="AH-20")
    expect(row).to_contain_text("69.1%")
    expect(row).to_contain_text("70.0%")
    expect(row).to_contain_text("Amber")
    assert_accessible(performance)

    # when that report is published, it keeps the line; compiled again afterwards, the CLT
    # report no longer repeats it: the change is older than its last publication
    performance.get_by_role("button", name="Publish this report").click()
    expect(performance.get_by_text("has been published")).to_be_visible()
    expect(performance.locator("main")).to_contain_text(line)
    _nav(performance, "Reports")
    performance.get_by_label("Report", exact=True).select_option("clt")
    performance.get_by_role("button", name="Compile the report").click()
    expect(performance.locator("#table-kpis")).to_contain_text("AH-20")
    expect(performance.locator("main")).not_to_contain_text("definition changed")
