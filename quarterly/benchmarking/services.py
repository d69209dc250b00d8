"""Writes to the benchmark values. Imports arrive in bulk, so the service works in bulk.

Benchmark values are published national statistics, not the council's own records: they are
replaced wholesale when a source republishes, so they are not in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.benchmarking.models import BenchmarkValue, NationalIndicator, NationalValue
from quarterly.core.audit import audit_diff, audit_record, audit_record_many, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.register.models import KPI

ONS_AREA_CODE = re.compile(r"[EWSNK]\d{8}")
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


# National values: every area's published values of a national indicator, imported in bulk and
# streamed in batches. Each import is audited once per indicator it adds or changes.

BATCH_SIZE = 2000
NATIONAL_FIELDS = [
    "area_name", "area_type", "value", "missing_reason", "count", "denominator", "lower95",
    "upper95", "lower998", "upper998", "note", "recent_trend", "compared_to_england",
    "compared_to_region",
]  # fmt: skip


@dataclass(frozen=True)
class NationalIndicatorRow:
    """An indicator as a file names it. `polarity` is None when the file does not say (a
    Fingertips export never does): the polarity stored, perhaps recorded by the performance
    team, is then kept."""

    code: str
    name: str
    polarity: str | None = ""
    unit_note: str = ""


@dataclass(frozen=True)
class NationalValueRow:
    """One published value as an import reads it; `fields` holds NATIONAL_FIELDS."""

    indicator_code: str
    area_code: str
    period: Period
    sex: str
    age: str
    category_type: str
    category: str
    fields: dict[str, Any]

    @property
    def key(self) -> tuple[str, str, str, dt.date, str, str, str, str]:
        return (
            self.indicator_code, self.area_code, self.period.kind.value, self.period.start,
            self.sex, self.age, self.category_type, self.category,
        )  # fmt: skip


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


def national_value_problems(row: NationalValueRow) -> list[tuple[str, str]]:
    """What is wrong with one value, as (field, message) pairs."""
    problems = []
    if not ONS_AREA_CODE.fullmatch(row.area_code):
        problems.append(
            (
                "area_code",
                f'"{row.area_code}" is not an ONS area code: it should be a letter and eight '
                "digits, for example E08000035.",
            )
        )
    for level in ("95", "998"):
        lower, upper = row.fields.get(f"lower{level}"), row.fields.get(f"upper{level}")
        if lower is not None and upper is not None and lower > upper:
            problems.append(
                (
                    f"lower{level}",
                    f"The lower {level[:2]}.{level[2:] or '0'}% limit ({lower.normalize():f}) is "
                    f"above the upper one ({upper.normalize():f}).",
                )
            )
    return problems


@transaction.atomic
def national_values_save(
    *,
    source: str,
    indicators: Sequence[NationalIndicatorRow],
    rows: Iterable[NationalValueRow],
    by: Any,
) -> NationalSaved:
    """Add or update the indicators and their values, BATCH_SIZE rows a statement; all or
    nothing. A value stored already with the same figures is left alone, so importing the same
    file twice changes nothing."""
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
    saved = NationalSaved()
    per_indicator: dict[str, NationalSaved] = {}
    batch: list[NationalValueRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            _national_batch_save(batch, stored, saved, per_indicator)
            batch = []
    _national_batch_save(batch, stored, saved, per_indicator)
    for code, counts in per_indicator.items():
        if counts.added or counts.changed:
            summary = f"{counts.added} added, {counts.changed} changed"
            entries.append((stored[code], AuditEntry.Action.UPDATE, {"values": [None, summary]}))
    audit_record_many(actor=by, entries=entries, note=f"National values imported ({source})")
    return saved


def _national_batch_save(
    batch: list[NationalValueRow],
    indicators: dict[str, NationalIndicator],
    saved: NationalSaved,
    per_indicator: dict[str, NationalSaved],
) -> None:
    if not batch:
        return
    problems = [
        f"{row.indicator_code} {row.period.label} {row.area_code}: {message}"
        for row in batch
        for _, message in national_value_problems(row)
    ]
    if problems:
        raise ValidationError(problems)
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
        else:
            counts.unchanged += 1
    NationalValue.objects.bulk_create(added, batch_size=BATCH_SIZE)
    NationalValue.objects.bulk_update(
        changed, [*NATIONAL_FIELDS, "updated_at"], batch_size=BATCH_SIZE
    )
    saved.added += len(added)
    saved.changed += len(changed)
    saved.unchanged += len(batch) - len(added) - len(changed)


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
