"""The register workbook's "KPI Data Record" sheet: each row checked as the entry form checks a
result, figures read as national statistics publish them (suppression marks, zero denominators:
`collection.results.gaps`), and values checked against their counts within the KPI's rounding
(`collection.results.consistency`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from quarterly.collection.models import Result
from quarterly.collection.results.consistency import median
from quarterly.collection.results.gaps import figures_resolve
from quarterly.collection.results.rules import (
    ResultValues,
    period_frequency_breach,
    period_not_started_breach,
    period_publish_breach,
    result_breaches,
)
from quarterly.core import clock
from quarterly.core.periods import Period, PeriodKind
from quarterly.exchange.formats.register_columns import DATA_COLUMNS
from quarterly.exchange.reading import _INVALID, SheetReader, Tables
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI


@dataclass(frozen=True)
class KPIKind:
    """What checking a KPI's targets and results needs to know of it, as the workbook sets it or
    as it is stored."""

    unit: str
    polarity: str
    frequency: str
    rate_per: int | None
    counts_rounded_to: int | None
    standardised_rate: bool = False

    @classmethod
    def of(cls, fields: dict[str, Any], kpi: KPI | None) -> KPIKind:
        def pick(name: str) -> Any:
            return fields[name] if name in fields else getattr(kpi, name, None)

        return cls(
            pick("unit"), pick("polarity"), pick("frequency"), pick("rate_per"),
            pick("counts_rounded_to"), bool(pick("standardised_rate")),
        )  # fmt: skip


def stored_values(
    *, organisation: Organisation, kpis: dict[str, KPI]
) -> dict[str, dict[Period, Decimal | None]]:
    """The council's stored result values, by KPI reference (case-folded, as `kpis` is keyed)
    and period; one query."""
    found: dict[str, dict[Period, Decimal | None]] = {}
    references = {kpi.pk: key for key, kpi in kpis.items()}
    rows = Result.objects.filter(kpi__organisation=organisation).values_list(
        "kpi_id", "period_kind", "period_start", "value"
    )
    for kpi_id, kind, start, value in rows:
        found.setdefault(references[kpi_id], {})[Period(PeriodKind(kind), start)] = value
    return found


def plan_results(
    reader: SheetReader,
    tables: Tables,
    kinds: dict[str, KPIKind],
    stored: dict[str, dict[Period, Decimal | None]],
) -> list[dict[str, Any]]:
    """Check every row of the data record; the file's rows stand in for the stored ones when a
    KPI's usual level is worked out (a proportion sent to a percentage KPI)."""
    plans: list[dict[str, Any]] = []
    seen: dict[tuple[str, Period], int] = {}
    today = clock.today()
    for row in reader.rows(tables):
        values = row.values
        reference = values["reference"]
        if not reference:
            continue  # reported as a required cell
        key = reference.casefold()
        if key not in kinds:
            reader.problem(
                row.number, "Reference", f'There is no KPI with reference "{reference}".'
            )
            continue
        period = values["period"]
        if isinstance(period, Period):
            breach = period_frequency_breach(
                frequency=kinds[key].frequency, period=period
            ) or period_not_started_breach(period=period, today=today)
            if not breach and values["status"] == Result.Status.PUBLISHED:
                breach = period_publish_breach(period=period, today=today)
            if breach:
                reader.problem(row.number, "Period", breach)
                continue
            if (key, period) in seen:
                reader.problem(
                    row.number,
                    "Period",
                    f"{reference} {period.label} is already on row {seen[(key, period)]}.",
                )
                continue
            seen[(key, period)] = row.number
        if any(value is _INVALID for value in values.values()):
            continue
        figures = figures_resolve(
            value=values["value"], numerator=values["numerator"],
            denominator=values["denominator"], reason=values["missing_reason"],
        )  # fmt: skip
        plans.append({"key": key, "row": row.number, **values, **figures})
    _check_results(reader, plans, kinds, stored)
    return plans


def _check_results(
    reader: SheetReader,
    plans: list[dict[str, Any]],
    kinds: dict[str, KPIKind],
    stored: dict[str, dict[Period, Decimal | None]],
) -> None:
    headers = {column.key: column.header for column in DATA_COLUMNS}
    in_file: dict[str, dict[Period, Decimal | None]] = {}
    for plan in plans:
        in_file.setdefault(plan["key"], {})[plan["period"]] = plan["value"]
    for plan in plans:
        kind, key, value = kinds[plan["key"]], plan["key"], plan["value"]
        history = None
        if kind.unit == "percentage" and value is not None and value <= 1:
            others = {**stored.get(key, {}), **in_file[key]}
            others.pop(plan["period"], None)
            history = median(others.values())
        for breach in result_breaches(ResultValues(
            unit=kind.unit, value=value, numerator=plan["numerator"],
            denominator=plan["denominator"], lower_ci=plan["lower_ci"], upper_ci=plan["upper_ci"],
            missing_reason=plan["missing_reason"], rate_per=kind.rate_per,
            counts_rounded_to=kind.counts_rounded_to, history_median=history,
            standardised_rate=kind.standardised_rate,
        )):  # fmt: skip
            reader.problem(plan["row"], headers[breach.field], breach.message)
