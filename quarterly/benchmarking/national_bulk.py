"""National values in bulk: one value as an import reads it, its checks, the spool an import
checks every value into once, and the writers that load a spool into the database.

A national dataset holds millions of values. An import reads each row once: it checks the row
and writes the checked, normalised value to a `NationalSpool`, a temporary file in PostgreSQL's
COPY text format, so memory stays flat however long the file. Writing then reads the spool back
without checking again: on PostgreSQL by COPY into a temporary staging table and one
`INSERT ... ON CONFLICT DO UPDATE` that adds the new values and rewrites only those whose figures
differ (so a second import of the same file reports nothing added or changed); on SQLite through
the ORM in batches.
"""

from __future__ import annotations

import array
import datetime as dt
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import connection

from quarterly.benchmarking.models import NationalIndicator, NationalValue
from quarterly.core.periods import Period, PeriodKind

ONS_AREA_CODE = re.compile(r"[EWSNK]\d{8}")
NATIONAL_FIELDS = [
    "area_name", "area_type", "value", "missing_reason", "count", "denominator", "lower95",
    "upper95", "lower998", "upper998", "note", "recent_trend", "compared_to_england",
    "compared_to_region",
]  # fmt: skip
NUMBER_FIELDS = ("value", "count", "denominator", "lower95", "upper95", "lower998", "upper998")
TEXT_FIELDS = [name for name in NATIONAL_FIELDS if name not in NUMBER_FIELDS]
SPLIT_FIELDS = ("sex", "age", "category_type", "category")
KEY_COLUMNS = ("indicator_code", "area_code", "period_kind", "period_start", *SPLIT_FIELDS)
SPOOL_COLUMNS = ("row", *KEY_COLUMNS, *NATIONAL_FIELDS)
IN_MEMORY_BYTES = 16 * 1024 * 1024  # a spool larger than this moves to a temporary file
CHUNK_CHARACTERS = 1024 * 1024
PENDING_LINES = 2000
Progress = Callable[[int, int | None], None]  # (rows done, rows in all)


@dataclass(frozen=True, slots=True)
class NationalValueRow:
    """One published value as an import reads it; `fields` holds NATIONAL_FIELDS."""

    indicator_code: str
    area_code: str
    period: Period
    sex: str
    age: str
    category_type: str
    category: str
    fields: dict[str, Any]

    @property
    def key(self) -> tuple[str, str, str, dt.date, str, str, str, str]:
        return (
            self.indicator_code, self.area_code, self.period.kind.value, self.period.start,
            self.sex, self.age, self.category_type, self.category,
        )  # fmt: skip


def national_value_problems(row: NationalValueRow) -> list[tuple[str, str]]:
    """What is wrong with one value, as (field, message) pairs."""
    problems = []
    if not ONS_AREA_CODE.fullmatch(row.area_code):
        problems.append(
            (
                "area_code",
                f'"{row.area_code}" is not an ONS area code: it should be a letter and eight '
                "digits, for example E08000035.",
            )
        )
    fields = row.fields
    for level in ("95", "998"):
        lower, upper = fields.get(f"lower{level}"), fields.get(f"upper{level}")
        if lower is not None and upper is not None and lower > upper:
            problems.append(
                (
                    f"lower{level}",
                    f"The lower {level[:2]}.{level[2:] or '0'}% limit ({lower.normalize():f}) is "
                    f"above the upper one ({upper.normalize():f}).",
                )
            )
    return problems


_COPY_SPECIAL = re.compile(r"[\\\t\n\r]")
_COPY_ESCAPED = re.compile(r"\\(.)")
_COPY_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
NULL = "\\N"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _unescaped(text: str) -> str:
    return _COPY_ESCAPED.sub(lambda match: _COPY_UNESCAPE.get(match[1], match[1]), text)


class NationalSpool:
    """The checked values of one import, in the order of the file, kept in a temporary file
    (in memory while small) as lines of PostgreSQL's COPY text format, columns SPOOL_COLUMNS.

    `add` checks a value and spools it, or returns its problems; `repeats` then finds the
    values given twice. Keys are remembered as 8-byte hashes (12 bytes a value with its row
    number), so a million values take 12 MB; a repeat is confirmed on the values themselves."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(
            max_size=IN_MEMORY_BYTES, mode="w+", encoding="utf-8", newline=""
        )
        self._hashes = array.array("q")
        self._numbers = array.array("q")
        self._pending: list[str] = []  # lines not yet written, to write many at a time
        self.count = 0

    def _flush(self) -> None:
        self._file.write("".join(self._pending))
        self._pending.clear()

    def close(self) -> None:
        self._file.close()

    def add(self, number: int, row: NationalValueRow) -> list[tuple[str, str]]:
        """Spool the value of file row `number`, or return its problems and spool nothing."""
        problems = national_value_problems(row)
        if problems:
            return problems
        fields = row.fields
        texts = [
            row.indicator_code, row.area_code, row.sex, row.age, row.category_type, row.category,
            *(fields[name] for name in TEXT_FIELDS),
        ]  # fmt: skip
        if _COPY_SPECIAL.search("".join(texts)):
            texts = [_escaped(text) for text in texts]
        numbers = [NULL if fields[name] is None else str(fields[name]) for name in NUMBER_FIELDS]
        period = row.period
        self._pending.append(
            f"{number}\t{texts[0]}\t{texts[1]}\t{period.kind.value}\t{period.start.isoformat()}\t"
            f"{texts[2]}\t{texts[3]}\t{texts[4]}\t{texts[5]}\t{texts[6]}\t{texts[7]}\t"
            f"{numbers[0]}\t{texts[8]}\t{numbers[1]}\t{numbers[2]}\t{numbers[3]}\t{numbers[4]}\t"
            f"{numbers[5]}\t{numbers[6]}\t{texts[9]}\t{texts[10]}\t{texts[11]}\t{texts[12]}\n"
        )
        if len(self._pending) >= PENDING_LINES:
            self._flush()
        self._hashes.append(hash(row.key))
        self._numbers.append(number)
        self.count += 1
        return []

    def repeats(self) -> list[tuple[int, int]]:
        """Each value given again as (its row, the row that gave it first), in file order."""
        if self.count < 2:
            return []
        hashes = np.frombuffer(self._hashes, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        same = ordered[1:] == ordered[:-1]
        if not same.any():
            return []
        suspects = set(np.frombuffer(self._numbers, dtype=np.int64)[order[1:][same]].tolist())
        suspects |= set(np.frombuffer(self._numbers, dtype=np.int64)[order[:-1][same]].tolist())
        first: dict[tuple[str, ...], int] = {}
        found = []
        for number, key, _ in self._records(wanted=suspects):
            if key in first:
                found.append((number, first[key]))
            else:
                first[key] = number
        return found

    def rows(self) -> Iterator[NationalValueRow]:
        """The spooled values, as they were added."""
        for _, key, fields in self._records():
            yield NationalValueRow(
                indicator_code=key[0], area_code=key[1],
                period=Period(PeriodKind(key[2]), dt.date.fromisoformat(key[3])), sex=key[4],
                age=key[5], category_type=key[6], category=key[7], fields=fields,
            )  # fmt: skip

    def chunks(self) -> Iterator[tuple[str, int]]:
        """The spool as COPY text, about a megabyte at a time, each with its count of lines."""
        self._flush()
        self._file.seek(0)
        while True:
            chunk = self._file.read(CHUNK_CHARACTERS)
            if not chunk:
                return
            if not chunk.endswith("\n"):
                chunk += self._file.readline()
            yield chunk, chunk.count("\n")

    def _records(
        self, wanted: set[int] | None = None
    ) -> Iterator[tuple[int, tuple[str, ...], dict[str, Any]]]:
        self._flush()
        self._file.seek(0)
        key_end = 1 + len(KEY_COLUMNS)
        for line in self._file:
            cells = line[:-1].split("\t")
            number = int(cells[0])
            if wanted is not None and number not in wanted:
                continue
            if "\\" in line:
                cells = [cell if cell == NULL else _unescaped(cell) for cell in cells]
            fields = {}
            for name, cell in zip(NATIONAL_FIELDS, cells[key_end:], strict=True):
                if name in NUMBER_FIELDS:
                    fields[name] = None if cell == NULL else Decimal(cell)
                else:
                    fields[name] = cell
            yield number, tuple(cells[1:key_end]), fields


_TABLE = NationalValue._meta.db_table
_STAGING = "quarterly_national_staging"


def national_values_copy(
    *, source: str, spool: NationalSpool, now: dt.datetime, progress: Progress
) -> dict[int, tuple[int, int]]:
    """Load the spool on PostgreSQL: COPY it into a temporary staging table, then add every
    new value and rewrite those whose figures differ, in one statement. Returns, for each
    indicator (by id) with values added or changed, how many of each."""
    types = {"row": "integer", "period_start": "date", **dict.fromkeys(NUMBER_FIELDS, "numeric")}
    columns = ", ".join(f"{name} {types.get(name, 'text')}" for name in SPOOL_COLUMNS)
    stored = ", ".join(["indicator_id", *KEY_COLUMNS[1:], *NATIONAL_FIELDS])
    chosen = ", ".join(["i.id", *(f"s.{name}" for name in (*KEY_COLUMNS[1:], *NATIONAL_FIELDS))])
    conflict = ", ".join(["indicator_id", *KEY_COLUMNS[1:]])
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in [*NATIONAL_FIELDS, "updated_at"])
    before = ", ".join(f"{_TABLE}.{name}" for name in NATIONAL_FIELDS)
    after = ", ".join(f"EXCLUDED.{name}" for name in NATIONAL_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_STAGING}")
        cursor.execute(f"CREATE TEMP TABLE {_STAGING} ({columns}) ON COMMIT DROP")
        done = 0
        with cursor.cursor.copy(f"COPY {_STAGING} FROM STDIN") as copy:
            for chunk, lines in spool.chunks():
                copy.write(chunk)
                done += lines
                progress(done, spool.count)
        cursor.execute(
            f"""
            WITH written AS (
                INSERT INTO {_TABLE} (created_at, updated_at, {stored})
                SELECT %(now)s, %(now)s, {chosen}
                FROM {_STAGING} s
                JOIN {NationalIndicator._meta.db_table} i
                  ON i.source = %(source)s AND i.code = s.indicator_code
                ON CONFLICT ({conflict}) DO UPDATE SET {updates}
                WHERE ({before}) IS DISTINCT FROM ({after})
                RETURNING indicator_id, xmax = 0 AS added
            )
            SELECT indicator_id, count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added)
            FROM written GROUP BY indicator_id
            """,
            {"now": now, "source": source},
        )
        counts = {indicator: (added, changed) for indicator, added, changed in cursor.fetchall()}
        cursor.execute(f"DROP TABLE {_STAGING}")
    return counts
