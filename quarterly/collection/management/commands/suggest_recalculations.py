"""`quarterly suggest-recalculations [--organisation SLUG] [--no-progress]`.

Looks at every active KPI's series for a sustained shift and suggests a recalculation point
where the rule finds one (METHODS.md §4.1). Running it again adds nothing twice. The
performance team then accepts or rejects each suggestion on the KPI's page.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from quarterly.collection.results.recalculations import recalculations_suggest_all
from quarterly.register.models import KPI


class Command(BaseCommand):
    help = (
        "Suggest SPC recalculation points for every active KPI with a sustained shift; the "
        "performance team accepts or rejects them. Safe to run again: nothing is suggested twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", default="", help="the council's slug, if several")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        kpis = KPI.objects.filter(status=KPI.Status.ACTIVE)
        if options["organisation"]:
            kpis = kpis.filter(organisation__slug=options["organisation"])
            if not kpis.exists():
                raise CommandError(
                    f"No council with active KPIs has the slug {options['organisation']!r}."
                )
        chosen = list(
            kpis.prefetch_related("results", "recalculation_points").order_by("reference")
        )
        with tqdm(
            total=len(chosen), desc="Looking for shifts", unit="KPI",
            disable=options["no_progress"],
        ) as bar:  # fmt: skip
            count = recalculations_suggest_all(kpis=chosen, progress=bar.update)
        self.stdout.write(
            f"{count} recalculation point{'s' if count != 1 else ''} suggested "
            f"across {len(chosen)} KPI{'s' if len(chosen) != 1 else ''}."
        )
