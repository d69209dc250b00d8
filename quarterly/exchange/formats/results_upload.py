"""Bulk entry of results from a CSV file or an Excel workbook: checked row by row, then all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.collection.results.models import Result
from quarterly.collection.submissions.services import (
    EDITABLE,
    StaleResult,
    WrongState,
    result_enter,
)
from quarterly.core.periods import Period
from quarterly.exchange.reading import (
    _INVALID,
    Column,
    Problem,
    SheetReader,
    WorkbookRejected,
    open_workbook,
)
from quarterly.organisation.access import kpis_enterable_by
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI

SHEET = "Results"
COLUMNS = (
    Column("Reference", "reference", required=True),
    Column("Period", "period", kind="period", required=True),
    Column("Value", "value", kind="decimal", required=True),
    Column("Numerator", "numerator", kind="decimal"),
    Column("Denominator", "denominator", kind="decimal"),
    Column("Commentary", "commentary"),
    Column("Data quality note", "data_quality_note"),
)
_FIELDS = ("value", "numerator", "denominator", "commentary", "data_quality_note")


def _raw_rows(name: str, content: bytes) -> tuple[str, Iterator[Sequence[Any]]]:
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise WorkbookRejected(
                [
                    Problem(
                        "File",
                        None,
                        None,
                        "The CSV file is not UTF-8 text. Save it as CSV UTF-8 and try again.",
                    )
                ]
            ) from None
        return "CSV file", _csv_rows(text)
    workbook = open_workbook(content, max_bytes=settings.QUARTERLY_MAX_UPLOAD_BYTES)
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    return sheet.title, sheet.iter_rows(values_only=True)


def _csv_rows(text: str) -> Iterator[Sequence[Any]]:
    """The CSV file's rows; a row the csv module cannot read refuses the file, saying where."""
    reader = csv.reader(io.StringIO(text))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                reason = (
                    f"A cell is longer than {csv.field_size_limit():,} characters, far more than "
                    "any field holds. Check the file's quotation marks."
                )
            else:
                reason = "This row cannot be read as CSV. Check its quotation marks."
            raise WorkbookRejected([Problem("CSV file", number, None, reason)]) from None
        yield row


def results_upload(
    *, organisation: Organisation, user: Any, name: str, content: bytes, submit: bool
) -> int:
    """Enter every result in the file, or none. Raises WorkbookRejected listing each bad row."""
    title, raw = _raw_rows(name, content)
    reader = SheetReader(title, COLUMNS)
    kpis = {
        k.reference.casefold(): k
        for k in kpis_enterable_by(
            user, KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
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
        planned.append((row.number, kpi, period, {key: values[key] for key in _FIELDS}))
    existing = {
        (r.kpi_id, r.period_kind, r.period_start): r
        for r in Result.objects.filter(kpi_id__in={kpi.pk for _, kpi, _, _ in planned})
    }
    headers = {c.key: c.header for c in COLUMNS}
    with transaction.atomic():  # a rejected file raises inside, so nothing it wrote stays
        for number, kpi, period, fields in planned:
            current = existing.get((kpi.pk, period.kind.value, period.start))
            if current is not None and current.status not in EDITABLE:
                reader.problem(
                    number,
                    "Reference",
                    f"{kpi.reference} {period.label} is {current.get_status_display().lower()}; it can only be changed after it is returned for correction.",
                )
                continue
            try:
                with transaction.atomic():
                    result_enter(
                        kpi=kpi,
                        period=period,
                        fields=fields,
                        submit=submit,
                        version=current.version if current else None,
                        by=user,
                    )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        reader.problem(number, headers.get(field), message)
            except (StaleResult, WrongState) as error:
                reader.problem(
                    number,
                    None,
                    StaleResult.message if isinstance(error, StaleResult) else str(error),
                )
        if reader.problems:
            raise WorkbookRejected(reader.problems)
    return len(planned)
