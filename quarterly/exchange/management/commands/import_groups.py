from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quarterly.core import clock
from quarterly.exchange.formats.comparator_groups import comparator_groups_import
from quarterly.exchange.management.commands._common import organisation_named, read_file, refused
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.models import Organisation


class Command(BaseCommand):
    help = (
        "Import the council's comparator groups (CSV or .xlsx with columns group, area_code "
        "and optionally area_name, for an area Quarterly does not know yet). Each group in the "
        "file gets exactly the areas listed; others are left as they are. All or nothing. With no "
        "council set up yet, the groups are shared by every council."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The comparator groups (.csv or .xlsx).")
        parser.add_argument("--organisation", help="The council's slug (when there are several).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        content = read_file(path)
        # A database used only for comparisons has no council: its groups are shared.
        slug = options.get("organisation")
        organisation = organisation_named(slug) if slug or Organisation.objects.exists() else None
        try:
            saved = comparator_groups_import(
                organisation=organisation, name=path.name, content=content,
                today=clock.today(), by=None,
            )  # fmt: skip
        except WorkbookRejected as rejected:
            raise refused(self.stderr, rejected) from None
        self.stdout.write(str(saved))
