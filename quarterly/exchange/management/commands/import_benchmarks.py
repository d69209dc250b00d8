from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from quarterly.exchange.formats.national_fingertips import national_fingertips_import
from quarterly.exchange.formats.national_long import national_long_import
from quarterly.exchange.reading import WorkbookRejected

IMPORTS = {"fingertips": national_fingertips_import, "long": national_long_import}


class Command(BaseCommand):
    help = (
        "Import a national dataset's values for every area: a Fingertips 'all data' export "
        "(--format fingertips) or a long CSV with columns indicator, area_code, area_name, "
        "period, value, count, denominator, lower95, upper95, lower998, upper998, polarity, note "
        "(--format long). All or nothing; importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The dataset (.csv or .xlsx).")
        parser.add_argument("--format", required=True, choices=sorted(IMPORTS))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")

        def progress(rows: Iterable[Any], total: int) -> Iterable[Any]:
            return tqdm(rows, total=total, unit=" rows", file=self.stderr, mininterval=0.5)

        try:
            saved = IMPORTS[options["format"]](
                name=path.name, content=path.read_bytes(), by=None, progress=progress
            )
        except WorkbookRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(rejected)) from None
        self.stdout.write(str(saved))
