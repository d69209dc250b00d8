"""The CLT Scorecard as an Excel workbook, for the appendix to the quarterly report to CLT.

Sheet "CLT Scorecard": a header block (council, quarter, date generated, filters, which results
are shown), then one row per KPI under a row for its directorate. Values are numbers with a
number format for the KPI's unit and decimal places, so they can be sorted and charted; every
judgement is also written out in words, and the RAG cell carries its fill as well as its word.
The last columns give each KPI's RAG rating and SPC signal in the previous quarter's scorecard
and which of them changed (`reports.scorecard_changes`). The header row is frozen and
filterable. Sheet "Highlight items": the quarter's confirmed highlight items with their reasons
and commentary.

Every cell goes through `cell_value`, so a title such as "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from quarterly.core.cells import cell_value
from quarterly.exchange.reading import Column
from quarterly.exchange.writing import write_sheet
from quarterly.reports.scorecard import SPC_SIGNAL_WORDS, Scorecard, ScorecardRow

SHEET = "CLT Scorecard"
HIGHLIGHTS_SHEET = "Highlight items"
HEADER_ROW = 8  # after the header block (rows 1-6) and a blank row

# (header, width); the order is the order of `_cells`.
COLUMNS = (
    ("Reference", 12), ("KPI", 40), ("Directorate", 24), ("Service", 24),
    ("Scrutiny Board", 28), ("Pillars", 24), ("Frequency", 11), ("Unit", 14),
    ("Polarity", 16), ("Period", 14), ("Result", 12), ("Result status", 14),
    ("Comparator period", 14), ("Comparator result", 12), ("Compared with", 20),
    ("Target", 12), ("Tolerance", 10), ("Target in words", 28), ("RAG", 12),
    ("RAG explanation", 50), ("Direction of travel", 14), ("Direction explanation", 45),
    ("SPC variation", 28), ("SPC assurance", 28), ("SPC explanation", 50),
    ("RAG and SPC note", 50), ("Compared with other areas", 40), ("Bottom quartile", 10),
    ("Worse than England", 10), ("Comparison explanation", 60), ("Highlight item", 10),
    ("Recent results (oldest first)", 40), ("RAG last quarter", 12),
    ("SPC signal last quarter", 24), ("Changed since last quarter", 20),
)  # fmt: skip
NUMBER_COLUMNS = {"Result", "Comparator result", "Target"}
# The web page's tag colours; the cell's word carries the meaning, the fill only repeats it.
RAG_FILLS = {
    "green": ("00703C", "FFFFFF"),
    "amber": ("F47738", "0B0C0C"),
    "red": ("B0281A", "FFFFFF"),
    "not_rated": ("505A5F", "FFFFFF"),
    "no_result": ("F3F2F1", "0B0C0C"),
}
HIGHLIGHT_COLUMNS = (
    Column("Reference", "reference", width=12),
    Column("KPI", "title", width=40),
    Column("Directorate", "directorate", width=24),
    Column("Period", "period", width=14),
    Column("Result", "result", width=12),
    Column("RAG", "rag", width=12),
    Column("Why it was picked", "reasons", width=60),
    Column("Reasons for the result", "reasons_for_result", width=60),
    Column("Actions being taken", "actions_being_taken", width=60),
    Column("Commentary received", "received", width=16),
)


def number_format(unit: str, decimal_places: int) -> str:
    """An Excel number format for a KPI's unit: "0.0"%"" (values are already percentages),
    "£#,##0.00", "0.0" days"", or plain "#,##0.0"."""
    body = "#,##0" + ("." + "0" * decimal_places if decimal_places else "")
    if unit == "percentage":
        return f'{body}"%"'
    if unit == "currency":
        return f'"£"{body};-"£"{body}'
    if unit == "days":
        return f'{body}" days"'
    return body


def scorecard_workbook(scorecard: Scorecard, *, generated: dt.date, filters_text: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    _header_block(sheet, scorecard, generated, filters_text)
    for index, (header, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1D3B53")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = width
    row_number = HEADER_ROW
    group_fill = PatternFill("solid", fgColor="DDE4EA")
    for group in scorecard.groups:
        row_number += 1
        count = len(group.rows)
        values = {1: group.name, 2: f"{count} KPI{'s' if count != 1 else ''}", 3: group.name}
        for column in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row=row_number, column=column)
            cell.value = cell_value(values.get(column))
            cell.font = Font(bold=True)
            cell.fill = group_fill
        for row in group.rows:
            row_number += 1
            _write_row(sheet, row_number, row)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{row_number}"
    write_sheet(workbook, HIGHLIGHTS_SHEET, HIGHLIGHT_COLUMNS, _highlight_rows(scorecard))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_block(sheet: Any, scorecard: Scorecard, generated: dt.date, filters: str) -> None:
    sheet.cell(row=1, column=1, value=SHEET).font = Font(bold=True, size=14)
    shown = (
        "Published results only"
        if scorecard.published_only
        else "All results, including those not yet published"
    )
    for row, (label, value) in enumerate(
        (
            ("Council", scorecard.organisation),
            ("Period", scorecard.period.label),
            ("Generated", generated),
            ("Filters", filters),
            ("Results shown", shown),
        ),
        start=2,
    ):
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=row, column=2, value=cell_value(value))
        if isinstance(value, dt.date):
            cell.number_format = "d mmmm yyyy"
            cell.alignment = Alignment(horizontal="left")


def _cells(row: ScorecardRow) -> list[Any]:
    """The row's cells in `COLUMNS` order: numbers as numbers (published precision), else text."""

    def number(value: float | None) -> float | None:
        return None if value is None else round(value, row.decimal_places)

    latest, comparator, target = row.latest, row.comparator, row.target
    spark = row.sparkline
    recent = ""
    if spark is not None:
        numbers = ", ".join(f"{v:,.{row.decimal_places}f}" for v in spark.values)
        recent = f"{spark.first} to {spark.last}: {numbers}"
    return [
        row.reference, row.title, row.directorate, row.service, row.scrutiny_board,
        ", ".join(row.pillars), row.frequency, row.unit_label, row.polarity,
        latest.period if latest else "", _latest_cell(latest, number),
        latest.status if latest else "", comparator.period if comparator else "",
        number(comparator.value) if comparator else None, row.comparator_basis,
        number(target.value), target.tolerance, target.text, row.rag.label, row.rag.sentence,
        row.travel.label, row.travel.sentence, row.variation.label, row.assurance.label,
        " ".join(s for s in (row.variation.sentence, row.assurance.sentence) if s),
        row.note, *_standing_cells(row), "Yes" if row.highlight else "No", recent,
        *_earlier_cells(row),
    ]  # fmt: skip


def _earlier_cells(row: ScorecardRow) -> list[str]:
    """The row's RAG and SPC signal in the previous quarter's scorecard, and what changed."""
    earlier = row.earlier
    if earlier is None:
        return ["", "", ""]
    changed = [
        n for n, c in (("RAG rating", row.rag_changed), ("SPC signal", row.spc_changed)) if c
    ]
    return [
        earlier.rag_label, SPC_SIGNAL_WORDS.get(earlier.spc_signal, ""),
        " and ".join(changed) or "No",
    ]  # fmt: skip


def _standing_cells(row: ScorecardRow) -> list[str]:
    standing = row.standing
    if standing is None:
        return ["", "", "", ""]
    return [
        standing.text, "Yes" if standing.bottom_quartile else "No",
        "Yes" if standing.worse_than_england else "No", " ".join(standing.sentences),
    ]  # fmt: skip


def _latest_cell(latest: Any, number: Any) -> Any:
    """The result as a number; a period with no value as its words ("No value: why")."""
    if latest is None:
        return None
    return latest.text if latest.value is None else number(latest.value)


def _write_row(sheet: Any, row_number: int, row: ScorecardRow) -> None:
    fmt = number_format(row.unit, row.decimal_places)
    for index, ((header, _width), value) in enumerate(
        zip(COLUMNS, _cells(row), strict=True), start=1
    ):
        cell = sheet.cell(row=row_number, column=index)
        if isinstance(value, float):
            cell.value = value
            cell.number_format = fmt if header in NUMBER_COLUMNS else "#,##0.######"
        else:
            cell.value = cell_value(value) if value else None
        cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
    fill, font = RAG_FILLS.get(row.rag.status, RAG_FILLS["not_rated"])
    rag = sheet.cell(row=row_number, column=[h for h, _ in COLUMNS].index("RAG") + 1)
    rag.fill = PatternFill("solid", fgColor=fill)
    rag.font = Font(bold=True, color=font)


def _highlight_rows(scorecard: Scorecard) -> list[list[Any]]:
    rows = []
    for row in scorecard.highlights:
        item = row.highlight
        assert item is not None
        received = item.commentary_received
        rows.append(
            [
                row.reference,
                row.title,
                row.directorate,
                row.latest.period if row.latest else "",
                row.latest.text if row.latest else "",
                row.rag.label,
                "\n".join(item.reasons),
                item.reasons_for_result or "Not yet received",
                item.actions_being_taken or "Not yet received",
                f"{received:%-d %B %Y}" if received else "Not yet received",
            ]
        )
    return rows
