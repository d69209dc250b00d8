"""Tidy long files of local authority indicators as LG Inform-style compilations write them
(for example Trafford Data Lab's compilations of OHID Fingertips and DfE indicators for every
English authority): one row per indicator, area, period and breakdown.

`area_code, area_name, [area_type,] period, indicator, measure, unit, value,`
`significance` or `compared_to_England`, and for a breakdown `group` or `inequality`

- The files carry no indicator id: the indicator's code is its name made into a slug
  (`lginform_code`), short enough to name in a KPI ("lginform:percentage-of-physically-active-
  adults"); the name is kept as published, and `measure` and `unit` become its unit note.
- `NA` (as R writes a missing value) in `value` is stored as no value, "Not available (NA)";
  in any other column it is blank.
- The breakdown: `Persons`, `Male` or `Female` in `group`, `inequality` or `unit` is the sex;
  any other `inequality` (a deprivation quintile) is the category. Only rows for everyone are
  compared with other areas.
- `significance`/`compared_to_England` is the publisher's comparison with England, verbatim.
- Periods: every national form (`Period.parse_national`), and the pooled periods these files
  hold — "2010 - 12" and "2009-11" (three calendar years), "2018/19 - 22/23" (five financial
  years) — stored against the last year they cover, as the demo's KPIs are, with the published
  period in the value's note; "2017-03-01", the first day of a month, is that month.
- The files state no polarity, so a polarity recorded for the indicator is kept."""

from __future__ import annotations

import functools
import hashlib
import re
from typing import IO, Any

from django.utils.text import slugify

from quarterly.benchmarking.models import NationalIndicator
from quarterly.benchmarking.services import NationalIndicatorRow, NationalSaved
from quarterly.core.periods import Period, PeriodError, financial_year_label
from quarterly.exchange.formats.national_values import (
    NATIONAL_PERIOD_FORMS,
    CountsCheck,
    NationalFormat,
    Progress,
    _no_progress,
)
from quarterly.exchange.pipeline import run_import
from quarterly.exchange.reading import Column, read_tables

# "lginform:" and the code fit the 100 characters a KPI's national indicator may have.
CODE_LENGTH = 90
NOT_AVAILABLE = "NA"
SEXES = {"persons": "Persons", "male": "Male", "female": "Female"}
COLUMNS = (
    Column("indicator", "indicator", required=True),
    Column("area_code", "area_code", required=True),
    Column("area_name", "area_name"),
    Column("area_type", "area_type"),
    Column("period", "period", required=True),
    Column("measure", "measure"),
    Column("unit", "unit"),
    Column("value", "value"),
    Column("significance", "significance"),
    Column("compared_to_England", "compared_to_england"),
    Column("group", "group"),
    Column("inequality", "inequality"),
)
_DASH = "[-\u2013\u2014]"
_POOLED_YEARS = re.compile(rf"\s*([0-9]{{4}})\s*{_DASH}\s*([0-9]{{2}}|[0-9]{{4}})\s*")
_POOLED_FINANCIAL_YEARS = re.compile(
    rf"\s*([0-9]{{4}})/([0-9]{{2}})\s*{_DASH}\s*([0-9]{{2}})/([0-9]{{2}})\s*"
)
_FIRST_OF_MONTH = re.compile(r"\s*([0-9]{4})-([0-9]{2})-01\s*")
_LONGEST_POOL = 10  # years; a longer span is no pooled period


def national_lginform_import(
    *,
    name: str,
    content: bytes | IO[bytes],
    by: Any,
    progress: Progress = _no_progress,
    counts: CountsCheck | None = None,
) -> NationalSaved:
    """Save every value of the file, or none. Raises WorkbookRejected listing every problem."""
    return run_import(NationalLGInform(by, progress, counts), read_tables(name, content))


@functools.lru_cache(maxsize=4096)
def lginform_code(name: str) -> str:
    """The code an indicator named `name` is stored under: its slug, or, past CODE_LENGTH
    characters, the slug cut short and ended with six hex digits of the name's SHA-256."""
    slug = slugify(name)
    if slug and len(slug) <= CODE_LENGTH:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
    return f"{slug[: CODE_LENGTH - 7].rstrip('-')}-{digest}".lstrip("-")


def _year_after(start: int, two_digits: str) -> int:
    """The year ending in `two_digits` that follows `start` ("2009", "11" → 2011)."""
    year = start - start % 100 + int(two_digits)
    return year + 100 if year < start else year


@functools.lru_cache(maxsize=4096)  # a file names a few dozen periods, on every row
def lginform_period(text: str) -> tuple[Period, str]:
    """The period `text` names and, for pooled years (stored as the last of them), the years
    it pools ("2010 to 2012"); otherwise ""."""
    if match := _POOLED_FINANCIAL_YEARS.fullmatch(text):
        first, last = int(match[1]), _year_after(int(match[1]), match[3])
        if (
            int(match[2]) != (first + 1) % 100
            or int(match[4]) != (last + 1) % 100
            or not first < last <= first + _LONGEST_POOL
        ):
            raise PeriodError(
                f'Cannot read "{text.strip()}" as a period: its financial years do not follow on.'
            )
        return Period.financial_year(last), (
            f"{financial_year_label(first)} to {financial_year_label(last)}"
        )
    if match := _FIRST_OF_MONTH.fullmatch(text):
        try:
            return Period.month(int(match[1]), int(match[2])), ""
        except PeriodError:
            raise PeriodError(f'Cannot read "{text.strip()}" as a period: it is no date.') from None
    match = _POOLED_YEARS.fullmatch(text)
    if match:
        first = int(match[1])
        last = int(match[2]) if len(match[2]) == 4 else _year_after(first, match[2])
        if first + 1 < last <= first + _LONGEST_POOL:
            return Period.calendar_year(last), f"{first} to {last}"
    return Period.parse_national(text), ""


class NationalLGInform(NationalFormat):
    SOURCE = NationalIndicator.Source.LGINFORM.value
    COLUMNS = COLUMNS
    PERIOD_FORMS = (
        f'{NATIONAL_PERIOD_FORMS}, pooled years such as "2010 - 12", "2009-11" or '
        '"2018/19 - 22/23", or the first day of a month such as "2017-03-01"'
    )

    def cells(self, values: dict[str, Any]) -> dict[str, Any]:
        cells = {key: "" if text == NOT_AVAILABLE else text for key, text in values.items()}
        notes = ["Not available (NA)"] if values["value"] == NOT_AVAILABLE else []
        try:
            pooled = lginform_period(values["period"])[1]
        except PeriodError:
            pooled = ""  # reported with the period
        if pooled:
            notes.append(f"Pooled years {pooled}")
        sex = next(
            (SEXES[cells[key].casefold()] for key in ("group", "inequality", "unit")
             if cells[key].casefold() in SEXES),
            "",
        )  # fmt: skip
        inequality = "" if cells["inequality"].casefold() in SEXES else cells["inequality"]
        cells.update(
            sex=sex, age="", category_type="Inequality" if inequality else "",
            category=inequality, note="; ".join(notes),
            compared_to_england=cells["compared_to_england"] or cells["significance"],
        )  # fmt: skip
        return cells

    def period(self, text: str) -> Period:
        return lginform_period(text)[0]

    def indicator_row(self, values: dict[str, Any]) -> NationalIndicatorRow:
        return _indicator_row(values["indicator"], values["measure"], values["unit"])


@functools.lru_cache(maxsize=4096)  # the same few indicators on every row
def _indicator_row(indicator: str, measure: str, unit: str) -> NationalIndicatorRow:
    name = " ".join(indicator.split())
    unit = "" if unit.casefold() in SEXES else unit
    unit_note = ", ".join(part for part in (measure, unit) if part)
    return NationalIndicatorRow(lginform_code(name), name, None, unit_note[:200])
