"""Writing spreadsheets and CSV files: every text cell goes through the one escape (`core.cells`), so text a
spreadsheet would run as a formula stays text, and numbers stay numbers."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Protocol

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from quarterly.core.cells import cell_value, escape_text
from quarterly.exchange.reading import Column


def _cell_value(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        normal = value.normalize()
        return int(normal) if normal == normal.to_integral_value() else float(normal)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    return escape_text(str(value))


def write_sheet(
    workbook: openpyxl.Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([column.header for column in columns])
    for row in rows:
        sheet.append([_cell_value(value) for value in row])
    header_fill = PatternFill("solid", fgColor="1D3B53")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind in {"choice", "yesno"}:
            labels = (
                [label for _, label in column.choices] if column.kind == "choice" else ["Yes", "No"]
            )
            validation = DataValidation(
                type="list", formula1='"' + ",".join(labels) + '"', allow_blank=not column.required
            )
            validation.error = f"Choose one of: {', '.join(labels)}."
            validation.add(f"{letter}2:{letter}1048576")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"


def choice_label(column: Column, value: str) -> str:
    return dict(column.choices).get(value, value)


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class CSVWriter:
    """`csv.writer` that passes every cell through `cell_value` and writes None as empty.

    In a CSV file every cell is text, and a spreadsheet reads one that is just a number
    ("-1.5", perhaps a figure already formatted for a table) as that number, not a formula; so
    such text is written as it is rather than shown with an apostrophe.
    """

    def __init__(self, stream: _Writable) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([_csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return value
    return cell_value(value)
