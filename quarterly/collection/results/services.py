"""Writes to the KPI Data Record. Every change is checked against the rules and audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quarterly.collection.results.consistency import median
from quarterly.collection.results.models import Result
from quarterly.collection.results.recalculations import recalculations_suggest
from quarterly.collection.results.rules import ResultValues, result_breaches
from quarterly.core.audit import audit_diff, audit_record, audit_record_many, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI

RESULT_AUDITED_FIELDS = (
    "value", "numerator", "denominator", "lower_ci", "upper_ci", "missing_reason", "status",
    "commentary", "data_quality_note",
)  # fmt: skip


@dataclass(frozen=True)
class Checking:
    """What an upload tells the checks beyond one row: the rounding its counts declare (None:
    the KPI's own), and its other rows' values, by KPI and period, which stand in for the stored
    ones when the KPI's usual level is worked out (`kpi_history_median`)."""

    counts_rounded_to: int | None = None
    file_values: Mapping[tuple[int, Period], Decimal | None] = field(default_factory=dict)


def kpi_history_median(
    *, kpi: KPI, period: Period, file_values: Mapping[tuple[int, Period], Decimal | None]
) -> Decimal | None:
    """The median of the KPI's values for its other periods, as they will be once the upload
    carrying `file_values` is in (one query)."""
    values: dict[Period, Decimal | None] = {
        Period(PeriodKind(kind), start): value
        for kind, start, value in Result.objects.filter(kpi=kpi).values_list(
            "period_kind", "period_start", "value"
        )
    }
    values.update({p: v for (kpi_id, p), v in file_values.items() if kpi_id == kpi.pk})
    values.pop(period, None)
    return median(values.values())


def result_check(
    *,
    kpi: KPI,
    fields: Mapping[str, Any],
    period: Period | None = None,
    checking: Checking | None = None,
) -> None:
    """Raise ValidationError, keyed by field, if the values break a rule for the KPI's unit.

    With the `period`, a percentage sent as a proportion is recognised by the KPI's other
    results too (`consistency`); `checking` brings an upload's rounding and other rows."""
    checking = checking or Checking()
    value = fields.get("value")
    history = None
    if period is not None and kpi.unit == "percentage" and value is not None and value <= 1:
        history = kpi_history_median(kpi=kpi, period=period, file_values=checking.file_values)
    breaches = result_breaches(
        ResultValues(
            unit=kpi.unit,
            value=value,
            numerator=fields.get("numerator"),
            denominator=fields.get("denominator"),
            lower_ci=fields.get("lower_ci"),
            upper_ci=fields.get("upper_ci"),
            missing_reason=str(fields.get("missing_reason") or ""),
            rate_per=kpi.rate_per,
            counts_rounded_to=checking.counts_rounded_to or kpi.counts_rounded_to,
            standardised_rate=kpi.standardised_rate,
            history_median=history,
        )
    )
    if breaches:
        errors: dict[str, list[str]] = {}
        for breach in breaches:
            errors.setdefault(breach.field, []).append(breach.message)
        raise ValidationError(errors)


@transaction.atomic
def result_save(
    *, kpi: KPI, period: Period, fields: Mapping[str, Decimal | str | None], by: Any, note: str = ""
) -> Result:
    """Record a KPI's result for a period, or revise the one already there (keeping its history)."""
    result = (
        Result.objects.select_for_update()
        .filter(kpi=kpi, period_kind=period.kind.value, period_start=period.start)
        .first()
    )
    if (
        result is not None
        and result.value is None
        and fields.get("value") is not None
        and "missing_reason" not in fields
    ):
        # A value for a period that had none: the reason it had none no longer holds.
        fields = {**fields, "missing_reason": ""}
    result_check(kpi=kpi, fields=fields, period=period)
    creating = result is None
    if result is None:
        result = Result(
            kpi=kpi, period_kind=period.kind.value, period_start=period.start, period_end=period.end
        )
    before = {} if creating else audit_snapshot(result, RESULT_AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(result, name, value)
    if by is not None and getattr(by, "is_authenticated", False):
        result.submitted_by = by
    changes = audit_diff(before, audit_snapshot(result, RESULT_AUDITED_FIELDS))
    if not creating and changes:
        result.version += 1
    result.full_clean()
    result.save()
    audit_record(
        actor=by,
        target=result,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=changes,
        kpi_id=kpi.pk,
        note=note,
    )
    recalculations_suggest(kpi=kpi)
    return result


@transaction.atomic
def results_save_many(
    *,
    rows: Sequence[tuple[KPI, Period, Mapping[str, Any]]],
    by: Any,
    note: str = "",
) -> tuple[int, int]:
    """Record many results at once (imports, the demo): two queries per thousand rows, not per row.

    The caller has checked every row with `result_check` or the rules; each new or changed row
    still gets its audit entry. Returns (created, revised).
    """
    kpi_ids = {kpi.pk for kpi, _, _ in rows}
    existing = {
        (r.kpi_id, r.period_kind, r.period_start): r
        for r in Result.objects.select_for_update().filter(kpi_id__in=kpi_ids)
    }
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    new: list[Result] = []
    changed: list[tuple[Result, dict[str, list[str | None]]]] = []
    now = timezone.now()  # bulk_update does not fill in auto_now fields itself
    for kpi, period, fields in rows:
        result = existing.get((kpi.pk, period.kind.value, period.start))
        if result is None:
            result = Result(
                kpi=kpi,
                period_kind=period.kind.value,
                period_start=period.start,
                period_end=period.end,
                submitted_by=actor,
                **fields,
            )
            new.append(result)
            continue
        before = audit_snapshot(result, RESULT_AUDITED_FIELDS)
        for name, value in fields.items():
            setattr(result, name, value)
        changes = audit_diff(before, audit_snapshot(result, RESULT_AUDITED_FIELDS))
        if changes:
            result.version += 1
            result.updated_at = now
            changed.append((result, changes))
    Result.objects.bulk_create(new, batch_size=500)
    Result.objects.bulk_update(
        [r for r, _ in changed], [*RESULT_AUDITED_FIELDS, "version", "updated_at"], batch_size=500
    )
    audit_record_many(
        actor=by,
        entries=[
            (r, AuditEntry.Action.CREATE, audit_diff({}, audit_snapshot(r, RESULT_AUDITED_FIELDS)))
            for r in new
        ]
        + [(r, AuditEntry.Action.UPDATE, changes) for r, changes in changed],
        note=note,
    )
    return len(new), len(changed)
