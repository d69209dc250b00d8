"""Writes to the benchmark values. Imports arrive in bulk, so the service works in bulk.

Benchmark values are published national statistics, not the council's own records: they are
replaced wholesale when a source republishes, so they are not in the audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.benchmarking.models import BenchmarkValue
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
