from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quarterly.exchange.formats.release_calendar import release_calendar_import
from quarterly.exchange.management.commands.import_register import _organisation
from quarterly.exchange.reading import WorkbookRejected


class Command(BaseCommand):
    help = (
        "Import a release calendar (CSV or .xlsx with columns kpi_ref, period, release_date and "
        "optionally source): when national sources will publish each KPI's result. Until that "
        "day the result is awaiting national release and nobody is chased for it. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The release calendar (.csv or .xlsx).")
        parser.add_argument("--organisation", help="The council's slug (when there are several).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        organisation = _organisation(options.get("organisation"))
        try:
            saved = release_calendar_import(
                organisation=organisation, name=path.name, content=path.read_bytes(), by=None
            )
        except WorkbookRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(rejected)) from None
        self.stdout.write(str(saved))
