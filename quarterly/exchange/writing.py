"""Writing spreadsheets: every text cell goes through the one escape (`core.cells`), so text a
spreadsheet would run as a formula stays text, and numbers stay numbers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from quarterly.core.cells import escape_text
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
