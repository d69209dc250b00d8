"""Bulk entry of results from a CSV file or an Excel workbook, through the one pipeline: checked
row by row, then all or nothing.

Figures come as national statistics publish them: a value, numerator or denominator may be a
suppression mark ("c", "[x]", ...), stored as no value with its reason (`results.gaps`); counts
may be rounded for disclosure control, which the upload declares (`counts_rounded_to`, else each
KPI's own setting) so that values are checked against them within that rounding
(`results.consistency`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.collection.results.gaps import figures_resolve
from quarterly.collection.results.models import Result
from quarterly.collection.results.services import Checking
from quarterly.collection.submissions.services import (
    EDITABLE,
    StaleResult,
    WrongState,
    result_enter,
)
from quarterly.core.periods import Period
from quarterly.exchange.pipeline import Report, run_import
from quarterly.exchange.reading import _INVALID, Column, Problem, SheetReader, Tables, read_tables
from quarterly.organisation.access import kpis_enterable_by
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI

SHEET = "Results"
COLUMNS = (
    Column("Reference", "reference", required=True),
    Column("Period", "period", kind="period", required=True),
    Column("Value", "value", kind="figure", required=True, may_be_empty=True),
    Column("Numerator", "numerator", kind="figure"),
    Column("Denominator", "denominator", kind="figure"),
    Column("Reason a figure is missing", "missing_reason"),
    Column("Commentary", "commentary"),
    Column("Data quality note", "data_quality_note"),
)
_TEXT_FIELDS = ("commentary", "data_quality_note")


def results_upload(
    *,
    organisation: Organisation,
    user: Any,
    name: str,
    content: bytes,
    submit: bool,
    counts_rounded_to: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Enter every result in the file, or none. Raises WorkbookRejected listing each bad row.

    `counts_rounded_to` declares the rounding of the file's counts (None: each KPI's own);
    `progress(done, total)` hears of each row entered."""
    return run_import(
        ResultsFile(organisation, user, submit, counts_rounded_to, progress),
        read_tables(name, content),
    )


@dataclass
class ResultsFile:
    """A file of results (CSV, or a workbook's "Results" sheet) as an import format: each row is
    entered as the entry form would enter it, so the same rules apply."""

    organisation: Organisation
    user: Any
    submit: bool
    counts_rounded_to: int | None = None
    progress: Callable[[int, int], None] | None = None
    title: str = SHEET
    checks_while_applying = True

    def plan(self, tables: Tables, report: Report) -> list[tuple[int, KPI, Period, dict[str, Any]]]:
        self.title, raw = tables.first(SHEET)
        reader = SheetReader(self.title, COLUMNS)
        kpis = {
            k.reference.casefold(): k
            for k in kpis_enterable_by(
                self.user,
                KPI.objects.filter(organisation=self.organisation, status=KPI.Status.ACTIVE),
            ).prefetch_related("targets")
        }
        planned: list[tuple[int, KPI, Period, dict[str, Any]]] = []
        seen: dict[tuple[int, Period], int] = {}
        for row in reader.read_rows(raw):
            values = row.values
            kpi = kpis.get(str(values["reference"]).casefold())
            if values["reference"] and kpi is None:
                reader.problem(
                    row.number,
                    "Reference",
                    f'"{values["reference"]}" is not a KPI whose results you enter.',
                )
                continue
            period = values["period"]
            if (
                kpi is None
                or not isinstance(period, Period)
                or any(v is _INVALID for v in values.values())
            ):
                continue
            if (kpi.pk, period) in seen:
                reader.problem(
                    row.number,
                    "Period",
                    f"{kpi.reference} {period.label} is already on row {seen[(kpi.pk, period)]}.",
                )
                continue
            seen[(kpi.pk, period)] = row.number
            fields = figures_resolve(
                value=values["value"], numerator=values["numerator"],
                denominator=values["denominator"], reason=values["missing_reason"],
            )  # fmt: skip
            fields.update({key: values[key] for key in _TEXT_FIELDS})
            planned.append((row.number, kpi, period, fields))
        for problem in reader.problems:
            report(problem)
        return planned

    def apply(self, planned: list[tuple[int, KPI, Period, dict[str, Any]]], report: Report) -> int:
        existing = {
            (r.kpi_id, r.period_kind, r.period_start): r
            for r in Result.objects.filter(kpi_id__in={kpi.pk for _, kpi, _, _ in planned})
        }
        headers = {c.key: c.header for c in COLUMNS}
        checking = Checking(
            counts_rounded_to=self.counts_rounded_to,
            file_values={(kpi.pk, period): f["value"] for _, kpi, period, f in planned},
        )
        for done, (number, kpi, period, fields) in enumerate(planned):
            if self.progress:
                self.progress(done, len(planned))
            current = existing.get((kpi.pk, period.kind.value, period.start))
            if current is not None and current.status not in EDITABLE:
                report(
                    Problem(
                        self.title, number, "Reference",
                        f"{kpi.reference} {period.label} is "
                        f"{current.get_status_display().lower()}; it can only be changed after "
                        "it is returned for correction.",
                    )
                )  # fmt: skip
                continue
            try:
                with transaction.atomic():
                    result_enter(
                        kpi=kpi, period=period, fields=fields, submit=self.submit,
                        version=current.version if current else None, by=self.user,
                        checking=checking,
                    )  # fmt: skip
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        report(Problem(self.title, number, headers.get(field), message))
            except (StaleResult, WrongState) as error:
                message = StaleResult.message if isinstance(error, StaleResult) else str(error)
                report(Problem(self.title, number, None, message))
        if self.progress:
            self.progress(len(planned), len(planned))
        return len(planned)
