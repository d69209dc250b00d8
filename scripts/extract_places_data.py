"""Rebuild the places extracts shipped in quarterly/places/data from the shared public datasets.

Quarterly never reads ../shared at run time: these extracts are copied into the package, each
with its provenance, so a fresh clone works alone. Run this from the repository root, with
../shared beside it, to rebuild them:

    python scripts/extract_places_data.py [../shared/data]

- areas.csv: every area of the ONS lookup (drkane/geo-lookups `la_all_codes.csv` and
  `utla_all_codes.csv`) in England, Wales and Scotland: countries, English regions, local
  authorities (E06, E07, E08, E09, E10, S12, W06) and English combined authorities (E47), with
  the region, upper tier and (for an abolished code) the successor each belongs to; plus the
  few areas in SUPPLEMENT that Oflog's nearest neighbours name but the lookup does not.
- core_cities.csv: the eight Core Cities as ../shared/data/INDEX.md lists them.
- nearest_neighbours.csv: Oflog's nearest-neighbour groups (`nearest_neighbours.json`), one row
  per authority and neighbour in the JSON's order, repeats removed; the combined authorities'
  entries (every combined authority, not neighbours) are left out.

It also copies a few upstream rows, verbatim, into quarterly/places/tests/upstream, which the
tests check the extracts against.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "quarterly" / "places" / "data"
# Verbatim upstream rows that quarterly/places/tests/test_data.py checks the extracts against.
TEST_OUTPUT = Path(__file__).resolve().parents[1] / "quarterly" / "places" / "tests" / "upstream"
TEST_CODES = {"E08000035", "E08000019", "E07000004", "E07000097", "W06000015", "S12000049",
              "E06000023", "E10000015"}  # fmt: skip
TYPES = {
    "E92": "country", "W92": "country", "S92": "country", "E12": "region",
    "E06": "E06", "E07": "E07", "E08": "E08", "E09": "E09", "E10": "E10", "S12": "S12",
    "W06": "W06", "E47": "E47",
}  # fmt: skip
AREA_FIELDS = ["code", "name", "type", "region_code", "upper_tier_code", "successor_code",
               "valid_to"]  # fmt: skip
# Abolished counties named by Oflog's neighbours but absent from the lookup (ONS Register of
# Geographic Codes; each abolished on 1 April 2023 by the Cumbria, North Yorkshire and Somerset
# Structural Changes Orders 2022).
SUPPLEMENT = [
    {"code": "E10000006", "name": "Cumbria", "type": "E10", "region_code": "E12000002",
     "upper_tier_code": "", "successor_code": "", "valid_to": "2023-03-31"},
    {"code": "E10000023", "name": "North Yorkshire", "type": "E10", "region_code": "E12000003",
     "upper_tier_code": "", "successor_code": "E06000065", "valid_to": "2023-03-31"},
    {"code": "E10000027", "name": "Somerset", "type": "E10", "region_code": "E12000009",
     "upper_tier_code": "", "successor_code": "E06000066", "valid_to": "2023-03-31"},
]  # fmt: skip
CORE_CITIES = re.compile(r"^Core Cities: (?P<list>.*?); Yorkshire", re.MULTILINE)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _write(name: str, fields: list[str], rows: list[dict[str, str]]) -> None:
    with (OUTPUT / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def areas(source: Path) -> list[dict[str, str]]:
    lower = _read(source / "la_code_lookup" / "la_all_codes.csv")
    upper = _read(source / "la_code_lookup" / "utla_all_codes.csv")
    found: dict[str, dict[str, str]] = {}

    def add(code: str, name: str, region: str = "", tier: str = "", successor: str = "") -> None:
        if code and code[:3] in TYPES and code not in found:
            found[code] = {"code": code, "name": name, "type": TYPES[code[:3]],
                           "region_code": region, "upper_tier_code": tier,
                           "successor_code": successor, "valid_to": ""}  # fmt: skip

    for row in lower + upper:
        add(row["CTRYCD"], row["CTRYNM"])
        add(row["RGNCD"], row["RGNNM"])
        add(row.get("CAUTHCD", ""), row.get("CAUTHNM", ""), row["RGNCD"])
    for row in lower:
        tier = row["UTLACD"] if row["UTLACD"] != row["LADCD"] else ""
        successor = row["LADCD_ACTIVE"] if row["LADCD_ACTIVE"] != row["LADCD"] else ""
        add(row["LADCD"], row["LADNM"], row["RGNCD"], tier, successor)
    for row in upper:
        add(row["UTLACD"], row["UTLANM"], row["RGNCD"])
    for row in SUPPLEMENT:
        found.setdefault(row["code"], row)
    return sorted(found.values(), key=lambda row: row["code"])


def core_cities(source: Path) -> list[dict[str, str]]:
    match = CORE_CITIES.search((source / "INDEX.md").read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit("INDEX.md no longer lists the Core Cities.")
    rows = []
    for item in match["list"].split(", "):
        name, code = item.rsplit(" ", 1)
        rows.append({"code": code, "name": name})
    return rows


def nearest_neighbours(source: Path) -> list[dict[str, str]]:
    path = source / "oflog_adult_social_care" / "nearest_neighbours.json"
    groups = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for code, neighbours in groups.items():
        if code[:3] in {"E47", "E61"}:
            continue
        for neighbour in dict.fromkeys(neighbours):
            rows.append({"area_code": code, "neighbour_code": neighbour})
    return rows


def test_sources(source: Path) -> None:
    """A few rows of each upstream file, verbatim, for the tests (which never read ../shared)."""
    TEST_OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in ("la_all_codes.csv", "utla_all_codes.csv"):
        with (source / "la_code_lookup" / name).open(newline="", encoding="utf-8") as handle:
            lines = handle.read().splitlines(keepends=True)
        kept = [lines[0]] + [line for line in lines[1:] if line.split(",", 1)[0] in TEST_CODES]
        (TEST_OUTPUT / name).write_text("".join(kept), encoding="utf-8")
    path = source / "oflog_adult_social_care" / "nearest_neighbours.json"
    groups = json.loads(path.read_text(encoding="utf-8"))
    wanted = {code: groups[code] for code in sorted(TEST_CODES) if code in groups}
    (TEST_OUTPUT / "nearest_neighbours.json").write_text(
        json.dumps(wanted, indent=4) + "\n", encoding="utf-8"
    )
    line = next(
        line for line in (source / "INDEX.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("Core Cities:")
    )  # fmt: skip
    (TEST_OUTPUT / "INDEX_core_cities.md").write_text(line + "\n", encoding="utf-8")
    print(f"tests/upstream: {len(wanted)} neighbour groups and the lookups' rows")


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "data"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    _write("areas.csv", AREA_FIELDS, areas(source))
    _write("core_cities.csv", ["code", "name"], core_cities(source))
    _write("nearest_neighbours.csv", ["area_code", "neighbour_code"], nearest_neighbours(source))
    test_sources(source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
