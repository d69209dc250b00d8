"""Targets by year: the owner proposes, the DMT agrees or sends back; only agreed targets judge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quarterly.collection.results.judgement import judge
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, PersonFactory, ResultFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import Target, TargetProposal
from quarterly.register.services import target_set
from quarterly.register.target_agreement import (
    StaleProposal,
    proposals_sent_back_to,
    proposals_to_agree,
    target_agree,
    target_propose,
    target_send_back,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(settings: Any) -> None:
    settings.QUARTERLY_TODAY = dt.date(2026, 5, 12)  # in 2026/27


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    owner = PersonFactory(organisation=organisation, email="owner@council.example")
    dmt = PersonFactory(organisation=organisation, email="dmt@council.example")
    other_dmt = PersonFactory(organisation=organisation, email="other-dmt@council.example")
    performance = PersonFactory(
        organisation=organisation, email="perf@council.example", role=Role.PERFORMANCE_TEAM
    )
    RoleAssignment.objects.create(person=dmt, role=Role.DMT_MEMBER, directorate=adults)
    RoleAssignment.objects.create(person=other_dmt, role=Role.DMT_MEMBER, directorate=resources)
    kpi = KPIFactory(
        organisation=organisation, reference="AH-01", directorate=adults, accountable_officer=owner
    )
    return {
        "kpi": kpi, "owner": owner, "dmt": dmt, "other_dmt": other_dmt,
        "performance": performance, "organisation": organisation,
    }  # fmt: skip


def _propose(c: dict[str, Any], **overrides: Any) -> TargetProposal:
    values: dict[str, Any] = {
        "kpi": c["kpi"], "financial_year": 2026, "value": Decimal("70"),
        "tolerance": Decimal("2"), "rationale": "Last year's 68% and the new service.",
        "by": c["owner"],
    }  # fmt: skip
    return target_propose(**(values | overrides))


def test_owner_proposes_and_the_dmt_agrees(council: dict[str, Any]) -> None:
    # given a proposal awaiting the Adults DMT
    proposal = _propose(council)
    assert list(proposals_to_agree(user=council["dmt"], organisation=council["organisation"])) == [
        proposal
    ]
    assert Target.objects.filter(kpi=council["kpi"]).count() == 0
    # when a DMT member agrees it
    target = target_agree(proposal=proposal, by=council["dmt"], version=proposal.version)
    # then it is the year's target, agreed by that member, and no longer awaiting
    assert (target.financial_year, target.value, target.tolerance) == (2026, 70, 2)
    assert target.basis == Target.Basis.DMT and target.agreed_by == council["dmt"]
    assert target.agreed_at is not None
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.AGREED
    assert proposal.decided_by == council["dmt"]
    assert not proposals_to_agree(user=council["dmt"], organisation=council["organisation"])


def test_sent_back_then_proposed_again_then_agreed(council: dict[str, Any]) -> None:
    # given a proposal sent back with a comment
    proposal = _propose(council)
    sent = target_send_back(
        proposal=proposal, comment="Too low: the peer average is 74%.", by=council["dmt"],
        version=proposal.version,
    )  # fmt: skip
    assert sent.status == TargetProposal.Status.SENT_BACK
    assert list(proposals_sent_back_to(user=council["owner"], organisation=council["organisation"])) == [sent]  # fmt: skip
    # when the owner proposes it again and the DMT agrees
    again = _propose(council, value=Decimal("74"), version=sent.version)
    target = target_agree(proposal=again, by=council["dmt"], version=again.version)
    # then the agreed target is the second proposal's, and each step is in the history
    assert target.value == Decimal("74")
    notes = list(
        AuditEntry.objects.filter(kpi_id=council["kpi"].pk).order_by("at", "id").values_list("note", flat=True)
    )  # fmt: skip
    assert notes == [
        "Target proposed",
        "Target sent back: Too low: the peer average is 74%.",
        "Target proposed again after it was sent back",
        "Target agreed by the DMT",
        "Agreed by the DMT",
    ]
    assert not proposals_sent_back_to(user=council["owner"], organisation=council["organisation"])


def test_sending_back_needs_a_comment(council: dict[str, Any]) -> None:
    # given
    proposal = _propose(council)
    # when / then
    with pytest.raises(ValidationError) as error:
        target_send_back(proposal=proposal, comment="  ", by=council["dmt"])
    assert "comment" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == TargetProposal.Status.PROPOSED


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("other_dmt", PermissionDenied),
        ("performance", PermissionDenied),
        ("owner", PermissionDenied),
    ],
)
def test_only_a_dmt_member_of_the_kpis_directorate_agrees(
    council: dict[str, Any], who: str, refusal: type[Exception]
) -> None:
    # given
    proposal = _propose(council)
    # when / then
    with pytest.raises(refusal):
        target_agree(proposal=proposal, by=council[who])
    assert not Target.objects.filter(kpi=council["kpi"]).exists()


def test_a_dmt_member_does_not_agree_their_own_proposal(council: dict[str, Any]) -> None:
    # given a DMT member who is also the performance team, proposing
    RoleAssignment.objects.create(person=council["dmt"], role=Role.PERFORMANCE_TEAM)
    proposal = _propose(council, by=council["dmt"])
    # when / then
    with pytest.raises(ValidationError, match="another member of the DMT"):
        target_agree(proposal=proposal, by=council["dmt"])


def test_only_the_owner_or_the_performance_team_proposes(council: dict[str, Any]) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        _propose(council, by=council["dmt"])
    assert _propose(council, by=council["performance"]).proposed_by == council["performance"]


def test_a_stale_version_is_refused_and_nothing_changes(council: dict[str, Any]) -> None:
    # given a proposal the owner changed after the DMT member opened it
    opened = _propose(council)
    _propose(council, value=Decimal("72"), version=opened.version)
    # when / then
    with pytest.raises(StaleProposal):
        target_agree(proposal=opened, by=council["dmt"], version=opened.version)
    with pytest.raises(StaleProposal):
        _propose(council, value=Decimal("75"), version=opened.version)
    assert TargetProposal.objects.get().value == Decimal("72")
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"value": None}, "value", "Enter a target value, or a direction"),
        ({"tolerance": Decimal("-1")}, "tolerance", "The tolerance cannot be negative."),
        ({"value": Decimal("120")}, "value", "A percentage target must be between 0 and 100."),
        ({"value": None, "tolerance": None, "rationale": " "}, "rationale", "Enter why"),
        ({"financial_year": 2025}, "financial_year", "Propose a target for 2026/27, 2027/28"),
    ],
)
def test_bad_proposals_are_refused_clearly(
    council: dict[str, Any], values: dict[str, Any], field: str, message: str
) -> None:
    # when / then
    with pytest.raises(ValidationError) as error:
        _propose(council, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not TargetProposal.objects.exists()


def test_the_workbook_says_what_the_web_says(council: dict[str, Any]) -> None:
    # the model's rule refuses a negative tolerance through target_set too, in the same words
    with pytest.raises(ValidationError) as error:
        target_set(kpi=council["kpi"], financial_year=2026, value=Decimal("70"),
                   tolerance=Decimal("-1"), by=council["performance"])  # fmt: skip
    assert error.value.message_dict["tolerance"] == ["The tolerance cannot be negative."]


def test_a_tracker_has_no_targets(council: dict[str, Any]) -> None:
    # given
    tracker = KPIFactory(
        organisation=council["organisation"], polarity="none", directorate=council["kpi"].directorate,
        accountable_officer=council["owner"],
    )  # fmt: skip
    # when / then
    with pytest.raises(ValidationError, match="trackers have no targets"):
        _propose(council, kpi=tracker)


def test_only_an_agreed_target_judges_results(council: dict[str, Any]) -> None:
    # given a result of 69% in 2026/27 Q1 and a proposed 70% target (tolerance 2)
    kpi = council["kpi"]
    ResultFactory(kpi=kpi, period=Period.quarter(2026, 1), value=Decimal("69"))
    proposal = _propose(council)
    # when / then: not rated while only proposed
    results = list(kpi.results.all())
    assert judge(kpi, results).rag.status == "not_rated"  # type: ignore[union-attr]
    # when the DMT agrees: 69 is within 2 of 70, so amber
    target_agree(proposal=proposal, by=council["dmt"])
    kpi = type(kpi).objects.get(pk=kpi.pk)
    assert judge(kpi, list(kpi.results.all())).rag.status == "amber"  # type: ignore[union-attr]


def test_workbook_targets_record_who_recorded_them(council: dict[str, Any]) -> None:
    # when the performance team imports a target agreed outside Quarterly
    target = target_set(kpi=council["kpi"], financial_year=2026, value=Decimal("70"),
                        by=council["performance"], note="Register workbook import")  # fmt: skip
    # then it counts as agreed, recorded by the importer
    assert target.basis == Target.Basis.RECORDED and target.agreed_by == council["performance"]
    entry = AuditEntry.objects.get(target_id=target.pk, note="Register workbook import")
    assert entry.changes["basis"] == [None, "recorded"]
    # and importing it again unchanged keeps the record as it was
    again = target_set(
        kpi=council["kpi"], financial_year=2026, value=Decimal("70"), by=council["owner"]
    )
    assert again.agreed_by == council["performance"]
