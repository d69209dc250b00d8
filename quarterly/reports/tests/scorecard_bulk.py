"""A large council for the scorecard, built in bulk (a few inserts whatever its size): the
browser test of the full-width page and benchmarks/scorecard.py share it."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from quarterly.collection.models import HighlightItem, ReportingCycle, Result
from quarterly.core.periods import Period
from quarterly.organisation.models import Committee, Directorate
from quarterly.register.models import KPI, Pillar, Target

# Titles as long as real ones, so the page is laid out as it would be for a council.
TITLES = (
    "Percentage of adults who are physically active",
    "Number of affordable homes delivered, including council new build and housing "
    "association properties",
    "Average number of days taken to process new housing benefit claims",
    "Percentage of children and young people's education, health and care plans completed "
    "within 20 weeks",
    "Carbon emissions from council buildings and fleet",
)


def build_scorecard_council(
    organisation: Any, *, count: int, quarters: int, last: Period
) -> list[KPI]:
    """`count` quarterly KPIs over six directorates, each with `quarters` results ending in
    `last` (published), a value target for each financial year (every tenth KPI is a tracker),
    and every fifth one a confirmed highlight item for `last`'s cycle."""
    rng = random.Random(2024)
    directorates = Directorate.objects.bulk_create(
        [
            Directorate(organisation=organisation, name=f"Directorate {i}", slug=f"bulk-d{i}")
            for i in range(6)
        ]
    )
    pillar = Pillar.objects.create(organisation=organisation, name="Health", slug="bulk-health")
    board = Committee.objects.create(
        organisation=organisation, name="Scrutiny Board", slug="bulk-sb", kind="scrutiny_board"
    )
    kpis = KPI.objects.bulk_create(
        [
            KPI(
                organisation=organisation,
                reference=f"K-{i:04d}",
                title=f"{TITLES[i % len(TITLES)]} ({i})",
                definition="A KPI of the bulk council.",
                unit="percentage",
                decimal_places=1,
                polarity="none" if i % 10 == 9 else ("higher" if i % 2 else "lower"),
                frequency="quarterly",
                comparator="same_last_year" if i % 3 else "previous",
                data_source="Bulk",
                directorate=directorates[i % 6],
                scrutiny_board=board,
            )  # fmt: skip
            for i in range(count)
        ]
    )
    KPI.pillars.through.objects.bulk_create(
        [KPI.pillars.through(kpi=k, pillar=pillar) for k in kpis]
    )
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
        organisation=organisation, financial_year=last.fy, quarter=last.number,
        submission_deadline=last.end + dt.timedelta(days=25),
        directorate_check_date=last.end + dt.timedelta(days=32),
    )  # fmt: skip
    HighlightItem.objects.bulk_create(
        [
            HighlightItem(
                cycle=cycle,
                kpi=k,
                status="confirmed",
                reasons=["Chosen for the bulk council."],
                reasons_for_result="Reasons.",
                actions_being_taken="Actions.",
            )  # fmt: skip
            for k in kpis[::5]
        ]
    )
    return kpis
