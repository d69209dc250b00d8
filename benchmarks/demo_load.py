"""How long `quarterly demo --no-serve` takes on a fresh SQLite database (goal: under 30 s).

Run: .venv/bin/python benchmarks/demo_load.py [--runs 3]
Each run uses a new temporary data directory, so it measures migrate + load from nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    quarterly = Path(sys.executable).with_name("quarterly")
    timings = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as data_dir:
            env = {**os.environ, "QUARTERLY_DATA_DIR": data_dir}
            env.pop("DATABASE_URL", None)
            started = time.perf_counter()
            subprocess.run(
                [str(quarterly), "demo", "--no-serve", "--verbosity", "0"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            timings.append(time.perf_counter() - started)
        print(f"run {run + 1}: {timings[-1]:.2f} s")
    print(f"median of {runs}: {statistics.median(timings):.2f} s (goal: < 30 s)")


if __name__ == "__main__":
    main()
