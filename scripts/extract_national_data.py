"""Extract every English authority's values of the demo's national series from the shared data.

The demo compares Leeds with the Core Cities, its Oflog nearest neighbours, Yorkshire and The
Humber and England, so it ships, for each of its Fingertips, DfE and Oflog KPIs, the published
values of every English upper-tier authority (the level these indicators are published at for
public health and social care, and the level every comparator group is made of), England and
the regions where the source publishes them, for the indicator's periods from the latest one in
which Leeds has a value (usually the latest period alone: the demo loads them on every run, so
it ships what its comparisons use, not every year since 2001). The demo imports them through
the same formats as `quarterly import-benchmarks`, so the rows stay exactly as published:

* ``fingertips_93356.csv.gz``: the raw Fingertips export (Campylobacter, AH-26), byte for byte
  (it holds three years);
* ``oflog_asc_metrics.csv.gz``: the rows of the Oflog adult social care download, verbatim;
* ``lginform_corporate_plan_2024.csv.gz`` and ``lginform_dashboard_2020.csv.gz``: the rows of
  the Trafford Data Lab compilations the demo's KPIs use (the indicator and breakdown of each
  KPI's Leeds series, see ``extract_demo_data.TRAFFORD_SERIES``), for England, the regions and
  upper-tier authorities (E06, E08, E09, E10), verbatim under each vintage's own header;
* ``series.csv``: which national indicator each demo series is (``series_id,format,indicator``).

Files are gzip-compressed with no timestamp, so a rebuild from the same data is identical.
It also writes ``quarterly/demo/data/national/PROVENANCE.md``.

Usage, from the repository root::

    .venv/bin/python scripts/extract_national_data.py [PATH_TO_SHARED_DATA]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from pathlib import Path

import extract_demo_data as demo

OUTPUT_DIR = demo.OUTPUT_DIR / "national"
# England, regions, unitary authorities, metropolitan districts, London boroughs, counties.
AREA_PREFIXES = ("E92", "E12", "E06", "E08", "E09", "E10")
VINTAGES = {
    "corporate_plan_2024": "lginform_corporate_plan_2024.csv.gz",
    "dashboard_2020": "lginform_dashboard_2020.csv.gz",
}
FINGERTIPS_OUTPUT = "fingertips_93356.csv.gz"
OFLOG_OUTPUT = "oflog_asc_metrics.csv.gz"
SERIES_OUTPUT = "series.csv"
SERIES_COLUMNS = ("series_id", "format", "indicator")
KEPT = "each indicator's periods from the latest in which Leeds has a value"


def _latest(rows: list[dict[str, str]], keys: tuple[str, str, str, str]) -> list[dict[str, str]]:
    """The rows of each indicator's periods from the latest one in which Leeds has a value, so
    the demo's latest comparison always includes Leeds. `keys` names the indicator, area,
    period and value columns; pooled periods count as the year they end, as the import reads
    them."""
    indicator, area, period, value = keys
    first: dict[str, str] = {}
    for row in rows:
        if row[area] == demo.LEEDS and not demo._is_missing(row[value]):
            label = demo.fingertips_period(row[period])
            first[row[indicator]] = max(first.get(row[indicator], label), label)
    if any(row[indicator] not in first for row in rows):
        raise demo.ExtractError("an indicator has no Leeds value")
    return [row for row in rows if demo.fingertips_period(row[period]) >= first[row[indicator]]]


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _read_with_header(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def lginform_extract(source: Path) -> tuple[dict[str, bytes], list[dict[str, str]]]:
    """Each vintage's rows for the demo's series, and each series' indicator."""
    outputs: dict[str, bytes] = {}
    series: list[dict[str, str]] = []
    for vintage, output in VINTAGES.items():
        header: list[str] | None = None
        kept: list[dict[str, str]] = []
        seen: set[tuple[str, ...]] = set()
        for spec in (s for s in demo.TRAFFORD_SERIES if f"/{vintage}/" in s.path):
            fields, rows = _read_with_header(source / spec.path)
            if header is not None and fields != header:
                raise demo.ExtractError(f"{spec.path}: its header differs from the vintage's")
            header = fields
            wanted = [r for r in rows if all(r.get(c) == w for c, w in spec.where.items())]
            names = {r["indicator"] for r in wanted if r["area_code"] == demo.LEEDS}
            if len(names) != 1:
                raise demo.ExtractError(f"{spec.series_id}: Leeds rows name {sorted(names)}")
            name = names.pop()
            series.append({"series_id": spec.series_id, "format": "lginform", "indicator": name})
            wanted = [
                row for row in wanted
                if row["indicator"] == name and row["area_code"].startswith(AREA_PREFIXES)
            ]  # fmt: skip
            for row in _latest(wanted, ("indicator", "area_code", "period", "value")):
                key = tuple(row.values())
                if key not in seen:  # two series may share rows (none do today)
                    seen.add(key)
                    kept.append(row)
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=header or [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
        outputs[output] = _gzip(text.getvalue().encode("utf-8"))
        print(f"{output}: {len(kept)} rows")
    return outputs, series


def verbatim_extracts(source: Path) -> tuple[dict[str, bytes], list[dict[str, str]]]:
    """The Fingertips export, whole and byte for byte, and the latest rows of the Oflog
    download, verbatim."""
    fingertips = (source / demo.FINGERTIPS_EXPORT).read_bytes()
    header, rows = _read_with_header(source / demo.OFLOG)
    if set(demo.OFLOG_CODES) - {row["Code"] for row in rows}:
        raise demo.ExtractError(f"Oflog codes missing from {demo.OFLOG}")
    for row in rows:
        row["period"] = demo.oflog_period(row["Financial year"])
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(_latest(rows, ("Code", "Local authority code", "period", "Value")))
    oflog = text.getvalue().encode("utf-8")
    series = [{"series_id": "ft_campylobacter", "format": "fingertips", "indicator": "93356"}]
    series += [
        {"series_id": f"oflog_{code.lower()}", "format": "oflog", "indicator": code}
        for code in demo.OFLOG_CODES
    ]
    return {FINGERTIPS_OUTPUT: _gzip(fingertips), OFLOG_OUTPUT: _gzip(oflog)}, series


def write_provenance(source: Path, sizes: dict[str, int]) -> None:
    lines = [
        "# Demo national data: provenance",
        "",
        "Every English upper-tier authority's published values (with England, and the regions "
        "where the source publishes them) of the demo's Fingertips, DfE and Oflog KPIs, for "
        f"{KEPT} (in the Fingertips export, all three years), so the demo compares Leeds with the "
        "Core Cities, its Oflog nearest neighbours and its region. "
        "Generated by `scripts/extract_national_data.py` from the project's shared data folder; "
        "do not edit by hand. `quarterly.demo.national` imports each file through `quarterly "
        "import-benchmarks`' formats (named in the table).",
        "",
        "```",
        ".venv/bin/python scripts/extract_national_data.py ../shared/data",
        "```",
        "",
        "| file | format | bytes | source (in `../shared/data/`) | rows kept |",
        "|---|---|---|---|---|",
        f"| `{FINGERTIPS_OUTPUT}` | fingertips | {sizes[FINGERTIPS_OUTPUT]} | "
        f"`{demo.FINGERTIPS_EXPORT}` | all, byte for byte |",
        f"| `{OFLOG_OUTPUT}` | oflog | {sizes[OFLOG_OUTPUT]} | `{demo.OFLOG}` | {KEPT}, verbatim |",
    ]
    for vintage, output in VINTAGES.items():
        files = sorted({s.path for s in demo.TRAFFORD_SERIES if f"/{vintage}/" in s.path})
        lines.append(
            f"| `{output}` | lginform | {sizes[output]} | "
            + ", ".join(f"`{name}`" for name in files)
            + " | each demo series' indicator and breakdown, for areas "
            + ", ".join(f"{prefix}…" for prefix in AREA_PREFIXES)
            + f", {KEPT}; rows verbatim under the vintage's header |"
        )
    lines += [
        f"| `{SERIES_OUTPUT}` | | {sizes[SERIES_OUTPUT]} | the above | which national indicator "
        "each demo series is: `series_id,format,indicator` (an Oflog code, a Fingertips id, or "
        "the published indicator name) |",
        "",
        "The Trafford Data Lab compilations publish no regions; the Fingertips export does. The "
        "extracts' `.gz` files carry no timestamp, so a rebuild from the same data is identical.",
        "",
    ]
    for folder in ("fingertips_raw_export_example", "oflog_adult_social_care", demo.TRAFFORD):
        lines += [f"From `{folder}/PROVENANCE.md`:", ""]
        lines += [line + "\n" for line in demo._provenance_of(source, folder)]
    (OUTPUT_DIR / "PROVENANCE.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=demo.DEFAULT_SOURCE)
    source = parser.parse_args(argv).source.resolve()
    try:
        verbatim, first = verbatim_extracts(source)
        compiled, rest = lginform_extract(source)
    except demo.ExtractError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=SERIES_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(first + rest)
    files = {**verbatim, **compiled, SERIES_OUTPUT: text.getvalue().encode("utf-8")}
    for name, data in files.items():
        (OUTPUT_DIR / name).write_bytes(data)
    write_provenance(source, {name: len(data) for name, data in files.items()})
    print(f"{sum(len(data) for data in files.values())} bytes in {OUTPUT_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
