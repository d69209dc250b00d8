"""The one pipeline: a new format declares its columns, plans its rows and applies them; the
pipeline makes it all or nothing with one report of every problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from quarterly.exchange.pipeline import Report, run_import
from quarterly.exchange.reading import Column, Problem, SheetReader, Tables, WorkbookRejected
from quarterly.register.models import Pillar

pytestmark = pytest.mark.django_db


@dataclass
class PillarsFile:
    """A format as small as a new one can be: a name per row, each made a pillar."""

    organisation: Any
    checks_while_applying: bool = False

    def plan(self, tables: Tables, report: Report) -> list[tuple[int, str]]:
        title, raw = tables.first("Pillars")
        columns = (Column("Name", "name", required=True), Column("Order", "order", kind="integer"))
        reader = SheetReader(title, columns)
        names = [(row.number, row.values["name"]) for row in reader.read_rows(raw)]
        names = [(number, name) for number, name in names if name]
        for problem in reader.problems:
            report(problem)
        return names

    def apply(self, names: list[tuple[int, str]], report: Report) -> int:
        for number, name in names:
            if name.startswith("Taken"):
                report(Problem("CSV file", number, "Name", f'"{name}" is taken.'))
                continue
            Pillar.objects.create(organisation=self.organisation, name=name, slug=name.lower())
        return len(names)


def test_a_good_file_is_applied(organisation: Any) -> None:
    # when
    count = run_import(PillarsFile(organisation), Tables(csv_text="Name\nGrowth\nHealth\n"))
    # then
    assert count == 2
    assert sorted(Pillar.objects.values_list("name", flat=True)) == ["Growth", "Health"]


@pytest.mark.parametrize("checks_while_applying", [False, True])
def test_a_problem_found_while_planning_or_applying_writes_nothing(
    organisation: Any, checks_while_applying: bool
) -> None:
    # given an empty required cell (row 3) and a row refused as it is applied (row 4)
    tables = Tables(csv_text="Name,Order\nGrowth,1\n,2\nTaken one,3\n")
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        run_import(PillarsFile(organisation, checks_while_applying), tables)
    # then
    found = [(p.row, p.message) for p in rejected.value.problems]
    expected = [(3, "This cell is empty; it is required.")]
    if checks_while_applying:
        expected.append((4, '"Taken one" is taken.'))
    assert found == expected
    assert not Pillar.objects.exists()


def test_a_problem_found_only_while_applying_rolls_back_what_was_written(organisation: Any) -> None:
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        run_import(PillarsFile(organisation), Tables(csv_text="Name\nGrowth\nTaken two\n"))
    # then
    assert [p.row for p in rejected.value.problems] == [3]
    assert not Pillar.objects.exists()
