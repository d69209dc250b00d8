"""The Oflog Local Authority Data Explorer's adult social care download, exactly as Oflog
published it: one row per financial year, authority and measure.

`Financial year, Local authority code, Local authority name, Grouping, Entity_Name, Region,
Measure, Code, Value, MEDIAN, MADs_from_median, rank_order`

The measure's `Code` (ASC1 ... ASC7) is the indicator's id and `Measure` its name; `Entity_Name`
(Unitary Authorities, Counties, ...) is the area's type. `rank_order` says which way Oflog
ranks the measure: `desc` (any case) is higher is better, `asc` lower is better, and `None` or
blank states nothing, so a polarity recorded for the measure is kept. Oflog's own `MEDIAN` and
`MADs_from_median` are not stored: Quarterly computes the group statistics itself. A blank
value is stored as no value; a value of 0 is stored as published."""

from __future__ import annotations

from typing import IO, Any

from quarterly.benchmarking.models import NationalIndicator
from quarterly.benchmarking.services import NationalIndicatorRow, NationalSaved
from quarterly.exchange.formats.national_values import (
    CountsCheck,
    NationalFormat,
    Progress,
    _no_progress,
)
from quarterly.exchange.pipeline import run_import
from quarterly.exchange.reading import Column, read_tables

RANK_ORDERS = (
    ("higher", "desc"),
    ("lower", "asc"),
    ("none", "None"),
)
COLUMNS = (
    Column("Financial year", "period", required=True),
    Column("Local authority code", "area_code", required=True),
    Column("Local authority name", "area_name"),
    Column("Entity_Name", "area_type"),
    Column("Measure", "indicator_name", required=True),
    Column("Code", "indicator", required=True),
    Column("Value", "value"),
    Column("rank_order", "polarity", kind="choice", choices=RANK_ORDERS),
)


def national_oflog_import(
    *,
    name: str,
    content: bytes | IO[bytes],
    by: Any,
    progress: Progress = _no_progress,
    counts: CountsCheck | None = None,
) -> NationalSaved:
    """Save every value of the download, or none. Raises WorkbookRejected listing every
    problem."""
    return run_import(NationalOflog(by, progress, counts), read_tables(name, content))


class NationalOflog(NationalFormat):
    SOURCE = NationalIndicator.Source.OFLOG.value
    COLUMNS = COLUMNS

    def indicator_row(self, values: dict[str, Any]) -> NationalIndicatorRow:
        stated = values["polarity"] if values["polarity"] in ("higher", "lower") else None
        return NationalIndicatorRow(values["indicator"], values["indicator_name"], stated)
