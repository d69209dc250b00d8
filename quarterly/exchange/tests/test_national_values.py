"""National datasets are imported by command or on the web: a Fingertips export exactly as
downloaded, or a long CSV file. All or nothing, a message for every bad row, and a second import
of the same file changes nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quarterly.benchmarking.models import NationalIndicator, NationalValue
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.exchange.formats.national_fingertips import national_fingertips_import
from quarterly.exchange.formats.national_long import HEADERS, national_long_import
from quarterly.exchange.reading import WorkbookRejected

pytestmark = pytest.mark.django_db
# The Fingertips export, kept unmodified with the comparison reference tests.
FINGERTIPS = (
    Path(__file__).parents[2] / "assessment/tests/data/fingertips_campylobacter_countyua.csv"
)


def _export_rows() -> list[dict[str, str]]:
    with FINGERTIPS.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def _fingertips(content: bytes) -> Any:
    return national_fingertips_import(name="export.csv", content=content, by=None)


def _long(text: str) -> Any:
    return national_long_import(name="values.csv", content=text.encode(), by=None)


def _state() -> tuple[int, int, int]:
    return (
        NationalIndicator.objects.count(), NationalValue.objects.count(),
        AuditEntry.objects.count(),
    )  # fmt: skip


def _d(text: str) -> Decimal | None:
    return Decimal(text).quantize(Decimal("0.000001")) if text else None


def test_the_fingertips_export_is_stored_row_for_row_then_a_second_import_changes_nothing() -> None:
    # given
    rows = _export_rows()
    # when
    first = _fingertips(FINGERTIPS.read_bytes())
    after_first = _state()
    second = _fingertips(FINGERTIPS.read_bytes())
    # then
    assert str(first) == f"National values: {len(rows)} added, 0 changed, 0 unchanged."
    assert str(second) == f"National values: 0 added, 0 changed, {len(rows)} unchanged."
    assert _state() == after_first
    stored = {
        (v.area_code, v.period.label, v.sex, v.age, v.category_type, v.category): v
        for v in NationalValue.objects.all()
    }
    assert len(stored) == len(rows)
    for row in rows:
        value = stored[
            (
                row["Area Code"],
                row["Time period"],
                row["Sex"],
                row["Age"],
                row["Category Type"],
                row["Category"],
            )
        ]
        assert value.value == _d(row["Value"])
        assert (value.lower95, value.upper95) == (
            _d(row["Lower CI 95.0 limit"]), _d(row["Upper CI 95.0 limit"])
        )  # fmt: skip
        assert (value.count, value.denominator) == (_d(row["Count"]), _d(row["Denominator"]))
        assert value.compared_to_england == row["Compared to England value or percentiles"]
        assert value.compared_to_region == row["Compared to Region value or percentiles"]
        assert value.area_name == row["Area Name"]
        if not row["Value"]:
            assert value.missing_reason == (row["Value note"] or "No value published")
    indicator = NationalIndicator.objects.get()
    assert (indicator.source, indicator.code) == ("fingertips", rows[0]["Indicator ID"])
    assert indicator.name == " ".join(rows[0]["Indicator Name"].split())
    audited = AuditEntry.objects.filter(target_id=indicator.pk, note__contains="National values")
    assert audited.count() == 2  # the indicator added, and its values


def test_a_changed_value_is_updated_and_counted_as_changed() -> None:
    # given
    _fingertips(FINGERTIPS.read_bytes())
    text = FINGERTIPS.read_text(encoding="utf-8")
    england_2015 = ",E92000001,England,Country,Persons,All ages,,,2015,94.7261896202678,"
    assert england_2015 in text
    # when
    saved = _fingertips(text.replace(england_2015, england_2015.replace("94.72", "95.72")).encode())
    # then
    assert (saved.added, saved.changed) == (0, 1)
    value = NationalValue.objects.get(
        area_code="E92000001",
        period_start=Period.calendar_year(2015).start,
        category="",
        age="All ages",
    )
    assert value.value == Decimal("95.726190")


LONG = (
    ",".join(HEADERS) + "\n"
    "AH-26,E08000035,Leeds,2023/24 Q1,12.5,25,200,10.1,14.9,9.0,16.0,higher,\n"
    "AH-26,E08000035,Leeds,2023/24 Q2,c,,,,,,,higher,Fewer than 5\n"
    "AH-26,E92000001,England,2023-24 Q1,11.0,,,,,,,higher,\n"
)


def test_a_long_file_round_trips_and_a_second_import_changes_nothing() -> None:
    # when
    first = _long(LONG)
    second = _long(LONG)
    # then
    assert (first.added, second.added, second.changed, second.unchanged) == (3, 0, 0, 3)
    stored = NationalValue.objects.order_by("area_code", "period_start")
    written = io.StringIO()
    writer = csv.writer(written, lineterminator="\n")
    writer.writerow(HEADERS)
    for v in stored:
        writer.writerow([
            v.indicator.code, v.area_code, v.area_name, v.period.label,
            v.value if v.value is not None else "c", v.count or "", v.denominator or "",
            v.lower95 or "", v.upper95 or "", v.lower998 or "", v.upper998 or "",
            v.indicator.polarity, v.note,
        ])  # fmt: skip
    again = _long(written.getvalue())
    assert (again.added, again.changed, again.unchanged) == (0, 0, 3)
    gap = NationalValue.objects.get(period_start=Period.quarter(2023, 2).start)
    assert (gap.value, gap.missing_reason, gap.note) == (None, "Suppressed (c)", "Fewer than 5")
    assert NationalIndicator.objects.get().polarity == "higher"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("AH-26,E0800003,Leeds,2023/24,1,", "area_code", '"E0800003" is not an ONS area code'),
        ("AH-26,E08000035,Leeds,2013 - 15,1,", "period", "National periods are read in these "
         'forms: "2023/24 Q1", "2023-24 Q1", "Q1 2023/24", "2023/24", "2023-24", "2023"'),
        ("AH-26,E08000035,Leeds,2023/24,n/a,", "value", '"n/a" is not a number. Write a number, '
         "a suppression mark (*, c, x, .., -, [c], [x], [z], [low], [u]) or leave it blank."),
        ("AH-26,E08000035,Leeds,2023/24,1,,,5,4", "lower95",
         "The lower 95.0% limit (5) is above the upper one (4)."),
        ("AH-26,E08000035,Leeds,2023/24,1,,,,,9,8", "lower998",
         "The lower 99.8% limit (9) is above the upper one (8)."),
        ("AH-26,E08000035,Leeds,2023-24,2,", None, "This row repeats row 2"),
        ("AH-26,E08000036,Wakefield,2023/24,1,,,,,,,lower", "polarity",
         'Indicator AH-26 is "blank" on an earlier row'),
    ],
)  # fmt: skip
def test_each_bad_row_gets_its_message_and_nothing_is_written(
    row: str, column: str | None, message: str
) -> None:
    # given a good first row, then the bad one
    text = ",".join(HEADERS) + "\nAH-26,E08000035,Leeds,2023/24,2,\n" + row + "\n"
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _long(text)
    # then
    problems = rejected.value.problems
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column) == (3, column)
    assert message in problems[0].message
    assert _state() == (0, 0, 0)


def test_the_command_imports_with_a_progress_bar_and_refuses_a_bad_file(tmp_path: Path) -> None:
    # given
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(HEADERS) + "\nAH-26,LEEDS,Leeds,2023/24,1,\n")
    out, err = StringIO(), StringIO()
    # when
    call_command(
        "import_benchmarks", str(FINGERTIPS), "--format", "fingertips", stdout=out, stderr=err
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_benchmarks", str(bad), "--format", "long", stderr=StringIO())
    # then
    total = len(_export_rows())
    assert out.getvalue().strip() == f"National values: {total} added, 0 changed, 0 unchanged."
    assert f"{total}/{total}" in err.getvalue()
    assert NationalValue.objects.count() == total


def test_the_upload_page_saves_a_good_file_and_lists_every_problem_of_a_bad_one(
    performance_client: Any,
) -> None:
    # given
    url = reverse("places:national-upload")
    bad = SimpleUploadedFile("values.csv", (",".join(HEADERS) + "\nX,E08000035,L,2023,,").encode())
    bad_period = LONG.replace("2023-24 Q1", "Q1 2023")
    # when
    refused = performance_client.post(
        url, {"format": "long", "file": SimpleUploadedFile("v.csv", bad_period.encode())}
    )
    saved = performance_client.post(url, {"format": "long", "file": bad}, follow=True)
    # then
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "The national values were not saved" in page
    assert "quarters are counted in financial years" in page
    assert "National values: 1 added" in saved.content.decode()


def test_the_upload_page_refuses_a_missing_file_with_the_error_summary(
    performance_client: Any,
) -> None:
    # when
    response = performance_client.post(reverse("places:national-upload"), {"format": "long"})
    # then
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose a CSV or Excel file of national values to upload." in page
