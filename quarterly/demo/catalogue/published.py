"""Real KPIs: published Leeds statistics, shipped as package data.

`quarterly/demo/data/*.csv` are written by `scripts/extract_demo_data.py` (see
`data/PROVENANCE.md`): OHID Fingertips and DfE indicators (Trafford Data Lab compilations, 2020
and 2024 vintages, and one raw Fingertips export with confidence intervals), the seven Oflog
adult social care measures, and NHS England monthly A&E activity for Leeds Teaching Hospitals
NHS Trust (RR8). Their targets are demo targets (the England value, the Oflog median or the
national A&E standard for the same year), and each KPI's `known_weaknesses` says so.

A directorate's module describes each real KPI with `fingertips`, `oflog` or `nhs_ae`, which
return the KPI's fields keyed by the series that holds its results; `catalogue.register` joins
the two when the register is first built.
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources
from typing import Any

from quarterly.demo.catalogue.base import AH, BOARD_AHAL, HW, DemoResult, DemoTarget, value_targets

# (series id, the KPI's fields): its results and baseline come from the series when the
# register is built.
RealSeries = tuple[str, dict[str, Any]]

_DATA_FILES = ("fingertips_leeds.csv", "oflog_asc_leeds.csv", "nhs_ae_rr8.csv")

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _period_sort_key(label: str) -> tuple[int, int]:
    """(year, month) of a canonical label's first month, for ordering results."""
    head, _, tail = label.partition(" ")
    if head in _MONTHS:
        return int(tail), _MONTHS.index(head) + 1
    if "/" in head:
        start = int(head[:4])
        quarter = int(tail[1]) if tail.startswith("Q") else 1
        month = 4 + 3 * (quarter - 1)
        return (start + 1, month - 12) if month > 12 else (start, month)
    return int(head), 1


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@functools.cache
def published_series() -> dict[str, tuple[DemoResult, ...]]:
    """Every real series in the package CSVs, keyed by series id, in period order."""
    rows: dict[str, list[DemoResult]] = {}
    folder = resources.files("quarterly.demo") / "data"
    for name in _DATA_FILES:
        text = (folder / name).read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            value = _float(row["value"])
            if value is None:
                raise ValueError(f"{name}: {row['series_id']} {row['period']} has no value")
            rows.setdefault(row["series_id"], []).append(
                DemoResult(
                    period=row["period"],
                    value=value,
                    numerator=_float(row["numerator"]),
                    denominator=_float(row["denominator"]),
                    lower_ci=_float(row["lower_ci"]),
                    upper_ci=_float(row["upper_ci"]),
                )
            )
    return {
        series: tuple(sorted(results, key=lambda r: _period_sort_key(r.period)))
        for series, results in rows.items()
    }


# --------------------------------------------------------------------------------------------
# Describing a real KPI
# --------------------------------------------------------------------------------------------

_FINGERTIPS_URL = "https://fingertips.phe.org.uk/search/{}"
_OFLOG_URL = "https://oflog.data.gov.uk/"
_NHS_AE_URL = (
    "https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/"
)
_FT_AVAILABLE = "Annually, in OHID Fingertips, usually 12 to 18 months after the period ends"
_POOLED = (
    " Three-year pooled periods (for example 2018-20) are stored against the calendar year in "
    "which they end (2020), so consecutive results share two years of data."
)
_ENGLAND_TARGET = (
    " Demo targets are the England value for the same period, with a tolerance for the amber band."
)
_OLD_VINTAGE = (
    " The demo extract (Trafford Data Lab, 2020 vintage) ends before the latest published year."
)


def _real(series_id: str, **fields: Any) -> RealSeries:
    return series_id, fields


# fmt: off
def fingertips(
    reference: str, series_id: str, indicator: int, title: str, definition: str, purpose: str,
    *, polarity: str, unit: str = "percentage", rate_per: int | None = None,
    decimal_places: int = 1, profile: str = "Public Health Outcomes Framework",
    publisher: str = "OHID Fingertips", weaknesses: str = "", pooled: bool = False,
    old_vintage: bool = False, england_targets: dict[int, float] | None = None,
    tolerance: float = 0.0, targets: tuple[DemoTarget, ...] = (),
    availability: str = _FT_AVAILABLE, directorate: str = AH, service: str = "Public Health",
    board: str = BOARD_AHAL, pillars: tuple[str, ...] = (HW,), scorecard: bool = False,
) -> RealSeries:
    # fmt: on
    if england_targets:
        targets = value_targets(tolerance, england_targets)
    return _real(
        series_id,
        reference=reference,
        title=title,
        definition=definition,
        purpose=purpose,
        directorate=directorate,
        service=service,
        pillars=pillars,
        scrutiny_board=board,
        unit=unit,
        rate_per=rate_per,
        decimal_places=decimal_places,
        polarity=polarity,
        frequency="annual",
        comparator="previous",
        data_source=f"{publisher}, {profile} (indicator {indicator})",
        source_url=_FINGERTIPS_URL.format(indicator),
        known_weaknesses=(
            weaknesses
            + (_POOLED if pooled else "")
            + (_OLD_VINTAGE if old_vintage else "")
            + (_ENGLAND_TARGET if england_targets else "")
        ).strip(),
        availability=availability,
        in_ambition_scorecard=scorecard,
        benchmark_indicators=f"Fingertips {indicator}",
        targets=targets,
    )


def oflog(
    reference: str, code: str, ascof: str, title: str, definition: str, purpose: str, **fields: Any
) -> RealSeries:
    medians = fields.pop("medians", None)
    tolerance = fields.pop("tolerance", 0.0)
    weaknesses = fields.pop("weaknesses", "")
    return _real(
        f"oflog_{code.lower()}",
        reference=reference,
        title=title,
        definition=definition,
        purpose=purpose,
        directorate=AH,
        pillars=(HW,),
        scrutiny_board=BOARD_AHAL,
        frequency="annual",
        comparator="previous",
        data_source=f"Oflog Local Authority Data Explorer, adult social care ({code}); from NHS "
        f"England ASCOF {ascof}",
        source_url=_OFLOG_URL,
        known_weaknesses=(
            weaknesses
            + " Oflog has since closed; the underlying measures are still published in ASCOF."
            + (
                " Demo targets are the median of all English councils for the same year."
                if medians
                else ""
            )
        ).strip(),
        availability="Annually, about eight months after the financial year ends",
        in_ambition_scorecard=False,
        benchmark_indicators=f"Oflog {code}; ASCOF {ascof}",
        targets=value_targets(tolerance, medians) if medians else (),
        **{"rate_per": None, "decimal_places": 1, "unit": "percentage", **fields},
    )


def nhs_ae(
    reference: str, series_id: str, title: str, definition: str, **fields: Any
) -> RealSeries:
    return _real(
        series_id,
        reference=reference,
        title=title,
        definition=definition,
        directorate=AH,
        service="Health Partnerships",
        pillars=(HW,),
        scrutiny_board=BOARD_AHAL,
        rate_per=None,
        frequency="monthly",
        comparator="same_last_year",
        data_source="NHS England, A&E Attendances and Emergency Admissions (provider RR8, Leeds "
        "Teaching Hospitals NHS Trust)",
        source_url=_NHS_AE_URL,
        known_weaknesses="Trust-level figures for Leeds Teaching Hospitals, which also treats "
        "people from outside Leeds. The demo extract covers April 2016 to March 2019.",
        availability="Monthly, published by NHS England on the second Thursday of the "
        "following month",
        in_ambition_scorecard=False,
        benchmark_indicators="NHS England A&E 4-hour standard (all providers)",
        **fields,
    )
