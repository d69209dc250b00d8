"""Writes to the council's own pages, audited and guarded against lost updates."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from quarterly.core.audit import audit_diff, audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.organisation.models import Organisation, ReportingGuidance

GUIDANCE_FIELDS = ("body", "contacts")


class StaleGuidance(Exception):
    """Someone else saved the page after this person opened it."""

    message = (
        "This page has changed since you opened it. Your changes have not been saved: reload "
        "the page to see the latest version, then make your changes again."
    )


@transaction.atomic
def guidance_save(
    *, organisation: Organisation, body: str, contacts: str, version: int | None, by: Any
) -> ReportingGuidance:
    """Save the "How performance is reported" page; `version` is the one the editor opened."""
    guidance = (
        ReportingGuidance.objects.select_for_update().filter(organisation=organisation).first()
    )
    if (guidance.version if guidance else None) != version:
        raise StaleGuidance
    creating = guidance is None
    if guidance is None:
        guidance = ReportingGuidance(organisation=organisation)
    before = {} if creating else audit_snapshot(guidance, GUIDANCE_FIELDS)
    guidance.body, guidance.contacts = body, contacts
    changes = audit_diff(before, audit_snapshot(guidance, GUIDANCE_FIELDS))
    if not changes:
        return guidance
    if not creating:
        guidance.version += 1
    guidance.full_clean()
    guidance.save()
    audit_record(
        actor=by,
        target=guidance,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=changes,
        note="How performance is reported",
    )
    return guidance
