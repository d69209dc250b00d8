"""What the national dataset formats share: reading a published value, a suppression mark or a
period as national datasets write them, and checking each row once as the file streams past,
spooling the checked values to a temporary file that the service then writes, so a large file
is never held whole, neither as text nor as objects.

Published figures are stored to 6 decimal places (Fingertips writes up to 15): a value with more
places is rounded, so a second import of the same file finds it unchanged."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from quarterly.benchmarking.national_bulk import NationalSpool, NationalValueRow, Progress
from quarterly.benchmarking.services import (
    NationalIndicatorRow,
    NationalSaved,
    national_values_save,
)
from quarterly.collection.results.rules import counts_disagreement
from quarterly.core.numbers import NumberError, parse_number
from quarterly.core.periods import Period, PeriodError
from quarterly.exchange.pipeline import Report
from quarterly.exchange.reading import (
    _INVALID,
    DECIMAL_STEP,
    Column,
    SheetReader,
    SheetRow,
    Tables,
)

# Marks national statistics use for a value withheld or not available (ONS, GSS, Fingertips).
SUPPRESSION_MARKS = ("*", "c", "x", "..", "-", "[c]", "[x]", "[z]", "[low]", "[u]")
NATIONAL_PERIOD_FORMS = (
    '"2023/24 Q1", "2023-24 Q1", "Q1 2023/24", "2023/24", "2023-24", "2023" or "Jun 2023"'
)
NUMBER_KEYS = ("count", "denominator", "lower95", "upper95", "lower998", "upper998")
SPLIT_KEYS = ("sex", "age", "category_type", "category")
PROGRESS_EVERY = 1000  # rows between reports of progress


@functools.lru_cache(maxsize=4096)  # a file names a few dozen periods, on every row
def _national_period(text: str) -> Period:
    return Period.parse_national(text)


def _no_progress(done: int, total: int | None) -> None:
    pass


@dataclass(frozen=True)
class NationalPlan:
    indicators: list[NationalIndicatorRow]
    values: NationalSpool


@dataclass(frozen=True)
class CountsCheck:
    """A file's values are `value_per` × count ÷ denominator (100 for percentages, 100,000 for
    a rate per 100,000), with counts rounded to the nearest `rounded_to` (None: exact). National
    files record no unit, so the import checks a value against its counts only when told this;
    an age-standardised rate is no such figure and is not checked."""

    value_per: Decimal
    rounded_to: int | None = None


@dataclass
class NationalFormat:
    """A national dataset's columns (`COLUMNS`, keyed as the service's fields) and how a row
    names its indicator (`indicator_row`). A format whose file says things differently (its own
    missing-value marks, a breakdown spread over several columns, its own period forms) turns
    its cells into the service's fields in `cells` and reads its periods in `period`.

    `plan` reads the file once, checking each row and spooling the checked values (see
    `NationalSpool`); `apply` writes the spool without reading the file again. `progress` is
    told the rows read (of an unknown number), then the values written (of all of them)."""

    by: Any
    progress: Progress = field(default=_no_progress)
    counts: CountsCheck | None = None
    checks_while_applying = False
    SOURCE: ClassVar[str]
    COLUMNS: ClassVar[tuple[Column, ...]]
    PERIOD_FORMS: ClassVar[str] = NATIONAL_PERIOD_FORMS

    def indicator_row(self, values: dict[str, Any]) -> NationalIndicatorRow:
        raise NotImplementedError

    def cells(self, values: dict[str, Any]) -> dict[str, Any]:
        """The row's cells keyed as the service's fields; as read, unless a format says."""
        return values

    def period(self, text: str) -> Period:
        return _national_period(text)

    def plan(self, tables: Tables, report: Report) -> NationalPlan:
        title = tables.names[0]
        reader = SheetReader(title, self.COLUMNS)
        indicators: dict[str, NationalIndicatorRow] = {}
        spool = NationalSpool()
        read = 0
        for sheet_row in reader.read_rows(tables.rows(title)):
            row = self._row(reader, sheet_row, indicators)
            if row is not None:
                for key, message in spool.add(sheet_row.number, row):
                    reader.problem(sheet_row.number, reader.header(key), message)
            if reader.problems:  # reported as found, so a file of bad rows is never held whole
                for problem in reader.problems:
                    report(problem)
                reader.problems.clear()
            read += 1
            if read % PROGRESS_EVERY == 0:
                self.progress(read, None)
        for number, first in spool.repeats():
            reader.problem(
                number, None,
                f"This row repeats row {first}: the same indicator, area, period, sex, age and "
                "category. Remove one of them.",
            )  # fmt: skip
        if not read and not reader.problems:
            reader.problem(2, None, "The file has no rows: give each area's value, one a row.")
        for problem in reader.problems:
            report(problem)
        return NationalPlan(list(indicators.values()), spool)

    def apply(self, plan: NationalPlan, report: Report) -> NationalSaved:
        try:
            return national_values_save(
                source=self.SOURCE, indicators=plan.indicators, values=plan.values, by=self.by,
                progress=self.progress,
            )  # fmt: skip
        finally:
            plan.values.close()

    def _row(
        self, reader: SheetReader, sheet_row: SheetRow, indicators: dict[str, NationalIndicatorRow]
    ) -> NationalValueRow | None:
        values, number = sheet_row.values, sheet_row.number
        if any(value is _INVALID for value in values.values()):
            return None
        if not values["indicator"] or not values["area_code"] or not values["period"]:
            return None  # an empty required cell, already reported
        before = len(reader.problems)
        values = self.cells(values)
        try:
            period = self.period(values["period"])
        except PeriodError as error:
            reader.problem(
                number, reader.header("period"),
                f"{error} National periods are read in these forms: {self.PERIOD_FORMS}.",
            )  # fmt: skip
        fields: dict[str, Any] = {
            key: values.get(key, "")
            for key in ("area_name", "area_type", "note", "recent_trend", "compared_to_england",
                        "compared_to_region")
        }  # fmt: skip
        fields["value"], fields["missing_reason"] = self._value(reader, number, values)
        for key in NUMBER_KEYS:
            fields[key] = self._number(reader, number, key, values.get(key, ""))[0]
        if self.counts is not None and None not in (
            fields["value"],
            fields["count"],
            fields["denominator"],
        ):
            message = counts_disagreement(
                fields["value"], fields["count"], fields["denominator"],
                scale=self.counts.value_per, rounded_to=self.counts.rounded_to,
                rounding_named="--counts-rounded-to", stored_within=DECIMAL_STEP / 2,
            )  # fmt: skip
            if message:
                reader.problem(number, reader.header("value"), message)
        indicator = self.indicator_row(values)
        known = indicators.setdefault(indicator.code, indicator)
        if known.polarity is None and indicator.polarity is not None:
            indicators[indicator.code] = indicator  # the first row that states a polarity
        elif indicator.polarity is not None and known.polarity != indicator.polarity:
            reader.problem(
                number, reader.header("polarity"),
                f'Indicator {indicator.code} is "{known.polarity or "blank"}" on an earlier row; '
                "give each indicator one polarity.",
            )  # fmt: skip
        if len(reader.problems) > before:
            return None
        return NationalValueRow(
            indicator_code=indicator.code, area_code=values["area_code"].upper(), period=period,
            fields=fields, **{key: values.get(key, "") for key in SPLIT_KEYS},
        )  # fmt: skip

    def _value(
        self, reader: SheetReader, number: int, values: dict[str, Any]
    ) -> tuple[Decimal | None, str]:
        value, mark = self._number(reader, number, "value", values["value"])
        if value is not None:
            return value, ""
        if mark:
            return None, f"Suppressed ({mark})"
        return None, values.get("note") or "No value published"

    @staticmethod
    def _number(
        reader: SheetReader, number: int, key: str, text: str
    ) -> tuple[Decimal | None, str]:
        """The number in the cell, or None and the suppression mark, or None and "" if blank."""
        if not text:
            return None, ""
        if text[0].isdigit():  # no suppression mark starts with a digit
            try:
                return parse_number(text).quantize(DECIMAL_STEP), ""
            except NumberError:
                pass  # said below
        if text.casefold() in SUPPRESSION_MARKS:
            return None, text
        try:
            return parse_number(text).quantize(DECIMAL_STEP), ""
        except NumberError as error:
            if error.code == "max_decimal_places":
                plain = text.removeprefix("£").removesuffix("%").replace(",", "").strip()
                return Decimal(plain).quantize(DECIMAL_STEP), ""
            marks = ", ".join(SUPPRESSION_MARKS)
            reader.problem(
                number, reader.header(key),
                f"{error} Write a number, a suppression mark ({marks}) or leave it blank.",
            )  # fmt: skip
            return None, ""
