"""Reads of places: an organisation's own area, and the comparator groups it may use."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from quarterly.organisation.models import Organisation
from quarterly.places.models import Area, ComparatorGroup, GroupMember
from quarterly.places.recoding import recodes

# Built-in kinds every council may use; nearest neighbours are each authority's own.
SHARED_KINDS: tuple[str, ...] = (
    ComparatorGroup.Kind.ENGLAND,
    ComparatorGroup.Kind.REGION,
    ComparatorGroup.Kind.CORE_CITIES,
)


def area_for_organisation(organisation: Organisation) -> Area | None:
    """The council's own ONS area (from its area code), or None if it has none we know."""
    if not organisation.area_code:
        return None
    return Area.objects.filter(code=organisation.area_code).first()


def recoded_areas() -> dict[str, str]:
    """Every one-to-one recode, new code -> old code (see `places.recoding`); one query."""
    return recodes(
        dict(Area.objects.exclude(successor_code="").values_list("code", "successor_code"))
    )


def groups_for_organisation(organisation: Organisation) -> QuerySet[ComparatorGroup]:
    """The groups a council compares within: England, the regions, the Core Cities, its own
    nearest neighbours, the groups it uploaded and any uploaded before a council was set up."""
    condition = Q(organisation__isnull=True, kind__in=SHARED_KINDS) | Q(organisation=organisation)
    condition |= Q(organisation__isnull=True, kind=ComparatorGroup.Kind.UPLOADED)
    if organisation.area_code:
        condition |= Q(
            organisation__isnull=True,
            kind=ComparatorGroup.Kind.NEAREST_NEIGHBOURS,
            area__code=organisation.area_code,
        )
    return ComparatorGroup.objects.filter(condition).select_related("area")


def groups_with_members(organisation: Organisation, day: dt.date) -> list[ComparatorGroup]:
    """The council's groups, each with `current_members` (the areas in it on `day`), in two
    queries whatever their number."""
    members = GroupMember.objects.for_date(day).select_related("area").order_by("area__name")
    return list(
        groups_for_organisation(organisation)
        .for_date(day)
        .prefetch_related(Prefetch("members", queryset=members, to_attr="current_members"))
        .order_by("kind", "name")
    )
