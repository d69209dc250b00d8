"""A register workbook that breaks a rule is refused cell by cell: never a traceback or a 500.

Each rule a KPI's fields must keep comes from the model (lengths, web addresses, ranges, rules
across fields), so the workbook import and the web forms refuse the same values in the same
words. Results must be of the KPI's frequency, and none may be published before its period ends.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.exchange.formats.register_columns import DATA_SHEET, SUPPORTING_SHEET
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.exchange.reading import WorkbookRejected
from quarterly.exchange.tests.conftest import _edit, _sheets
from quarterly.register.models import KPI
from quarterly.register.services import kpi_save

pytestmark = pytest.mark.django_db

# (column, value, what the message says): row 2 is AH-01, a percentage KPI
SUPPORTING_CASES = [
    ("Title", "T" * 301, "at most 300 characters"),
    ("Reference", "R" * 31, "at most 30 characters"),
    ("Data source", "D" * 301, "at most 300 characters"),
    ("When results are available", "A" * 301, "at most 300 characters"),
    ("Benchmark indicators", "B" * 301, "at most 300 characters"),
    ("Baseline period", "P" * 31, "at most 30 characters"),
    ("Source URL", "javascript:alert(1)", "starts with http:// or https://"),
    ("Source URL", "not a url", "starts with http:// or https://"),
    ("Source URL", "ftp://files.example/kpi.csv", "starts with http:// or https://"),
    ("Decimal places", 7, "at most 6 decimal places"),
    ("Decimal places", 99999, "at most 6 decimal places"),
    ("Rate per", 1000, "Only a rate has a base"),
]


def _refusal(organisation: Any, content: bytes) -> dict[tuple[str, int | None, str | None], str]:
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=content, by=None)
    return {(p.sheet, p.row, p.column): p.message for p in rejected.value.problems}


@pytest.mark.parametrize(("column", "value", "message"), SUPPORTING_CASES)
def test_a_supporting_information_cell_breaking_a_model_rule_is_refused_on_its_cell(
    organisation: Any, register: dict[str, Any], column: str, value: Any, message: str
) -> None:
    # given
    content = _edit(
        register_export(organisation=organisation), [(SUPPORTING_SHEET, 2, column, value)]
    )
    audit_before = AuditEntry.objects.count()
    # when
    problems = _refusal(organisation, content)
    # then
    assert message in problems[(SUPPORTING_SHEET, 2, column)], problems
    assert AuditEntry.objects.count() == audit_before


def test_a_rate_base_too_large_for_the_database_is_refused(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given RES-03, a rate per 1,000 (row 4), given a base of ten thousand million
    content = _edit(
        register_export(organisation=organisation), [(SUPPORTING_SHEET, 4, "Rate per", 10**10)]
    )
    # when
    problems = _refusal(organisation, content)
    # then
    assert problems[(SUPPORTING_SHEET, 4, "Rate per")] == "A rate is per at most 1,000,000,000."


def test_a_data_record_row_without_a_reference_is_refused_on_its_cell(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given
    content = _edit(
        register_export(organisation=organisation), [(DATA_SHEET, 2, "Reference", None)]
    )
    # when
    problems = _refusal(organisation, content)
    # then
    assert problems == {(DATA_SHEET, 2, "Reference"): "This cell is empty; it is required."}


@pytest.mark.parametrize(
    ("reference", "period", "status", "message"),
    [
        ("AH-01", "June 2016", "Published", "reported quarterly, so its period must be a quarter"),
        ("AH-01", "2016/17", "Published", "reported quarterly"),
        ("RES-02", "June 2016", "Published", "reported annual"),
        ("RES-02", "2016/17 Q1", "Published", "reported annual"),
        ("RES-03", "2016/17 Q1", "Draft", "reported monthly, so its period must be a month"),
        ("AH-01", "2099/00 Q1", "Published", "has not started yet"),
        ("RES-02", "2099/00", "Draft", "has not started yet"),
        ("AH-01", "2025/26 Q3", "Published", "has not ended yet"),
    ],
)
@override_settings(QUARTERLY_TODAY="2025-11-20")
def test_a_result_for_the_wrong_kind_of_period_or_a_future_one_is_refused(
    organisation: Any,
    register: dict[str, Any],
    reference: str,
    period: str,
    status: str,
    message: str,
) -> None:
    # given
    row = [reference, period, 50, None, None, None, None, status, None, None]
    content = _edit(register_export(organisation=organisation), [], append={DATA_SHEET: [row]})
    # when
    problems = _refusal(organisation, content)
    # then
    assert len(problems) == 1
    ((sheet, _, column), found) = next(iter(problems.items()))
    assert (sheet, column) == (DATA_SHEET, "Period")
    assert message in found


def test_a_result_of_the_right_kind_of_period_is_accepted(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given a calendar year for an annual KPI (as national sources publish some) and a month
    rows = [
        ["RES-02", "2022", 5, None, None, None, None, "Published", None, None],
        ["RES-03", "May 2024", 7, None, None, None, None, "Published", None, None],
    ]
    content = _edit(register_export(organisation=organisation), [], append={DATA_SHEET: rows})
    # when
    summary = register_import(organisation=organisation, source=content, by=None)
    # then
    assert summary.results_created == 2


def test_the_upload_page_refuses_a_bad_cell_with_a_message_not_a_500(
    organisation: Any, register: dict[str, Any], performance_client: Any
) -> None:
    # given
    content = _edit(
        register_export(organisation=organisation),
        [(SUPPORTING_SHEET, 2, "Title", "T" * 301), (DATA_SHEET, 2, "Reference", None)],
    )
    upload = SimpleUploadedFile("register.xlsx", content)
    # when
    response = performance_client.post(reverse("register:upload"), {"workbook": upload})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 300 characters (it has 301)." in html
    assert "This cell is empty; it is required." in html
    assert KPI.objects.get(reference="AH-01").title != "T" * 301


def test_the_import_command_refuses_a_bad_cell_with_a_message_not_a_traceback(
    organisation: Any, register: dict[str, Any], tmp_path: Any, capsys: Any
) -> None:
    # given
    path = tmp_path / "register.xlsx"
    path.write_bytes(
        _edit(
            register_export(organisation=organisation),
            [(SUPPORTING_SHEET, 2, "Source URL", "not a url")],
        )
    )
    # when
    with pytest.raises(CommandError):
        call_command("import_register", str(path))
    # then
    assert (
        f'{SUPPORTING_SHEET}, row 2, column "Source URL": Enter a web address that starts with '
        "http:// or https://." in capsys.readouterr().err
    )


def test_measures_assurance_and_portfolio_round_trip_and_a_bad_choice_is_refused(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given AH-01 set to city context, a national statistic, in a portfolio
    content = _edit(
        register_export(organisation=organisation),
        [
            (SUPPORTING_SHEET, 2, "Measures", "City context"),
            (SUPPORTING_SHEET, 2, "Assurance type", "National statistic"),
            (SUPPORTING_SHEET, 2, "Executive Member portfolio", "Adult Social Care"),
        ],
    )
    # when it is imported, exported again, and a bad choice is tried
    register_import(organisation=organisation, source=content, by=None)
    kpi = KPI.objects.get(reference="AH-01")
    again = register_export(organisation=organisation)
    bad = _edit(again, [(SUPPORTING_SHEET, 2, "Assurance type", "Hearsay")])
    # then
    assert (kpi.measures, kpi.assurance_type, kpi.portfolio) == (
        "city", "national_statistic", "Adult Social Care",
    )  # fmt: skip
    assert _sheets(again)[SUPPORTING_SHEET][1] == _sheets(content)[SUPPORTING_SHEET][1]
    assert "is not one of" in _refusal(organisation, bad)[(SUPPORTING_SHEET, 2, "Assurance type")]


def test_a_workbook_without_the_new_columns_keeps_each_kpis_values(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given AH-01 is city context, and an older workbook without the three columns
    kpi_save(kpi=KPI.objects.get(reference="AH-01"), fields={"measures": "city"}, by=None)
    workbook = openpyxl.load_workbook(io.BytesIO(register_export(organisation=organisation)))
    sheet = workbook[SUPPORTING_SHEET]
    headers = [cell.value for cell in sheet[1]]
    for header in ("Executive Member portfolio", "Assurance type", "Measures"):
        sheet.delete_cols(headers.index(header) + 1)
        headers = [cell.value for cell in sheet[1]]
    output = io.BytesIO()
    workbook.save(output)
    # when
    register_import(organisation=organisation, source=output.getvalue(), by=None)
    # then
    assert KPI.objects.get(reference="AH-01").measures == "city"
