"""Copy the rows the national import tests read, verbatim, into the project.

quarterly/exchange/tests/test_national_sources.py imports small files of real rows, exactly as
their publishers wrote them, with the `oflog` and `lginform` formats. This writes them, with
their PROVENANCE.md, into quarterly/exchange/tests/data/national/. Run it from the repository
root, with ../shared beside it:

    python scripts/extract_national_fixtures.py [../shared/data]
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "quarterly" / "exchange" / "tests" / "data"
OUTPUT = OUTPUT / "national"
TRAFFORD = "la_health_indicators_trafford_datalab"
LEEDS, ENGLAND, SCILLY = "E08000035", "E92000001", "E06000053"
Row = dict[str, str]

# output file -> [(source file under ../shared/data, which rows to keep)], one header per output
WANTED: dict[str, list[tuple[str, Callable[[Row], bool]]]] = {
    # Leeds states every rank order (desc, DESC, None); Scilly has blanks and a 0.
    "oflog_asc.csv": [(
        "oflog_adult_social_care/oflog_asc_metrics.csv",
        lambda r: r["Local authority code"] in {LEEDS, SCILLY}
        and r["Financial year"] in {"2016-17", "2019-20"},
    )],
    # The 2020 vintage: NA values, Greater Manchester (E47), pooled "2013-15".
    "lginform_2020.csv": [
        (f"{TRAFFORD}/dashboard_2020/admissions_falls.csv",
         lambda r: r["area_code"] in {LEEDS, ENGLAND, SCILLY, "E47000001"}
         and r["period"] in {"2010/11", "2017/18"}),
        (f"{TRAFFORD}/dashboard_2020/preventable_mortality_from_cancer.csv",
         lambda r: r["area_code"] in {LEEDS, ENGLAND} and r["period"] in {"2013-15", "2015-17"}),
    ],
    # The 2020 vintage's sex in `group`.
    "lginform_2020_group.csv": [(
        f"{TRAFFORD}/dashboard_2020/healthy_life_expectancy_at_birth.csv",
        lambda r: r["area_code"] in {LEEDS, ENGLAND} and r["period"] == "2014-16",
    )],
    # Months written as their first day.
    "lginform_dtoc.csv": [(
        f"{TRAFFORD}/dashboard_2020/dtoc.csv",
        lambda r: r["period"] in {"2017-03-01", "2017-04-01"},
    )],
    # The 2024 vintage: sex in `inequality` and in `unit`, deprivation quintiles, pooled
    # "2016 - 18" and "2018/19 - 22/23", an electoral ward (E05), NA values.
    "lginform_2024.csv": [
        (f"{TRAFFORD}/corporate_plan_2024/healthy_life_expectancy.csv",
         lambda r: r["area_code"] in {LEEDS, ENGLAND, SCILLY} and r["period"] == "2016 - 18"),
        (f"{TRAFFORD}/corporate_plan_2024/mortality_rate.csv",
         lambda r: r["area_code"] in {LEEDS, ENGLAND} and r["period"] == "2022"),
        (f"{TRAFFORD}/corporate_plan_2024/obese_reception.csv",
         lambda r: (r["area_code"] == ENGLAND and r["period"] == "2018/19 - 22/23")
         or (r["area_code"] in {LEEDS, ENGLAND} and r["period"] == "2022/23")
         or (r["area_code"].startswith("E05") and r["period"] == "2020/21 - 22/23"
             and r["area_name"] < "B")),
    ],
}  # fmt: skip

PROVENANCE = """# National import test data

Rows copied verbatim (each output keeps its source's header) from the public datasets in
`../shared/data/`, each with its own PROVENANCE.md there:

- `oflog_asc.csv`: `oflog_adult_social_care/oflog_asc_metrics.csv`, Oflog's adult social care
  measures (communitiesuk/oflog-automated-text; Open Government Licence v3.0 for the statistics).
- `lginform_*.csv`: `la_health_indicators_trafford_datalab/`, Trafford Data Lab's compilations
  of OHID Fingertips, DfE and NHS England indicators (traffordDataLab/dashboard and
  traffordDataLab/corporate_plan; Open Government Licence v3.0, repository MIT).

Which rows: see `WANTED` in `scripts/extract_national_fixtures.py`, which rebuilds them:
`python scripts/extract_national_fixtures.py` with `../shared` beside the repository.
"""


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "data"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for output, parts in WANTED.items():
        header: list[str] | None = None
        kept: list[Row] = []
        for relative, keep in parts:
            with (source / relative).open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                if header is not None and reader.fieldnames != header:
                    raise SystemExit(f"{relative}: its header differs from {output}'s")
                header = list(reader.fieldnames or [])
                kept += [row for row in reader if keep(row)]
        with (OUTPUT / output).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header or [], lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
        print(f"{output}: {len(kept)} rows")
    (OUTPUT / "PROVENANCE.md").write_text(PROVENANCE, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
