"""Illustrative KPIs: plausible figures, not published statistics, and how they are generated.

A council register holds many measures that no shared public dataset covers (council tax
collection, missed bins, sickness absence ...). These KPIs fill those gaps so every directorate
has monthly, quarterly and annual KPIs. Every one is marked `illustrative=True` and says
"Illustrative figures for the demo" in its known weaknesses. Where the seed documents quote a
figure (for example home care staff turnover falling from 36% to 18%), the series is built
around it and the seed is cited in `data_source`.

Values are generated, not stored: each series comes from a trend, optional seasonal pattern,
step changes and noise drawn from `random.Random` seeded with the KPI reference (via CRC-32, not
`hash()`, which changes between processes), so the figures are identical on every run. Series
cover the financial years 2020/21 to 2024/25: 60 months, 20 quarters or 5 years.

Each directorate's module defines its illustrative KPIs with `illustrative_kpi` and `walk`.
This module imports nothing from Django.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence

from quarterly.demo.catalogue.base import DemoKPI, DemoResult, DemoTarget, value_targets

FIRST_YEAR, LAST_YEAR = 2020, 2024  # financial years 2020/21 to 2024/25
_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
_MONTH_NAMES = (
    "April May June July August September October November December January February March"
).split()


def _fy_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


MONTHS = tuple(
    f"{name} {year + (index >= 9)}" for year in _YEARS for index, name in enumerate(_MONTH_NAMES)
)
QUARTERS = tuple(f"{_fy_label(year)} Q{quarter}" for year in _YEARS for quarter in (1, 2, 3, 4))
YEARS = tuple(_fy_label(year) for year in _YEARS)
CALENDAR_YEARS = tuple(str(year) for year in _YEARS)
_PERIODS = {"monthly": MONTHS, "quarterly": QUARTERS, "annual": YEARS}

SEED_002 = "seeds/002_496ef0b23bf55c86.txt (Being Our Best 2024/25)"
SEED_003 = "seeds/003_53eae3c13f0a451f.txt (Best City Ambition 2024 update)"
SEED_004 = "seeds/004_b04b8cb8ddf90850.txt (annual assurance report on performance management)"
_ILLUSTRATIVE = "Illustrative figures for the demo."
MONTHLY = "Monthly, by the tenth working day of the following month"
QUARTERLY = "Quarterly, about four weeks after the quarter ends"


def walk(
    key: str,
    n: int,
    start: float,
    end: float,
    noise: float,
    *,
    season: Sequence[float] = (),
    shifts: Sequence[tuple[int, float]] = (),
    scale: Sequence[float] = (),
    persistence: float = 0.0,
    lo: float | None = 0.0,
    hi: float | None = None,
    dp: int = 1,
) -> list[float]:
    """A deterministic series of `n` values.

    Linear trend from `start` to `end`, plus `season[i % len(season)]`, plus every step change
    `(index, delta)` at or before point i, plus noise (normal, sd `noise`; `persistence` > 0
    makes it autocorrelated, as stocks such as caseloads are), times `scale[i]` where given
    (lockdown closures), clamped to [lo, hi] and rounded to `dp` decimal places.
    """
    rng = random.Random(zlib.crc32(key.encode("utf-8")))
    values: list[float] = []
    error = 0.0
    for i in range(n):
        level = start + (end - start) * i / max(n - 1, 1)
        level += season[i % len(season)] if season else 0.0
        level += sum(delta for at, delta in shifts if i >= at)
        error = persistence * error + rng.gauss(0.0, noise)
        value = (level + error) * (scale[i] if i < len(scale) else 1.0)
        if lo is not None:
            value = max(lo, value)
        if hi is not None:
            value = min(hi, value)
        values.append(float(round(value, dp)))
    return values


def illustrative_kpi(
    reference: str,
    title: str,
    definition: str,
    purpose: str,
    *,
    directorate: str,
    service: str,
    pillars: tuple[str, ...],
    board: str,
    unit: str,
    polarity: str,
    frequency: str,
    values: Sequence[float],
    data_source: str,
    availability: str,
    decimal_places: int = 1,
    rate_per: int | None = None,
    comparator: str = "previous",
    source_url: str = "",
    weaknesses: str = "",
    targets: tuple[DemoTarget, ...] = (),
    scorecard: bool = False,
    benchmark: str = "",
    denominators: Sequence[float] | None = None,
    periods: Sequence[str] | None = None,
    baseline: tuple[float, str] | None = None,
) -> DemoKPI:
    """One illustrative KPI. With `denominators`, `values` are percentages to turn into whole
    numerators, and each result's value is recomputed from its numerator and denominator."""
    periods = periods or _PERIODS[frequency]
    if len(values) != len(periods):
        raise ValueError(f"{reference}: {len(values)} values for {len(periods)} periods")
    if denominators is None:
        results = tuple(DemoResult(p, v) for p, v in zip(periods, values, strict=True))
    else:
        results = tuple(
            DemoResult(p, round(100 * num / den, decimal_places), num, den)
            for p, den, num in (
                (p, den, float(round(den * v / 100)))
                for p, v, den in zip(periods, values, denominators, strict=True)
            )
        )
    first = baseline or (results[0].value, results[0].period)
    return DemoKPI(
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
        frequency=frequency,
        comparator=comparator,
        data_source=data_source,
        source_url=source_url,
        known_weaknesses=f"{_ILLUSTRATIVE} {weaknesses}".strip(),
        availability=availability,
        baseline=first[0],
        baseline_period=first[1],
        in_ambition_scorecard=scorecard,
        benchmark_indicators=benchmark,
        illustrative=True,
        targets=targets,
        results=results,
    )


def every_year(tolerance: float, value: float, *years: int) -> tuple[DemoTarget, ...]:
    return value_targets(tolerance, dict.fromkeys(years or (2023, 2024, 2025), value))
