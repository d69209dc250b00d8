"""One clock: business dates come from `quarterly.core.clock.today()`, which honours the
QUARTERLY_TODAY setting, so a demo or a test set to a day sees that day everywhere."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from quarterly.core import clock

ROOTS = [Path(__file__).resolve().parents[2], Path(__file__).resolve().parents[3] / "config"]
ALLOWED = {Path(clock.__file__).resolve()}  # the clock itself reads the real date


def _name(node: ast.expr) -> str:
    """A dotted name as written: `dt.date.today`, `timezone.localdate`."""
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return f"{_name(node.func)}()"
    return "?"


def clock_bypasses(source: str) -> list[str]:
    """Each call in the source that reads today's date without the clock, as `line: call`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        last = name.rsplit(".", 1)[-1]
        if (
            (last == "today" and name != "clock.today" and "date" in name)
            or (last == "localdate" and not node.args)
            or (last == "date" and name.endswith("now().date"))
            or (last == "now" and "datetime" in name and not node.args and not node.keywords)
        ):
            found.append(f"{node.lineno}: {name}()")
    return found


def _modules() -> list[Path]:
    return [
        path for root in ROOTS for path in sorted(root.rglob("*.py")) if ".venv" not in path.parts
    ]


def test_nothing_reads_todays_date_except_the_clock() -> None:
    # given every module of the project, the demo and the tests included
    modules = _modules()
    assert any("demo" in path.parts for path in modules)
    # when
    bypasses = {
        str(path): found
        for path in modules
        if path.resolve() not in ALLOWED
        and (found := clock_bypasses(path.read_text(encoding="utf-8")))
    }
    # then
    assert bypasses == {}


@pytest.mark.parametrize(
    "call",
    [
        "date.today()",
        "dt.date.today()",
        "datetime.date.today()",
        "datetime.today()",
        "timezone.localdate()",
        "localdate()",
        "timezone.now().date()",
        "dt.datetime.now()",
    ],
)
def test_the_guard_catches_each_way_of_reading_today(call: str) -> None:
    assert clock_bypasses(f"x = 1\nday = {call}\n") == [f"2: {call}"]


@pytest.mark.parametrize(
    "call",
    ["clock.today()", "timezone.localdate(received)", "timezone.now()", "dt.datetime.now(dt.UTC)"],
)
def test_the_guard_allows_the_clock_and_timestamps_of_events(call: str) -> None:
    assert clock_bypasses(f"value = {call}\n") == []


def test_the_clock_follows_the_setting(settings: Any) -> None:
    settings.QUARTERLY_TODAY = "2030-01-10"
    assert clock.today() == dt.date(2030, 1, 10)
