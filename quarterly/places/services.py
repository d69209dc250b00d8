"""Writes to places: the built-in areas and groups, and the groups a council uploads.

Every change is validated and audited in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from quarterly.core.audit import audit_record_many
from quarterly.core.models import AuditEntry
from quarterly.organisation.models import Organisation
from quarterly.places.builtins import BuiltinsLoaded, builtins_load
from quarterly.places.models import Area, ComparatorGroup, GroupMember


@transaction.atomic
def places_load_builtins(
    *,
    today: dt.date,
    by: Any = None,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items,
) -> BuiltinsLoaded:
    """Load the shipped areas and built-in comparator groups; a second run changes nothing."""

    def record(entries: list[tuple[Any, str, dict[str, list[str | None]]]]) -> None:
        audit_record_many(actor=by, entries=entries, note="Built-in places loaded")

    return builtins_load(
        area_model=Area, group_model=ComparatorGroup, member_model=GroupMember, today=today,
        record=record, progress=progress,
    )  # fmt: skip


@dataclass(frozen=True)
class UploadedMember:
    code: str
    name: str = ""  # the area's name, for an area Quarterly does not know yet


@dataclass
class UploadedGroup:
    name: str
    members: list[UploadedMember] = field(default_factory=list)


@dataclass(frozen=True)
class GroupsSaved:
    added: int
    changed: int
    unchanged: int
    areas_added: int

    def __str__(self) -> str:
        areas = f" New areas: {self.areas_added}." if self.areas_added else ""
        return (
            f"Comparator groups: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged.{areas}"
        )


def group_slug(name: str) -> str:
    return slugify(name)[:100]


@transaction.atomic
def comparator_groups_save(
    *,
    organisation: Organisation | None,
    groups: Sequence[UploadedGroup],
    today: dt.date,
    by: Any,
) -> GroupsSaved:
    """Make each of the council's groups (with no council, the shared uploaded groups) have exactly the members given (adding a group that is
    new). An area Quarterly does not know is added with its name. A member no longer listed is
    ended yesterday, and one newly listed starts today, so earlier comparisons keep their group.
    A group that would not change is not written."""
    entries: list[tuple[Any, str, dict[str, list[str | None]]]] = []
    codes = {member.code for group in groups for member in group.members}
    areas = {area.code: area for area in Area.objects.filter(code__in=codes)}
    for group in groups:
        for member in group.members:
            if member.code not in areas:
                area = Area(code=member.code, name=member.name,
                            type=Area.type_for_code(member.code))  # fmt: skip
                area.full_clean()
                area.save()
                areas[area.code] = area
                entries.append((area, AuditEntry.Action.CREATE,
                                {"code": [None, area.code], "name": [None, area.name]}))  # fmt: skip
    areas_added = len(entries)
    stored = {
        g.slug: g
        for g in ComparatorGroup.objects.select_for_update().filter(
            organisation=organisation, kind=ComparatorGroup.Kind.UPLOADED
        )
    }
    added = changed = unchanged = 0
    for upload in groups:
        group = stored.get(group_slug(upload.name))
        current: dict[str, GroupMember] = {}
        if group is None:
            group = ComparatorGroup(
                name=upload.name, slug=group_slug(upload.name), organisation=organisation,
                kind=ComparatorGroup.Kind.UPLOADED, source="Uploaded by the council",
            )  # fmt: skip
            group.full_clean()
            group.save()
            added += 1
            starting = None
            entries.append((group, AuditEntry.Action.CREATE, {"name": [None, group.name]}))
        else:
            current = {
                m.area.code: m
                for m in group.members.filter(valid_to__isnull=True).select_related("area")
            }
            starting = today
        wanted = dict.fromkeys(member.code for member in upload.members)
        new = [code for code in wanted if code not in current]
        gone = [code for code in current if code not in wanted]
        GroupMember.objects.bulk_create(
            [GroupMember(group=group, area=areas[code], valid_from=starting) for code in new]
        )
        for code in gone:
            _end(current[code], today)
        changes: dict[str, list[str | None]] = {}
        if group.name != upload.name:
            changes["name"] = [group.name, upload.name]
            group.name = upload.name
            group.save(update_fields=["name", "updated_at"])
        if current and (new or gone):
            changes["members"] = [", ".join(sorted(current)), ", ".join(sorted(wanted))]
        if starting is None:
            continue
        if changes:
            changed += 1
            entries.append((group, AuditEntry.Action.UPDATE, changes))
        else:
            unchanged += 1
    audit_record_many(actor=by, entries=entries, note="Comparator groups uploaded")
    return GroupsSaved(added, changed, unchanged, areas_added)


def _end(member: GroupMember, today: dt.date) -> None:
    """End a membership yesterday; one that only began today never held, so it goes."""
    if member.valid_from is not None and member.valid_from >= today:
        member.delete()
        return
    member.valid_to = today - dt.timedelta(days=1)
    member.full_clean()
    member.save(update_fields=["valid_to", "updated_at"])
