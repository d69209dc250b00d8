"""Render the CLT Scorecard for 300 KPIs × 20 quarters and report the time (goal: ≤ 500 ms).

Run: .venv/bin/python benchmarks/scorecard.py [--kpis 300] [--quarters 20] [--rounds 7]
Builds the council in a temporary SQLite database (bulk inserts), then renders
/scorecard/?period=... through Django's test client (the full view, judgements, sparklines and
template, without network overhead) and downloads the Excel version. Prints the median time
and the number of queries of each.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quarterly.core.periods import Period

from django_bench import django_on_temporary_sqlite, time_page

GOAL_MS = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kpis", type=int, default=300)
    parser.add_argument("--quarters", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7, help="renders; the median is kept")
    args = parser.parse_args()
    django_on_temporary_sqlite()
    from django.test import Client

    period = _build(args.kpis, args.quarters)
    from quarterly.organisation.models import Person
    from quarterly.reports.scorecard import period_slug

    client = Client()
    client.force_login(Person.objects.get(email="performance@bench.example"))
    for name, url in (
        ("page", f"/scorecard/?period={period_slug(period)}"),
        ("excel", f"/scorecard/excel/?period={period_slug(period)}"),
    ):
        timing = time_page(client, url, args.rounds)
        median = timing.median
        print(f"{name}: {args.kpis} KPIs × {args.quarters} quarters, {timing}")
        if name == "page" and median > GOAL_MS:
            print(f"slower than the {GOAL_MS} ms goal")
            sys.exit(1)


def _build(count: int, quarters: int) -> Period:
    """A council with `count` quarterly KPIs over six directorates, each with `quarters`
    results ending 2024/25 Q2, a target per year and every fifth one a highlight item (the
    scorecard tests' bulk council), and a member of its performance team."""
    from quarterly.core.periods import Period
    from quarterly.organisation.models import Organisation, Person, Role, RoleAssignment
    from quarterly.reports.tests.scorecard_bulk import build_scorecard_council

    organisation = Organisation.objects.create(name="Bench City Council", slug="bench")
    person = Person.objects.create_user(
        username="performance@bench.example", email="performance@bench.example",
        organisation=organisation,
    )  # fmt: skip
    RoleAssignment.objects.create(person=person, role=Role.PERFORMANCE_TEAM)
    last = Period.quarter(2024, 2)
    build_scorecard_council(organisation, count=count, quarters=quarters, last=last)
    return last


if __name__ == "__main__":
    main()
