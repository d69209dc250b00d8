from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quarterly.exchange.formats.results_upload import results_upload
from quarterly.exchange.management.commands._common import (
    organisation_named,
    progress_bar,
    read_file,
    refused,
)
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.models import Person
from quarterly.register.models import COUNTS_ROUNDED_MAX


class Command(BaseCommand):
    help = (
        "Enter results in bulk from a CSV file or an Excel workbook (columns Reference, Period, "
        "Value, and optionally Numerator, Denominator, Reason a figure is missing, Commentary, "
        "Data quality note), as the person --as would on the upload page: all or nothing. "
        "Suppression marks (c, x, *, .., [c], [x], [z]) and zero denominators are stored as no "
        "value with their reason; --counts-rounded-to N checks values against counts rounded to "
        "the nearest N."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The results file (.csv or .xlsx).")
        parser.add_argument(
            "--as", dest="email", required=True,
            help="The email of the person entering them: only KPIs they enter results for.",
        )  # fmt: skip
        parser.add_argument(
            "--submit", action="store_true",
            help="Submit the results for sign-off (otherwise they are saved as drafts).",
        )  # fmt: skip
        parser.add_argument(
            "--counts-rounded-to", type=int, default=None, metavar="N",
            help="The file's numerators and denominators are rounded to the nearest N "
            "(default: each KPI's own setting).",
        )  # fmt: skip
        parser.add_argument(
            "--organisation", default="", help="Council slug (default: the only council)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_named(options["organisation"])
        rounded_to: int | None = options["counts_rounded_to"]
        if rounded_to is not None and not 1 <= rounded_to <= COUNTS_ROUNDED_MAX:
            raise CommandError(f"--counts-rounded-to must be between 1 and {COUNTS_ROUNDED_MAX:,}.")
        person = Person.objects.filter(
            organisation=organisation, email__iexact=options["email"], is_active=True
        ).first()
        if person is None:
            raise CommandError(f"{organisation.name} has no active person with that email.")
        path: Path = options["file"]
        content = read_file(path)
        try:
            with progress_bar(self.stderr, "Entering", verbosity=options["verbosity"]) as bar:
                count = results_upload(
                    organisation=organisation, user=person, name=path.name, content=content,
                    submit=options["submit"], counts_rounded_to=rounded_to, progress=bar,
                )  # fmt: skip
        except WorkbookRejected as rejected:
            raise refused(
                self.stderr, rejected,
                f"{rejected.total:,} problem(s) found in {path}; nothing was entered.",
            ) from None  # fmt: skip
        verb = "submitted for sign-off" if options["submit"] else "saved as drafts"
        self.stdout.write(self.style.SUCCESS(f"{count} result(s) from {path} {verb}."))
