"""Render the CLT Scorecard for 300 KPIs × 20 quarters and report the time (goal: ≤ 500 ms).

Run: .venv/bin/python benchmarks/scorecard.py [--kpis 300] [--quarters 20] [--rounds 7]
Builds the council in a temporary SQLite database (bulk inserts), then renders
/scorecard/?period=... through Django's test client (the full view, judgements, sparklines and
template, without network overhead) and downloads the Excel version. Prints the median time
and the number of queries of each.
"""

from __future__ import annotations

import argparse
import random
import sys
from decimal import Decimal
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
    results ending 2024/25 Q2, a target per year and every fifth one a highlight item."""
    from quarterly.collection.models import HighlightItem, ReportingCycle, Result
    from quarterly.core.periods import Period
    from quarterly.organisation.models import (
        Committee,
        Directorate,
        Organisation,
        Person,
        Role,
        RoleAssignment,
    )
    from quarterly.register.models import KPI, Pillar, Target

    rng = random.Random(2024)
    organisation = Organisation.objects.create(name="Bench City Council", slug="bench")
    directorates = Directorate.objects.bulk_create(
        [
            Directorate(organisation=organisation, name=f"Directorate {i}", slug=f"d{i}")
            for i in range(6)
        ]
    )
    pillar = Pillar.objects.create(organisation=organisation, name="Health", slug="health")
    board = Committee.objects.create(
        organisation=organisation, name="Scrutiny Board", slug="sb", kind="scrutiny_board"
    )
    person = Person.objects.create_user(
        username="performance@bench.example", email="performance@bench.example",
        organisation=organisation,
    )  # fmt: skip
    RoleAssignment.objects.create(person=person, role=Role.PERFORMANCE_TEAM)
    kpis = KPI.objects.bulk_create(
        [
            KPI(
                organisation=organisation,
                reference=f"K-{i:04d}",
                title=f"Indicator {i}",
                definition="A benchmark KPI.",
                unit="percentage",
                decimal_places=1,
                polarity="none" if i % 10 == 9 else ("higher" if i % 2 else "lower"),
                frequency="quarterly",
                comparator="same_last_year" if i % 3 else "previous",
                data_source="Bench",
                directorate=directorates[i % 6],
                scrutiny_board=board,
            )  # fmt: skip
            for i in range(count)
        ]
    )
    KPI.pillars.through.objects.bulk_create(
        [KPI.pillars.through(kpi=k, pillar=pillar) for k in kpis]
    )
    last = Period.quarter(2024, 2)
    first = last.shift(1 - quarters)
    Target.objects.bulk_create(
        [
            Target(kpi=k, financial_year=fy, kind="value", value=Decimal(60), tolerance=Decimal(2))
            for k in kpis
            if k.polarity != "none"
            for fy in range(first.fy, last.fy + 1)
        ]
    )
    Result.objects.bulk_create(
        [
            Result(
                kpi=k,
                period_kind="quarter",
                period_start=first.shift(i).start,
                period_end=first.shift(i).end,
                value=Decimal(f"{60 + rng.gauss(0, 3) + (0.4 * i if n % 7 == 0 else 0):.1f}"),
                status="published",
            )  # fmt: skip
            for n, k in enumerate(kpis)
            for i in range(quarters)
        ],
        batch_size=2000,
    )
    cycle = ReportingCycle.objects.create(
        organisation=organisation, financial_year=2024, quarter=2,
        submission_deadline="2024-10-25", directorate_check_date="2024-11-01",
    )  # fmt: skip
    HighlightItem.objects.bulk_create(
        [
            HighlightItem(
                cycle=cycle,
                kpi=k,
                status="confirmed",
                reasons=["Chosen for the benchmark."],
                reasons_for_result="Reasons.",
                actions_being_taken="Actions.",
            )  # fmt: skip
            for k in kpis[::5]
        ]
    )
    return last


if __name__ == "__main__":
    main()
