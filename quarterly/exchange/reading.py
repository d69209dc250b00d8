"""Reading untrusted files, the one boundary where they are parsed: every import starts here.

A workbook's size and the zip's expanded size are checked before openpyxl sees it (openpyxl
parses its XML through defusedxml, which is installed); a CSV file must be UTF-8 and each row
readable. Every cell is read into a typed value or becomes a `Problem` naming the sheet (or
file), row and column in plain English; nothing is written unless every row is good.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

import openpyxl
from django.conf import settings

from quarterly.core.answers import AnswerError, parse_choice, parse_list, parse_yes_no
from quarterly.core.cells import unescape_text
from quarterly.core.dates import DateTextError, date_from_text
from quarterly.core.numbers import NumberError, number_check, parse_number, whole_number_check
from quarterly.core.periods import Period, PeriodError, PeriodKind
from quarterly.core.suppression import SUPPRESSION_MARKS_WORDS, Suppressed, suppression_mark

MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
DECIMAL_STEP = Decimal("0.000001")
Rows = Iterator[Sequence[Any]]


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


MAX_LISTED = 1000


class Problems(list[Problem]):
    """Problems as an import finds them: the first MAX_LISTED are kept to list, the rest only
    counted (`total` counts them all), so a file of a million bad rows is refused in bounded
    memory."""

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        super().__init__()
        self.total = 0
        for problem in problems:
            self.append(problem)

    def append(self, problem: Problem) -> None:
        self.total += 1
        if len(self) < MAX_LISTED:
            super().append(problem)

    @property
    def unlisted(self) -> int:
        return self.total - len(self)


class WorkbookRejected(Exception):
    """The workbook has problems; nothing was imported. `problems` lists the first
    MAX_LISTED; `total` counts them all."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = Problems(problems)
        self.total = getattr(problems, "total", len(problems))
        self.problems.total = self.total
        listed = f" The first {len(self.problems):,} are listed." if self.problems.unlisted else ""
        super().__init__(f"{self.total:,} problem(s) found; nothing was imported.{listed}")


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    # text | decimal | figure (a number or a suppression mark) | integer | yesno | choice | list |
    # period | year | date
    kind: str = "text"
    required: bool = False  # the header must be there, and (unless `may_be_empty`) each cell
    may_be_empty: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label shown in Excel)
    width: int = 18


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
    # The keys of the columns the header row has: an optional column left out of an older file
    # can then be told from one whose cells are empty.
    present: set[str] = field(default_factory=set)
    _choices: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def rows(self, tables: Tables, *, required: bool = True) -> Iterator[SheetRow]:
        """The typed rows of the table named like this reader (a workbook's sheet)."""
        if self.title not in tables.names:
            if required:
                self.problems.append(
                    Problem(
                        self.title, None, None, f'The workbook has no sheet called "{self.title}".'
                    )
                )
            return
        yield from self.read_rows(tables.rows(self.title))

    def read_rows(self, raw_rows: Iterator[Sequence[Any]]) -> Iterator[SheetRow]:
        """Typed rows from raw ones (the first is the header), from a sheet or a CSV reader."""
        header = next(raw_rows, None) or ()
        positions: dict[str, int] = {}
        wanted = {column.header.casefold(): column for column in self.columns}
        for index, heading in enumerate(header):
            if heading is not None and str(heading).strip().casefold() in wanted:
                positions[wanted[str(heading).strip().casefold()].key] = index
        self.present = set(positions)
        missing = [c.header for c in self.columns if c.key not in positions and c.required]
        if missing:
            for heading in missing:
                self.problems.append(
                    Problem(self.title, 1, heading, "This column is missing from the header row.")
                )
            return
        read = self._read
        # Where each column's cell is: (key, position or None, column, plain text column).
        places = [
            (column.key, positions.get(column.key), column, column.kind == "text")
            for column in self.columns
        ]
        for number, raw in enumerate(raw_rows, start=2):
            if raw is None or all(cell is None or str(cell).strip() == "" for cell in raw):
                continue
            width = len(raw)
            # A CSV row is all text: one search finds a control character in any of its cells.
            clean = type(raw) is list and not _CONTROL.search("".join(raw))
            values: dict[str, Any] = {}
            for key, index, column, text in places:
                cell = raw[index] if index is not None and index < width else None
                if clean and text and cell:
                    # The common case, read here: text with nothing to unescape or report.
                    stripped = cell.strip()
                    if stripped and stripped[0] != "'":
                        values[key] = stripped
                        continue
                values[key] = read(cell, column, number)
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
            if column.required and not column.may_be_empty:
                self.problem(row, column.header, "This cell is empty; it is required.")
            return _EMPTY.get(column.kind, "")
        if column.kind == "choice" and isinstance(cell, str):
            known = self._choices.get((column.key, cell))
            if known is not None:
                return known
        reader: Callable[[Any, Column], Any] = _READERS[column.kind]
        try:
            value = reader(cell, column)
            if column.kind == "choice" and isinstance(cell, str) and len(self._choices) < 10_000:
                self._choices[column.key, cell] = value  # a file repeats a few choices
            return value
        except _CellError as error:
            self.problem(row, column.header, str(error))
            return _INVALID


class _CellError(ValueError):
    pass


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_INVALID = object()  # marks a cell already reported, so later checks skip it
_EMPTY: dict[str, Any] = {
    "date": None,
    "decimal": None,
    "figure": None,
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


def _read_figure(cell: Any, column: Column) -> Decimal | Suppressed:
    """A published figure: a number, or a suppression mark ("c", "[x]", ...) in its place."""
    if isinstance(cell, str):
        mark = suppression_mark(cell)
        if mark is not None:
            return mark
    try:
        return _read_decimal(cell, column)
    except _CellError as error:
        raise _CellError(
            f"{error} Write a number, or the mark the source uses for a figure withheld or not "
            f"available ({SUPPRESSION_MARKS_WORDS})."
        ) from None


def _read_integer(cell: Any, column: Column) -> int:
    try:
        return whole_number_check(_read_decimal(cell, column), str(cell))
    except NumberError as error:
        raise _CellError(str(error)) from None


def _read_yesno(cell: Any, column: Column) -> bool:
    try:
        return parse_yes_no(str(cell))
    except AnswerError as error:
        raise _CellError(str(error)) from None


def _read_choice(cell: Any, column: Column) -> str:
    try:
        return parse_choice(str(cell), column.choices)
    except AnswerError as error:
        raise _CellError(str(error)) from None


def _read_list(cell: Any, column: Column) -> list[str]:
    return parse_list(str(cell))


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


def _read_date(cell: Any, column: Column) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    try:
        return date_from_text(str(cell))
    except DateTextError as error:
        if error.unreal:
            raise _CellError(f'"{cell}" is not a real date.') from None
        raise _CellError(f'"{cell}" is not a date: write it as 24 10 2025 or 2025-10-24.') from None


_READERS: dict[str, Callable[[Any, Column], Any]] = {
    "text": _read_text,
    "decimal": _read_decimal,
    "figure": _read_figure,
    "integer": _read_integer,
    "yesno": _read_yesno,
    "choice": _read_choice,
    "list": _read_list,
    "period": _read_period,
    "year": _read_year,
    "date": _read_date,
}


# ---------------------------------------------------------------------------------------------
# Files as tables


class Tables:
    """The tables of an uploaded file, each a name and its raw rows (header first): every sheet
    of a workbook, or the one table of a CSV file (named "CSV file"), read as a stream from its
    binary file each time its rows are asked for, so a large file is never held whole."""

    def __init__(
        self,
        *,
        workbook: openpyxl.Workbook | None = None,
        csv_text: str = "",
        csv_file: IO[bytes] | None = None,
        gzipped: bool = False,
    ):
        self._workbook = workbook
        self._csv_file = csv_file if csv_file is not None else io.BytesIO(csv_text.encode())
        self._gzipped = gzipped

    @property
    def names(self) -> list[str]:
        return list(self._workbook.sheetnames) if self._workbook is not None else ["CSV file"]

    def rows(self, name: str) -> Rows:
        if self._workbook is None:
            self._csv_file.seek(0)
            binary: IO[bytes] = (
                _CappedGzip(self._csv_file) if self._gzipped else self._csv_file  # type: ignore[assignment]
            )
            return _csv_rows(binary)
        return self._workbook[name].iter_rows(values_only=True)

    def first(self, preferred: str) -> tuple[str, Rows]:
        """The table called `preferred`, else the first one."""
        name = preferred if preferred in self.names else self.names[0]
        return name, self.rows(name)


def read_workbook(source: IO[bytes] | bytes) -> Tables:
    """Open an uploaded .xlsx safely (see `open_workbook`) as tables."""
    return Tables(workbook=open_workbook(source, max_bytes=settings.QUARTERLY_MAX_UPLOAD_BYTES))


def read_tables(name: str, content: bytes | IO[bytes]) -> Tables:
    """Open an uploaded file safely by its name: .csv as UTF-8 text, .csv.gz as the CSV file it
    compresses (national datasets are large), anything else as .xlsx. `content` is the file's
    bytes or a binary file (seekable): a CSV file is read from it in chunks, row by row, each
    time its rows are asked for, never whole."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    lowered = name.lower()
    if lowered.endswith(".csv.gz"):
        return Tables(csv_file=source, gzipped=True)
    if lowered.endswith(".csv"):
        return Tables(csv_file=source)
    return read_workbook(source)


_NOT_UTF8 = "The CSV file is not UTF-8 text. Save it as CSV UTF-8 and try again."
_NOT_GZIP = "The file is not a gzip-compressed CSV file (.csv.gz)."


def _csv_rows(binary: IO[bytes]) -> Rows:
    """The CSV file's rows, decoded as they are read; a row the csv module cannot read, or text
    that is not UTF-8, refuses the file, saying where."""
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")  # type: ignore[arg-type]
    reader = csv.reader(text)
    number = 0
    try:
        while True:
            number += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise WorkbookRejected([Problem("File", None, None, _NOT_UTF8)]) from None
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    reason = (
                        f"A cell is longer than {csv.field_size_limit():,} characters, far more "
                        "than any field holds. Check the file's quotation marks."
                    )
                else:
                    reason = "This row cannot be read as CSV. Check its quotation marks."
                raise WorkbookRejected([Problem("CSV file", number, None, reason)]) from None
            yield row
    finally:
        text.detach()  # the caller's file stays open, to be read again


class _CappedGzip(gzip.GzipFile):
    """The CSV file a .csv.gz compresses, as a stream that refuses the file once it has
    expanded past MAX_EXPANDED_BYTES, or when it is not gzip or is cut short."""

    def __init__(self, fileobj: IO[bytes]):
        super().__init__(fileobj=fileobj, mode="rb")
        self._expanded = 0

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(super().read, size)

    def read1(self, size: int = -1) -> bytes:
        return self._counted(super().read1, size)

    def _counted(self, read: Callable[[Any], bytes], size: Any) -> bytes:
        try:
            data = read(size)
        except (OSError, EOFError, zlib.error):  # not gzip, or cut short
            raise WorkbookRejected([Problem("File", None, None, _NOT_GZIP)]) from None
        self._expanded += len(data)
        if self._expanded > MAX_EXPANDED_BYTES:
            raise WorkbookRejected(
                [Problem("File", None, None, "The file expands to more data than allowed.")]
            )
        return data
