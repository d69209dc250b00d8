from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from quarterly.benchmarking.comparisons import group_comparison
from quarterly.benchmarking.models import NationalIndicator
from quarterly.core import clock
from quarterly.core.periods import Period
from quarterly.places.models import ComparatorGroup


class Command(BaseCommand):
    help = (
        "Compare every area of a comparator group on a national indicator for one period: "
        "value, rank (1 = best), n, quartile, and significance against England and the group's "
        "mean. A recoded area's value published under its earlier ONS code counts as its own. "
        "Needs only imported groups and national values (import-groups, import-benchmarks)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", required=True, help="The publisher's indicator id.")
        parser.add_argument("--group", required=True, help="The comparator group's name or slug.")
        parser.add_argument(
            "--period", required=True, help="For example 2023/24, 2023 or 2023/24 Q1."
        )
        parser.add_argument(
            "--sex", default="", help="The sex compared, as the dataset names it (Male, Female, "
            "Persons); by default persons where published.",
        )  # fmt: skip
        parser.add_argument(
            "--age", default="", help='The age band compared, as the dataset names it ("65+ '
            'yrs"); by default all ages where published.',
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        indicators = list(NationalIndicator.objects.filter(code=options["indicator"]))
        if not indicators:
            raise CommandError(f"No national indicator {options['indicator']} has been imported.")
        if len(indicators) > 1:
            sources = ", ".join(i.source for i in indicators)
            raise CommandError(
                f"Indicator {options['indicator']} comes from several sources: {sources}."
            )
        name = options["group"]
        groups = list(ComparatorGroup.objects.filter(Q(name__iexact=name) | Q(slug=name)))
        if len(groups) != 1:
            raise CommandError(
                f'No comparator group is called "{name}".' if not groups
                else f'Several comparator groups are called "{name}": use its slug.'
            )  # fmt: skip
        try:
            period = Period.parse_national(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        comparison = group_comparison(
            indicator=indicators[0], group=groups[0], period=period, day=clock.today(),
            wanted=(options["sex"], options["age"]),
        )  # fmt: skip
        if options["json"]:
            self.stdout.write(json.dumps(comparison.as_dict(), indent=2))
            return
        self.stdout.write(
            f"{comparison.indicator.name.strip()}, {period.label}, {comparison.group.name}"
            f"{f' ({comparison.breakdown_words})' if comparison.breakdown_words else ''} "
            f"(England {comparison.england}, median {comparison.median})"
        )
        for area in comparison.areas:
            rank = f"{area.rank} of {area.n}" if area.rank else "no value"
            recoded = f" (published as {area.published_as})" if area.published_as else ""
            self.stdout.write(
                f"{area.area_code}  {area.area_name:<32} {area.value!s:>12}  {rank:<10} "
                f"Q{area.quartile or '-'}  England: {area.vs_england}; group: {area.vs_group}{recoded}"
            )
