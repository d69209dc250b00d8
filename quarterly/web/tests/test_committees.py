"""Committees and their remits: the list, the performance team's audited remit page, and the
information request and answer pages in a real browser, scanned with axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from quarterly.collection.models import InformationRequest
from quarterly.core.models import AuditEntry
from quarterly.factories import CommitteeFactory, KPIFactory, PillarFactory
from quarterly.organisation.models import Committee
from quarterly.register.models import CommitteeRemit, Priority
from quarterly.register.selectors import kpis_in_remit
from quarterly.web.tests.conftest import assert_accessible, sign_in


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    board = CommitteeFactory(organisation=organisation)
    hwb = CommitteeFactory(organisation=organisation, name="Health and Wellbeing Board",
                           kind=Committee.Kind.HEALTH_WELLBEING_BOARD)  # fmt: skip
    health = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    growth = PillarFactory(organisation=organisation, name="Inclusive Growth")
    kpis = {
        "AH-01": KPIFactory(organisation=organisation, reference="AH-01", pillars=[health],
                            scrutiny_board=board, accountable_officer=people["officer"],
                            title="People helped to live at home"),
        "RS-01": KPIFactory(organisation=organisation, reference="RS-01", pillars=[growth],
                            scrutiny_board=None),
    }  # fmt: skip
    return {"board": board, "hwb": hwb, "health": health, "kpis": kpis}


@pytest.mark.django_db
def test_the_remit_page_saves_an_audited_remit_and_refuses_a_stale_one(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given
    hwb = council["hwb"]
    url = reverse("committees:remit-edit", args=[hwb.slug])
    assert set(kpis_in_remit(hwb)) == set()
    # when the team gives the board the health pillar
    response = performance_client.post(url, {"pillars": [council["health"].pk], "version": ""})
    # then
    assert response.status_code == 302
    assert set(kpis_in_remit(hwb)) == {council["kpis"]["AH-01"]}
    remit = CommitteeRemit.objects.get(committee=hwb)
    entry = AuditEntry.objects.get(target_id=remit.pk, action="create")
    assert entry.changes["pillars"] == [None, "Health and Wellbeing"]
    listing = performance_client.get(reverse("committees:index")).content.decode()
    assert "Pillar: Health and Wellbeing" in listing
    # when a page opened before that saves a single KPI instead
    stale = performance_client.post(url, {"kpis": [council["kpis"]["RS-01"].pk], "version": ""})
    # then nothing changes and the page says why
    assert "This remit has changed since you opened it" in stale.content.decode()
    assert set(kpis_in_remit(hwb)) == {council["kpis"]["AH-01"]}
    # and a committee that oversees every KPI has no remit page
    full = CommitteeFactory(organisation=hwb.organisation, name="Full Council",
                            kind=Committee.Kind.FULL_COUNCIL)  # fmt: skip
    assert (
        performance_client.get(reverse("committees:remit-edit", args=[full.slug])).status_code
        == 404
    )
    assert set(kpis_in_remit(full)) == set(council["kpis"].values())


@pytest.mark.django_db
def test_a_scrutiny_boards_remit_adds_to_its_own_kpis(
    performance_client: Any, council: dict[str, Any]
) -> None:
    board, rs1 = council["board"], council["kpis"]["RS-01"]
    url = reverse("committees:remit-edit", args=[board.slug])
    performance_client.post(url, {"kpis": [rs1.pk], "version": ""})
    assert set(kpis_in_remit(board)) == {council["kpis"]["AH-01"], rs1}


@pytest.mark.django_db
def test_a_remit_by_priority_covers_the_kpis_serving_it(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given a priority under the health pillar that only AH-01 serves
    hwb, ah1 = council["hwb"], council["kpis"]["AH-01"]
    priority = Priority.objects.create(
        organisation=hwb.organisation, pillar=council["health"], name="Age well", slug="age-well"
    )
    ah1.priorities.add(priority)
    # when the team gives the board that priority
    url = reverse("committees:remit-edit", args=[hwb.slug])
    response = performance_client.post(url, {"priorities": [priority.pk], "version": ""})
    # then the board covers AH-01 alone, and the change is audited and listed
    assert response.status_code == 302
    assert set(kpis_in_remit(hwb)) == {ah1}
    remit = CommitteeRemit.objects.get(committee=hwb)
    assert AuditEntry.objects.get(target_id=remit.pk, action="create").changes["priorities"] == [
        None,
        "Age well",
    ]
    assert (
        "Priority: Age well" in performance_client.get(reverse("committees:index")).content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_a_board_asks_and_the_owner_answers_in_a_browser(
    page: Page, live_server: Any, council: dict[str, Any], browser: Any
) -> None:
    # given the performance team on the committees page
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/committees/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Ask for information for {council['board'].name}").click()
    # when they send the form empty
    page.get_by_role("button", name="Send the request").click()
    # then the error summary says what is missing
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the KPI the board is asking about."
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the due date.")
    assert_accessible(page)
    # when they fill it in
    page.get_by_label("KPI").select_option(label="AH-01 People helped to live at home")
    page.get_by_label("What does the board want to know?").fill(
        "What stops more people going home?"
    )
    page.get_by_label("Due date").fill("1 1 2099")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("body")).to_contain_text("The request has been sent to")
    assert_accessible(page)
    # and the owner answers it
    owner = browser.new_context().new_page()
    sign_in(owner, live_server, "officer@council.example")
    owner.get_by_role("link", name="Information requests").first.click()
    assert_accessible(owner)
    owner.get_by_role("link", name="Answer").click()
    owner.get_by_role("button", name="Send answer").click()
    expect(owner.locator(".govuk-error-summary")).to_contain_text("Enter your answer")
    assert_accessible(owner)
    owner.get_by_label("Your answer").fill("Waiting for home care.")
    owner.get_by_role("button", name="Send answer").click()
    expect(owner.locator("body")).to_contain_text("Your answer has been sent")
    assert InformationRequest.objects.get().answer == "Waiting for home care."
