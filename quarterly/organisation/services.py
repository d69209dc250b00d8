"""Writes to the council's own pages, audited and guarded against lost updates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from quarterly.core.audit import audit_diff, audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.records import record_delete, record_save
from quarterly.organisation.models import (
    Committee,
    Directorate,
    Organisation,
    Person,
    ReportingGuidance,
    Role,
    RoleAssignment,
    Service,
)

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


# Administration of the council's structure by the performance team: every change goes through
# `core.records`, so it is validated, version-guarded and audited in one transaction.
ADMIN_NOTE = "Register administration"
DIRECTORATE_FIELDS = ("name",)
SERVICE_FIELDS = ("name", "directorate")
COMMITTEE_FIELDS = ("name", "kind", "directorate", "remit")
PERSON_FIELDS = ("first_name", "last_name", "email", "job_title", "directorate", "is_active")
ROLE_FIELDS = ("person", "role", "directorate", "committee")


_PLURAL = {"person": "people"}


def _in_use(name: str, uses: dict[str, int], advice: str) -> ValidationError:
    words = " and ".join(
        f"{n} {label if n == 1 else _PLURAL.get(label, label + 's')}"
        for label, n in uses.items()
        if n
    )
    return ValidationError(f"{name} cannot be deleted: it is used by {words}. {advice}")


def directorate_save(
    *, directorate: Directorate, name: str, by: Any, version: str | None = None
) -> Directorate:
    """Add a directorate (with no primary key yet) or rename one; its slug follows its name."""
    fields = {"name": name.strip(), "slug": slugify(name)[:80]}
    return record_save(
        instance=directorate, fields=fields, audited=DIRECTORATE_FIELDS, by=by, version=version,
        note=ADMIN_NOTE,
    )  # fmt: skip


def directorate_delete(*, directorate: Directorate, by: Any) -> None:
    """Delete a directorate nothing uses: no KPI, service, committee or person."""
    uses = {
        "KPI": directorate.kpis.count(),  # type: ignore[attr-defined]
        "service": directorate.services.count(),
        "committee": directorate.committees.count(),
        "person": directorate.people.count(),
    }
    if any(uses.values()):
        raise _in_use(directorate.name, uses, "Move them to another directorate first.")
    record_delete(instance=directorate, audited=DIRECTORATE_FIELDS, by=by, note=ADMIN_NOTE)


def service_save(
    *, service: Service, name: str, directorate: Directorate, by: Any, version: str | None = None
) -> Service:
    """Add a service area (with no primary key yet) or change one."""
    return record_save(
        instance=service, fields={"name": name.strip(), "directorate": directorate},
        audited=SERVICE_FIELDS, by=by, version=version, note=ADMIN_NOTE,
    )  # fmt: skip


def service_delete(*, service: Service, by: Any) -> None:
    """Delete a service area no KPI uses."""
    kpis = service.kpis.count()  # type: ignore[attr-defined]
    if kpis:
        raise _in_use(service.name, {"KPI": kpis}, "Move them to another service first.")
    record_delete(instance=service, audited=SERVICE_FIELDS, by=by, note=ADMIN_NOTE)


def committee_save(
    *, committee: Committee, fields: dict[str, Any], by: Any, version: str | None = None
) -> Committee:
    """Add a committee (with no primary key yet) or change one: its name, kind, directorate (for
    a Directorate Management Team) and remit. Its slug follows its name."""
    name = str(fields.get("name", committee.name)).strip()
    if fields.get("kind", committee.kind) == Committee.Kind.DMT:
        if not fields.get("directorate", committee.directorate):
            raise ValidationError(
                {"directorate": "Choose the directorate of this Directorate Management Team."}
            )
    return record_save(
        instance=committee, fields={**fields, "name": name, "slug": slugify(name)[:80]},
        audited=COMMITTEE_FIELDS, by=by, version=version, note=ADMIN_NOTE,
    )  # fmt: skip


@transaction.atomic
def person_save(
    *, person: Person, fields: dict[str, Any], by: Any, version: str | None = None
) -> Person:
    """Add a person (with no primary key yet: they sign in with their email address once they
    have set a password) or change one. The email address is unique."""
    email = str(fields.get("email", person.email)).strip()
    clash = Person.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()
    if email and clash:
        raise ValidationError({"email": f'Someone else already has the email address "{email}".'})
    if person.pk is None:
        person.username = email
        person.set_unusable_password()
    return record_save(
        instance=person, fields={**fields, "email": email}, audited=PERSON_FIELDS, by=by,
        version=version, note=ADMIN_NOTE,
    )  # fmt: skip


def person_deactivate(*, person: Person, by: Any) -> Person:
    """Stop a person signing in, keeping them (and the history that names them)."""
    return record_save(
        instance=person, fields={"is_active": False}, audited=PERSON_FIELDS, by=by,
        note=ADMIN_NOTE,
    )  # fmt: skip


@transaction.atomic
def role_add(
    *,
    person: Person,
    role: str,
    directorate: Directorate | None = None,
    committee: Committee | None = None,
    by: Any,
) -> RoleAssignment:
    """Give a person a role, for all the council or limited to one directorate or committee."""
    if directorate is not None and committee is not None:
        raise ValidationError("Limit the role to a directorate or a committee, not both.")
    if role == Role.ELECTED_MEMBER and committee is None:
        raise ValidationError({"committee": "Choose the committee this member sits on."})
    if role == Role.DIRECTORATE_TEAM and directorate is None:
        raise ValidationError({"directorate": "Choose the directorate this team works for."})
    exists = RoleAssignment.objects.filter(
        person=person, role=role, directorate=directorate, committee=committee
    ).exists()
    if exists:
        raise ValidationError(f"{person} already has this role.")
    assignment = RoleAssignment(person=person, role=role, directorate=directorate,
                                committee=committee)  # fmt: skip
    return record_save(instance=assignment, fields={}, audited=ROLE_FIELDS, by=by, note=ADMIN_NOTE)


def role_remove(*, assignment: RoleAssignment, by: Any) -> None:
    """Take a role away from a person."""
    record_delete(instance=assignment, audited=ROLE_FIELDS, by=by, note=ADMIN_NOTE)
