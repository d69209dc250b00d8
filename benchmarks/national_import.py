"""Import a long national dataset of N rows (default 1,000,000) twice on PostgreSQL and report the
seconds each import takes (goal for the first: <= 60 s) and the peak memory (goal: flat, not
growing with the file).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
     .venv/bin/python benchmarks/national_import.py [--rows 1000000] [--profile]

Writes a long CSV of 2,500 indicators x 400 areas (fewer indicators for fewer rows) for one
financial year, with value, count, denominator and 95% and 99.8% limits, to a temporary file;
creates a throwaway database beside the one DATABASE_URL names (dropped at the end), migrates
it, then runs `import-benchmarks FILE --format long` twice. The second import must report
0 added, 0 changed. Peak memory is the process's maximum resident set size
(resource.getrusage), read after each step. The CPU seconds of this process are printed beside
the wall-clock seconds: on a machine shared with other work, they show the import's own cost
(PostgreSQL's work is in its server process, so not in them). With --profile it runs the first import under
cProfile instead and prints the 25 costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

GOAL_SECONDS = 60
AREAS = 400


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the file")
    parser.add_argument("--profile", action="store_true", help="profile the first import")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (any database): this is a PG benchmark.")
    parts = urlsplit(url)
    name = f"quarterly_bench_import_{os.getpid()}"
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    os.environ["QUARTERLY_DATA_DIR"] = tempfile.mkdtemp(prefix="quarterly-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f"CREATE DATABASE {name}")
    try:
        django.setup()
        _run(args.rows, args.profile)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute(f"DROP DATABASE {name}")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(rows: int, profile: bool) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.csv"
        started = time.perf_counter()
        _write(path, rows)
        size = path.stat().st_size / 1024 / 1024
        print(
            f"wrote {rows:,} rows ({size:.0f} MiB) in {time.perf_counter() - started:.1f} s; "
            f"peak RSS {_peak_mib():.0f} MiB"
        )
        for attempt in ("first", "second"):
            out = io.StringIO()
            started, cpu = time.perf_counter(), time.process_time()
            if profile and attempt == "first":
                profiler = cProfile.Profile()
                profiler.runcall(
                    call_command, "import_benchmarks", str(path), format="long", stdout=out
                )
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            else:
                call_command("import_benchmarks", str(path), format="long", stdout=out)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            goal = f" (goal <= {GOAL_SECONDS} s)" if attempt == "first" else ""
            print(
                f"{attempt} import: {seconds:.1f} s{goal} ({cpu:.1f} s of CPU in Python); "
                f"{out.getvalue().strip()} "
                f"peak RSS {_peak_mib():.0f} MiB"
            )


def _write(path: Path, rows: int) -> None:
    """A long CSV: `rows` values over AREAS areas, one indicator per AREAS rows."""
    generator = random.Random(12)
    areas = [f"E{6000000 + number:08d}" for number in range(AREAS)]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["indicator", "area_code", "area_name", "period", "value", "count", "denominator",
             "lower95", "upper95", "lower998", "upper998", "polarity", "note"]
        )  # fmt: skip
        for number in range(rows):
            indicator, area = divmod(number, AREAS)
            denominator = generator.randint(1000, 100000)
            count = generator.randint(0, denominator)
            value = round(100 * count / denominator, 3)
            writer.writerow(
                [f"IND{indicator:05d}", areas[area], f"Area {area}", "2023/24", value, count,
                 denominator, round(value - 1.1, 3), round(value + 1.2, 3),
                 round(value - 2.3, 3), round(value + 2.4, 3),
                 "higher" if indicator % 2 else "lower", ""]
            )  # fmt: skip


if __name__ == "__main__":
    main()
