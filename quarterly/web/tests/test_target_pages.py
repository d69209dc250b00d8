"""The pages of target agreement and the KPI list review, through the test client."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from quarterly.factories import DirectorateFactory, KPIFactory, PersonFactory, ServiceFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import KPIListReview, TargetProposal
from quarterly.register.target_agreement import target_propose, target_send_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any, settings: Any) -> dict[str, Any]:
    settings.QUARTERLY_TODAY = dt.date(2026, 5, 12)
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    owner = PersonFactory(organisation=organisation, email="owner@council.example",
                          role=Role.ACCOUNTABLE_OFFICER)  # fmt: skip
    dmt = PersonFactory(organisation=organisation, email="dmt@council.example", first_name="Dana",
                        last_name="Director")  # fmt: skip
    RoleAssignment.objects.create(person=dmt, role=Role.DMT_MEMBER, directorate=adults)
    kpi = KPIFactory(organisation=organisation, reference="AH-01", directorate=adults,
                     accountable_officer=owner)  # fmt: skip
    proposal = target_propose(kpi=kpi, financial_year=2026, value=Decimal("70"),
                              rationale="Up from 68%.", by=owner)  # fmt: skip
    return {"owner": owner, "dmt": dmt, "kpi": kpi, "proposal": proposal, "adults": adults}


def test_sending_back_without_a_comment_shows_the_error_summary(
    client: Any, council: dict[str, Any]
) -> None:
    # given
    client.force_login(council["dmt"])
    pk = council["proposal"].pk
    # when
    response = client.post(reverse("register:target-send-back", args=[pk]), {f"p{pk}-comment": ""})
    # then
    text = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in text
    assert f'href="#id_p{pk}-comment"' in text and "Enter why the target is being sent back" in text
    council["proposal"].refresh_from_db()
    assert council["proposal"].status == TargetProposal.Status.PROPOSED


def test_a_sent_back_target_shows_on_the_owners_home_page_and_kpi_page(
    client: Any, council: dict[str, Any]
) -> None:
    # given
    target_send_back(proposal=council["proposal"], comment="Aim for 74%.", by=council["dmt"])
    client.force_login(council["owner"])
    # when
    home = client.get(reverse("web:home")).content.decode()
    page = client.get(reverse("register:kpi-detail", args=["AH-01"])).content.decode()
    # then
    assert "Targets sent back to you" in home and "Aim for 74%." in home
    assert "Sent back by Dana Director on" in page and "Propose again" in page


def test_the_performance_team_records_a_review_and_sees_the_gaps(
    client: Any, council: dict[str, Any], people: dict[str, Any]
) -> None:
    # given a service with no KPI
    ServiceFactory(directorate=council["adults"], name="Day centres")
    client.force_login(people["performance"])
    # when a review is recorded with a bad date, then a good one
    url = reverse("register:review-record")
    data = {"financial_year": "2026", "agreed_on": "31/2/2026", "agreed_by": "CLT and Chairs"}
    bad = client.post(url, data)
    good = client.post(url, data | {"agreed_on": "20/3/2026"})
    listing = client.get(reverse("register:reviews")).content.decode()
    # then
    assert (
        "govuk-error-summary" in bad.content.decode() and "day/month/year" in bad.content.decode()
    )
    assert good.status_code == 302
    assert KPIListReview.objects.get().agreed_by == "CLT and Chairs"
    assert "Day centres" in listing
    assert "AH-01" in listing and "(Proposed, awaiting DMT agreement)" in listing
