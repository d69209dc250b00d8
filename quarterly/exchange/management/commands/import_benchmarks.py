from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quarterly.exchange.formats.national_imports import NATIONAL_IMPORTS
from quarterly.exchange.formats.national_values import CountsCheck
from quarterly.exchange.management.commands._common import open_file, progress_bar, refused
from quarterly.exchange.reading import WorkbookRejected
from quarterly.register.models import COUNTS_ROUNDED_MAX


class Command(BaseCommand):
    help = (
        "Import a national dataset's values for every area: a Fingertips 'all data' export "
        "(--format fingertips) or a long CSV with columns indicator, area_code, area_name, "
        "period, value, count, denominator, lower95, upper95, lower998, upper998, polarity, note "
        "(--format long), an Oflog adult social care download (--format oflog) or an LG "
        "Inform-style long file with indicator, measure, unit and value columns (--format "
        "lginform). A .csv.gz file is read as its CSV. All or nothing; importing the same file "
        "again changes nothing. National files record no unit, so values are checked against "
        "count and denominator only when --value-per P says value = P × count ÷ denominator "
        "(100 for percentages); --counts-rounded-to N allows counts rounded to the nearest N. "
        "Leave both out for a file of age-standardised rates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The dataset (.csv, .csv.gz or .xlsx).")
        parser.add_argument("--format", required=True, choices=sorted(NATIONAL_IMPORTS))
        parser.add_argument(
            "--value-per", type=Decimal, default=None, metavar="P",
            help="Check each value against its counts: value = P × count ÷ denominator (100 for "
            "percentages, 100000 for a rate per 100,000). Off by default.",
        )  # fmt: skip
        parser.add_argument(
            "--counts-rounded-to", type=int, default=None, metavar="N",
            help="With --value-per: the file's counts and denominators are rounded to the "
            "nearest N, so a value is checked within that rounding.",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        counts = _counts_check(options["value_per"], options["counts_rounded_to"])
        try:
            with (
                open_file(path) as file,
                progress_bar(self.stderr, "Importing", verbosity=options["verbosity"]) as bar,
            ):
                saved = NATIONAL_IMPORTS[options["format"]](
                    name=path.name, content=file, by=None, progress=bar, counts=counts
                )
        except WorkbookRejected as rejected:
            raise refused(self.stderr, rejected) from None
        self.stdout.write(str(saved))


def _counts_check(value_per: Decimal | None, rounded_to: int | None) -> CountsCheck | None:
    if rounded_to is not None and not 1 <= rounded_to <= COUNTS_ROUNDED_MAX:
        raise CommandError(f"--counts-rounded-to must be between 1 and {COUNTS_ROUNDED_MAX:,}.")
    if value_per is None:
        if rounded_to is not None:
            raise CommandError(
                "--counts-rounded-to needs --value-per: national files record no unit, so say "
                "what count ÷ denominator is multiplied by (100 for percentages)."
            )
        return None
    if not value_per.is_finite() or value_per <= 0:
        raise CommandError("--value-per must be a positive number, such as 100 for percentages.")
    return CountsCheck(value_per, rounded_to)
