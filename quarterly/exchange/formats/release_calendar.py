"""A release calendar as a CSV file or workbook: when national sources will publish each KPI's
result for a period. Columns `kpi_ref`, `period`, `release_date` and, optionally, `source`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quarterly.collection.cycles.releases import ReleaseRow, ReleasesSaved, releases_save
from quarterly.collection.results.rules import period_frequency_breach
from quarterly.core.periods import Period
from quarterly.exchange.pipeline import Report, run_import
from quarterly.exchange.reading import _INVALID, Column, SheetReader, Tables, read_tables
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI

SHEET = "Release calendar"
COLUMNS = (
    Column("kpi_ref", "reference", required=True),
    Column("period", "period", kind="period", required=True),
    Column("release_date", "release_date", kind="date", required=True),
    Column("source", "source"),
)


def release_calendar_import(
    *, organisation: Organisation, name: str, content: bytes, by: Any
) -> ReleasesSaved:
    """Record every row's expected release date, or none. Raises WorkbookRejected."""
    return run_import(ReleaseCalendar(organisation, by), read_tables(name, content))


@dataclass
class ReleaseCalendar:
    organisation: Organisation
    by: Any
    checks_while_applying = False

    def plan(self, tables: Tables, report: Report) -> list[ReleaseRow]:
        title, raw = tables.first(SHEET)
        reader = SheetReader(title, COLUMNS)
        kpis = {
            k.reference.casefold(): k for k in KPI.objects.filter(organisation=self.organisation)
        }
        rows: list[ReleaseRow] = []
        seen: dict[tuple[int, Period], int] = {}
        for row in reader.read_rows(raw):
            values = row.values
            if any(value is _INVALID for value in values.values()) or not values["reference"]:
                continue
            kpi = kpis.get(values["reference"].casefold())
            if kpi is None:
                reader.problem(
                    row.number,
                    "kpi_ref",
                    f'There is no KPI with reference "{values["reference"]}".',
                )
                continue
            period = values["period"]
            breach = period_frequency_breach(frequency=kpi.frequency, period=period)
            if breach:
                reader.problem(row.number, "period", breach)
                continue
            if (kpi.pk, period) in seen:
                reader.problem(
                    row.number, "period",
                    f"{kpi.reference} {period.label} is already on row {seen[(kpi.pk, period)]}.",
                )  # fmt: skip
                continue
            seen[(kpi.pk, period)] = row.number
            rows.append(ReleaseRow(kpi, period, values["release_date"], values["source"]))
        for problem in reader.problems:
            report(problem)
        return rows

    def apply(self, rows: list[ReleaseRow], report: Report) -> ReleasesSaved:
        return releases_save(rows=rows, by=self.by, note="Release calendar import")
