"""National values as a long CSV file (or workbook), one row per indicator, area and period:

`indicator, area_code, area_name, period, value, count, denominator, lower95, upper95, lower998,
upper998, polarity, note`

Only `indicator`, `area_code` and `period` are required. `polarity` is `higher` (higher is
better), `lower` or blank, the same on every row of an indicator. A value that is blank or a
suppression mark (`*`, `c`, `x`, `..`, `[c]`, `[x]`, `[z]`) is stored as no value, with the note
or the mark as its reason."""

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

POLARITIES = (
    ("higher", "Higher is better"),
    ("lower", "Lower is better"),
)
COLUMNS = (
    Column("indicator", "indicator", required=True),
    Column("area_code", "area_code", required=True),
    Column("area_name", "area_name"),
    Column("period", "period", required=True),
    Column("value", "value"),
    Column("count", "count"),
    Column("denominator", "denominator"),
    Column("lower95", "lower95"),
    Column("upper95", "upper95"),
    Column("lower998", "lower998"),
    Column("upper998", "upper998"),
    Column("polarity", "polarity", kind="choice", choices=POLARITIES),
    Column("note", "note"),
)
HEADERS = [column.header for column in COLUMNS]


def national_long_import(
    *,
    name: str,
    content: bytes | IO[bytes],
    by: Any,
    progress: Progress = _no_progress,
    counts: CountsCheck | None = None,
) -> NationalSaved:
    """Save every value of the file, or none. Raises WorkbookRejected listing every problem."""
    return run_import(NationalLong(by, progress, counts), read_tables(name, content))


class NationalLong(NationalFormat):
    SOURCE = NationalIndicator.Source.LONG.value
    COLUMNS = COLUMNS

    def indicator_row(self, values: dict[str, Any]) -> NationalIndicatorRow:
        return NationalIndicatorRow(values["indicator"], values["indicator"], values["polarity"])
