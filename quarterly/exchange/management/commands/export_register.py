from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quarterly.exchange.formats.register_workbook import register_export
from quarterly.exchange.management.commands._common import organisation_named


class Command(BaseCommand):
    help = "Export the KPI Register (supporting information, targets and the data record) to .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write the workbook.")
        parser.add_argument(
            "--organisation", default="", help="Council slug (default: the only council)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_named(options["organisation"])
        path: Path = options["file"]
        try:
            path.write_bytes(register_export(organisation=organisation))
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote the KPI Register to {path}."))
