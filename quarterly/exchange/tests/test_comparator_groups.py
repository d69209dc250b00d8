"""A council uploads its own comparator groups, by command or on the web: all or nothing, with a
message for every bad row, and a second upload of the same file changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.exchange.formats.comparator_groups import comparator_groups_import
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.models import Organisation
from quarterly.places.models import Area, ComparatorGroup, GroupMember
from quarterly.places.services import places_load_builtins

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 15)
GOOD = (
    "group,area_code,area_name\n"
    "West Yorkshire peers,E08000035,\n"
    "West Yorkshire peers,E08000032,\n"
    "West Yorkshire peers,E08000036,Wakefield\n"
    "Big cities,E08000035,\n"
    "Big cities,E08000025,\n"
)


@pytest.fixture(autouse=True)
def places() -> None:
    places_load_builtins(today=TODAY)


def _import(organisation: Organisation | None, text: str) -> Any:
    return comparator_groups_import(
        organisation=organisation, name="groups.csv", content=text.encode(), today=TODAY, by=None
    )


def _state() -> tuple[int, int, int, int]:
    return (
        Area.objects.count(), ComparatorGroup.objects.count(), GroupMember.objects.count(),
        AuditEntry.objects.count(),
    )  # fmt: skip


def test_groups_are_added_then_a_second_upload_changes_nothing(organisation: Any) -> None:
    # when
    first = _import(organisation, GOOD)
    before = _state()
    second = _import(organisation, GOOD)
    # then
    assert str(first) == "Comparator groups: 2 added, 0 changed, 0 unchanged."
    assert str(second) == "Comparator groups: 0 added, 0 changed, 2 unchanged."
    assert _state() == before
    peers = ComparatorGroup.objects.get(organisation=organisation, name="West Yorkshire peers")
    assert sorted(peers.members.values_list("area__code", flat=True)) == [
        "E08000032", "E08000035", "E08000036",
    ]  # fmt: skip


def test_a_new_area_is_added_with_its_name_and_type(organisation: Any) -> None:
    # when
    saved = _import(
        organisation, "group,area_code,area_name\nWards,E05001420,Adel and Wharfedale\n"
    )
    # then
    area = Area.objects.get(code="E05001420")
    assert (area.name, area.type, saved.areas_added) == ("Adel and Wharfedale", "ward", 1)


def test_a_changed_group_ends_the_members_dropped_and_records_the_change(
    organisation: Any,
) -> None:
    # given
    _import(organisation, GOOD)
    later = dt.date(2026, 4, 1)
    # when Wakefield leaves and Kirklees joins
    saved = comparator_groups_import(
        organisation=organisation, name="groups.csv", by=None, today=later,
        content=b"group,area_code\nWest Yorkshire peers,E08000035\n"
        b"West Yorkshire peers,E08000032\nWest Yorkshire peers,E08000034\n",
    )  # fmt: skip
    # then
    peers = ComparatorGroup.objects.get(organisation=organisation, name="West Yorkshire peers")
    codes = sorted(peers.members.for_date(later).values_list("area__code", flat=True))
    earlier = sorted(peers.members.for_date(TODAY).values_list("area__code", flat=True))
    assert (saved.added, saved.changed, saved.unchanged) == (0, 1, 0)
    assert codes == ["E08000032", "E08000034", "E08000035"]
    assert earlier == ["E08000032", "E08000035", "E08000036"]
    entry = AuditEntry.objects.filter(target_id=peers.pk, action="update").get()
    assert entry.changes["members"] == [
        "E08000032, E08000035, E08000036", "E08000032, E08000034, E08000035",
    ]  # fmt: skip


BAD_ROWS = [
    ("Peers,E0800003,", "area_code", '"E0800003" is not an ONS area code'),
    ("Peers,E08999999,", "area_code", "There is no area with the code E08999999."),
    ("Core Cities,E08000035,", "group", '"Core Cities" is one of Quarterly\'s built-in groups'),
    ("Peers,E08000035,", "area_code", 'E08000035 is already in "Peers" on row 2.'),
    ("peers,E08000032,", "group", 'This group is written "Peers" on row 2'),
    (",E08000032,", "group", "This cell is empty; it is required."),
    ("!!!,E08000032,", "group", '"!!!" needs a letter or a digit to name a group.'),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_each_bad_row_is_refused_with_its_reason_and_nothing_changes(
    organisation: Any, row: str, column: str, message: str
) -> None:
    # given a good first row, then the bad one
    text = f"group,area_code,area_name\nPeers,E08000035,\n{row}\n"
    before = _state()
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import(organisation, text)
    # then
    problems = rejected.value.problems
    assert [(p.row, p.column) for p in problems] == [(3, column)], problems
    assert problems[0].message.startswith(message), problems[0].message
    assert _state() == before


def test_the_command_imports_and_reports(organisation: Any, tmp_path: Path) -> None:
    # given
    path = tmp_path / "groups.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    # when
    with override_settings(QUARTERLY_TODAY=TODAY):
        call_command("import_groups", str(path), stdout=out)
    # then
    assert out.getvalue().strip() == "Comparator groups: 2 added, 0 changed, 0 unchanged."


def test_the_command_refuses_a_bad_file_listing_every_problem(
    organisation: Any, tmp_path: Path
) -> None:
    # given
    path = tmp_path / "groups.csv"
    path.write_text("group,area_code\nPeers,E08999999\nPeers,X1\n", encoding="utf-8")
    err = StringIO()
    # when
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_groups", str(path), stderr=err)
    # then
    assert "row 2" in err.getvalue() and "row 3" in err.getvalue()
    assert not ComparatorGroup.objects.filter(name="Peers").exists()


def test_with_no_council_the_groups_are_shared(tmp_path: Path) -> None:
    # given a database with no council
    assert not Organisation.objects.exists()
    path = tmp_path / "groups.csv"
    path.write_text(GOOD, encoding="utf-8")
    # when
    call_command("import_groups", str(path), stdout=StringIO())
    call_command("import_groups", str(path), stdout=StringIO())
    # then a council set up later compares within them
    shared = ComparatorGroup.objects.filter(organisation__isnull=True, kind="uploaded")
    assert sorted(shared.values_list("name", flat=True)) == ["Big cities", "West Yorkshire peers"]


def test_the_upload_page_saves_a_good_file_and_lists_every_problem_of_a_bad_one(
    performance_client: Any, organisation: Any
) -> None:
    # given
    url = reverse("places:groups-upload")
    bad = SimpleUploadedFile("groups.csv", b"group,area_code\nPeers,E08999999\n")
    good = SimpleUploadedFile("groups.csv", GOOD.encode())
    # when
    refused = performance_client.post(url, {"file": bad})
    saved = performance_client.post(url, {"file": good}, follow=True)
    # then
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The comparator groups were not saved" in page
    assert "There is no area with the code E08999999." in page
    assert "Comparator groups: 2 added" in saved.content.decode()
    assert "West Yorkshire peers" in saved.content.decode()


def test_the_upload_page_refuses_a_missing_file_with_the_error_summary(
    performance_client: Any,
) -> None:
    # when
    response = performance_client.post(reverse("places:groups-upload"), {})
    # then
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose a CSV or Excel file of comparator groups to upload." in page
