"""Comparator groups as a CSV file or workbook: the council's own groups of areas, one row per
group and area. Columns `group`, `area_code` and, optionally, `area_name` (needed only for an
area Quarterly does not know yet). Each group named in the file gets exactly the areas listed;
groups the file does not name are left as they are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from quarterly.exchange.pipeline import Report, run_import
from quarterly.exchange.reading import _INVALID, Column, SheetReader, Tables, read_tables
from quarterly.organisation.models import Organisation
from quarterly.places.models import Area, ComparatorGroup, gss_code_check
from quarterly.places.services import (
    GroupsSaved,
    UploadedGroup,
    UploadedMember,
    comparator_groups_save,
    group_slug,
)

SHEET = "Comparator groups"
NAME_LENGTH = ComparatorGroup._meta.get_field("name").max_length or 200
COLUMNS = (
    Column("group", "group", required=True),
    Column("area_code", "area_code", required=True),
    Column("area_name", "area_name"),
)


def comparator_groups_import(
    *, organisation: Organisation | None, name: str, content: bytes, today: dt.date, by: Any
) -> GroupsSaved:
    """Save every group in the file, or none. Raises WorkbookRejected listing every problem."""
    return run_import(ComparatorGroups(organisation, today, by), read_tables(name, content))


@dataclass
class ComparatorGroups:
    organisation: Organisation | None  # None: groups shared by every council
    today: dt.date
    by: Any
    checks_while_applying = False

    def plan(self, tables: Tables, report: Report) -> list[UploadedGroup]:
        title, raw = tables.first(SHEET)
        reader = SheetReader(title, COLUMNS)
        rows = [row for row in reader.read_rows(raw)]
        codes = {str(row.values["area_code"]).upper() for row in rows}
        known = set(Area.objects.filter(code__in=codes).values_list("code", flat=True))
        built_in: set[str] = set()
        for group in ComparatorGroup.objects.filter(organisation__isnull=True).exclude(
            kind=ComparatorGroup.Kind.UPLOADED
        ):
            built_in |= {group.name.casefold(), group.slug}
        groups: dict[str, UploadedGroup] = {}
        first_row: dict[str, int] = {}
        seen: dict[tuple[str, str], int] = {}
        for row in rows:
            values = row.values
            if any(value is _INVALID for value in values.values()):
                continue
            name, code = values["group"], values["area_code"].upper()
            if not name or not code:
                continue  # an empty required cell, already reported
            slug = self._group_problem(reader, row.number, name, built_in)
            if slug is None:
                continue
            group = groups.setdefault(slug, UploadedGroup(name))
            first_row.setdefault(slug, row.number)
            if group.name != name:
                reader.problem(
                    row.number, "group",
                    f'This group is written "{group.name}" on row {first_row[slug]}; write its '
                    "name the same way on every row.",
                )  # fmt: skip
                continue
            try:
                gss_code_check(code)
            except ValidationError as error:
                reader.problem(row.number, "area_code", error.messages[0])
                continue
            if code not in known and not values["area_name"]:
                reader.problem(
                    row.number, "area_code",
                    f'There is no area with the code {code}. Check the code, or give the '
                    "area's name in the area_name column to add it.",
                )  # fmt: skip
                continue
            if (slug, code) in seen:
                reader.problem(
                    row.number, "area_code",
                    f'{code} is already in "{name}" on row {seen[(slug, code)]}.',
                )  # fmt: skip
                continue
            seen[(slug, code)] = row.number
            group.members.append(UploadedMember(code, values["area_name"]))
        if not rows and not reader.problems:
            reader.problem(2, None, "The file has no rows: list each group's areas, one a row.")
        for problem in reader.problems:
            report(problem)
        return list(groups.values())

    @staticmethod
    def _group_problem(reader: SheetReader, row: int, name: str, built_in: set[str]) -> str | None:
        """The group's slug, or None after reporting why its name cannot be used."""
        if len(name) > NAME_LENGTH:
            reader.problem(row, "group", f"A group's name has at most {NAME_LENGTH} characters.")
            return None
        slug = group_slug(name)
        if name.casefold() in built_in or slug in built_in:
            reader.problem(
                row, "group",
                f'"{name}" is one of Quarterly\'s built-in groups; give your group another name.',
            )  # fmt: skip
            return None
        if not slug:
            reader.problem(row, "group", f'"{name}" needs a letter or a digit to name a group.')
            return None
        return slug

    def apply(self, groups: list[UploadedGroup], report: Report) -> GroupsSaved:
        return comparator_groups_save(
            organisation=self.organisation, groups=groups, today=self.today, by=self.by
        )
