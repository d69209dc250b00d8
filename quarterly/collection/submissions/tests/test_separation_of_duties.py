"""The person who submitted a result does not sign it off, unless ALLOW_SELF_SIGN_OFF says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.results.models import Result
from quarterly.collection.submissions.services import WrongState, result_enter, result_sign_off
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, PersonFactory
from quarterly.organisation.models import Role

Q1 = Period.quarter(2025, 1)
REFUSED = "You submitted this result, so someone else must sign it off (separation of duties)."


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    """A KPI whose directorate team member both enters results and signs them off."""
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    kpi = KPIFactory(
        organisation=organisation,
        reference="AH-01",
        directorate=adults,
        accountable_officer=people["officer"],
    )
    kpi.key_contacts.set([people["key_contact"]])
    team = PersonFactory(
        organisation=organisation,
        email="adults.team@council.example",
        role=Role.DIRECTORATE_TEAM,
        role__directorate=adults,
    )
    ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 25), directorate_check_date=dt.date(2025, 8, 1),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    return {"kpi": kpi, "team": team, "officer": people["officer"]}


def _submitted_by(person: Any, kpi: Any) -> Result:
    return result_enter(
        kpi=kpi, period=Q1, submit=True, version=None, by=person,
        fields={"value": Decimal("61.5"), "numerator": None, "denominator": None,
                "commentary": "", "data_quality_note": ""},
    )  # fmt: skip


def _sign_off_buttons(html: str) -> int:
    return html.count(">Sign off<span")


@pytest.mark.django_db
def test_the_submitter_cannot_sign_off_their_own_result(council: dict[str, Any]) -> None:
    # given a result the directorate team member submitted
    result = _submitted_by(council["team"], council["kpi"])
    # when they sign it off
    with pytest.raises(WrongState) as refused:
        result_sign_off(result=result, by=council["team"])
    # then they are told why, nothing changes, and someone else can sign it off
    assert str(refused.value) == REFUSED
    assert Result.objects.get().status == Result.Status.SUBMITTED
    signed = result_sign_off(result=result, by=council["officer"])
    assert signed.status == Result.Status.SIGNED_OFF and signed.signed_off_by == council["officer"]


@pytest.mark.django_db
def test_the_submitter_may_sign_off_when_the_council_allows_it(
    council: dict[str, Any], settings: Any
) -> None:
    # given a council that allows self sign-off, and a result the team member submitted
    settings.ALLOW_SELF_SIGN_OFF = True
    result = _submitted_by(council["team"], council["kpi"])
    # when they sign it off
    signed = result_sign_off(result=result, by=council["team"])
    # then
    assert signed.status == Result.Status.SIGNED_OFF and signed.signed_off_by == council["team"]


@pytest.mark.django_db
def test_my_kpis_tells_the_submitter_someone_else_must_sign_off(
    client: Any, council: dict[str, Any]
) -> None:
    # given a result the directorate team member submitted
    result = _submitted_by(council["team"], council["kpi"])
    client.force_login(council["team"])
    # when they open My KPIs
    html = client.get(reverse("collection:my-kpis")).content.decode()
    # then it awaits sign-off, with the reason and no Sign off button
    assert "Awaiting your sign-off" in html and REFUSED in html
    assert _sign_off_buttons(html) == 0
    # and signing off anyway is refused with the same reason
    response = client.post(
        reverse("collection:result-sign-off", args=[result.pk]),
        {"version": result.version},
        follow=True,
    )
    assert REFUSED in response.content.decode()
    assert Result.objects.get().status == Result.Status.SUBMITTED
    # and the accountable officer is offered the button
    client.force_login(council["officer"])
    html = client.get(reverse("collection:my-kpis")).content.decode()
    assert _sign_off_buttons(html) == 1 and REFUSED not in html


@pytest.mark.django_db
def test_my_kpis_offers_self_sign_off_when_the_council_allows_it(
    client: Any, council: dict[str, Any], settings: Any
) -> None:
    # given a council that allows self sign-off, and a result the team member submitted
    settings.ALLOW_SELF_SIGN_OFF = True
    result = _submitted_by(council["team"], council["kpi"])
    client.force_login(council["team"])
    # when they open My KPIs and sign it off
    html = client.get(reverse("collection:my-kpis")).content.decode()
    response = client.post(
        reverse("collection:result-sign-off", args=[result.pk]),
        {"version": result.version},
        follow=True,
    )
    # then the button was offered and the sign-off is recorded
    assert _sign_off_buttons(html) == 1 and REFUSED not in html
    assert "signed off." in response.content.decode()
    assert Result.objects.get().signed_off_by == council["team"]
