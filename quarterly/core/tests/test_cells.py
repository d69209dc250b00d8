"""The one spreadsheet escape: text stays text, and an import gets back exactly what was exported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from quarterly.core.cells import FORMULA_STARTS, escape_text, unescape_text

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
