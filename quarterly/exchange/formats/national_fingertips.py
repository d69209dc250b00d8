"""An OHID Fingertips "all data" export, exactly as Fingertips writes it: one row per indicator,
area, period, sex, age and category, with the value, its 95% and 99.8% confidence limits, the
count and denominator, and Fingertips' own comparisons with England and the region, which are
kept verbatim. Columns Quarterly does not store (parent area, sortable period, new data,
compared to goal) are ignored."""

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

COLUMNS = (
    Column("Indicator ID", "indicator", required=True),
    Column("Indicator Name", "indicator_name", required=True),
    Column("Area Code", "area_code", required=True),
    Column("Area Name", "area_name"),
    Column("Area Type", "area_type"),
    Column("Sex", "sex"),
    Column("Age", "age"),
    Column("Category Type", "category_type"),
    Column("Category", "category"),
    Column("Time period", "period", required=True),
    Column("Value", "value"),
    Column("Lower CI 95.0 limit", "lower95"),
    Column("Upper CI 95.0 limit", "upper95"),
    Column("Lower CI 99.8 limit", "lower998"),
    Column("Upper CI 99.8 limit", "upper998"),
    Column("Count", "count"),
    Column("Denominator", "denominator"),
    Column("Value note", "note"),
    Column("Recent Trend", "recent_trend"),
    Column("Compared to England value or percentiles", "compared_to_england"),
    Column("Compared to Region value or percentiles", "compared_to_region"),
)


def national_fingertips_import(
    *,
    name: str,
    content: bytes | IO[bytes],
    by: Any,
    progress: Progress = _no_progress,
    counts: CountsCheck | None = None,
) -> NationalSaved:
    """Save every value of the export, or none. Raises WorkbookRejected listing every problem."""
    return run_import(NationalFingertips(by, progress, counts), read_tables(name, content))


class NationalFingertips(NationalFormat):
    SOURCE = NationalIndicator.Source.FINGERTIPS.value
    COLUMNS = COLUMNS

    def indicator_row(self, values: dict[str, Any]) -> NationalIndicatorRow:
        # Fingertips ends some indicator names with a newline inside the quotes. Its exports
        # never state polarity, so the one recorded for the indicator is kept.
        name = " ".join(values["indicator_name"].split())
        return NationalIndicatorRow(values["indicator"], name, polarity=None)
