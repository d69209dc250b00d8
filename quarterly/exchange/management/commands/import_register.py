from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quarterly.exchange.formats.register_workbook import register_import
from quarterly.exchange.management.commands._common import (
    organisation_named,
    progress_bar,
    read_file,
    refused,
)
from quarterly.exchange.reading import WorkbookRejected


class Command(BaseCommand):
    help = (
        "Import a KPI Register workbook (.xlsx): all or nothing. On any problem nothing changes and "
        "every problem is listed with its sheet, row and column."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The workbook to import.")
        parser.add_argument(
            "--organisation", default="", help="Council slug (default: the only council)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_named(options["organisation"])
        path: Path = options["file"]
        data = read_file(path)
        try:
            with progress_bar(self.stderr, "Importing", verbosity=options["verbosity"]) as bar:
                summary = register_import(
                    organisation=organisation, source=data, by=None, progress=bar
                )
        except WorkbookRejected as rejected:
            raise refused(
                self.stderr, rejected,
                f"{rejected.total:,} problem(s) found in {path}; nothing was imported.",
            ) from None  # fmt: skip
        self.stdout.write(self.style.SUCCESS(f"Imported {path}. {summary}"))
