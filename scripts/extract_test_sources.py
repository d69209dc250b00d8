"""Copy the upstream rows the demo catalogue's tests compare against, verbatim, into the project.

The tests in quarterly/demo/tests/test_catalogue.py check that the demo's real series match
their published sources. They read these copies, so a clone without ../shared passes. Run this
from the repository root, with ../shared beside it, to rebuild them:

    python scripts/extract_test_sources.py [../shared/data]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "quarterly" / "demo" / "tests" / "upstream"
# file under ../shared/data -> (column, values) a row must match to be kept
WANTED: dict[str, tuple[str, set[str]]] = {
    "la_health_indicators_trafford_datalab/corporate_plan_2024/adults_smoking_manual.csv": (
        "area_code", {"E08000035"}),
    "la_health_indicators_trafford_datalab/corporate_plan_2024/healthy_life_expectancy.csv": (
        "area_code", {"E08000035"}),
    "la_health_indicators_trafford_datalab/dashboard_2020/admissions_falls.csv": (
        "area_code", {"E08000035"}),
    "la_health_indicators_trafford_datalab/dashboard_2020/children_in_care.csv": (
        "area_code", {"E08000035"}),
    "oflog_adult_social_care/oflog_asc_metrics.csv": ("Local authority code", {"E08000035"}),
    "nhs_ae_attendances_monthly/ae_attendances.csv": ("org_code", {"RR8"}),
    "fingertips_raw_export_example/indicators-CountyUA.data.csv": ("Area Code", {"E08000035"}),
}  # fmt: skip


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "data"
    for relative, (column, values) in WANTED.items():
        with (source / relative).open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            rows = [row for row in reader if row[column] in values]
            fields = reader.fieldnames or []
        target = OUTPUT / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        print(f"{relative}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
