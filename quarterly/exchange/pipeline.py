"""The one import pipeline: read safely -> parse -> validate -> apply -> report.

A format (a module in `exchange.formats`) declares its columns and supplies two steps:

- `plan(tables, report)`: parse and validate every row of the tables `reading.read_tables`
  opened,
  reporting each problem (sheet or file, row, column, reason), and return what to apply;
- `apply(plan, report)`: write it through the domains' services.

`run_import` checks every row before writing anything, and applies in one transaction that any
reported problem rolls back, so an import is all or nothing, with one report of every problem
(listing the first MAX_LISTED of them, and how many more there are).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from django.db import transaction

from quarterly.exchange.reading import Problem, Problems, Tables, WorkbookRejected

PlanT = TypeVar("PlanT")
ResultT = TypeVar("ResultT", covariant=True)
Report = Callable[[Problem], None]


class Format(Protocol[PlanT, ResultT]):
    # True for a format whose rows the domain's services check as they apply them (the results
    # upload enters each row exactly as the entry form does): it is applied even after problems
    # were found, inside the transaction that then rolls back, so one report lists them all.
    checks_while_applying: bool

    def plan(self, tables: Tables, report: Report) -> PlanT: ...

    def apply(self, plan: PlanT, report: Report) -> ResultT: ...


def run_import(format: Format[PlanT, ResultT], tables: Tables) -> ResultT:
    """Check every row, then apply all of them in one transaction, or nothing.

    Raises WorkbookRejected with every problem found, whether while checking or while applying.
    """
    problems = Problems()
    plan = format.plan(tables, problems.append)
    if problems and not format.checks_while_applying:
        raise WorkbookRejected(problems)
    with transaction.atomic():  # a problem raises inside, so nothing the import wrote stays
        outcome = format.apply(plan, problems.append)
        if problems:
            raise WorkbookRejected(problems)
    return outcome
