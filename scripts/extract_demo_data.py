"""Extract the Leeds series used by the demo KPI Register from the shared public data.

Reads the real published statistics under ``../shared/data`` (or the folder given as the
first argument) and writes compact CSVs into ``quarterly/demo/data/`` holding only the Leeds
City Council (E08000035) series, and the Leeds Teaching Hospitals NHS Trust (RR8) A&E series,
that ``quarterly.demo.catalogue`` uses. The product ships those CSVs as package data, so the
demo works without ``../shared``. It also writes ``quarterly/demo/data/PROVENANCE.md``, and
``fingertips_benchmarks.csv``: the England and Yorkshire and The Humber values of the same
Fingertips series, from the same files, for benchmarking (see ``benchmark_rows``).

Every output row has the columns ``series_id,period,value,numerator,denominator,lower_ci,
upper_ci``. Values are copied as published (the original text, no rounding), except the A&E
4-hour percentages, which are derived from the published attendance and breach counts.

Periods are written as canonical Quarterly labels:

* Fingertips financial years ("2019/20") stay financial years;
* single calendar years ("2019") stay calendar years;
* pooled multi-year periods ("2018 - 20", "2001-03") become the calendar year in which they
  end ("2020", "2003");
* Oflog financial years ("2016-17") become "2016/17";
* NHS England months ("2016-04-01") become "April 2016".

Usage, from the repository root::

    .venv/bin/python scripts/extract_demo_data.py [PATH_TO_SHARED_DATA]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data"
OUTPUT_DIR = REPO_ROOT / "quarterly" / "demo" / "data"

LEEDS = "E08000035"
LEEDS_TEACHING_HOSPITALS = "RR8"
COLUMNS = ("series_id", "period", "value", "numerator", "denominator", "lower_ci", "upper_ci")
TRAFFORD = "la_health_indicators_trafford_datalab"

Row = dict[str, str]


class ExtractError(Exception):
    """The shared data did not look as expected; the message says where."""


# Period labels

_FY = re.compile(r"(\d{4})/(\d{2})")
_YEAR = re.compile(r"\d{4}")
_POOLED = re.compile(r"(\d{4})\s*-\s*(\d{2}|\d{4})")
_OFLOG_FY = re.compile(r"(\d{4})-(\d{2})")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def fingertips_period(raw: str) -> str:
    """Map a Fingertips time period onto a canonical label (see the module docstring)."""
    text = raw.strip()
    if match := _FY.fullmatch(text):
        start, end = int(match[1]), int(match[2])
        if (start + 1) % 100 != end:
            raise ExtractError(f"financial year {raw!r} does not span consecutive years")
        return text
    if _YEAR.fullmatch(text):
        return text
    if match := _POOLED.fullmatch(text):
        start, end_text = int(match[1]), match[2]
        end = int(end_text) if len(end_text) == 4 else start - start % 100 + int(end_text)
        if end < start:
            end += 100
        return str(end)
    raise ExtractError(f"unrecognised Fingertips time period {raw!r}")


def oflog_period(raw: str) -> str:
    match = _OFLOG_FY.fullmatch(raw.strip())
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ExtractError(f"unrecognised Oflog financial year {raw!r}")
    return f"{match[1]}/{match[2]}"


def month_period(raw: str) -> str:
    day = date.fromisoformat(raw.strip())
    return f"{_MONTHS[day.month - 1]} {day.year}"


# Series specifications


@dataclass(frozen=True)
class TraffordSeries:
    """One Leeds series from a Trafford Data Lab file (value only: no CIs, counts)."""

    series_id: str
    path: str  # relative to the shared data folder
    where: dict[str, str] = field(default_factory=dict)


def _t24(series_id: str, name: str, **where: str) -> TraffordSeries:
    where = {"inequality": "NA", **where}
    return TraffordSeries(series_id, f"{TRAFFORD}/corporate_plan_2024/{name}.csv", where)


def _t20(series_id: str, name: str, **where: str) -> TraffordSeries:
    return TraffordSeries(series_id, f"{TRAFFORD}/dashboard_2020/{name}.csv", where)


# The newer (2024) vintage is preferred wherever both vintages hold the same indicator.
TRAFFORD_SERIES: tuple[TraffordSeries, ...] = (
    _t24("ft_active_adults", "active_adults"),
    _t24("ft_inactive_adults", "inactive_adults"),
    _t24("ft_overweight_adults", "overweight_adult"),
    _t24("ft_active_children", "active_children"),
    _t24("ft_depression_prevalence", "adults_depression"),
    _t24("ft_smoking_routine_manual", "adults_smoking_manual"),
    _t24("ft_dental_decay_5yo", "children_dental_decay"),
    _t24("ft_hle_male", "healthy_life_expectancy", inequality="Male"),
    _t24("ft_hle_female", "healthy_life_expectancy", inequality="Female"),
    _t24("ft_sii_le_male", "inequality_life_expectancy", inequality="Male"),
    _t24("ft_sii_le_female", "inequality_life_expectancy", inequality="Female"),
    _t24("ft_u75_preventable_mortality", "mortality_rate", unit="Persons"),
    _t24("ft_obese_reception", "obese_reception", unit="Persons"),
    _t24("ft_obese_year6", "obese_year6", unit="Persons"),
    _t20("ft_falls_65plus", "admissions_falls"),
    _t20("ft_self_harm", "admissions_self_harm"),
    _t20("ft_self_harm_10_24", "admissions_self_harm_young_people"),
    _t20("ft_alcohol_admissions", "alcohol_related_admissions"),
    _t20("ft_alcohol_mortality", "alcohol_related_mortality"),
    _t20("ft_deaths_usual_residence", "deaths_at_home"),
    _t20("ft_excess_weight_reception", "excess_weight_reception"),
    _t20("ft_excess_weight_year6", "excess_weight_year6"),
    _t20("ft_smi_excess_mortality", "mortality_serious_mental_illness"),
    _t20("ft_u75_cancer_preventable", "preventable_mortality_from_cancer"),
    _t20("ft_smoking_adults", "smoking_adults"),
    _t20("ft_children_in_care", "children_in_care"),
    _t20("ft_child_protection_plans", "child_protection_plans"),
    _t20("ft_neet_16_17", "neets"),
    _t20("ft_school_readiness_fsm", "school_readiness_fsm"),
    _t20("ft_low_income_children", "low_income_families"),
)

# Files deliberately not used, and why (recorded in the output PROVENANCE.md).
NOT_USED: tuple[tuple[str, str], ...] = (
    (
        f"{TRAFFORD}/dashboard_2020/healthy_life_expectancy_at_birth.csv",
        "same indicator as corporate_plan_2024/healthy_life_expectancy.csv (newer vintage used)",
    ),
    (
        f"{TRAFFORD}/dashboard_2020/slope_index_of_inequality.csv",
        "same indicator as corporate_plan_2024/inequality_life_expectancy.csv (newer vintage used)",
    ),
    (
        f"{TRAFFORD}/dashboard_2020/physically_inactive.csv",
        "same indicator as corporate_plan_2024/inactive_adults.csv (newer vintage used)",
    ),
    (
        f"{TRAFFORD}/dashboard_2020/smoking_adults_manual.csv",
        "same indicator as corporate_plan_2024/adults_smoking_manual.csv (newer vintage used)",
    ),
    (
        f"{TRAFFORD}/dashboard_2020/dental_decay.csv",
        "'free from decay' is the complement of corporate_plan_2024/children_dental_decay.csv "
        "from the same survey (newer vintage used)",
    ),
    (
        f"{TRAFFORD}/dashboard_2020/dementia_diagnosis.csv",
        "only two Leeds periods, too short for a KPI trend",
    ),
    (f"{TRAFFORD}/dashboard_2020/dtoc.csv", "no Leeds rows (Trafford and Greater Manchester only)"),
    (
        f"{TRAFFORD}/corporate_plan_2024/fairly_active_adults.csv",
        "no Leeds rows (Trafford and its CIPFA neighbours only)",
    ),
)

FINGERTIPS_EXPORT = "fingertips_raw_export_example/indicators-CountyUA.data.csv"
OFLOG = "oflog_adult_social_care/oflog_asc_metrics.csv"
NHS_AE = "nhs_ae_attendances_monthly/ae_attendances.csv"
OFLOG_CODES = ("ASC1", "ASC2", "ASC3", "ASC4", "ASC5", "ASC6", "ASC7")

OUTPUTS = {
    "fingertips_leeds.csv": "Fingertips and DfE indicators for Leeds (E08000035)",
    "oflog_asc_leeds.csv": "Oflog adult social care measures for Leeds (E08000035)",
    "nhs_ae_rr8.csv": "NHS England monthly A&E activity, Leeds Teaching Hospitals (RR8)",
}

# Benchmarks for the Fingertips series: England and Yorkshire and The Humber, where published.
BENCHMARKS_OUTPUT = "fingertips_benchmarks.csv"
BENCHMARK_COLUMNS = (
    "series_id", "period", "area_code", "area_name", "value", "lower_ci", "upper_ci", "source",
)  # fmt: skip
BENCHMARK_AREAS = {"E92000001": "England", "E12000003": "Yorkshire and The Humber"}


# Readers


def _read(source: Path, relative: str) -> list[Row]:
    path = source / relative
    if not path.is_file():
        raise ExtractError(f"missing source file {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _out(series_id: str, period: str, value: str, **extra: str) -> Row:
    row = dict.fromkeys(COLUMNS, "")
    row.update(series_id=series_id, period=period, value=value, **extra)
    return row


def _is_missing(value: str | None) -> bool:
    return value is None or value.strip() in {"", "NA"}


def trafford_rows(source: Path) -> list[Row]:
    rows: list[Row] = []
    for spec in TRAFFORD_SERIES:
        found = 0
        for raw in _read(source, spec.path):
            if raw["area_code"] != LEEDS:
                continue
            if any(raw.get(column) != wanted for column, wanted in spec.where.items()):
                continue
            found += 1
            if not _is_missing(raw["value"]):
                period = fingertips_period(raw["period"])
                rows.append(_out(spec.series_id, period, raw["value"].strip()))
        if not found:
            raise ExtractError(f"no Leeds rows for {spec.series_id} in {spec.path}")
    return rows


def fingertips_export_rows(source: Path) -> list[Row]:
    """Campylobacter (Fingertips 93356): all ages, persons, no category; with CI and counts."""
    rows: list[Row] = []
    for raw in _read(source, FINGERTIPS_EXPORT):
        if raw["Area Code"] != LEEDS or raw["Age"] != "All ages" or raw["Sex"] != "Persons":
            continue
        if raw["Category"].strip() or _is_missing(raw["Value"]):
            continue
        rows.append(
            _out(
                "ft_campylobacter",
                fingertips_period(raw["Time period"]),
                raw["Value"].strip(),
                numerator=raw["Count"].strip(),
                denominator=raw["Denominator"].strip(),
                lower_ci=raw["Lower CI 95.0 limit"].strip(),
                upper_ci=raw["Upper CI 95.0 limit"].strip(),
            )
        )
    return rows


def oflog_rows(source: Path) -> list[Row]:
    rows: list[Row] = []
    for raw in _read(source, OFLOG):
        if raw["Local authority code"] != LEEDS or raw["Code"] not in OFLOG_CODES:
            continue
        value = raw["Value"].strip()
        # Oflog publishes a value of exactly 0 for ASC2/ASC5 where data are missing.
        if _is_missing(value) or float(value) == 0:
            continue
        series_id = f"oflog_{raw['Code'].lower()}"
        rows.append(_out(series_id, oflog_period(raw["Financial year"]), value))
    return rows


def nhs_ae_rows(source: Path) -> list[Row]:
    """Monthly RR8 series: 4-hour performance (all types, type 1), attendances, admissions."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for raw in _read(source, NHS_AE):
        if raw["org_code"] != LEEDS_TEACHING_HOSPITALS:
            continue
        month = totals[raw["period"]]
        for column in ("attendances", "breaches", "admissions"):
            month[column] += int(raw[column])
            if raw["type"] == "1":
                month[f"type1_{column}"] += int(raw[column])
    series: dict[str, list[Row]] = defaultdict(list)
    for iso in sorted(totals):
        month, label = totals[iso], month_period(iso)
        for series_id, prefix in (("ae_rr8_4hr_all", ""), ("ae_rr8_4hr_type1", "type1_")):
            attendances = month[f"{prefix}attendances"]
            within = attendances - month[f"{prefix}breaches"]
            value = f"{100 * within / attendances:.2f}"
            series[series_id].append(
                _out(series_id, label, value, numerator=str(within), denominator=str(attendances))
            )
        for column in ("attendances", "admissions"):
            series[f"ae_rr8_{column}"].append(_out(f"ae_rr8_{column}", label, str(month[column])))
    return [row for rows in series.values() for row in rows]


def benchmark_rows(source: Path) -> list[Row]:
    """England (E92000001) and Yorkshire and The Humber (E12000003) values of the Fingertips
    series, from the same files and with the same filters as the Leeds rows.

    The Trafford Data Lab compilations hold England but no regions, and no confidence
    intervals; the raw Fingertips export (Campylobacter) holds both areas, with England's 95%
    interval. Areas are named as ONS names them.
    """
    rows: list[Row] = []
    for spec in TRAFFORD_SERIES:
        vintage = "2024" if "/corporate_plan_2024/" in spec.path else "2020"
        for raw in _read(source, spec.path):
            if raw["area_code"] not in BENCHMARK_AREAS or _is_missing(raw["value"]):
                continue
            if any(raw.get(column) != wanted for column, wanted in spec.where.items()):
                continue
            rows.append(
                _benchmark(
                    spec.series_id, fingertips_period(raw["period"]), raw["area_code"],
                    raw["value"].strip(),
                    source=f"OHID Fingertips, compiled by Trafford Data Lab ({vintage})",
                )
            )  # fmt: skip
    for raw in _read(source, FINGERTIPS_EXPORT):
        if raw["Area Code"] not in BENCHMARK_AREAS or _is_missing(raw["Value"]):
            continue
        if raw["Age"] != "All ages" or raw["Sex"] != "Persons" or raw["Category"].strip():
            continue
        rows.append(
            _benchmark(
                "ft_campylobacter", fingertips_period(raw["Time period"]), raw["Area Code"],
                raw["Value"].strip(), lower_ci=raw["Lower CI 95.0 limit"].strip(),
                upper_ci=raw["Upper CI 95.0 limit"].strip(),
                source="OHID Fingertips, indicator 93356 (all-data export)",
            )
        )  # fmt: skip
    return rows


def _benchmark(series_id: str, period: str, area_code: str, value: str, **extra: str) -> Row:
    row = dict.fromkeys(BENCHMARK_COLUMNS, "")
    row.update(
        series_id=series_id, period=period, area_code=area_code,
        area_name=BENCHMARK_AREAS[area_code], value=value, **extra,
    )  # fmt: skip
    return row


def write_benchmarks_csv(path: Path, rows: list[Row]) -> None:
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row["series_id"], row["period"], row["area_code"])
        if key in seen:
            raise ExtractError(f"duplicate benchmark {key}")
        seen.add(key)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=BENCHMARK_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# Writers


def _check_unique(rows: Iterable[Row]) -> None:
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (row["series_id"], row["period"])
        if key in seen:
            raise ExtractError(f"duplicate period {key[1]!r} in series {key[0]}")
        seen.add(key)


def write_csv(path: Path, rows: list[Row]) -> None:
    _check_unique(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _provenance_of(source: Path, folder: str) -> list[str]:
    """Publisher, licence and source-repository lines of a shared PROVENANCE.md, verbatim."""
    text = (source / folder / "PROVENANCE.md").read_text(encoding="utf-8")
    lines = [
        line
        for line in text.splitlines()
        if line.startswith("**") or line.startswith(("| `dashboard_2020/`", "| `corporate_plan"))
    ]
    if not any("**Licence:**" in line for line in lines):
        raise ExtractError(f"no licence line in {folder}/PROVENANCE.md")
    # Table rows (the source repository of each vintage) become list items.
    return [_table_row_as_item(line) if line.startswith("|") else line for line in lines]


def _table_row_as_item(line: str) -> str:
    cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
    return f"* {cells[0]}: " + "; ".join(cells[1:])


def write_provenance(source: Path, series: dict[str, list[str]]) -> None:
    sections = [
        "# Demo data: provenance",
        "",
        "Real published statistics for Leeds City Council (E08000035) and, for A&E, Leeds "
        "Teaching Hospitals NHS Trust (RR8), extracted from the project's shared data folder so "
        "the demo works without it. Generated by `scripts/extract_demo_data.py`; do not edit by "
        "hand.",
        "",
        "Extraction command (from the repository root):",
        "",
        "```",
        ".venv/bin/python scripts/extract_demo_data.py ../shared/data",
        "```",
        "",
        "Columns of every CSV: `" + ",".join(COLUMNS) + "`. Values are copied as published; "
        "A&E 4-hour percentages are derived as 100 x (attendances - breaches) / attendances, with "
        "that numerator and denominator. Periods use Quarterly's labels: financial years "
        '"2019/20", calendar years "2019", months "April 2016". Fingertips pooled periods such '
        'as "2018 - 20" are stored against the calendar year in which they end ("2020").',
        "",
    ]
    sources = {
        "fingertips_leeds.csv": [
            (TRAFFORD, sorted({spec.path for spec in TRAFFORD_SERIES})),
            ("fingertips_raw_export_example", [FINGERTIPS_EXPORT]),
        ],
        "oflog_asc_leeds.csv": [("oflog_adult_social_care", [OFLOG])],
        "nhs_ae_rr8.csv": [("nhs_ae_attendances_monthly", [NHS_AE])],
    }
    for output, description in OUTPUTS.items():
        sections += [f"## `{output}`", "", description + ".", ""]
        sections += ["Series: " + ", ".join(f"`{s}`" for s in series[output]) + ".", ""]
        for folder, files in sources[output]:
            sections += ["Source files (in `../shared/data/`):", ""]
            sections += [f"* `{name}`" for name in files]
            sections += ["", f"From `{folder}/PROVENANCE.md`:", ""]
            sections += [line + "\n" for line in _provenance_of(source, folder)]
    sections += [
        f"## `{BENCHMARKS_OUTPUT}`",
        "",
        "Comparator values for the same Fingertips series: England (E92000001) and Yorkshire and "
        "The Humber (E12000003), wherever the source publishes them, from the same files as "
        "`fingertips_leeds.csv` above (same publishers and licences). Columns: `"
        + ",".join(BENCHMARK_COLUMNS)
        + "`.",
        "",
    ]
    sections += ["## `national/`", "", "Every authority's values: `national/PROVENANCE.md`.", ""]
    sections += ["## Files not used", ""]
    sections += [f"* `{name}`: {why}." for name, why in NOT_USED]
    (OUTPUT_DIR / "PROVENANCE.md").write_text("\n".join(sections) + "\n", encoding="utf-8")


def extract(source: Path) -> dict[str, list[Row]]:
    readers: dict[str, list[Callable[[Path], list[Row]]]] = {
        "fingertips_leeds.csv": [trafford_rows, fingertips_export_rows],
        "oflog_asc_leeds.csv": [oflog_rows],
        "nhs_ae_rr8.csv": [nhs_ae_rows],
    }
    return {
        name: [row for read in reads for row in read(source)] for name, reads in readers.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args(argv)
    source = args.source if args.source.is_absolute() else (Path.cwd() / args.source)
    try:
        outputs = extract(source.resolve())
        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        series: dict[str, list[str]] = {}
        for name, rows in outputs.items():
            write_csv(OUTPUT_DIR / name, rows)
            series[name] = list(dict.fromkeys(row["series_id"] for row in rows))
            print(f"{name}: {len(rows)} rows, {len(series[name])} series")
        write_provenance(source.resolve(), series)
        benchmarks = benchmark_rows(source.resolve())
        write_benchmarks_csv(OUTPUT_DIR / BENCHMARKS_OUTPUT, benchmarks)
        print(f"{BENCHMARKS_OUTPUT}: {len(benchmarks)} rows")
    except ExtractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
