"""The built-in areas and groups load idempotently and audited; an organisation finds its area
and the groups it may compare within."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from quarterly.core.models import AuditEntry
from quarterly.places.builtins import shipped_rows
from quarterly.places.models import Area, ComparatorGroup, GroupMember
from quarterly.places.selectors import area_for_organisation, groups_for_organisation
from quarterly.places.services import places_load_builtins

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def loaded() -> None:
    # The migration loads them; a flushed test database may not have them any more.
    places_load_builtins(today=TODAY)


def test_a_second_load_adds_and_changes_nothing(loaded: None) -> None:
    # given the built-ins loaded, and a count of what the extracts hold
    areas = len(shipped_rows("areas.csv"))
    neighbour_groups = len({row["area_code"] for row in shipped_rows("nearest_neighbours.csv")})
    # when
    out = StringIO()
    call_command("load_areas", "--no-progress", stdout=out)
    # then
    assert out.getvalue().strip() == (
        "Areas: 0 added, 0 changed. Comparator groups: 0 added, 0 changed."
    )
    assert Area.objects.count() == areas
    assert ComparatorGroup.objects.filter(organisation__isnull=True).count() == (
        1 + 9 + 1 + neighbour_groups
    )


def test_an_area_changed_by_hand_is_restored_and_the_change_recorded(loaded: None) -> None:
    # given
    leeds = Area.objects.get(code="E08000035")
    leeds.name = "Leodis"
    leeds.save()
    # when
    loaded_again = places_load_builtins(today=TODAY)
    # then
    leeds.refresh_from_db()
    assert leeds.name == "Leeds"
    assert (loaded_again.areas_added, loaded_again.areas_changed) == (0, 1)
    entry = AuditEntry.objects.filter(target_id=leeds.pk, action="update").latest("at")
    assert entry.changes == {"name": ["Leodis", "Leeds"]}


def test_a_member_dropped_from_a_group_is_ended_yesterday_not_deleted(loaded: None) -> None:
    # given Core Cities with a ninth member that the extract does not list
    cities = ComparatorGroup.objects.get(slug="core-cities")
    york = Area.objects.get(code="E06000014")
    extra = GroupMember.objects.create(group=cities, area=york)
    # when
    result = places_load_builtins(today=TODAY)
    # then
    extra.refresh_from_db()
    assert extra.valid_to == TODAY - dt.timedelta(days=1)
    assert result.groups_changed == 1
    assert cities.members.for_date(TODAY).count() == 8
    assert cities.members.for_date(TODAY - dt.timedelta(days=1)).count() == 9


def test_an_organisation_finds_its_area_and_its_groups(loaded: None, organisation: Any) -> None:
    # given Leeds (E08000035) and another council's uploaded group
    other = ComparatorGroup.objects.create(
        name="Elsewhere's peers", slug="elsewheres-peers", kind="uploaded",
        organisation=type(organisation).objects.create(name="Elsewhere", slug="elsewhere"),
    )  # fmt: skip
    # when
    area = area_for_organisation(organisation)
    groups = set(groups_for_organisation(organisation).values_list("name", flat=True))
    # then
    assert area is not None and area.name == "Leeds"
    assert {"England", "Yorkshire and The Humber", "Core Cities"} <= groups
    assert "Oflog nearest neighbours of Leeds" in groups
    assert "Oflog nearest neighbours of Bradford" not in groups
    assert other.name not in groups
