"""Writes to the KPI Register. Each change is validated and audited in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from quarterly.core.audit import audit_diff, audit_record, audit_snapshot, audit_value
from quarterly.core.models import AuditEntry
from quarterly.register.models import KPI, Pillar, Target

# The fields a KPI's history shows; many-to-many fields are recorded as sorted lists.
KPI_AUDITED_FIELDS = (
    "reference", "title", "definition", "purpose", "unit", "rate_per", "decimal_places", "polarity",
    "frequency", "comparator", "data_source", "source_url", "known_weaknesses", "availability",
    "baseline", "baseline_period", "directorate", "service", "accountable_officer", "scrutiny_board",
    "in_ambition_scorecard", "benchmark_indicators", "measures", "assurance_type", "portfolio",
    "illustrative", "status",
)  # fmt: skip
TARGET_TERMS = ("kind", "value", "tolerance", "direction")
TARGET_AUDITED_FIELDS = (*TARGET_TERMS, "basis", "agreed_by")


def _kpi_snapshot(kpi: KPI) -> dict[str, str | None]:
    snapshot = audit_snapshot(kpi, KPI_AUDITED_FIELDS)
    if kpi.pk:
        snapshot["pillars"] = audit_value([p.name for p in kpi.pillars.all()])
        snapshot["key_contacts"] = audit_value([str(p) for p in kpi.key_contacts.all()])
    return snapshot


def _stored_values(instance: Model) -> dict[str, Any]:
    """The row's column values as `save()` would write them, but for its timestamps."""
    return {
        field.attname: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in {"created_at", "updated_at"}
    }


def _relation_changes(kpi: KPI, **wanted: Iterable[Any] | None) -> dict[str, list[Any]]:
    """The many-to-many relations (pillars, key contacts) that `wanted` would change."""
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
    key_contacts: Iterable[Any] | None = None,
    by: Any,
    note: str = "",
) -> KPI:
    """Create a KPI (when it has no primary key yet) or change it, and record the change.

    `kpi` is the KPI as stored and `fields` the values to give it. A KPI that would not change
    is validated but not written, so its `updated_at` and history stay as they are.
    """
    creating = kpi.pk is None
    before = {} if creating else _kpi_snapshot(kpi)
    stored = {} if creating else _stored_values(kpi)
    for name, value in fields.items():
        setattr(kpi, name, value)
    kpi.full_clean(validate_unique=True)
    relations = _relation_changes(kpi, pillars=pillars, key_contacts=key_contacts)
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
