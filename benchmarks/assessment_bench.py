"""Speed of quarterly.assessment against its goals and against peer packages on PyPI.

A script, not a test: ``python benchmarks/assessment_bench.py [--quick]``.

It reports the median of repeated runs (the machine is shared, so medians, not means) for:

- SPC with all rules and both icons for 10,000 series of 36 points (goal ≤ 90 ms);
- the same with per-series recalculation points (a third of the series rebased where their
  shift begins, as accepted recalculation points do on the scorecard; goal ≤ 90 ms);
- Wilson and Byar's intervals at 95% and 99.8% for 1,000,000 rows (goal ≤ 140 ms each);
- significance against a benchmark at both levels for 1,000,000 rows (goal ≤ 170 ms);
- comparisons of 10,000 indicators × 400 areas in one group (rank with n, Fingertips quartile,
  median and range, significance against England and the group mean at 95% and 99.8%; issue
  12's goal ≤ 200 ms), and the same with the areas split into 9 regions;
- one single-series SPC call (goal ≤ 0.2 ms);

and, in the same run, the speed-up over Python SPC packages (abspc, shewhart, pycontrolcharts,
pyqicharts — whichever are installed) and PHStatsMethods on the same inputs (goal ≥ 45×).
Slow peers run on a slice and are scaled linearly to the full input, which favours them
(no growth in memory pressure). Peers that are not installed are listed as skipped.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quarterly.assessment import (  # noqa: E402
    compare_areas,
    compare_with_benchmark,
    proportion_intervals,
    rate_intervals,
    spc_analyse,
    spc_analyse_batch,
)

SERIES, POINTS, ROWS = 10_000, 36, 1_000_000
INDICATORS, AREAS, REGIONS = 10_000, 400, 9


def median_seconds(fn: Callable[[], Any], repeat: int, number: int = 1) -> float:
    fn()  # warm up (imports, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


SHIFT_AT = 24


def spc_inputs(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """KPI-like series: level, quarterly seasonality, noise, and a shift in a third of them;
    and, per series, a recalculation point where its shift begins (series × points, bool)."""
    level = rng.normal(60, 10, (SERIES, 1))
    season = rng.normal(0, 2, (SERIES, 4))[:, np.arange(POINTS) % 4]
    shifted = rng.random((SERIES, 1)) < 0.33
    shift = np.where(shifted, rng.normal(0, 5, (SERIES, 1)), 0.0)
    step = (np.arange(POINTS) >= SHIFT_AT) * shift
    values = level + season + step + rng.normal(0, 3, (SERIES, POINTS))
    targets = level[:, 0] + rng.normal(0, 8, SERIES)
    rebase = np.zeros((SERIES, POINTS), dtype=bool)
    rebase[:, SHIFT_AT] = shifted[:, 0]
    return values, targets, rebase


def rate_inputs(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    denominator = rng.integers(50, 200_000, ROWS).astype(float)
    count = rng.binomial(denominator.astype(np.int64), rng.beta(2, 5, ROWS)).astype(float)
    events = rng.poisson(rng.gamma(2.0, 100.0, ROWS)).astype(float)
    population = rng.integers(1_000, 500_000, ROWS).astype(float)
    return count, denominator, events, population


def comparison_inputs(rng: np.random.Generator) -> dict[str, Any]:
    """Proportions for indicators × areas with Wilson intervals, 2% missing, mixed polarity."""
    denominator = rng.integers(500, 50_000, (INDICATORS, AREAS)).astype(float)
    share = rng.beta(5, 20, (INDICATORS, 1))
    count = rng.binomial(denominator.astype(np.int64), share).astype(float)
    ci = proportion_intervals(count, denominator)
    values = ci.value.copy()
    values[rng.random(values.shape) < 0.02] = np.nan
    polarity = [("higher", "lower", "none")[i % 3] for i in range(INDICATORS)]
    return {
        "values": values,
        "polarity": polarity,
        "england": share[:, 0] * 100,
        "lower95": ci.lower95,
        "upper95": ci.upper95,
        "lower998": ci.lower998,
        "upper998": ci.upper998,
    }


def spc_peers(
    values: np.ndarray, targets: np.ndarray
) -> list[tuple[str, str, Callable[[int], None], int]]:
    """(name, what it computes, run(i) for series i, slice size) for each installed peer."""
    import pandas as pd

    peers: list[tuple[str, str, Callable[[int], None], int]] = []
    try:
        import abspc

        def run_abspc(i: int) -> None:
            frame = abspc.calculate_control_limits(pd.DataFrame({"value": values[i]}), "XmR")
            frame = abspc.detect_special_causes(frame)
            abspc.determine_variation_type(frame, improvement_direction="high")
            abspc.determine_assurance_type(frame, float(targets[i]), improvement_direction="high")

        peers.append(("abspc", "XmR + 4 MDC rules + both icons", run_abspc, 200))
    except ImportError:
        pass
    try:
        import shewhart

        peers.append(("shewhart", "I-MR + Nelson rules", lambda i: shewhart.imr(values[i]), 300))
    except ImportError:
        pass
    try:
        import pycontrolcharts

        peers.append(
            (
                "pycontrolcharts",
                "XmR + Nelson run tests",
                lambda i: pycontrolcharts.calc_xmr(values[i].tolist()),
                200,
            )
        )
    except ImportError:
        pass
    try:
        import pyqicharts

        def run_qic(i: int) -> None:
            frame = pd.DataFrame({"x": np.arange(POINTS), "y": values[i]})
            pyqicharts.qic_table(frame, "x", "y", chart="i")

        peers.append(("pyqicharts", "I chart + Anhøj rules (table)", run_qic, 30))
    except ImportError:
        pass
    return peers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller slices")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20240401)
    values, targets, rebase = spc_inputs(rng)
    count, denominator, events, population = rate_inputs(rng)

    rows: list[tuple[str, float, str, str]] = []  # (measure, ms, goal, verdict)

    def record(name: str, seconds: float, goal_ms: float) -> float:
        ms = seconds * 1e3
        rows.append((name, ms, f"≤ {goal_ms:g} ms", "met" if ms <= goal_ms else "MISSED"))
        return seconds

    spc_s = record(
        f"SPC batch, {SERIES:,} series × {POINTS} points, all rules + icons",
        median_seconds(lambda: spc_analyse_batch(values, target=targets), repeat),
        90,
    )
    record(
        f"SPC batch, {SERIES:,} series × {POINTS} points, per-series recalculation points",
        median_seconds(lambda: spc_analyse_batch(values, target=targets, rebase=rebase), repeat),
        90,
    )
    wilson_s = record(
        f"Wilson 95% + 99.8%, {ROWS:,} rows",
        median_seconds(lambda: proportion_intervals(count, denominator), repeat),
        140,
    )
    byars_s = record(
        f"Byar's (exact < 10) 95% + 99.8%, {ROWS:,} rows",
        median_seconds(lambda: rate_intervals(events, population), repeat),
        140,
    )
    ci = proportion_intervals(count, denominator)
    england = float(np.sum(count) / np.sum(denominator) * 100)
    record(
        f"Significance vs benchmark (2 levels), {ROWS:,} rows",
        median_seconds(
            lambda: compare_with_benchmark(
                ci.value,
                england,
                lower95=ci.lower95,
                upper95=ci.upper95,
                lower998=ci.lower998,
                upper998=ci.upper998,
            ),
            repeat,
        ),
        170,
    )
    inputs = comparison_inputs(rng)
    record(
        f"Comparisons, {INDICATORS:,} indicators × {AREAS} areas, one group",
        median_seconds(lambda: compare_areas(**inputs), repeat),
        200,
    )
    regions = np.arange(AREAS) % REGIONS
    record(
        f"Comparisons, {INDICATORS:,} indicators × {AREAS} areas, {REGIONS} regions",
        median_seconds(lambda: compare_areas(**inputs, groups=regions), repeat),
        200,
    )
    one = values[0].tolist()
    record(
        "SPC single series (36 points, sentences included)",
        median_seconds(lambda: spc_analyse(one, target=float(targets[0])), 7, number=2000),
        0.2,
    )

    speedups: list[tuple[str, str, float, float, float]] = []
    for name, what, run, size in spc_peers(values, targets):
        size = max(10, size // 4) if args.quick else size

        def run_slice(run: Callable[[int], None] = run, size: int = size) -> None:
            for i in range(size):
                run(i)

        per_series = median_seconds(run_slice, 3) / size
        full = per_series * SERIES
        speedups.append((f"{name}: {what}", f"{SERIES:,} series", full, spc_s, full / spc_s))
    python_loop = median_seconds(lambda: [spc_analyse(v) for v in values[:500].tolist()], 3) / 500
    speedups.append(
        (
            "(reference, not a peer) our spc_analyse in a Python loop",
            f"{SERIES:,} series",
            python_loop * SERIES,
            spc_s,
            python_loop * SERIES / spc_s,
        )
    )
    try:
        import pandas as pd
        from PHStatsMethods.proportions import ph_proportion
        from PHStatsMethods.rates import ph_rate

        n = 2_000 if args.quick else 20_000
        frame = pd.DataFrame({"x": count[:n], "n": denominator[:n]})
        t = median_seconds(
            lambda: ph_proportion(frame, "x", "n", confidence=[0.95, 0.998], multiplier=100), 3
        )
        full = t / n * ROWS
        speedups.append(
            (
                "PHStatsMethods ph_proportion (Wilson, 2 levels)",
                f"{ROWS:,} rows",
                full,
                wilson_s,
                full / wilson_s,
            )
        )
        rates = pd.DataFrame({"x": np.maximum(events[:n], 1), "n": population[:n]})
        t = median_seconds(lambda: ph_rate(rates, "x", "n", confidence=[0.95, 0.998]), 3)
        full = t / n * ROWS
        speedups.append(
            (
                "PHStatsMethods ph_rate (Byar's/exact, 2 levels)",
                f"{ROWS:,} rows",
                full,
                byars_s,
                full / byars_s,
            )
        )
    except ImportError:
        speedups.append(
            ("PHStatsMethods (not installed)", "-", float("nan"), float("nan"), float("nan"))
        )

    print(
        f"quarterly.assessment benchmarks — Python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, medians of {repeat} runs"
    )
    print()
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'median':>10}  {'goal':>10}  result")
    for name, ms, goal, verdict in rows:
        shown = f"{ms * 1000:.1f} µs" if ms < 1 else f"{ms:.1f} ms"
        print(f"{name:<{width}}  {shown:>10}  {goal:>10}  {verdict}")
    print()
    header = "peer (same inputs; slow peers timed on a slice, scaled)"
    width = max(len(header), *(len(s[0]) for s in speedups))
    print(f"{header:<{width}}  {'input':>15}  {'peer':>10}  {'ours':>9}  speed-up (goal ≥ 45×)")
    for name, size, theirs, ours, ratio in speedups:
        verdict = (
            "" if np.isnan(ratio) or name.startswith("(") else ("met" if ratio >= 45 else "MISSED")
        )
        print(
            f"{name:<{width}}  {size:>15}  {theirs:>9.2f}s  {ours * 1e3:>7.1f}ms  {ratio:>8.0f}×  {verdict}"
        )


if __name__ == "__main__":
    main()
