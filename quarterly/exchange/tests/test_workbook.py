from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quarterly.collection.models import Result
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.exchange.formats.register_columns import DATA_SHEET, SUPPORTING_SHEET, TARGETS_SHEET
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.exchange.reading import WorkbookRejected
from quarterly.exchange.tests.conftest import _edit, _sheets
from quarterly.register.models import KPI


def test_export_then_import_round_trips_exactly(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given
    first = register_export(organisation=organisation)
    audit_before = AuditEntry.objects.count()
    # when the same workbook is imported over the data it came from
    summary = register_import(organisation=organisation, source=first, by=None)
    # then nothing changes and nothing is recorded as changed
    assert (summary.kpis_created, summary.results_created, summary.results_updated) == (0, 0, 0)
    assert AuditEntry.objects.filter(action="update").count() == 0
    assert AuditEntry.objects.count() == audit_before
    # when the register is deleted and rebuilt from the workbook
    KPI.objects.filter(organisation=organisation).delete()
    summary = register_import(organisation=organisation, source=first, by=None)
    second = register_export(organisation=organisation)
    # then every cell of every sheet is the same
    assert summary.kpis_created == 3 and summary.results_created == 5 and summary.targets == 2
    assert _sheets(second) == _sheets(first)
    rebuilt = KPI.objects.get(reference="AH-01")
    assert rebuilt.results.get(period_start=Period.quarter(2024, 2).start).value == Decimal(
        "63.456789"
    )
    assert rebuilt.known_weaknesses.startswith("=HYPERLINK")
    assert KPI.objects.get(reference="RES-02").results.get().value == Decimal("-1250000")


def test_export_escapes_formulas_without_mangling_negative_numbers(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given / when
    sheets = _sheets(register_export(organisation=organisation))
    # then
    supporting = sheets[SUPPORTING_SHEET]
    weakness_column = supporting[0].index("Known weaknesses and data quality")
    assert supporting[1][weakness_column].startswith("'=HYPERLINK")
    data = sheets[DATA_SHEET]
    assert data[1][data[0].index("Commentary")] == "'-5 since last quarter; +2 expected"
    assert -1250000 in [row[data[0].index("Value")] for row in data[1:]]


def test_a_workbook_with_bad_rows_changes_nothing_and_reports_every_row(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given a good workbook with one good change and a bad row of every kind
    good = register_export(organisation=organisation)
    data_rows = _sheets(good)[DATA_SHEET]
    next_row = len(data_rows) + 1
    bad = _edit(
        good,
        [
            (SUPPORTING_SHEET, 2, "Title", "A good new title that must not be saved"),
            (SUPPORTING_SHEET, 3, "Directorate", "Ministry of Magic"),
            (SUPPORTING_SHEET, 4, "Definition", None),
            (DATA_SHEET, 2, "Value", "sixty"),
            (DATA_SHEET, 3, "Value", 101),
            (DATA_SHEET, 4, "Numerator", 2000),
            (DATA_SHEET, 5, "Period", "2024/26"),
        ],
        append={
            DATA_SHEET: [
                ["NOPE-1", "2024/25 Q1", 5, None, None, None, None, "Published", None, None],
                ["AH-01", "2024/25 Q1", 61.2, 612, 1000, 59.2, 63.2, "Published", None, None],
            ]
        },
    )
    results_before = list(Result.objects.order_by("pk").values_list("pk", "value", "version"))
    audit_before = AuditEntry.objects.count()
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=bad, by=None)
    # then every bad row is reported with its sheet, row, column and reason
    found: dict[tuple[str, int | None, str | None], str] = {}
    for problem in rejected.value.problems:
        key = (problem.sheet, problem.row, problem.column)
        found[key] = f"{found[key]} | {problem.message}" if key in found else problem.message
    assert (
        found[(SUPPORTING_SHEET, 3, "Directorate")]
        == 'There is no directorate called "Ministry of Magic".'
    )
    assert "required" in found[(SUPPORTING_SHEET, 4, "Definition")]
    assert found[(DATA_SHEET, 2, "Value")].startswith(
        '"sixty" is not a number. Write a number, or the mark'
    )
    assert "between 0 and 100" in found[(DATA_SHEET, 3, "Value")]
    assert "cannot be larger than the denominator" in found[(DATA_SHEET, 4, "Numerator")]
    assert "consecutive" in found[(DATA_SHEET, 5, "Period")]
    assert found[(DATA_SHEET, next_row, "Reference")] == 'There is no KPI with reference "NOPE-1".'
    assert "already on row 2" in found[(DATA_SHEET, next_row + 1, "Period")]
    assert len(rejected.value.problems) == 9  # row 3's 101 is also outside its interval
    # and nothing was written
    assert (
        list(Result.objects.order_by("pk").values_list("pk", "value", "version")) == results_before
    )
    assert KPI.objects.get(reference="AH-01").title != "A good new title that must not be saved"
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a spreadsheet", "not an Excel workbook"),
        (b"PK\x03\x04broken zip", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_plainly(
    organisation: Any, content: bytes, message: str
) -> None:
    # given / when
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=content, by=None)
    # then
    assert message in str(rejected.value.problems[0])


def test_a_workbook_without_the_register_sheets_is_refused(organisation: Any) -> None:
    # given
    workbook = openpyxl.Workbook()
    output = io.BytesIO()
    workbook.save(output)
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=output.getvalue(), by=None)
    # then
    messages = [p.message for p in rejected.value.problems]
    assert f'The workbook has no sheet called "{SUPPORTING_SHEET}".' in messages
    assert f'The workbook has no sheet called "{DATA_SHEET}".' in messages


def test_a_tracker_cannot_be_given_a_target(organisation: Any, register: dict[str, Any]) -> None:
    # given
    bad = _edit(
        register_export(organisation=organisation),
        [],
        append={TARGETS_SHEET: [["RES-03", "2024/25", 5, 1, None]]},
    )
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=bad, by=None)
    # then
    assert [p.message for p in rejected.value.problems] == [
        "RES-03 is a tracker: trackers have no targets."
    ]


def test_import_command_lists_problems_and_fails(
    organisation: Any, register: dict[str, Any], tmp_path: Any, capsys: Any
) -> None:
    # given
    path = tmp_path / "bad.xlsx"
    path.write_bytes(
        _edit(register_export(organisation=organisation), [(DATA_SHEET, 2, "Value", "n/a")])
    )
    # when
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_register", str(path), verbosity=0)
    # then
    assert f'{DATA_SHEET}, row 2, column "Value": "n/a" is not a number.' in capsys.readouterr().err


def test_export_and_import_commands_round_trip(
    organisation: Any, register: dict[str, Any], tmp_path: Any
) -> None:
    # given
    path = tmp_path / "register.xlsx"
    call_command("export_register", str(path), verbosity=0)
    Result.objects.filter(kpi__reference="AH-01").delete()
    # when
    call_command("import_register", str(path), verbosity=0)
    # then
    assert Result.objects.filter(kpi__reference="AH-01").count() == 3
