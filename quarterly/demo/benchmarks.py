"""The demo council's benchmarks: England and Yorkshire and The Humber values of its real
Fingertips KPIs, from `data/fingertips_benchmarks.csv` (written by
`scripts/extract_demo_data.py`'s `benchmark_rows`, from the same published files as the Leeds
series).

England values exist for every Fingertips series; the Trafford Data Lab compilations publish no
confidence intervals and no regions, so Yorkshire and The Humber and England's 95% interval
appear only for Campylobacter (AH-26), from the raw Fingertips export.

Safe to run again: a value already stored is replaced, never duplicated.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from importlib import resources

from quarterly.benchmarking.services import BenchmarkRow, benchmark_values_save_many
from quarterly.core.periods import Period
from quarterly.demo import catalogue
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI

DATA_FILE = "fingertips_benchmarks.csv"
_PLACES = Decimal("0.000001")


def _decimal(text: str) -> Decimal | None:
    return Decimal(text).quantize(_PLACES) if text.strip() else None


def _series_references() -> dict[str, str]:
    """Which demo KPI each real series feeds: series id → KPI reference."""
    # The catalogue keeps this pairing in `REAL_SERIES`; read it rather than repeat it.
    return {series_id: fields["reference"] for series_id, fields in catalogue.REAL_SERIES}


def demo_benchmark_rows() -> list[dict[str, str]]:
    text = (resources.files("quarterly.demo") / "data" / DATA_FILE).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def demo_benchmarks_load(organisation: Organisation) -> int:
    """Load the demo benchmark values for the council's KPIs; returns how many were written."""
    references = _series_references()
    rows = demo_benchmark_rows()
    kpis = {
        kpi.reference: kpi
        for kpi in KPI.objects.filter(
            organisation=organisation,
            reference__in={references[row["series_id"]] for row in rows},
        )
    }
    wanted = []
    for row in rows:
        kpi = kpis.get(references[row["series_id"]])
        value = _decimal(row["value"])
        if kpi is None or value is None:
            continue  # the KPI was removed from this council's register
        wanted.append(
            BenchmarkRow(
                kpi=kpi,
                period=Period.parse(row["period"]),
                area_code=row["area_code"],
                area_name=row["area_name"],
                value=value,
                lower_ci=_decimal(row["lower_ci"]),
                upper_ci=_decimal(row["upper_ci"]),
                source=row["source"],
            )
        )
    return benchmark_values_save_many(rows=wanted)
