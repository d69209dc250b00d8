"""Reads of benchmark values, in bulk: one query whatever the number of KPIs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from quarterly.benchmarking.models import ENGLAND, BenchmarkValue
from quarterly.core.periods import Period

BenchmarkKey = tuple[int, str, dt.date]


def benchmarks_for(
    *, wanted: Iterable[tuple[int, Period]], area_code: str = ENGLAND
) -> dict[BenchmarkKey, BenchmarkValue]:
    """One area's benchmark values for (KPI id, period) pairs, keyed by (KPI id, kind, start)."""
    pairs = list(wanted)
    if not pairs:
        return {}
    condition = Q()
    for kind, start in {(period.kind.value, period.start) for _, period in pairs}:
        condition |= Q(period_kind=kind, period_start=start)
    found = BenchmarkValue.objects.filter(
        condition, area_code=area_code, kpi_id__in={kpi_id for kpi_id, _ in pairs}
    )
    return {(b.kpi_id, b.period_kind, b.period_start): b for b in found}


def england_values(wanted: Iterable[tuple[int, Period]]) -> dict[BenchmarkKey, BenchmarkValue]:
    """England's values for (KPI id, period) pairs: what the highlight rules compare with."""
    return benchmarks_for(wanted=wanted, area_code=ENGLAND)
