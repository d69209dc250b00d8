"""Every CSV and Excel file Quarterly writes keeps hostile text as text (no formula injection).

`ENDPOINTS` lists every URL that answers with a CSV or Excel file and `COMMANDS` every command
that writes one. A new one belongs in these lists: `test_authorisation` fails when a URL answers
with a spreadsheet that `ENDPOINTS` does not name, and `test_every_command_is_listed` fails when
a command is in neither `COMMANDS` nor `OTHER_COMMANDS`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command, get_commands
from django.urls import reverse

from quarterly.collection.models import HighlightItem, ReportingCycle
from quarterly.core.cells import FORMULA_STARTS, escape_text
from quarterly.core.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PillarFactory,
    ResultFactory,
    ServiceFactory,
    TargetFactory,
)
from quarterly.reports.compiler import report_compile
from quarterly.reports.models import PublishedReport, Report

# What a spreadsheet would run. NUL is left out only because PostgreSQL cannot store it; the
# property tests in quarterly/core/tests/test_cells.py cover it.
HOSTILE = ["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1+1", "\r=1+1", "'=1+1"]
QUARTER = Period.quarter(2024, 2)
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPREADSHEET_TYPES = (CSV_TYPE, XLSX_TYPE)


@dataclass(frozen=True)
class Endpoint:
    """A URL that answers with a CSV or Excel file, fetched as someone allowed to fetch it."""

    name: str
    files: Callable[[dict[str, Any]], list[list[Any]]]  # the URL arguments of each file
    role: str | None  # a key of the `people` fixture; None is a visitor who has not signed in
    shows: tuple[str, ...]  # the hostile texts (see `hostile`) its files must hold, escaped
    query: str = ""


REGISTER = ("title", "definition", "source", "commentary", "note")
ENDPOINTS = [
    Endpoint("public:kpi-data", lambda w: [[r, "csv"] for r in w["references"]], None, ("title",)),
    Endpoint(
        "public:report-table",
        lambda w: [[p.pk, key, "csv"] for p in w["published"] for key in _table_keys(p)],
        None,
        ("title", "reasons", "actions"),
    ),
    Endpoint("register:export", lambda w: [[]], "performance", REGISTER),
    Endpoint(
        "scorecard:excel",
        lambda w: [[]],
        "performance",
        ("title", "reasons", "actions"),
        query="period=2024-25-q2",
    ),  # fmt: skip
]
SPREADSHEET_URL_NAMES = {endpoint.name for endpoint in ENDPOINTS}

# Command name -> (its arguments, given a folder to write in; the hostile texts it must write)
COMMANDS: dict[str, tuple[Callable[[Path], list[str]], tuple[str, ...]]] = {
    "export_register": (lambda folder: [str(folder / "register.xlsx")], REGISTER),
}
OTHER_COMMANDS = {
    "import_register": "reads a workbook",
    "import_results": "reads a results file (CSV or workbook)",
    "import_releases": "reads a release calendar",
    "report": "writes .docx, .pdf or .html (Word, PDF and web pages do not run formulas)",
    "remind": "sends emails",
    "demo": "loads the demo council",
    "serve": "runs the web server",
    "suggest_recalculations": "suggests SPC recalculation points; writes no file",
    "import_groups": "reads comparator groups (CSV)",
    "import_benchmarks": "reads a national dataset (CSV)",
    "compare": "prints a comparison (text or JSON)",
    "load_areas": "loads the shipped areas and built-in comparator groups",
}


def _table_keys(published: PublishedReport) -> list[str]:
    return [table.key for table in Report.from_dict(published.content).tables()]


@pytest.fixture
def hostile(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    """A council whose names, KPIs, results and commentary are all hostile, and published."""
    directorate = DirectorateFactory(organisation=organisation, name="=Adults and Health")
    service = ServiceFactory(directorate=directorate, name="@Adult Social Care")
    pillar = PillarFactory(organisation=organisation, name="+Health and Wellbeing")
    board = CommitteeFactory(organisation=organisation, name="-Scrutiny Board (Adults)")
    cycle = ReportingCycle.objects.create(
        organisation=organisation, financial_year=2024, quarter=2,
        submission_deadline=dt.date(2024, 10, 25), directorate_check_date=dt.date(2024, 11, 1),
    )  # fmt: skip
    references = []
    for index, text in enumerate(HOSTILE, start=1):
        kpi = KPIFactory(
            organisation=organisation, reference=f"H-{index:02d}", title=f"{text} title",
            definition=f"{text} definition", purpose=text, data_source=f"{text} source",
            known_weaknesses=text, availability=text, baseline_period=text, unit="score",
            directorate=directorate, service=service, scrutiny_board=board, pillars=[pillar],
            baseline=Decimal("-2.5"),
        )  # fmt: skip
        kpi.key_contacts.set([people["key_contact"]])
        TargetFactory(kpi=kpi, financial_year=2024, value=Decimal("-1"), tolerance=Decimal("1"))
        for back, value in enumerate(["-3.25", "4", "-1.5", "2", "-7.75"]):
            ResultFactory(
                kpi=kpi, period=QUARTER.shift(-back), value=Decimal(value),
                commentary=f"{text} commentary", data_quality_note=f"{text} note",
            )  # fmt: skip
        HighlightItem.objects.create(
            cycle=cycle, kpi=kpi, status=HighlightItem.Status.CONFIRMED, reasons=[text],
            reasons_for_result=f"{text} reasons", actions_being_taken=f"{text} actions",
            commentary_received_at=dt.datetime(2024, 11, 5, 12, tzinfo=dt.UTC),
        )  # fmt: skip
        references.append(kpi.reference)
    published = [
        _publish(organisation, kind, period)
        for kind, period in (("clt", QUARTER), ("annual", Period.financial_year(2024)))
    ]
    return {"references": references, "published": published}


def _publish(organisation: Any, kind: str, period: Period) -> PublishedReport:
    """A published report, without generating its Word and PDF files (not tested here)."""
    report = report_compile(kind=kind, period=period, organisation=organisation, narrative={})
    return PublishedReport.objects.create(
        organisation=organisation, kind=kind, period_label=period.label,
        period_kind=period.kind.value, period_start=period.start, scope="council",
        title=report.title, content=report.to_dict(), values=report.values,
        docx=b"PK", pdf=b"%PDF", published_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip


# How Python writes an int, a float or a Decimal: what a CSV number cell looks like.
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?")


@dataclass
class Cells:
    """What one endpoint's or command's files held, for the checks that span them all."""

    text: set[str]
    negatives: list[float]


def _csv_cells(content: bytes, where: str, found: Cells) -> None:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    assert len(rows) > 1, f"{where}: no data rows"
    for row in rows:
        for cell in row:
            if NUMBER.fullmatch(cell):
                if cell.startswith("-"):
                    found.negatives.append(float(cell))
                continue
            assert not cell.startswith(FORMULA_STARTS), f"{where}: {cell!r} is not escaped"
            assert not (cell.startswith("'") and NUMBER.fullmatch(cell[1:])), (
                f"{where}: the number {cell!r} became text"
            )
            found.text.add(cell)


def _xlsx_cells(content: bytes, where: str, found: Cells) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content))  # not read-only: formulas keep type "f"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{where} {sheet.title}!{cell.coordinate}: formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), (
                        f"{where} {sheet.title}!{cell.coordinate}: {cell.value!r} is not escaped"
                    )
                    found.text.add(cell.value)
                elif isinstance(cell.value, int | float) and cell.value < 0:
                    found.negatives.append(cell.value)


def _check(content: bytes, kind: str, where: str, found: Cells) -> None:
    if kind == CSV_TYPE:
        _csv_cells(content, where, found)
    else:
        _xlsx_cells(content, where, found)


def _assert_hostile_text_arrived_escaped(found: Cells, shows: tuple[str, ...], where: str) -> None:
    expected = {escape_text(f"{text} {what}") for text in HOSTILE for what in shows}
    assert expected - found.text == set(), f"{where}: hostile text missing"
    assert found.negatives, f"{where}: no negative number reached the file as a number"


def _endpoint_files(
    client: Any, endpoint: Endpoint, hostile: dict[str, Any]
) -> Iterator[tuple[str, Any]]:
    for args in endpoint.files(hostile):
        url = reverse(endpoint.name, args=args) + (f"?{endpoint.query}" if endpoint.query else "")
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        yield url, response


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.name}-{e.role}")
def test_every_spreadsheet_endpoint_keeps_hostile_text_as_text(
    client: Any, people: dict[str, Any], hostile: dict[str, Any], endpoint: Endpoint
) -> None:
    # given
    if endpoint.role:
        client.force_login(people[endpoint.role])
    found = Cells(set(), [])
    # when every file is fetched / then
    for url, response in _endpoint_files(client, endpoint, hostile):
        kind = response["Content-Type"].split(";")[0]
        assert kind in SPREADSHEET_TYPES, (url, kind)
        _check(response.content, kind, url, found)
    _assert_hostile_text_arrived_escaped(found, endpoint.shows, endpoint.name)


@pytest.mark.django_db
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_exporting_command_keeps_hostile_text_as_text(
    tmp_path: Path, hostile: dict[str, Any], command: str
) -> None:
    # given
    arguments, shows = COMMANDS[command]
    found = Cells(set(), [])
    # when
    call_command(command, *arguments(tmp_path), stdout=io.StringIO())
    # then
    written = sorted(tmp_path.iterdir())
    assert written, f"{command} wrote nothing"
    for path in written:
        kind = {".csv": CSV_TYPE, ".xlsx": XLSX_TYPE}[path.suffix]
        _check(path.read_bytes(), kind, str(path.name), found)
    _assert_hostile_text_arrived_escaped(found, shows, command)


def test_every_command_is_listed() -> None:
    # given / when
    ours = {name for name, app in get_commands().items() if app.startswith("quarterly.")}
    # then: a new command is listed as writing a spreadsheet (and so tested above) or not
    assert ours == set(COMMANDS) | set(OTHER_COMMANDS)
