from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from quarterly.exchange.formats.national_imports import NATIONAL_IMPORTS
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
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        bar = tqdm(
            unit=" rows", file=self.stderr, mininterval=0.5, disable=options["verbosity"] == 0
        )

        def progress(done: int, total: int | None) -> None:
            if total is not None and bar.total != total:
                bar.reset(total)
                bar.set_description_str("Saving")
            elif total is None:
                bar.set_description_str("Checking", refresh=False)
            bar.update(done - bar.n)

        try:
            with path.open("rb") as file:
                saved = NATIONAL_IMPORTS[options["format"]](
                    name=path.name, content=file, by=None, progress=progress
                )
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except WorkbookRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(rejected)) from None
        finally:
            bar.close()
        self.stdout.write(str(saved))
