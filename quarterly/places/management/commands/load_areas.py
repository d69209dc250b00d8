from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from quarterly.core import clock
from quarterly.places.services import places_load_builtins


class Command(BaseCommand):
    help = (
        "Load the ONS areas and the built-in comparator groups (England, the regions, the Core "
        "Cities, Oflog's nearest neighbours) from the extracts shipped with Quarterly. "
        "`quarterly migrate` loads them already; run this after an update changes the extracts. "
        "Running it again adds and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        hide = options["no_progress"] or options["verbosity"] == 0

        def progress(items: Any) -> Any:
            return tqdm(items, desc="Loading places", unit="row", disable=hide, leave=False)

        loaded = places_load_builtins(today=clock.today(), progress=progress)
        self.stdout.write(str(loaded))
