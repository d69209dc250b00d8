"""Writes to the KPI Register. Each change is validated and audited in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from quarterly.core.audit import (
    audit_diff,
    audit_record,
    audit_snapshot,
    audit_value,
    record_fingerprint,
)
from quarterly.core.models import AuditEntry
from quarterly.core.records import StaleRecord, record_delete, record_save
from quarterly.organisation.models import Committee, Directorate
from quarterly.places.models import ComparatorGroup
from quarterly.register.models import KPI, CommitteeRemit, Pillar, Priority, Target
from quarterly.register.rules import reference_in_use

# The fields a KPI's history shows; many-to-many fields are recorded as sorted lists.
KPI_AUDITED_FIELDS = (
    "reference", "title", "definition", "purpose", "unit", "rate_per", "decimal_places",
    "counts_rounded_to", "standardised_rate", "polarity",
    "frequency", "comparator", "data_source", "source_url", "known_weaknesses", "availability",
    "baseline", "baseline_period", "directorate", "service", "accountable_officer", "scrutiny_board",
    "in_ambition_scorecard", "benchmark_indicators", "measures", "assurance_type", "portfolio",
    "illustrative", "status", "national_indicator", "national_sex", "national_age",
)  # fmt: skip
TARGET_TERMS = ("kind", "value", "tolerance", "direction")
TARGET_AUDITED_FIELDS = (*TARGET_TERMS, "basis", "agreed_by")


def _kpi_snapshot(kpi: KPI) -> dict[str, str | None]:
    snapshot = audit_snapshot(kpi, KPI_AUDITED_FIELDS)
    if kpi.pk:
        snapshot["pillars"] = audit_value([p.name for p in kpi.pillars.all()])
        snapshot["priorities"] = audit_value([p.name for p in kpi.priorities.all()])
        snapshot["key_contacts"] = audit_value([str(p) for p in kpi.key_contacts.all()])
        snapshot["comparator_groups"] = audit_value([g.name for g in kpi.comparator_groups.all()])
    return snapshot


def kpi_version(kpi: KPI) -> str:
    """A fingerprint of the KPI as stored, with its relations: an edit form carries it, and
    `kpi_save` refuses the edit if the KPI has changed since (someone else saved it)."""
    return record_fingerprint(_kpi_snapshot(kpi))


def _stored_values(instance: Model) -> dict[str, Any]:
    """The row's column values as `save()` would write them, but for its timestamps."""
    return {
        field.attname: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in {"created_at", "updated_at"}
    }


def _relation_changes(kpi: KPI, **wanted: Iterable[Any] | None) -> dict[str, list[Any]]:
    """The many-to-many relations (pillars, priorities, ...) that `wanted` would change."""
    changes: dict[str, list[Any]] = {}
    for name, objects in wanted.items():
        if objects is None:
            continue
        chosen = list(objects)
        current = set(getattr(kpi, name).values_list("pk", flat=True)) if kpi.pk else set()
        if current != {obj.pk for obj in chosen}:
            changes[name] = chosen
    return changes


@transaction.atomic
def kpi_save(
    *,
    kpi: KPI,
    fields: Mapping[str, Any],
    pillars: Iterable[Pillar] | None = None,
    priorities: Iterable[Priority] | None = None,
    key_contacts: Iterable[Any] | None = None,
    comparator_groups: Iterable[ComparatorGroup] | None = None,
    by: Any,
    note: str = "",
    version: str | None = None,
) -> KPI:
    """Create a KPI (when it has no primary key yet) or change it, and record the change.

    `kpi` is the KPI as stored and `fields` the values to give it. A KPI that would not change
    is validated but not written, so its `updated_at` and history stay as they are. `version`,
    from an edit form, is `kpi_version` when the form was opened: if the KPI has changed since,
    StaleRecord is raised and nothing is saved.
    """
    creating = kpi.pk is None
    if not creating and version is not None:
        kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
        if kpi_version(kpi) != version:
            raise StaleRecord
    before = {} if creating else _kpi_snapshot(kpi)
    stored = {} if creating else _stored_values(kpi)
    for name, value in fields.items():
        setattr(kpi, name, value)
    if creating or kpi.reference != stored.get("reference"):
        in_use = reference_in_use(organisation=kpi.organisation, reference=kpi.reference, kpi=kpi)
        if in_use:
            raise ValidationError({"reference": in_use})
    kpi.full_clean(validate_unique=True)
    relations = _relation_changes(
        kpi, pillars=pillars, priorities=priorities, key_contacts=key_contacts,
        comparator_groups=comparator_groups,
    )  # fmt: skip
    if not creating and not relations and _stored_values(kpi) == stored:
        return kpi
    kpi.save()
    for name, objects in relations.items():
        getattr(kpi, name).set(objects)
    after = _kpi_snapshot(kpi)
    audit_record(
        actor=by,
        target=kpi,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=audit_diff(before, after),
        kpi_id=kpi.pk,
        note=note,
    )
    return kpi


@transaction.atomic
def target_set(
    *,
    kpi: KPI,
    financial_year: int,
    value: Decimal | None = None,
    tolerance: Decimal | None = None,
    direction: str = "",
    by: Any,
    note: str = "",
    basis: str = Target.Basis.RECORDED,
) -> Target:
    """Set a KPI's agreed target for a financial year: a value (with tolerance) or a direction.

    The register workbook records targets agreed outside Quarterly (`basis` "recorded", by the
    importer); `register.target_agreement.target_agree` writes the DMT's agreement ("dmt"). A
    recorded target whose terms would not change is not written, so re-importing a workbook
    keeps who agreed each target and its history as they are."""
    if kpi.is_tracker:
        raise ValidationError(f"{kpi.reference} is a tracker: trackers have no targets.")
    target = Target.objects.filter(kpi=kpi, financial_year=financial_year).first()
    creating = target is None
    if target is None:
        target = Target(kpi=kpi, financial_year=financial_year)
    before = {} if creating else audit_snapshot(target, TARGET_AUDITED_FIELDS)
    terms = {} if creating else audit_snapshot(target, TARGET_TERMS)
    target.kind = Target.Kind.DIRECTION if direction else Target.Kind.VALUE
    target.value = value
    target.tolerance = tolerance
    target.direction = direction
    target.full_clean()
    if not creating and basis != Target.Basis.DMT and audit_snapshot(target, TARGET_TERMS) == terms:
        return target  # unchanged: not written, so `updated_at` and the history stay
    is_person = by is not None and getattr(by, "is_authenticated", False)
    target.basis = basis
    target.agreed_by = by if is_person else None
    target.agreed_at = timezone.now()
    target.save()
    audit_record(
        actor=by,
        target=target,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(target, TARGET_AUDITED_FIELDS)),
        kpi_id=kpi.pk,
        note=note,
    )
    return target


S = KPI.Status
# The moves a KPI's status may make: forward through its life, back a step while it is being
# agreed, and a retired KPI brought back.
KPI_STATUS_MOVES: dict[str, set[str]] = {
    S.DEVELOPMENT: {S.PROPOSED},
    S.PROPOSED: {S.ACTIVE, S.DEVELOPMENT},
    S.ACTIVE: {S.RETIRED},
    S.RETIRED: {S.ACTIVE},
}


@transaction.atomic
def kpi_status_change(*, kpi: KPI, to: str, reason: str, by: Any) -> KPI:
    """Move a KPI along its lifecycle, saying why; the history records the move and the reason."""
    reason = reason.strip()
    if to not in KPI_STATUS_MOVES.get(kpi.status, set()):
        allowed = " or ".join(
            S(status).label.lower() for status in sorted(KPI_STATUS_MOVES.get(kpi.status, ()))
        )
        raise ValidationError(
            {"status": f"{kpi.reference} is {kpi.get_status_display().lower()}: it can become "
                       f"{allowed}, not {S(to).label.lower()}."}
        )  # fmt: skip
    if not reason:
        raise ValidationError({"reason": "Enter the reason for the change of status."})
    return kpi_save(
        kpi=kpi, fields={"status": to}, by=by,
        note=f"Status changed to {S(to).label.lower()}: {reason}"[:300],
    )  # fmt: skip


PILLAR_AUDITED_FIELDS = ("name", "order")
PRIORITY_AUDITED_FIELDS = ("name", "pillar", "order")


def pillar_save(
    *, pillar: Pillar, name: str, order: int, by: Any, version: str | None = None
) -> Pillar:
    """Add a pillar (with no primary key yet) or change one; its slug follows its name."""
    fields = {"name": name.strip(), "slug": slugify(name)[:60], "order": order}
    return record_save(
        instance=pillar, fields=fields, audited=PILLAR_AUDITED_FIELDS, by=by, version=version,
        note="Register administration",
    )  # fmt: skip


def pillar_delete(*, pillar: Pillar, by: Any) -> None:
    """Delete a pillar that no KPI or priority uses; one in use is refused, saying where."""
    kpis, priorities = pillar.kpis.count(), pillar.priorities.count()
    if kpis or priorities:
        uses = _count_words(kpis=kpis, priorities=priorities)
        raise ValidationError(
            f"{pillar.name} cannot be deleted: it is used by {uses}. Move them to another pillar first."
        )
    record_delete(
        instance=pillar, audited=PILLAR_AUDITED_FIELDS, by=by, note="Register administration"
    )


def priority_save(
    *, priority: Priority, name: str, pillar: Pillar, order: int, by: Any,
    version: str | None = None,
) -> Priority:  # fmt: skip
    """Add a priority (with no primary key yet) or change one; its slug follows its name."""
    fields = {"name": name.strip(), "slug": slugify(name)[:80], "pillar": pillar, "order": order}
    return record_save(
        instance=priority, fields=fields, audited=PRIORITY_AUDITED_FIELDS, by=by, version=version,
        note="Register administration",
    )  # fmt: skip


def priority_delete(*, priority: Priority, by: Any) -> None:
    """Delete a priority that no KPI uses; one in use is refused."""
    kpis = priority.kpis.count()
    if kpis:
        raise ValidationError(
            f"{priority.name} cannot be deleted: it is used by {_count_words(kpis=kpis)}. "
            "Remove it from them first."
        )
    record_delete(
        instance=priority, audited=PRIORITY_AUDITED_FIELDS, by=by, note="Register administration"
    )


def _count_words(**counts: int) -> str:
    """ "3 KPIs and 1 priority": the things that use a record, in words."""
    singular = {"kpis": "KPI", "priorities": "priority", "services": "service", "people": "person"}
    plural = {
        "kpis": "KPIs",
        "priorities": "priorities",
        "services": "services",
        "people": "people",
    }
    words = [f"{n} {singular[name] if n == 1 else plural[name]}" for name, n in counts.items() if n]
    return " and ".join(words)


class StaleRemit(Exception):
    """Someone else saved the committee's remit after this person opened it."""

    message = (
        "This remit has changed since you opened it. Your changes have not been saved: reload "
        "the page to see the latest remit, then make your changes again."
    )


def _remit_snapshot(remit: CommitteeRemit | None) -> dict[str, str | None]:
    if remit is None or remit.pk is None:
        return {}
    return {
        "pillars": audit_value([p.name for p in remit.pillars.all()]),
        "priorities": audit_value([p.name for p in remit.priorities.all()]),
        "directorates": audit_value([d.name for d in remit.directorates.all()]),
        "kpis": audit_value([k.reference for k in remit.kpis.all()]),
    }


@transaction.atomic
def committee_remit_save(
    *,
    committee: Committee,
    pillars: Iterable[Pillar],
    directorates: Iterable[Directorate],
    kpis: Iterable[KPI],
    version: int | None,
    priorities: Iterable[Priority] = (),
    by: Any,
) -> CommitteeRemit:
    """Set what a committee oversees; `version` is the remit's version the editor opened (None
    if it had none). An unchanged remit is not written."""
    if committee.covers_whole_register:
        raise ValidationError(f"{committee.name} oversees every KPI, so it has no remit to choose.")
    chosen = {
        "pillars": list(pillars), "priorities": list(priorities),
        "directorates": list(directorates), "kpis": list(kpis),
    }  # fmt: skip
    foreign = [str(o) for objects in chosen.values() for o in objects
               if o.organisation_id != committee.organisation_id]  # fmt: skip
    if foreign:
        raise ValidationError(f"These belong to another council: {', '.join(foreign)}.")
    remit = CommitteeRemit.objects.select_for_update().filter(committee=committee).first()
    if (remit.version if remit else None) != version:
        raise StaleRemit
    creating = remit is None
    before = _remit_snapshot(remit)
    if remit is None:
        remit = CommitteeRemit(committee=committee)
        remit.full_clean()
        remit.save()
    current = {name: set(getattr(remit, name).values_list("pk", flat=True)) for name in chosen}
    if not creating and all(current[n] == {o.pk for o in chosen[n]} for n in chosen):
        return remit
    for name, objects in chosen.items():
        getattr(remit, name).set(objects)
    if not creating:
        remit.version += 1
        remit.save(update_fields=["version", "updated_at"])
    audit_record(
        actor=by,
        target=remit,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=audit_diff(before, _remit_snapshot(remit)),
        note=f"Remit of {committee.name}",
    )
    return remit
