"""Highlight items: proposing them by rule, the performance team's decisions, and the commentary
requested from key contacts. The rules themselves are in `highlights.rules`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from quarterly.collection.cycles.due import periods_due
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.highlights.models import HighlightItem
from quarterly.collection.highlights.rules import (
    NOT_YET_THE_COUNCILS,
    EnglandValues,
    Standings,
    kpi_highlight_reasons,
)
from quarterly.collection.results.models import Result
from quarterly.core import clock
from quarterly.core.audit import audit_diff, audit_record, audit_record_many, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.organisation.models import Person
from quarterly.register.models import KPI

Status = HighlightItem.Status
AUDITED_FIELDS = (
    "status", "commentary_requested_at", "commentary_received_at", "reasons_for_result",
    "actions_being_taken",
)  # fmt: skip


@dataclass(frozen=True)
class Proposal:
    """What one run of the rules changed."""

    added: int
    updated: int
    withdrawn: int
    unchanged: int

    def __str__(self) -> str:
        parts = [
            f"{count} {what}"
            for count, what in (
                (self.added, "new"),
                (self.updated, "with changed reasons"),
                (self.withdrawn, "withdrawn because no rule proposes it now"),
                (self.unchanged, "unchanged"),
            )
            if count
        ]
        if not parts:
            return "No rule proposes a highlight item for this cycle."
        return "Highlight items proposed: " + ", ".join(parts) + "."


def _cycle_results(
    cycle: ReportingCycle, kpis: list[KPI]
) -> dict[int, tuple[list[Result], Result]]:
    """Each KPI's results up to its latest one due in the cycle, with that one; one query."""
    due = {kpi.pk: set(periods_due(kpi, cycle)) for kpi in kpis}
    found: dict[int, list[Result]] = defaultdict(list)
    rows = (
        Result.objects.filter(kpi_id__in=[k for k, periods in due.items() if periods])
        .filter(period_start__lte=cycle.period.end)
        .exclude(status__in=NOT_YET_THE_COUNCILS)
        .order_by("kpi_id", "period_start", "period_end")
    )
    for result in rows:
        found[result.kpi_id].append(result)
    out = {}
    for kpi_id, results in found.items():
        latest = next((r for r in reversed(results) if r.period in due[kpi_id]), None)
        if latest is not None:
            out[kpi_id] = (
                [r for r in results if r.period_start <= latest.period_start],
                latest,
            )
    return out


def _proposed_reasons(
    cycle: ReportingCycle, england_values: EnglandValues, standings: Standings | None
) -> tuple[dict[int, KPI], dict[int, list[str]]]:
    kpis = list(
        KPI.objects.filter(organisation_id=cycle.organisation_id, status=KPI.Status.ACTIVE)
        .prefetch_related("targets", "recalculation_points")
        .order_by("reference")
    )
    results = _cycle_results(cycle, kpis)
    england = england_values([(kpi_id, latest.period) for kpi_id, (_, latest) in results.items()])
    by_id = {kpi.pk: kpi for kpi in kpis}
    # compared with what had been published for the cycle's quarter, not with later years
    day = min(clock.today(), cycle.period.end)
    standing = standings([by_id[pk] for pk in results], day) if standings else {}
    reasons = {}
    for kpi_id, (series, latest) in results.items():
        key = (kpi_id, latest.period_kind, latest.period_start)
        found = kpi_highlight_reasons(
            by_id[kpi_id], series, england=england.get(key), standing=standing.get(kpi_id)
        )
        if found:
            reasons[kpi_id] = found
    return by_id, reasons


def _clean(item: HighlightItem) -> None:
    """Validate the fields people and rules fill in. Related rows are the caller's own objects
    (checking them would cost a query per item)."""
    item.full_clean(
        exclude=["cycle", "kpi", "decided_by"],
        validate_unique=False,
        validate_constraints=False,
    )


@transaction.atomic
def highlights_propose(
    *,
    cycle: ReportingCycle,
    by: Any,
    england_values: EnglandValues,
    standings: Standings | None = None,
) -> Proposal:
    """Run the rules over the cycle's results and record what they propose, keeping decisions.
    Without `standings` (the benchmarking domain's reader) rule (e) does not run.

    KPIs, results and benchmarks are read in one query each, whatever the number of KPIs.
    """
    # Locking the cycle makes two runs at once take turns, so neither inserts a duplicate.
    ReportingCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    kpis, reasons = _proposed_reasons(cycle, england_values, standings)
    existing = {
        item.kpi_id: item
        for item in HighlightItem.objects.select_for_update(of=("self",))
        .filter(cycle=cycle)
        .select_related("kpi", "cycle")
    }
    new = [
        HighlightItem(cycle=cycle, kpi=kpis[kpi_id], reasons=found)
        for kpi_id, found in reasons.items()
        if kpi_id not in existing
    ]
    changed = []
    withdrawn = []
    unchanged = 0
    for kpi_id, item in existing.items():
        found = reasons.get(kpi_id, [])
        if not found and item.status == Status.PROPOSED:
            withdrawn.append(item)
        elif found != item.reasons:
            item.reasons = found  # a decided item stays, saying no rule proposes it now
            changed.append(item)
        else:
            unchanged += 1
    for item in new:
        _clean(item)
    HighlightItem.objects.bulk_create(new)
    HighlightItem.objects.bulk_update(changed, ["reasons", "updated_at"])
    if withdrawn:
        HighlightItem.objects.filter(pk__in=[item.pk for item in withdrawn]).delete()
    label = cycle.period.label
    audit_record_many(
        actor=by,
        entries=[
            (item, AuditEntry.Action.CREATE, {"reasons": [None, "; ".join(item.reasons)]})
            for item in new
        ]
        + [(item, AuditEntry.Action.DELETE, {"status": ["proposed", None]}) for item in withdrawn],
        note=f"Highlight items proposed for {label}",
    )
    return Proposal(len(new), len(changed), len(withdrawn), unchanged)


# --------------------------------------------------------------------------------------------
# Decisions and commentary
# --------------------------------------------------------------------------------------------


def _change(item: HighlightItem, *, by: Any, note: str, **fields: Any) -> HighlightItem:
    locked = (
        HighlightItem.objects.select_for_update(of=("self",))
        .select_related("kpi", "cycle")
        .get(pk=item.pk)
    )
    before = audit_snapshot(locked, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    _clean(locked)
    locked.save()
    audit_record(
        actor=by,
        target=locked,
        action=AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(locked, AUDITED_FIELDS)),
        kpi_id=locked.kpi_id,
        note=note,
    )
    return locked


def _refuse_unless(item: HighlightItem, allowed: set[str], doing: str) -> None:
    if item.status not in allowed:
        raise ValidationError(
            f"{item.kpi.reference} is {item.get_status_display().lower()}, so it cannot be {doing}."
        )


@transaction.atomic
def highlight_confirm(*, item: HighlightItem, by: Any) -> HighlightItem:
    """Make a proposed (or earlier dismissed) KPI a highlight item of its cycle."""
    _refuse_unless(item, {Status.PROPOSED, Status.DISMISSED}, "confirmed")
    return _change(
        item, by=by, note="Highlight item confirmed", status=Status.CONFIRMED, decided_by=by,
        decided_at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def highlight_dismiss(*, item: HighlightItem, by: Any) -> HighlightItem:
    """Decide a proposed (or earlier confirmed) KPI is not a highlight item this cycle."""
    _refuse_unless(item, {Status.PROPOSED, Status.CONFIRMED}, "dismissed")
    if item.commentary_received_at is not None:
        raise ValidationError(
            f"{item.kpi.reference}'s key contact has already sent its commentary, so it stays a "
            "highlight item."
        )
    return _change(
        item, by=by, note="Highlight item dismissed", status=Status.DISMISSED, decided_by=by,
        decided_at=timezone.now(),
    )  # fmt: skip


@dataclass(frozen=True)
class CommentaryRequest:
    """Who was emailed, for which items, and which items could not be requested and why."""

    emailed: tuple[Person, ...]
    requested: tuple[HighlightItem, ...]
    skipped: tuple[str, ...]


def _reachable(person: Person) -> bool:
    return bool(person.email) and person.is_active


def _link(path: str) -> str:
    return getattr(settings, "QUARTERLY_BASE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _request_email(person: Person, items: list[HighlightItem], by: Any) -> EmailMessage:
    cycle = items[0].cycle
    label = cycle.period.label
    if len(items) == 1:
        subject = f"Commentary requested: {items[0].kpi.reference} is a {label} highlight item"
    else:
        subject = f"Commentary requested for {len(items)} {label} highlight items"
    lines = [
        f"Hello {person.first_name or person},",
        "",
        f"The performance team has picked "
        f"{'this KPI as a highlight item' if len(items) == 1 else 'these KPIs as highlight items'}"
        f" for the {label} performance report. Please tell us the reasons for the result and "
        "the actions being taken.",
        "",
    ]
    for item in items:
        lines.append(f"- {item.kpi.reference} {item.kpi.title}")
        lines += [f"  Why: {reason}" for reason in item.reasons]
        lines.append(f"  {_link(reverse('highlights:commentary', args=[item.pk]))}")
    lines += ["", f"Quarterly, {cycle.organisation.name}'s performance management system"]
    reply_to = getattr(by, "email", "") or ""
    return EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        reply_to=[reply_to] if reply_to else None,
    )


@transaction.atomic
def highlights_request_commentary(*, items: Sequence[HighlightItem], by: Any) -> CommentaryRequest:
    """Email each key contact once, listing all their confirmed items, and record the request.

    Items not confirmed, already answered, or without a key contact with an email address are
    skipped, each with the reason.
    """
    pks = [item.pk for item in items]
    locked = list(
        HighlightItem.objects.select_for_update(of=("self",))
        .filter(pk__in=pks)
        .select_related("kpi", "cycle", "cycle__organisation")
        .prefetch_related(
            Prefetch("kpi__key_contacts", queryset=Person.objects.order_by("last_name"))
        )
        .order_by("kpi__reference")
    )
    skipped = []
    wanted: dict[Person, list[HighlightItem]] = defaultdict(list)
    requested = []
    for item in locked:
        reference = item.kpi.reference
        contacts = [p for p in item.kpi.key_contacts.all() if _reachable(p)]
        if item.status != Status.CONFIRMED:
            skipped.append(f"{reference} is {item.get_status_display().lower()}, not confirmed.")
        elif item.commentary_received_at is not None:
            skipped.append(f"{reference}'s commentary has already been received.")
        elif not contacts:
            skipped.append(
                f"{reference} has no key contact with an email address: add one in the register."
            )
        else:
            requested.append(item)
            for person in contacts:
                wanted[person].append(item)
    now = timezone.now()
    for item in requested:
        _change(
            item, by=by, note="Commentary requested from the key contacts",
            commentary_requested_at=now,
        )  # fmt: skip
    for person, person_items in wanted.items():
        _request_email(person, person_items, by).send()
    return CommentaryRequest(tuple(wanted), tuple(requested), tuple(skipped))


def highlight_request_commentary(*, item: HighlightItem, by: Any) -> CommentaryRequest:
    """Ask one item's key contacts for its commentary; refuse, saying why, if it cannot be."""
    request = highlights_request_commentary(items=[item], by=by)
    if request.skipped:
        raise ValidationError(list(request.skipped))
    return request


@transaction.atomic
def highlight_commentary_submit(
    *, item: HighlightItem, reasons_for_result: str, actions_being_taken: str, by: Any
) -> HighlightItem:
    """The key contact's commentary on a confirmed highlight item: why, and what is being done."""
    reasons_for_result = reasons_for_result.strip()
    actions_being_taken = actions_being_taken.strip()
    errors = {}
    if not reasons_for_result:
        errors["reasons_for_result"] = "Enter the reasons for the result."
    if not actions_being_taken:
        errors["actions_being_taken"] = "Enter the actions being taken."
    if errors:
        raise ValidationError(errors)
    _refuse_unless(item, {Status.CONFIRMED}, "given commentary")
    return _change(
        item, by=by, note="Highlight commentary received", reasons_for_result=reasons_for_result,
        actions_being_taken=actions_being_taken, commentary_received_at=timezone.now(),
    )  # fmt: skip
