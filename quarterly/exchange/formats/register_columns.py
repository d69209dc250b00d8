"""The KPI Register workbook's layout, in the council's own terms.

Sheets: "KPI Supporting Information" (one row per KPI, one column per field), "Targets" (one
row per KPI and financial year) and "KPI Data Record" (one row per KPI and period). Export then
import round-trips exactly.
"""

from __future__ import annotations

from quarterly.collection.models import Result
from quarterly.exchange.reading import Column
from quarterly.register.models import (
    KPI,
    AssuranceType,
    Comparator,
    Frequency,
    Measures,
    Polarity,
    Target,
    Unit,
)

SUPPORTING_SHEET = "KPI Supporting Information"
TARGETS_SHEET = "Targets"
DATA_SHEET = "KPI Data Record"

SUPPORTING_COLUMNS = (
    Column("Reference", "reference", required=True, width=12),
    Column("Title", "title", required=True, width=40),
    Column("Definition", "definition", required=True, width=50),
    Column("Purpose", "purpose", width=40),
    Column("Directorate", "directorate", required=True, width=28),
    Column("Service", "service", width=28),
    Column("Pillars", "pillars", kind="list", width=28),
    Column("Priorities", "priorities", kind="list", width=28),
    Column("Scrutiny Board", "scrutiny_board", width=30),
    Column("Unit", "unit", kind="choice", required=True, choices=tuple(Unit.choices)),
    Column("Rate per", "rate_per", kind="integer", width=10),
    Column("Decimal places", "decimal_places", kind="integer", required=True, width=10),
    Column("Counts rounded to", "counts_rounded_to", kind="integer", width=10),
    Column("Directly standardised rate", "standardised_rate", kind="yesno", width=10),
    Column("Polarity", "polarity", kind="choice", required=True, choices=tuple(Polarity.choices)),
    Column(
        "Frequency", "frequency", kind="choice", required=True, choices=tuple(Frequency.choices)
    ),
    Column(
        "Comparator", "comparator", kind="choice", required=True, choices=tuple(Comparator.choices)
    ),
    Column("Data source", "data_source", required=True, width=40),
    Column("Source URL", "source_url", width=40),
    Column("Known weaknesses and data quality", "known_weaknesses", width=50),
    Column("When results are available", "availability", width=30),
    Column("Baseline", "baseline", kind="decimal", width=12),
    Column("Baseline period", "baseline_period", width=14),
    Column("Accountable officer (email)", "accountable_officer", width=30),
    Column("Key contacts (emails)", "key_contacts", kind="list", width=40),
    Column("In Ambition Scorecard", "in_ambition_scorecard", kind="yesno", width=10),
    Column("Benchmark indicators", "benchmark_indicators", width=28),
    Column("Comparator groups", "comparator_groups", kind="list", width=30),
    Column("National indicator", "national_indicator", width=20),
    Column("National sex compared", "national_sex", width=14),
    Column("National age band compared", "national_age", width=16),
    Column("Measures", "measures", kind="choice", choices=tuple(Measures.choices), width=20),
    Column(
        "Assurance type",
        "assurance_type",
        kind="choice",
        choices=tuple(AssuranceType.choices),
        width=20,
    ),
    Column("Executive Member portfolio", "portfolio", width=30),
    Column("Illustrative figures", "illustrative", kind="yesno", width=10),
    Column("Status", "status", kind="choice", required=True, choices=tuple(KPI.Status.choices)),
)
TARGET_COLUMNS = (
    Column("Reference", "reference", required=True, width=12),
    Column("Financial year", "financial_year", kind="year", required=True, width=14),
    Column("Target value", "value", kind="decimal", width=14),
    Column("Tolerance", "tolerance", kind="decimal", width=12),
    Column("Direction", "direction", kind="choice", choices=tuple(Target.Direction.choices)),
)
DATA_COLUMNS = (
    Column("Reference", "reference", required=True, width=12),
    Column("Period", "period", kind="period", required=True, width=16),
    # A value, numerator or denominator may be a suppression mark ("c", "[x]", ...); an empty
    # value needs the reason a figure is missing (`collection.results.gaps`).
    Column("Value", "value", kind="figure", required=True, may_be_empty=True, width=14),
    Column("Numerator", "numerator", kind="figure", width=14),
    Column("Denominator", "denominator", kind="figure", width=14),
    Column("Lower confidence limit", "lower_ci", kind="decimal", width=14),
    Column("Upper confidence limit", "upper_ci", kind="decimal", width=14),
    Column("Status", "status", kind="choice", required=True, choices=tuple(Result.Status.choices)),
    Column("Commentary", "commentary", width=50),
    Column("Data quality note", "data_quality_note", width=40),
    Column("Reason a figure is missing", "missing_reason", width=40),
)
