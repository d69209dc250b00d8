"""Writes to the benchmark values. Imports arrive in bulk, so the service works in bulk.

Benchmark values are published national statistics, not the council's own records: they are
replaced wholesale when a source republishes, so they are not in the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from quarterly.benchmarking.models import BenchmarkValue, NationalIndicator, NationalValue
from quarterly.benchmarking.national_bulk import (
    NATIONAL_FIELDS,
    ONS_AREA_CODE,
    NationalSpool,
    NationalValueRow,
    Progress,
    national_values_copy,
)
from quarterly.core.audit import audit_diff, audit_record, audit_record_many, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.register.models import KPI

UPDATED_FIELDS = ["area_name", "value", "lower_ci", "upper_ci", "source", "updated_at"]


@dataclass(frozen=True)
class BenchmarkRow:
    """One area's value for one KPI and period, as an import reads it."""

    kpi: KPI
    period: Period
    area_code: str
    area_name: str
    value: Decimal
    source: str
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None


def _problems(row: BenchmarkRow) -> list[str]:
    where = f"{row.kpi.reference} {row.period.label} {row.area_code}"
    problems = []
    if not ONS_AREA_CODE.fullmatch(row.area_code):
        problems.append(f"{where}: the area code must be an ONS code such as E92000001.")
    if row.lower_ci is not None and row.upper_ci is not None and row.lower_ci > row.upper_ci:
        problems.append(f"{where}: the lower confidence limit is above the upper one.")
    return problems


@transaction.atomic
def benchmark_values_save_many(*, rows: Sequence[BenchmarkRow]) -> int:
    """Add or replace benchmark values, one statement per 500 rows; all or nothing.

    A row for a KPI, period and area already stored replaces the stored value. Returns the
    number of rows written.
    """
    problems = [problem for row in rows for problem in _problems(row)]
    seen: set[tuple[int, str, object, str]] = set()
    values = []
    for row in rows:
        key = (row.kpi.pk, row.period.kind.value, row.period.start, row.area_code)
        if key in seen:
            problems.append(f"{row.kpi.reference} {row.period.label} {row.area_code}: given twice.")
        seen.add(key)
        value = BenchmarkValue(
            kpi=row.kpi,
            period_kind=row.period.kind.value,
            period_start=row.period.start,
            area_code=row.area_code,
            area_name=row.area_name,
            value=row.value,
            lower_ci=row.lower_ci,
            upper_ci=row.upper_ci,
            source=row.source,
        )
        try:
            # Constraints are checked by the database in the one bulk statement below.
            value.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            where = f"{row.kpi.reference} {row.period.label} {row.area_code}"
            problems.extend(f"{where}: {message}" for message in error.messages)
        values.append(value)
    if problems:
        raise ValidationError(problems)
    BenchmarkValue.objects.bulk_create(
        values,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["kpi", "period_kind", "period_start", "area_code"],
        update_fields=UPDATED_FIELDS,
    )
    return len(values)


# National values: every area's published values of a national indicator, imported in bulk
# from a spool of checked values (see national_bulk). Each import is audited once per indicator
# it adds or changes.

BATCH_SIZE = 2000


@dataclass(frozen=True)
class NationalIndicatorRow:
    """An indicator as a file names it. `polarity` is None when the file does not say (a
    Fingertips export never does): the polarity stored, perhaps recorded by the performance
    team, is then kept."""

    code: str
    name: str
    polarity: str | None = ""
    unit_note: str = ""


@dataclass
class NationalSaved:
    added: int = 0
    changed: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return (
            f"National values: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged."
        )


def _no_progress(done: int, total: int | None) -> None:
    pass


@transaction.atomic
def national_values_save(
    *,
    source: str,
    indicators: Sequence[NationalIndicatorRow],
    values: NationalSpool,
    by: Any,
    progress: Progress = _no_progress,
) -> NationalSaved:
    """Add or update the indicators and the values spooled (each checked as it was spooled);
    all or nothing. A value stored already with the same figures is left alone, so importing
    the same file twice changes nothing. On PostgreSQL the values are loaded by COPY; elsewhere
    BATCH_SIZE rows a statement. `progress` is told how many values are written."""
    stored = {i.code: i for i in NationalIndicator.objects.filter(source=source)}
    entries: list[tuple[Any, str, dict[str, list[str | None]]]] = []
    for wanted in indicators:
        indicator = stored.get(wanted.code)
        after = {"name": wanted.name, "unit_note": wanted.unit_note}
        if wanted.polarity is not None:
            after["polarity"] = wanted.polarity
        if indicator is None:
            indicator = NationalIndicator(source=source, code=wanted.code, **after)
            indicator.full_clean()
            indicator.save()
            stored[wanted.code] = indicator
            entries.append((indicator, AuditEntry.Action.CREATE, {"name": [None, wanted.name]}))
            continue
        before = audit_snapshot(indicator, after)
        for name, value in after.items():
            setattr(indicator, name, value)
        changes = audit_diff(before, audit_snapshot(indicator, after))
        if changes:
            indicator.full_clean()
            indicator.save(update_fields=[*after, "updated_at"])
            entries.append((indicator, AuditEntry.Action.UPDATE, changes))
    per_indicator: dict[str, NationalSaved] = {}
    if connection.vendor == "postgresql":
        codes = {indicator.pk: code for code, indicator in stored.items()}
        counts = national_values_copy(
            source=source, spool=values, now=timezone.now(), progress=progress
        )
        for pk, (added, changed) in counts.items():
            per_indicator[codes[pk]] = NationalSaved(added, changed)
    else:
        batch: list[NationalValueRow] = []
        done = 0
        for row in values.rows():
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                _national_batch_save(batch, stored, per_indicator)
                done += len(batch)
                progress(done, values.count)
                batch = []
        _national_batch_save(batch, stored, per_indicator)
        progress(values.count, values.count)
    saved = NationalSaved()
    for code, counts_of in per_indicator.items():
        saved.added += counts_of.added
        saved.changed += counts_of.changed
        if counts_of.added or counts_of.changed:
            summary = f"{counts_of.added} added, {counts_of.changed} changed"
            entries.append((stored[code], AuditEntry.Action.UPDATE, {"values": [None, summary]}))
    saved.unchanged = values.count - saved.added - saved.changed
    audit_record_many(actor=by, entries=entries, note=f"National values imported ({source})")
    return saved


def _national_batch_save(
    batch: list[NationalValueRow],
    indicators: dict[str, NationalIndicator],
    per_indicator: dict[str, NationalSaved],
) -> None:
    if not batch:
        return
    existing = {
        (
            value.indicator.code, value.area_code, value.period_kind, value.period_start,
            value.sex, value.age, value.category_type, value.category,
        ): value
        for value in NationalValue.objects.filter(
            indicator__in={indicators[row.indicator_code].pk for row in batch},
            area_code__in={row.area_code for row in batch},
            period_start__in={row.period.start for row in batch},
        ).select_related("indicator")
    }  # fmt: skip
    added, changed = [], []
    for row in batch:
        counts = per_indicator.setdefault(row.indicator_code, NationalSaved())
        value = existing.get(row.key)
        if value is None:
            added.append(
                NationalValue(
                    indicator=indicators[row.indicator_code], area_code=row.area_code,
                    period_kind=row.period.kind.value, period_start=row.period.start, sex=row.sex,
                    age=row.age, category_type=row.category_type, category=row.category,
                    **row.fields,
                )
            )  # fmt: skip
            counts.added += 1
        elif any(getattr(value, name) != row.fields[name] for name in NATIONAL_FIELDS):
            for name in NATIONAL_FIELDS:
                setattr(value, name, row.fields[name])
            changed.append(value)
            counts.changed += 1
    NationalValue.objects.bulk_create(added, batch_size=BATCH_SIZE)
    NationalValue.objects.bulk_update(
        changed, [*NATIONAL_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )


@transaction.atomic
def national_indicator_polarity_set(
    *, indicator: NationalIndicator, polarity: str, by: Any
) -> NationalIndicator:
    """Record which way is better for an indicator whose publisher does not say (Fingertips'
    exports, the LG Inform compilations): ranks and "better"/"worse" follow it. Unchanged, it
    is not written."""
    before = audit_snapshot(indicator, ["polarity"])
    indicator.polarity = polarity
    indicator.full_clean()
    changes = audit_diff(before, audit_snapshot(indicator, ["polarity"]))
    if changes:
        indicator.save(update_fields=["polarity", "updated_at"])
        audit_record(
            actor=by, target=indicator, action=AuditEntry.Action.UPDATE, changes=changes,
            note="National indicator polarity recorded",
        )  # fmt: skip
    return indicator
