from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from quarterly.exchange.formats.register_workbook import register_import
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.models import Organisation


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
        organisation = _organisation(options["organisation"])
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        bar = tqdm(total=0, desc="Importing", unit="row", disable=options["verbosity"] == 0)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            summary = register_import(
                organisation=organisation, source=data, by=None, progress=progress
            )
        except WorkbookRejected as rejected:
            bar.close()
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(rejected.problems)} problem(s) found in {path}; nothing was imported."
            ) from None
        bar.close()
        self.stdout.write(self.style.SUCCESS(f"Imported {path}. {summary}"))


def _organisation(slug: str) -> Organisation:
    organisations = Organisation.objects.all()
    if slug:
        organisations = organisations.filter(slug=slug)
    found = list(organisations[:2])
    if not found:
        raise CommandError(
            f"No council {'called ' + slug if slug else 'has been set up'}. Run `quarterly demo --no-serve` first or check --organisation."
        )
    if len(found) > 1:
        raise CommandError("There is more than one council; choose one with --organisation.")
    return found[0]
