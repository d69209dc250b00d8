"""Writes to the KPI Register. Each change is validated and audited in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.core.audit import audit_diff, audit_record, audit_snapshot, audit_value
from quarterly.core.models import AuditEntry
from quarterly.register.models import KPI, Pillar, Target

# The fields a KPI's history shows; many-to-many fields are recorded as sorted lists.
KPI_AUDITED_FIELDS = (
    "reference", "title", "definition", "purpose", "unit", "rate_per", "decimal_places", "polarity",
    "frequency", "comparator", "data_source", "source_url", "known_weaknesses", "availability",
    "baseline", "baseline_period", "directorate", "service", "accountable_officer", "scrutiny_board",
    "in_ambition_scorecard", "benchmark_indicators", "illustrative", "status",
)  # fmt: skip
TARGET_AUDITED_FIELDS = ("kind", "value", "tolerance", "direction")


def _kpi_snapshot(kpi: KPI) -> dict[str, str | None]:
    snapshot = audit_snapshot(kpi, KPI_AUDITED_FIELDS)
    if kpi.pk:
        snapshot["pillars"] = audit_value([p.name for p in kpi.pillars.all()])
        snapshot["key_contacts"] = audit_value([str(p) for p in kpi.key_contacts.all()])
    return snapshot


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
    """Create a KPI (when it has no primary key yet) or change it, and record the change."""
    creating = kpi.pk is None
    before = {} if creating else _kpi_snapshot(kpi)
    for name, value in fields.items():
        setattr(kpi, name, value)
    kpi.full_clean(validate_unique=True)
    kpi.save()
    if pillars is not None:
        kpi.pillars.set(list(pillars))
    if key_contacts is not None:
        kpi.key_contacts.set(list(key_contacts))
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
) -> Target:
    """Set a KPI's target for a financial year: a value (with tolerance) or a direction."""
    if kpi.is_tracker:
        raise ValidationError(f"{kpi.reference} is a tracker: trackers have no targets.")
    target = Target.objects.filter(kpi=kpi, financial_year=financial_year).first()
    creating = target is None
    if target is None:
        target = Target(kpi=kpi, financial_year=financial_year)
    before = {} if creating else audit_snapshot(target, TARGET_AUDITED_FIELDS)
    target.kind = Target.Kind.DIRECTION if direction else Target.Kind.VALUE
    target.value = value
    target.tolerance = tolerance
    target.direction = direction
    target.full_clean()
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
