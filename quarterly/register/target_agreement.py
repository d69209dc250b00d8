"""Targets by year: the KPI's owner proposes, its Directorate Management Team agrees or sends
it back with a comment (seed 000: "targets are agreed by the Directorate Management Team").

proposed -> agreed | sent back; a sent-back (or agreed) proposal may be proposed again. Each
transition checks the state it starts from and the version the person opened, and is audited
in the same transaction. Agreeing writes the year's `Target` (through `target_set`), which is
what judges results: a proposal judges nothing until it is agreed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from quarterly.core import clock
from quarterly.core.audit import audit_diff, audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, PeriodKind, financial_year_label
from quarterly.organisation.access import (
    can_agree_target,
    can_decide_target,
    can_propose_target,
    kpis_with_targets_agreed_by,
)
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Target, TargetProposal
from quarterly.register.services import target_set

PROPOSAL_AUDITED_FIELDS = (
    "status",
    "kind",
    "value",
    "tolerance",
    "direction",
    "rationale",
    "comment",
)
# How far ahead a target may be proposed: this financial year and the next two.
YEARS_AHEAD = 2
OWN_PROPOSAL = (
    "You proposed this target, so another member of the DMT agrees it (separation of duties)."
)


class StaleProposal(Exception):
    """Someone else changed the proposal after this person opened it."""

    message = (
        "This target has changed since you opened this page. Your changes have not been saved: "
        "reload the page to see the latest version, then try again."
    )


def current_financial_year() -> int:
    return Period.containing(clock.today(), PeriodKind.FINANCIAL_YEAR).fy


def proposal_years() -> list[int]:
    """The financial years a target may be proposed for: this one and the next two."""
    this_year = current_financial_year()
    return list(range(this_year, this_year + YEARS_AHEAD + 1))


@transaction.atomic
def target_propose(
    *,
    kpi: KPI,
    financial_year: int,
    value: Decimal | None = None,
    tolerance: Decimal | None = None,
    direction: str = "",
    rationale: str,
    by: Any,
    version: int | None = None,
) -> TargetProposal:
    """Propose the KPI's target for a year, or propose it again after it was sent back (or to
    change an agreed one). `version` is the proposal's version the proposer opened (None for a
    year with no proposal yet)."""
    if not can_propose_target(by, kpi):
        raise PermissionDenied("Only the KPI's accountable officer or the performance team can propose its target.")  # fmt: skip
    if kpi.is_tracker:
        raise ValidationError(f"{kpi.reference} is a tracker: trackers have no targets.")
    if financial_year not in proposal_years():
        years = ", ".join(financial_year_label(y) for y in proposal_years())
        raise ValidationError({"financial_year": f"Propose a target for {years}."})
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError({"rationale": "Enter why this target is right, for the DMT to agree it."})  # fmt: skip
    proposal = (
        TargetProposal.objects.select_for_update()
        .filter(kpi=kpi, financial_year=financial_year)
        .first()
    )
    if (proposal.version if proposal else None) != version:
        raise StaleProposal
    creating = proposal is None
    if proposal is None:
        proposal = TargetProposal(kpi=kpi, financial_year=financial_year)
    again = proposal.status == TargetProposal.Status.SENT_BACK
    before = {} if creating else audit_snapshot(proposal, PROPOSAL_AUDITED_FIELDS)
    proposal.kind = TargetProposal.Kind.DIRECTION if direction else TargetProposal.Kind.VALUE
    proposal.value, proposal.tolerance, proposal.direction = value, tolerance, direction
    proposal.rationale = rationale
    proposal.status = TargetProposal.Status.PROPOSED
    proposal.proposed_by, proposal.proposed_at = by, timezone.now()
    proposal.decided_by, proposal.decided_at, proposal.comment = None, None, ""
    if not creating:
        proposal.version += 1
    proposal.full_clean()
    proposal.save()
    audit_record(
        actor=by,
        target=proposal,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(proposal, PROPOSAL_AUDITED_FIELDS)),
        kpi_id=kpi.pk,
        note="Target proposed again after it was sent back" if again else "Target proposed",
    )
    return proposal


def _decide(proposal: TargetProposal, *, by: Any, version: int | None) -> TargetProposal:
    """The proposal, locked, once the person may decide it now; else refuse, saying why."""
    locked = TargetProposal.objects.select_for_update().select_related("kpi").get(pk=proposal.pk)
    if version is not None and locked.version != version:
        raise StaleProposal
    if not can_agree_target(by, locked.kpi):
        raise PermissionDenied("Only a member of the KPI's Directorate Management Team can agree its target.")  # fmt: skip
    if locked.status != TargetProposal.Status.PROPOSED:
        raise ValidationError(
            f"The {locked.year_label} target for {locked.kpi.reference} is "
            f"{locked.get_status_display().lower()}: only a proposed target can be agreed or sent back."
        )  # fmt: skip
    if not can_decide_target(by, locked):
        raise ValidationError(OWN_PROPOSAL)
    return locked


def _record(proposal: TargetProposal, before: dict[str, str | None], *, by: Any, note: str) -> None:
    proposal.version += 1
    proposal.full_clean()
    proposal.save()
    audit_record(
        actor=by, target=proposal, action=AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(proposal, PROPOSAL_AUDITED_FIELDS)),
        kpi_id=proposal.kpi_id, note=note,
    )  # fmt: skip


@transaction.atomic
def target_agree(*, proposal: TargetProposal, by: Any, version: int | None = None) -> Target:
    """A DMT member agrees a proposed target: it becomes the year's target, which judges results."""
    locked = _decide(proposal, by=by, version=version)
    before = audit_snapshot(locked, PROPOSAL_AUDITED_FIELDS)
    locked.status = TargetProposal.Status.AGREED
    locked.decided_by, locked.decided_at = by, timezone.now()
    _record(locked, before, by=by, note="Target agreed by the DMT")
    return target_set(
        kpi=locked.kpi, financial_year=locked.financial_year, value=locked.value,
        tolerance=locked.tolerance, direction=locked.direction, by=by,
        note="Agreed by the DMT", basis=Target.Basis.DMT,
    )  # fmt: skip


@transaction.atomic
def target_send_back(
    *, proposal: TargetProposal, comment: str, by: Any, version: int | None = None
) -> TargetProposal:
    """A DMT member sends a proposed target back to its owner, saying what to change."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Enter why the target is being sent back, so its owner knows what to change."})  # fmt: skip
    locked = _decide(proposal, by=by, version=version)
    before = audit_snapshot(locked, PROPOSAL_AUDITED_FIELDS)
    locked.status = TargetProposal.Status.SENT_BACK
    locked.decided_by, locked.decided_at, locked.comment = by, timezone.now(), comment
    _record(locked, before, by=by, note=f"Target sent back: {comment}"[:300])
    return locked


def proposals_to_agree(*, user: Any, organisation: Organisation) -> QuerySet[TargetProposal]:
    """The proposed targets awaiting the person's DMT, oldest first."""
    kpis = kpis_with_targets_agreed_by(user, KPI.objects.filter(organisation=organisation))
    return (
        TargetProposal.objects.filter(status=TargetProposal.Status.PROPOSED, kpi__in=kpis)
        .select_related("kpi", "kpi__directorate", "proposed_by")
        .order_by("proposed_at", "pk")
    )


def proposal_get_to_decide(*, user: Any, organisation: Organisation, pk: int) -> TargetProposal:
    """The proposal, if the person's DMT agrees it; a missing and a forbidden one answer 404."""
    proposal = (
        TargetProposal.objects.select_related("kpi", "kpi__directorate", "proposed_by")
        .filter(pk=pk, kpi__organisation=organisation)
        .first()
    )
    if proposal is None or not can_agree_target(user, proposal.kpi):
        raise Http404
    return proposal


def proposals_sent_back_to(*, user: Any, organisation: Organisation) -> QuerySet[TargetProposal]:
    """Targets sent back to the person: the KPIs they own, or proposals they made."""
    if not getattr(user, "is_authenticated", False):
        return TargetProposal.objects.none()
    return (
        TargetProposal.objects.filter(
            Q(kpi__accountable_officer=user) | Q(proposed_by=user),
            status=TargetProposal.Status.SENT_BACK,
            kpi__organisation=organisation,
        )
        .select_related("kpi", "decided_by")
        .order_by("kpi__reference", "financial_year")
    )
