"""The demo shows the register's priorities, committees by remit, target agreement, the KPI
list review, information requests and SPC recalculation points, to each role that uses them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from quarterly.collection.information.models import InformationRequest
from quarterly.collection.information.selectors import information_requests_for_pack
from quarterly.collection.models import RecalculationPoint
from quarterly.core.models import AuditEntry
from quarterly.demo.catalogue import PILLARS, demo_kpis
from quarterly.demo.catalogue.committees import COMMUNITY_COMMITTEES
from quarterly.demo.catalogue.priorities import (
    KPI_PRIORITIES,
    PORTFOLIOS,
    PRIORITIES,
    WELL_RUN_COUNCIL,
    priority_pillars,
)
from quarterly.organisation.models import Committee, Directorate, Person, Role
from quarterly.register.models import KPI, KPIListReview, Priority, Target, TargetProposal
from quarterly.register.selectors import kpis_in_remit
from quarterly.register.target_agreement import proposals_sent_back_to, proposals_to_agree

TODAY = dt.date(2026, 12, 1)
EIGHT_WEEKS = dt.timedelta(weeks=8)
NEW_LOGINS = (
    "hwb@demo.quarterly.example",
    "community@demo.quarterly.example",
    "dmt.children@demo.quarterly.example",
    "dmt.city@demo.quarterly.example",
    "dmt.communities@demo.quarterly.example",
    "dmt.resources@demo.quarterly.example",
)


def _person(local: str) -> Person:
    return Person.objects.get(username=f"{local}@demo.quarterly.example")


# The catalogue's rules, without a database ----------------------------------------------------


def test_every_kpi_serves_a_priority_of_its_own_pillars_but_the_well_run_council_measures() -> None:
    # given the catalogue and its priorities
    specs = {spec.reference: spec for spec in demo_kpis()}
    pillar_of = priority_pillars()
    # then five priorities under each pillar, each named once
    assert Counter(pillar for pillar, _, _ in PRIORITIES) == {pillar: 5 for pillar in PILLARS}
    assert len(pillar_of) == len(PRIORITIES)
    # every KPI serves a priority, but for the council's own running measures, which serve none
    assert set(KPI_PRIORITIES) | WELL_RUN_COUNCIL == set(specs)
    assert not set(KPI_PRIORITIES) & WELL_RUN_COUNCIL
    for reference, names in KPI_PRIORITIES.items():
        assert names, reference
        # and only priorities under one of its own pillars
        assert {pillar_of[name] for name in names} <= set(specs[reference].pillars), reference
    # and every KPI has an Executive Member portfolio
    assert all((s.directorate, s.service) in PORTFOLIOS for s in specs.values())


def test_the_community_committees_cover_each_of_the_33_leeds_wards_once() -> None:
    # given / when
    wards = [ward for members in COMMUNITY_COMMITTEES.values() for ward in members]
    # then
    assert len(COMMUNITY_COMMITTEES) == 10
    assert len(wards) == len(set(wards)) == 33


# One demo build --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_shows_each_new_feature_and_a_second_run_writes_nothing(
    settings: Any, client: Any, capsys: Any
) -> None:
    # given the demo built on 1 December 2026
    settings.QUARTERLY_TODAY = TODAY
    call_command("demo", no_serve=True, verbosity=0)
    audit_rows = AuditEntry.objects.count()
    counts = (InformationRequest.objects.count(), TargetProposal.objects.count())
    # when it runs again the same day
    call_command("demo", no_serve=True, verbosity=0)
    # then it writes no audit row and adds nothing
    assert AuditEntry.objects.count() == audit_rows
    assert (InformationRequest.objects.count(), TargetProposal.objects.count()) == counts
    # and it prints the new logins
    output = capsys.readouterr().out
    assert all(login in output for login in NEW_LOGINS)

    # Priorities: under their pillars, and every KPI but the running measures serves one
    assert Priority.objects.count() == len(PRIORITIES)
    for kpi in KPI.objects.prefetch_related("priorities", "pillars"):
        served = {p.name for p in kpi.priorities.all()}
        assert served == set(KPI_PRIORITIES.get(kpi.reference, ())), kpi.reference
        assert {p.pillar_id for p in kpi.priorities.all()} <= {p.pk for p in kpi.pillars.all()}
        assert kpi.portfolio, kpi.reference
    # the register filters by priority, and the KPI page names its priorities
    client.force_login(_person("performance"))
    priority = Priority.objects.get(name="Affordable, better quality housing")
    html = client.get(reverse("register:kpi-list"), {"priority": priority.slug}).content.decode()
    serving = set(priority.kpis.values_list("reference", flat=True))
    assert serving and all(f"{reference}<" in html for reference in serving)
    assert "CHE-01<" not in html
    page = client.get(reverse("register:kpi-detail", args=["CHE-04"])).content.decode()
    assert "Affordable, better quality housing" in page

    # Committees: every kind, each with a remit covering active KPIs
    committees = list(Committee.objects.all())
    assert {c.kind for c in committees} == set(Committee.Kind.values)
    for committee in committees:
        assert kpis_in_remit(committee).filter(status=KPI.Status.ACTIVE).exists(), committee
    community = [c for c in committees if c.kind == Committee.Kind.COMMUNITY_COMMITTEE]
    assert sorted(c.area for c in community) == sorted(COMMUNITY_COMMITTEES)
    # the Health and Wellbeing Board's and a Community Committee's members have logins
    for local, kind in (("hwb", "health_wellbeing"), ("community", "community")):
        assignment = _person(local).role_assignments.get()
        assert assignment.role == Role.ELECTED_MEMBER and assignment.committee.kind == kind

    # Targets: a DMT login per directorate, each with proposals to agree
    organisation = KPI.objects.first().organisation  # type: ignore[union-attr]
    year = 2027  # the year after 2026/27, the financial year of 1 December 2026
    for directorate in Directorate.objects.all():
        member = Person.objects.get(
            role_assignments__role=Role.DMT_MEMBER, role_assignments__directorate=directorate
        )
        waiting = proposals_to_agree(user=member, organisation=organisation)
        assert waiting.filter(financial_year=year).exists(), directorate
    proposals = TargetProposal.objects.filter(financial_year=year)
    assert {p.status for p in proposals} == set(TargetProposal.Status.values)
    sent_back = proposals.get(status=TargetProposal.Status.SENT_BACK)
    assert sent_back.comment and sent_back.decided_by == _person("dmt")
    assert list(proposals_sent_back_to(user=_person("officer"), organisation=organisation)) == [
        sent_back
    ]
    agreed = proposals.get(status=TargetProposal.Status.AGREED)
    target = Target.objects.get(kpi=agreed.kpi, financial_year=year)
    assert target.basis == Target.Basis.DMT and target.agreed_by == _person("dmt")
    assert agreed.proposed_by == agreed.kpi.accountable_officer != agreed.decided_by

    # The KPI list review for this financial year
    review = KPIListReview.objects.get()
    assert review.financial_year == 2026 and review.agreed_by == "CLT and Scrutiny Chairs"
    assert review.agreed_on <= TODAY and review.recorded_by == _person("performance")

    # Information requests: one answered, in the board's next pack; one open, due soon
    board = Committee.objects.get(name="Scrutiny Board (Adults, Health and Active Lifestyles)")
    requests = {r.status: r for r in InformationRequest.objects.filter(committee=board)}
    answered = requests[InformationRequest.Status.ANSWERED]
    assert answered.answered_by == answered.owner and answered in information_requests_for_pack(
        committee=board
    )
    assert TODAY < requests[InformationRequest.Status.ASKED].due_date <= TODAY + EIGHT_WEEKS

    # Recalculation points: suggested ones await a decision; one is accepted, with its reason
    points = Counter(RecalculationPoint.objects.values_list("status", flat=True))
    assert points[RecalculationPoint.Status.SUGGESTED] >= 1
    assert points[RecalculationPoint.Status.ACCEPTED] == 1
    accepted = RecalculationPoint.objects.get(status=RecalculationPoint.Status.ACCEPTED)
    assert accepted.reason.startswith("Known change in counting")
    assert accepted.decided_by == _person("performance")
    chart = client.get(reverse("register:kpi-detail", args=[accepted.kpi.reference]))
    assert "Limits recalculated" in chart.content.decode()
