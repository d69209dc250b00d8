"""The one spreadsheet escape: text stays text, and an import gets back exactly what was exported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quarterly.core.cells import (
    FORMULA_STARTS,
    cell_value,
    escape_text,
    unescape_text,
)
from quarterly.exchange.writing import CSVWriter

# Text that starts with the characters that matter most often, as well as any text at all.
_awkward = st.sampled_from([*FORMULA_STARTS, "'", "''", " ", ""]).flatmap(
    lambda start: st.text().map(lambda rest: start + rest)
)
_text = st.one_of(st.text(), _awkward)


@given(_text)
@example("'-5% on last year")
@example("'=1+1")
@example("''")
@example("'")
def test_unescape_undoes_escape_for_all_text(text: str) -> None:
    # given / when
    escaped = escape_text(text)
    # then
    assert unescape_text(escaped) == text
    assert not escaped.startswith(FORMULA_STARTS)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-5% on last year", "'-5% on last year"),
        ("\tindented", "'\tindented"),
        ("'-5% on last year", "''-5% on last year"),
        ("'quoted'", "''quoted'"),
        ("Plain text", "Plain text"),
        ("", ""),
    ],
)
def test_escape_marks_formula_text_and_apostrophes(text: str, escaped: str) -> None:
    # given / when / then
    assert escape_text(text) == escaped


def test_text_typed_with_an_apostrophe_is_kept_on_import() -> None:
    # given text a person typed that happens to start with an apostrophe / when / then
    assert unescape_text("'tis the season") == "'tis the season"


def test_cell_value_escapes_text_and_keeps_numbers_dates_and_empty() -> None:
    # given
    values = ["=1+1", "-5 since last quarter", -1250000, -1.5, Decimal("-2.5"), True,
              dt.date(2024, 6, 30), None, 3]  # fmt: skip
    # when / then
    assert [cell_value(v) for v in values] == [
        "'=1+1", "'-5 since last quarter", -1250000, -1.5, Decimal("-2.5"), True,
        dt.date(2024, 6, 30), None, 3,
    ]  # fmt: skip


def _written(rows: list[list[object]]) -> list[list[str]]:
    stream = io.StringIO(newline="")
    CSVWriter(stream).writerows(rows)
    return list(csv.reader(io.StringIO(stream.getvalue(), newline="")))


def test_csv_writer_escapes_text_and_leaves_numbers_as_numbers() -> None:
    # given / when
    rows = _written([["=1+1", "@SUM(A1)", -3.25, Decimal("-7"), "-1.0", None, "'-5% on last year"]])
    # then
    assert rows == [["'=1+1", "'@SUM(A1)", "-3.25", "-7", "-1.0", "", "''-5% on last year"]]


# A number as Python writes it: what a spreadsheet reads as a number, not a formula.
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?")
_cells = st.one_of(_text, st.integers(), st.floats(allow_nan=False, allow_infinity=False))


@given(st.lists(_cells, min_size=1))
def test_no_csv_cell_can_start_a_formula(row: list[object]) -> None:
    # given / when
    [cells] = _written([row])
    # then every cell is text that cannot start a formula, or a number
    assert len(cells) == len(row)
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(cell), cell


def test_importing_cells_loads_no_django_and_no_other_module() -> None:
    # given a fresh interpreter (this test process may already have Django loaded)
    code = (
        "import json, sys, quarterly.core.cells; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] == 'django' or (m.startswith('quarterly.') "
        "and m not in {'quarterly.core', 'quarterly.core.cells'}))))"
    )
    # when
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # then
    assert json.loads(out.stdout) == []
