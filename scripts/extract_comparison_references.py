"""Copy the published tables the comparison tests check against into the project.

quarterly/assessment/tests/test_comparisons_reference.py reads these copies, so a clone
without ../shared passes. quarterly/assessment/tests/data/PROVENANCE.md says where each comes
from. Run this from the repository root to rebuild them:

    python scripts/extract_comparison_references.py WARDS_CSV [SHARED_DATA]

WARDS_CSV is ``datasets/london_deprivation_index_wards_2019/deprivation_index_london_2019_wards_df.csv``
from a clone of github.com/andrea-ballatore/open-geo-data-education (commit 3e90cf34b72d);
SHARED_DATA defaults to ../shared/data.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "quarterly" / "assessment" / "tests" / "data"
WARD_COLUMNS = [
    "GSS", "ward_name", "borough",
    "imd_extent_pc", "imd_extent_rank",
    "imd_average_score", "imd_average_score_rank",
    "imd_average_rank", "imd_average_rank_rank",
    "income_score", "income_rank",
    "employment_score", "employment_rank",
]  # fmt: skip
OFLOG_COLUMNS = [
    "Financial year", "Local authority code", "Code", "Value", "MEDIAN", "rank_order",
]  # fmt: skip


def _copy_columns(source: Path, target: Path, columns: list[str]) -> int:
    with source.open(newline="", encoding="utf-8-sig") as handle:
        rows = [{c: row[c] for c in columns} for row in csv.DictReader(handle)]
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    wards = Path(argv[0])
    shared = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    shared = shared / "data" if (shared / "data").is_dir() else shared
    n = _copy_columns(wards, OUTPUT / "gla_london_wards_imd2019_ranks.csv", WARD_COLUMNS)
    print(f"gla_london_wards_imd2019_ranks.csv: {n} rows")
    n = _copy_columns(
        shared / "oflog_adult_social_care" / "oflog_asc_metrics.csv",
        OUTPUT / "oflog_asc_medians.csv",
        OFLOG_COLUMNS,
    )
    print(f"oflog_asc_medians.csv: {n} rows")
    shutil.copyfile(
        shared / "fingertips_raw_export_example" / "indicators-CountyUA.data.csv",
        OUTPUT / "fingertips_campylobacter_countyua.csv",
    )
    print("fingertips_campylobacter_countyua.csv: copied unmodified")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
