from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quarterly.exchange.formats.release_calendar import release_calendar_import
from quarterly.exchange.management.commands._common import organisation_named, read_file, refused
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
        organisation = organisation_named(options.get("organisation"))
        try:
            saved = release_calendar_import(
                organisation=organisation, name=path.name, content=read_file(path), by=None
            )
        except WorkbookRejected as rejected:
            raise refused(self.stderr, rejected) from None
        self.stdout.write(str(saved))
