"""The KPI Register as an Excel workbook, in the council's layout.

Sheets: "KPI Supporting Information" (one row per KPI, one column per field), "Targets" (one
row per KPI and financial year) and "KPI Data Record" (one row per KPI and period). Export then
import round-trips exactly.

Reading is the one boundary where untrusted files are parsed: the size and the zip's expanded
size are checked before openpyxl sees the file (openpyxl parses its XML through defusedxml
when it is installed, which it is), every failure becomes a plain-English message naming the
sheet, row and column, and nothing is written unless every row is good.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from quarterly.collection.models import Result
from quarterly.core.cells import escape_text, unescape_text
from quarterly.core.numbers import NumberError, number_check, parse_number
from quarterly.core.periods import Period, PeriodError, PeriodKind
from quarterly.register.models import KPI, Comparator, Frequency, Polarity, Target, Unit

SUPPORTING_SHEET = "KPI Supporting Information"
TARGETS_SHEET = "Targets"
DATA_SHEET = "KPI Data Record"

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
DECIMAL_STEP = Decimal("0.000001")


@dataclass(frozen=True)
class Problem:
    """One reason a workbook was refused, pointing at the cell a person should fix."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.message}"


class WorkbookRejected(Exception):
    """The workbook has problems; nothing was imported."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) found; nothing was imported.")


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    kind: str = "text"  # text | decimal | integer | yesno | choice | list | period | year
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label shown in Excel)
    width: int = 18


SUPPORTING_COLUMNS = (
    Column("Reference", "reference", required=True, width=12),
    Column("Title", "title", required=True, width=40),
    Column("Definition", "definition", required=True, width=50),
    Column("Purpose", "purpose", width=40),
    Column("Directorate", "directorate", required=True, width=28),
    Column("Service", "service", width=28),
    Column("Pillars", "pillars", kind="list", width=28),
    Column("Scrutiny Board", "scrutiny_board", width=30),
    Column("Unit", "unit", kind="choice", required=True, choices=tuple(Unit.choices)),
    Column("Rate per", "rate_per", kind="integer", width=10),
    Column("Decimal places", "decimal_places", kind="integer", required=True, width=10),
    Column("Polarity", "polarity", kind="choice", required=True, choices=tuple(Polarity.choices)),
    Column(
        "Frequency", "frequency", kind="choice", required=True, choices=tuple(Frequency.choices)
    ),
    Column(
        "Comparator", "comparator", kind="choice", required=True, choices=tuple(Comparator.choices)
    ),
    Column("Data source", "data_source", required=True, width=40),
    Column("Source URL", "source_url", width=40),
    Column("Known weaknesses and data quality", "known_weaknesses", width=50),
    Column("When results are available", "availability", width=30),
    Column("Baseline", "baseline", kind="decimal", width=12),
    Column("Baseline period", "baseline_period", width=14),
    Column("Accountable officer (email)", "accountable_officer", width=30),
    Column("Key contacts (emails)", "key_contacts", kind="list", width=40),
    Column("In Ambition Scorecard", "in_ambition_scorecard", kind="yesno", width=10),
    Column("Benchmark indicators", "benchmark_indicators", width=28),
    Column("Illustrative figures", "illustrative", kind="yesno", width=10),
    Column("Status", "status", kind="choice", required=True, choices=tuple(KPI.Status.choices)),
)
TARGET_COLUMNS = (
    Column("Reference", "reference", required=True, width=12),
    Column("Financial year", "financial_year", kind="year", required=True, width=14),
    Column("Target value", "value", kind="decimal", width=14),
    Column("Tolerance", "tolerance", kind="decimal", width=12),
    Column("Direction", "direction", kind="choice", choices=tuple(Target.Direction.choices)),
)
DATA_COLUMNS = (
    Column("Reference", "reference", required=True, width=12),
    Column("Period", "period", kind="period", required=True, width=16),
    Column("Value", "value", kind="decimal", required=True, width=14),
    Column("Numerator", "numerator", kind="decimal", width=14),
    Column("Denominator", "denominator", kind="decimal", width=14),
    Column("Lower confidence limit", "lower_ci", kind="decimal", width=14),
    Column("Upper confidence limit", "upper_ci", kind="decimal", width=14),
    Column("Status", "status", kind="choice", required=True, choices=tuple(Result.Status.choices)),
    Column("Commentary", "commentary", width=50),
    Column("Data quality note", "data_quality_note", width=40),
)


# ---------------------------------------------------------------------------------------------
# Writing


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


# ---------------------------------------------------------------------------------------------
# Reading


def open_workbook(source: IO[bytes] | bytes, *, max_bytes: int) -> openpyxl.Workbook:
    """Open an uploaded .xlsx safely, or raise WorkbookRejected with a plain reason."""
    data = source if isinstance(source, bytes) else source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WorkbookRejected(
            [
                Problem(
                    "Workbook",
                    None,
                    None,
                    f"The file is larger than the {max_bytes // (1024 * 1024)} MB limit.",
                )
            ]
        )
    not_xlsx = Problem(
        "Workbook",
        None,
        None,
        "The file is not an Excel workbook (.xlsx). Save it as .xlsx and try again.",
    )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise WorkbookRejected([not_xlsx])
    try:
        with zipfile.ZipFile(buffer) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise WorkbookRejected([not_xlsx]) from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_EXPANDED_BYTES:
        raise WorkbookRejected(
            [Problem("Workbook", None, None, "The workbook expands to more data than allowed.")]
        )
    buffer.seek(0)
    try:
        return openpyxl.load_workbook(buffer, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for damaged files; none is the user's to read
        raise WorkbookRejected([not_xlsx]) from None


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


@dataclass
class SheetReader:
    """Reads one sheet's rows into typed values, collecting a Problem for every bad cell."""

    title: str
    columns: Sequence[Column]
    problems: list[Problem] = field(default_factory=list)

    def rows(self, workbook: openpyxl.Workbook, *, required: bool = True) -> Iterator[SheetRow]:
        if self.title not in workbook.sheetnames:
            if required:
                self.problems.append(
                    Problem(
                        self.title, None, None, f'The workbook has no sheet called "{self.title}".'
                    )
                )
            return
        yield from self.read_rows(workbook[self.title].iter_rows(values_only=True))

    def read_rows(self, raw_rows: Iterator[Sequence[Any]]) -> Iterator[SheetRow]:
        """Typed rows from raw ones (the first is the header), from a sheet or a CSV reader."""
        header = next(raw_rows, None) or ()
        positions: dict[str, int] = {}
        wanted = {column.header.casefold(): column for column in self.columns}
        for index, heading in enumerate(header):
            if heading is not None and str(heading).strip().casefold() in wanted:
                positions[wanted[str(heading).strip().casefold()].key] = index
        missing = [c.header for c in self.columns if c.key not in positions and c.required]
        if missing:
            for heading in missing:
                self.problems.append(
                    Problem(self.title, 1, heading, "This column is missing from the header row.")
                )
            return
        for number, raw in enumerate(raw_rows, start=2):
            if raw is None or all(cell is None or str(cell).strip() == "" for cell in raw):
                continue
            values: dict[str, Any] = {}
            for column in self.columns:
                index = positions.get(column.key)
                cell = raw[index] if index is not None and index < len(raw) else None
                values[column.key] = self._read(cell, column, number)
            yield SheetRow(number, values)

    def problem(self, row: int, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.title, row, column, message))

    def header(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)

    def _read(self, cell: Any, column: Column, row: int) -> Any:
        if isinstance(cell, str) and _CONTROL.search(cell):
            self.problem(
                row,
                column.header,
                "This cell contains an invisible control character (such as NUL), which cannot "
                "be stored. Remove it and try again.",
            )
            return _INVALID
        if isinstance(cell, str):
            cell = unescape_text(cell.strip())
        if cell is None or cell == "":
            if column.required:
                self.problem(row, column.header, "This cell is empty; it is required.")
            return _EMPTY.get(column.kind, "")
        reader: Callable[[Any, Column], Any] = _READERS[column.kind]
        try:
            return reader(cell, column)
        except _CellError as error:
            self.problem(row, column.header, str(error))
            return _INVALID


class _CellError(ValueError):
    pass


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_INVALID = object()  # marks a cell already reported, so later checks skip it
_EMPTY: dict[str, Any] = {
    "decimal": None,
    "integer": None,
    "period": None,
    "year": None,
    "list": [],
    "yesno": False,
}


def _read_text(cell: Any, column: Column) -> str:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _read_decimal(cell: Any, column: Column) -> Decimal:
    if isinstance(cell, bool):
        raise _CellError(f"Expected a number, not {cell!r}.")
    try:
        if isinstance(cell, int | float):
            # A spreadsheet's own number: binary floating point, so keep the 6 places stored.
            number = number_check(Decimal(repr(cell)).quantize(DECIMAL_STEP))
        else:
            number = parse_number(str(cell))
    except (NumberError, InvalidOperation) as error:
        raise _CellError(
            str(error) if isinstance(error, NumberError) else f"{cell} is too large."
        ) from None
    return number.quantize(DECIMAL_STEP)


def _read_integer(cell: Any, column: Column) -> int:
    number = _read_decimal(cell, column)
    if number != number.to_integral_value() or number < 0:
        raise _CellError(f'"{cell}" is not a whole number of 0 or more.')
    return int(number)


def _read_yesno(cell: Any, column: Column) -> bool:
    text = str(cell).strip().casefold()
    if text in {"yes", "y", "true", "1"}:
        return True
    if text in {"no", "n", "false", "0"}:
        return False
    raise _CellError(f'"{cell}" should be Yes or No.')


def _read_choice(cell: Any, column: Column) -> str:
    text = str(cell).strip().casefold()
    for value, label in column.choices:
        if text in {value.casefold(), label.casefold()}:
            return value
    allowed = ", ".join(label for _, label in column.choices)
    raise _CellError(f'"{cell}" is not one of: {allowed}.')


def _read_list(cell: Any, column: Column) -> list[str]:
    return [item.strip() for item in str(cell).replace("\n", ";").split(";") if item.strip()]


def _read_period(cell: Any, column: Column) -> Period:
    if isinstance(cell, dt.datetime | dt.date):
        # Excel turns "Jun 2024" typed into a cell into the date 1 June 2024.
        day = cell.date() if isinstance(cell, dt.datetime) else cell
        return Period.containing(day, PeriodKind.MONTH)
    try:
        return Period.parse(str(cell))
    except PeriodError as error:
        raise _CellError(str(error)) from None


def _read_year(cell: Any, column: Column) -> int:
    period = _read_period(str(cell), column)
    if period.kind != PeriodKind.FINANCIAL_YEAR:
        raise _CellError(f'"{cell}" is not a financial year; write it as "2024/25".')
    return period.fy


_READERS: dict[str, Callable[[Any, Column], Any]] = {
    "text": _read_text,
    "decimal": _read_decimal,
    "integer": _read_integer,
    "yesno": _read_yesno,
    "choice": _read_choice,
    "list": _read_list,
    "period": _read_period,
    "year": _read_year,
}
