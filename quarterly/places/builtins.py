"""The built-in areas and comparator groups, loaded from the extracts shipped in `data/`.

The areas of the ONS lookup, England and the nine regions (each a group of its current
upper-tier authorities), the Core Cities and Oflog's nearest neighbours of each authority.
`quarterly migrate` loads them (migration `0002_builtin_places`), so a new database has them
without the demo; `quarterly load-areas` loads them again after an updated extract. Loading is
idempotent: a second run adds and changes nothing. A member a newer extract drops is ended
(its `valid_to` set to yesterday), never deleted, so past comparisons stay as they were.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.utils.text import slugify

from quarterly.places.recoding import current_code, recodes

ENGLAND = "E92000001"
UPPER_TIER = {"E06", "E08", "E09", "E10"}
AREA_FIELDS = ("name", "type", "region_code", "upper_tier_code", "successor_code", "valid_to")
GROUP_FIELDS = ("name", "kind", "area_id", "source")
SOURCES = {
    "england": "Every current English upper-tier authority, from the ONS local authority lookup.",
    "region": "The region's current upper-tier authorities, from the ONS local authority lookup.",
    "core_cities": "The eight Core Cities of England.",
    "nearest_neighbours": (
        "Oflog's nearest neighbours (the authority and its 15 statistical neighbours), from "
        "the Local Authority Data Explorer."
    ),
}


@dataclass(frozen=True)
class BuiltinsLoaded:
    areas_added: int
    areas_changed: int
    groups_added: int
    groups_changed: int

    def __str__(self) -> str:
        return (
            f"Areas: {self.areas_added} added, {self.areas_changed} changed. Comparator groups: "
            f"{self.groups_added} added, {self.groups_changed} changed."
        )


@dataclass(frozen=True)
class GroupSpec:
    slug: str
    name: str
    kind: str
    area_code: str
    members: tuple[str, ...]


def shipped_rows(name: str) -> list[dict[str, str]]:
    """The rows of one shipped extract (`areas.csv`, `core_cities.csv`, ...)."""
    text = (resources.files("quarterly.places") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def builtin_groups(areas: list[dict[str, str]]) -> list[GroupSpec]:
    """England, the regions, the Core Cities and each authority's nearest neighbours. Members
    are named by their current codes: a source that names a recoded area by its old code
    (Sheffield E08000019, now E08000039) gets the new one, and comparisons find the values
    published under the old (see `recoding`)."""
    names = {row["code"]: row["name"] for row in areas}
    recoded = recodes({row["code"]: row["successor_code"] for row in areas})

    def now(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(current_code(code, recoded) for code in codes))

    current = [
        row for row in areas
        if row["type"] in UPPER_TIER and row["code"].startswith("E")
        and not row["successor_code"] and not row["valid_to"]
    ]  # fmt: skip
    specs = [GroupSpec("england", "England", "england", ENGLAND,
                       tuple(row["code"] for row in current))]  # fmt: skip
    for region in (row for row in areas if row["type"] == "region"):
        members = tuple(row["code"] for row in current if row["region_code"] == region["code"])
        specs.append(
            GroupSpec(slugify(region["name"]), region["name"], "region", region["code"], members)
        )
    cities = now(row["code"] for row in shipped_rows("core_cities.csv"))
    specs.append(GroupSpec("core-cities", "Core Cities", "core_cities", "", cities))
    neighbours: dict[str, list[str]] = {}
    for row in shipped_rows("nearest_neighbours.csv"):
        neighbours.setdefault(row["area_code"], []).append(row["neighbour_code"])
    for code, members in neighbours.items():
        specs.append(
            GroupSpec(
                f"nearest-neighbours-{code.lower()}", f"Oflog nearest neighbours of {names[code]}",
                "nearest_neighbours", code, now(members),
            )
        )  # fmt: skip
    return specs


def builtins_load(
    *,
    area_model: Any,
    group_model: Any,
    member_model: Any,
    today: dt.date,
    record: Callable[[list[tuple[Any, str, dict[str, list[str | None]]]]], None] | None = None,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items,
) -> BuiltinsLoaded:
    """Load the shipped areas and built-in groups into the given models (today's, or a
    migration's historical ones), adding what is new and changing what differs.

    `record` receives every change as (record, "create"/"update", {field: [before, after]}),
    for the audit trail.
    """
    rows = shipped_rows("areas.csv")
    entries: list[tuple[Any, str, dict[str, list[str | None]]]] = []
    stored = {area.code: area for area in area_model.objects.all()}
    new_areas, changed_areas = [], []
    for row in progress(rows):
        values = {name: row[name] for name in AREA_FIELDS}
        values["valid_to"] = dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        area = stored.get(row["code"])
        if area is None:
            new_areas.append(area_model(code=row["code"], **values))
            continue
        changes = _changes(area, values)
        if changes:
            for name, value in values.items():
                setattr(area, name, value)
            changed_areas.append(area)
            entries.append((area, "update", changes))
    area_model.objects.bulk_create(new_areas, batch_size=500)
    _touch(changed_areas)
    area_model.objects.bulk_update(changed_areas, [*AREA_FIELDS, "updated_at"], batch_size=500)
    entries += [(a, "create", {"code": [None, a.code], "name": [None, a.name]}) for a in new_areas]
    areas = {area.code: area for area in area_model.objects.all()}

    groups = {g.slug: g for g in group_model.objects.filter(organisation__isnull=True)}
    members: dict[int, dict[str, Any]] = {}
    for member in member_model.objects.filter(
        group__organisation__isnull=True, valid_to__isnull=True
    ).select_related("area"):
        members.setdefault(member.group_id, {})[member.area.code] = member
    groups_added = groups_changed = 0
    new_members, ended = [], []
    for spec in progress(builtin_groups(rows)):
        values = {"name": spec.name, "kind": spec.kind, "source": SOURCES[spec.kind],
                  "area_id": areas[spec.area_code].pk if spec.area_code else None}  # fmt: skip
        group = groups.get(spec.slug)
        if group is None:
            group = group_model.objects.create(slug=spec.slug, organisation=None, **values)
            groups_added += 1
            entries.append((group, "create", {"name": [None, spec.name]}))
            changes: dict[str, list[str | None]] = {}
        else:
            changes = _changes(group, values)
            for name, value in values.items():
                setattr(group, name, value)
        current = members.get(group.pk, {})
        wanted = dict.fromkeys(spec.members)
        starting = None if group.pk not in members else today
        added = [code for code in wanted if code not in current]
        removed = [code for code in current if code not in wanted]
        new_members += [
            member_model(group=group, area=areas[code], valid_from=starting) for code in added
        ]
        for code in removed:
            current[code].valid_to = today - dt.timedelta(days=1)
            ended.append(current[code])
        if current and (added or removed):
            changes["members"] = [
                ", ".join(sorted(current)), ", ".join(sorted(wanted))
            ]  # fmt: skip
        if changes:
            group.save()
            groups_changed += 1
            entries.append((group, "update", changes))
    member_model.objects.bulk_create(new_members, batch_size=1000)
    _touch(ended)
    member_model.objects.bulk_update(ended, ["valid_to", "updated_at"], batch_size=500)
    if record is not None:
        record(entries)
    return BuiltinsLoaded(len(new_areas), len(changed_areas), groups_added, groups_changed)


def _changes(record: Any, values: dict[str, Any]) -> dict[str, list[str | None]]:
    return {
        name: [_text(getattr(record, name)), _text(value)]
        for name, value in values.items()
        if getattr(record, name) != value
    }


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _touch(records: list[Any]) -> None:
    now = dt.datetime.now(dt.UTC)  # bulk_update does not fill auto_now fields
    for record in records:
        record.updated_at = now
