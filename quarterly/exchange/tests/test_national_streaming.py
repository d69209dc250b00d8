"""A national dataset is read as a stream, each row checked once, and written in bulk (COPY on
PostgreSQL, batches on SQLite): never read whole, all or nothing however late the bad row, the
counts right, and a second import changes nothing. These run on whichever database the suite
runs on, so CI checks both writers."""

from __future__ import annotations

import csv
import gzip
import io
from decimal import Decimal
from typing import Any

import pytest

from quarterly.benchmarking.models import NationalIndicator, NationalValue
from quarterly.core.models import AuditEntry
from quarterly.exchange.formats.national_long import HEADERS, national_long_import
from quarterly.exchange.reading import MAX_LISTED, WorkbookRejected, read_tables

pytestmark = pytest.mark.django_db
AREAS = 50


class LazyFile(io.BytesIO):
    """A binary file that refuses to be read whole and remembers how far it was read."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        assert size is not None and 0 <= size <= 1024 * 1024, f"read whole ({size})"
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data

    def read1(self, size: int | None = -1) -> bytes:
        return self.read(size if size is not None and size >= 0 else 64 * 1024)

    def readall(self) -> bytes:
        raise AssertionError("read whole")


def _rows(count: int, *, indicators: int = 0) -> list[list[str]]:
    """`count` good long rows: AREAS areas per indicator, with figures that vary by row."""
    rows = []
    for number in range(count):
        indicator, area = divmod(number, AREAS)
        value = Decimal(number % 997) / 10
        rows.append([
            f"IND{indicator + indicators}", f"E{6000000 + area:08d}", f"Area {area}", "2023/24",
            f"{value}", f"{number % 50}", "500", f"{value - 1}", f"{value + 1}", "", "",
            "higher", "",
        ])  # fmt: skip
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    written = io.StringIO()
    writer = csv.writer(written, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return written.getvalue().encode()


def _import(content: bytes | Any, name: str = "values.csv") -> Any:
    return national_long_import(name=name, content=content, by=None)


@pytest.mark.parametrize("name", ["values.csv", "values.csv.gz"])
def test_a_csv_or_gz_file_is_read_a_chunk_at_a_time_as_its_rows_are_asked_for(name: str) -> None:
    # given a file far larger than one chunk, compressed or not
    content = _csv(_rows(40_000))
    if name.endswith(".gz"):
        content = gzip.compress(content + b"".join(f"# {n}\n".encode() for n in range(200_000)))
    source = LazyFile(content)
    # when the header and the first row are read
    rows = read_tables(name, source).rows("CSV file")
    header, first = next(rows), next(rows)
    # then only the start of the file has been read
    assert header == HEADERS and first[0] == "IND0"
    assert 0 < source.furthest < len(content) / 2


def test_a_large_file_is_imported_without_being_read_whole_then_again_changes_nothing() -> None:
    # given
    content = _csv(_rows(5_000))
    # when
    first = _import(LazyFile(content))
    second = _import(LazyFile(gzip.compress(content)), "values.csv.gz")
    # then
    assert (first.added, first.changed, first.unchanged) == (5_000, 0, 0)
    assert (second.added, second.changed, second.unchanged) == (0, 0, 5_000)
    assert NationalValue.objects.count() == 5_000
    assert NationalIndicator.objects.count() == 5_000 // AREAS
    stored = NationalValue.objects.get(indicator__code="IND3", area_code="E06000007")
    assert (stored.value, stored.count, stored.lower95, stored.upper95) == (
        Decimal("15.7"), Decimal("7"), Decimal("14.7"), Decimal("16.7"),
    )  # fmt: skip


def test_changed_and_added_values_are_counted_and_audited_per_indicator() -> None:
    # given
    rows = _rows(2_000)
    _import(_csv(rows))
    audited = AuditEntry.objects.count()
    # when three values of IND1 and a name of IND2 change, and one indicator's values are new
    rows[50][4], rows[60][5], rows[70][7] = "99.5", "49", "1.5"
    rows[100][2] = "Renamed area"
    saved = _import(_csv(rows + _rows(AREAS, indicators=40)))
    # then
    assert (saved.added, saved.changed, saved.unchanged) == (AREAS, 4, 2_000 - 4)
    assert NationalValue.objects.get(indicator__code="IND1", area_code="E06000000").value == (
        Decimal("99.5")
    )
    assert NationalValue.objects.filter(area_name="Renamed area").count() == 1
    summaries = {
        entry.target_repr.split()[0]: entry.changes.get("values", [None, None])[1]
        for entry in AuditEntry.objects.order_by("pk")[audited:]
    }
    assert summaries["IND1"] == "0 added, 3 changed"
    assert summaries["IND2"] == "0 added, 1 changed"
    assert summaries["IND40"] == f"{AREAS} added, 0 changed"
    assert "IND3" not in summaries


def test_text_with_tabs_backslashes_and_line_breaks_is_stored_exactly() -> None:
    # given names and notes that need escaping in the bulk writer's format
    rows = _rows(3)
    rows[0][2], rows[1][12], rows[2][2] = "Tab\there", "Line one\r\nline two\n3", "C:\\N\\path"
    # when
    first = _import(_csv(rows))
    second = _import(_csv(rows))
    # then
    assert (first.added, second.unchanged) == (3, 3)
    stored = {v.area_code: v for v in NationalValue.objects.all()}
    assert stored["E06000000"].area_name == "Tab\there"
    assert stored["E06000001"].note == "Line one\r\nline two\n3"
    assert stored["E06000002"].area_name == "C:\\N\\path"


def test_a_bad_row_late_in_a_large_file_refuses_it_all_naming_its_row() -> None:
    # given 5,000 good rows and a bad one near the end
    rows = _rows(5_000)
    rows[4_990][1] = "LEEDS"
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import(_csv(rows))
    # then the file row (after the header) is named, and nothing is written
    [problem] = rejected.value.problems
    assert (problem.row, problem.column) == (4_992, "area_code")
    assert NationalValue.objects.count() == NationalIndicator.objects.count() == 0


def test_a_value_given_twice_far_apart_names_the_row_that_gave_it_first() -> None:
    # given
    rows = _rows(3_000)
    rows.append(list(rows[10]))
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import(_csv(rows))
    # then
    [problem] = rejected.value.problems
    assert problem.row == 3_002
    assert "This row repeats row 12" in problem.message
    assert NationalValue.objects.count() == 0


def test_past_the_first_thousand_problems_the_rest_are_counted_not_listed() -> None:
    # given 1,500 rows with a bad area code
    rows = _rows(1_500)
    for row in rows:
        row[1] = "nowhere"
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import(_csv(rows))
    # then
    assert len(rejected.value.problems) == MAX_LISTED == 1_000
    assert rejected.value.total == 1_500
    assert rejected.value.problems[-1].row == 1_001
    assert str(rejected.value) == (
        "1,500 problem(s) found; nothing was imported. The first 1,000 are listed."
    )
