from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quarterly.exchange.formats.national_imports import NATIONAL_IMPORTS
from quarterly.exchange.management.commands._common import open_file, progress_bar, refused
from quarterly.exchange.reading import WorkbookRejected


class Command(BaseCommand):
    help = (
        "Import a national dataset's values for every area: a Fingertips 'all data' export "
        "(--format fingertips) or a long CSV with columns indicator, area_code, area_name, "
        "period, value, count, denominator, lower95, upper95, lower998, upper998, polarity, note "
        "(--format long), an Oflog adult social care download (--format oflog) or an LG "
        "Inform-style long file with indicator, measure, unit and value columns (--format "
        "lginform). A .csv.gz file is read as its CSV. All or nothing; importing the same file "
        "again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The dataset (.csv, .csv.gz or .xlsx).")
        parser.add_argument("--format", required=True, choices=sorted(NATIONAL_IMPORTS))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with (
                open_file(path) as file,
                progress_bar(self.stderr, "Importing", verbosity=options["verbosity"]) as bar,
            ):
                saved = NATIONAL_IMPORTS[options["format"]](
                    name=path.name, content=file, by=None, progress=bar
                )
        except WorkbookRejected as rejected:
            raise refused(self.stderr, rejected) from None
        self.stdout.write(str(saved))
