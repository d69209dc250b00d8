"""The yearly review of the KPI list with CLT and the Scrutiny Chairs, and the coverage gaps it
looks at: for each directorate, the services with no active KPI and the active KPIs with no
agreed target for the year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.core import clock
from quarterly.core.audit import audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import financial_year_label
from quarterly.organisation.models import Directorate, Organisation, Service
from quarterly.register.models import KPI, KPIListReview, Target, TargetProposal

# The frozen summary's sections, in the order a review shows them.
CHANGE_KINDS = (
    ("added", "KPIs added"),
    ("retired", "KPIs retired"),
    ("definitions", "Definitions changed"),
    ("targets", "Targets set or changed"),
)
REVIEW_AUDITED_FIELDS = ("financial_year", "agreed_on", "agreed_by", "notes", "changes")


def kpi_list_changes(
    *, organisation: Organisation, since: dt.datetime | None
) -> dict[str, list[str]]:
    """What changed in the KPI list since `since` (all recorded history when None), from the
    audit trail: KPIs added, retired, their definitions changed, targets set or changed. Each
    KPI is named once per section, as it is called now ("AH-01 People helped at home")."""
    kpis = {k.pk: k for k in KPI.objects.filter(organisation=organisation)}
    types = ContentType.objects.get_for_models(KPI, Target)
    entries = AuditEntry.objects.filter(
        kpi_id__in=list(kpis), target_type__in=list(types.values())
    ).order_by("at", "id")
    if since is not None:
        entries = entries.filter(at__gt=since)
    found: dict[str, set[int]] = {kind: set() for kind, _ in CHANGE_KINDS}
    for entry in entries.only("kpi_id", "target_type_id", "action", "changes"):
        kpi_id = entry.kpi_id
        if kpi_id is None:
            continue
        if entry.target_type_id == types[Target].pk:
            found["targets"].add(kpi_id)
        elif entry.action == AuditEntry.Action.CREATE:
            found["added"].add(kpi_id)
        else:
            status = entry.changes.get("status")
            if status and status[1] == KPI.Status.RETIRED:
                found["retired"].add(kpi_id)
            if "definition" in entry.changes:
                found["definitions"].add(kpi_id)
    return {
        kind: sorted(f"{kpis[pk].reference} {kpis[pk].title}" for pk in ids)
        for kind, ids in found.items()
    }


@transaction.atomic
def kpi_list_review_record(
    *,
    organisation: Organisation,
    financial_year: int,
    agreed_on: dt.date,
    agreed_by: str,
    notes: str = "",
    by: Any,
) -> KPIListReview:
    """Record the year's review of the KPI list, with what changed since the previous review
    was recorded, worked out now and kept as it is."""
    errors: dict[str, str] = {}
    if agreed_on > clock.today():
        errors["agreed_on"] = "The date the list was agreed must be today or in the past."
    if KPIListReview.objects.filter(
        organisation=organisation, financial_year=financial_year
    ).exists():
        errors["financial_year"] = (
            f"The review of the KPI list for {financial_year_label(financial_year)} is "
            "already recorded."
        )
    if errors:
        raise ValidationError(errors)
    previous = (
        KPIListReview.objects.filter(organisation=organisation).order_by("-created_at").first()
    )
    since = previous.created_at if previous else None
    review = KPIListReview(
        organisation=organisation, financial_year=financial_year, agreed_on=agreed_on,
        agreed_by=agreed_by.strip(), notes=notes.strip(), recorded_by=by,
        changes=kpi_list_changes(organisation=organisation, since=since), changes_since=since,
    )  # fmt: skip
    review.full_clean()
    review.save()
    snapshot = audit_snapshot(review, REVIEW_AUDITED_FIELDS[:-1])
    snapshot["changes"] = "; ".join(
        f"{label}: {len(review.changes.get(kind, []))}" for kind, label in CHANGE_KINDS
    )
    audit_record(
        actor=by, target=review, action=AuditEntry.Action.CREATE,
        changes={name: [None, value] for name, value in snapshot.items()},
        note="KPI list review recorded",
    )  # fmt: skip
    return review


@dataclass
class DirectorateGaps:
    directorate: Directorate
    services_without_kpis: list[Service] = field(default_factory=list)
    kpis_without_target: list[tuple[KPI, TargetProposal | None]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.services_without_kpis or self.kpis_without_target)


def coverage_gaps(*, organisation: Organisation, financial_year: int) -> list[DirectorateGaps]:
    """For each directorate: its services with no active KPI, and its active KPIs (not
    trackers) with no agreed target for the year, each with its pending proposal if any.
    Four queries, whatever the number of KPIs."""
    directorates = list(organisation.directorates.prefetch_related("services"))
    kpis = list(
        KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
        .select_related("service")
        .order_by("reference")
    )
    agreed = set(
        Target.objects.filter(kpi__in=kpis, financial_year=financial_year).values_list(
            "kpi_id", flat=True
        )
    )
    proposals = {
        p.kpi_id: p
        for p in TargetProposal.objects.filter(kpi__in=kpis, financial_year=financial_year)
    }
    gaps = {d.pk: DirectorateGaps(d) for d in directorates}
    served: set[int] = set()
    for kpi in kpis:
        if kpi.service_id:
            served.add(kpi.service_id)
        if not kpi.is_tracker and kpi.pk not in agreed and kpi.directorate_id in gaps:
            gaps[kpi.directorate_id].kpis_without_target.append((kpi, proposals.get(kpi.pk)))
    for directorate in directorates:
        gaps[directorate.pk].services_without_kpis = [
            s for s in directorate.services.all() if s.pk not in served
        ]
    return [gaps[d.pk] for d in directorates]
