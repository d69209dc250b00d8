"""Highlight items: the few KPIs a cycle's performance report singles out, and their commentary.

Leeds' performance team "identify and pull out a small number of KPIs on which further detail
and analysis is provided ... usually those KPIs with a notably positive or negative trajectory",
then ask their key contacts for "the reasons for any adverse performance results and the actions
being taken to address this" (annual assurance report, points 47-49 and 64-66).

Rules propose; the performance team decides. Each rule looks at the KPI's latest result among
the periods the cycle asks for (`cycles.due.periods_due`), once its key contact has submitted it
(drafts and results returned for correction are not yet the council's figures), and says why in
words computed from the data:

(a) turned red: red now, and not red at the comparator period;
(b) worsened two periods running: worse than its comparator in this period and in the one before;
(c) statistical process control shows special cause concern or improvement at the latest point;
(d) significantly worse than England at 95%, where England's value and the result's confidence
    interval are known (Fingertips' overlapping-interval method);
(e) compares badly with other areas in the latest national publication of the KPI's national
    indicator: in the bottom quartile of one of its comparator groups, or significantly worse
    than England (the benchmarking domain's `standing`, whose sentences say which).

`highlights_propose` is safe to run again: it adds newly proposed KPIs, refreshes every item's
reasons, withdraws proposals no rule supports any more, and never changes a decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from quarterly.assessment import RagResult, compare_one, direction_of_travel, rag_rate
from quarterly.collection.results.judgement import (
    assessment_target,
    comparator_period,
    judge,
    value_format,
)
from quarterly.collection.results.models import Result
from quarterly.core.periods import Period
from quarterly.register.models import KPI

NOT_YET_THE_COUNCILS = (Result.Status.DRAFT, Result.Status.RETURNED)
SPC_SIGNALS = {"improvement_high", "improvement_low", "concern_high", "concern_low"}


class Benchmark(Protocol):
    """England's value for a KPI and period, as the benchmarking domain holds it."""

    value: Decimal
    area_name: str


# England's values for (KPI id, period) pairs, keyed by (KPI id, period kind, period start).
# Benchmarking sits above collection, so whoever runs the rules passes its reader in.
EnglandValues = Callable[
    [Iterable[tuple[int, Period]]], Mapping[tuple[int, str, dt.date], Benchmark]
]


class Standing(Protocol):
    """How the KPI's council compares with other areas, as the benchmarking domain holds it."""

    period: str
    indicator: str
    concerns: Sequence[str]  # the sentences of the groups where it compares badly


# Each KPI's standing by KPI id, from the national data whose period had begun by the date.
Standings = Callable[[Sequence[KPI], dt.date], Mapping[int, Standing]]


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def _rag(kpi: KPI, values: dict[Period, float], period: Period) -> RagResult:
    before = comparator_period(kpi, period)
    return rag_rate(
        values[period],
        assessment_target(kpi, period.fy),
        polarity=kpi.polarity,  # type: ignore[arg-type]
        comparator=values.get(before),
        comparator_label=before.label,
        fmt=value_format(kpi),
    )


def _turned_red(
    kpi: KPI, values: dict[Period, float], period: Period, rag: RagResult
) -> str | None:
    """(a) Red now, and not red at the comparator period."""
    before = comparator_period(kpi, period)
    if rag.status != "red" or before not in values:
        return None
    earlier = _rag(kpi, values, before)
    if earlier.status == "red":
        return None
    detail = rag.sentence.partition(": ")[2]
    if earlier.status == "not_rated":
        return f"Turned red in {period.label} (not rated in {before.label}): {detail}"
    was = earlier.label.lower()
    return f"Turned red in {period.label}, from {was} in {before.label}: {detail}"


def _worsened_twice(kpi: KPI, values: dict[Period, float], period: Period) -> str | None:
    """(b) Worse than its comparator in this period and in the period before."""
    fmt = value_format(kpi)
    steps = []
    for current in (period.previous(), period):
        before = comparator_period(kpi, current)
        if current not in values or before not in values:
            return None
        travel = direction_of_travel(
            values[current],
            values[before],
            polarity=kpi.polarity,  # type: ignore[arg-type]
            fmt=fmt,
        )
        if travel.status != "worsened":
            return None
        steps.append((current, before))
    (first, first_before), (second, second_before) = steps
    return (
        f"Worsened two periods running: {first.label} was {fmt.value(values[first])} against "
        f"{fmt.value(values[first_before])} in {first_before.label}, and {second.label} is "
        f"{fmt.value(values[second])} against {fmt.value(values[second_before])} in "
        f"{second_before.label}."
    )


def _worse_than_england(kpi: KPI, result: Result, england: Benchmark | None) -> str | None:
    """(d) Significantly worse than England at 95%, where both numbers needed are known."""
    if (
        england is None
        or result.value is None
        or result.lower_ci is None
        or result.upper_ci is None
    ):
        return None
    compared = compare_one(
        float(result.value),
        float(england.value),
        lower95=float(result.lower_ci),
        upper95=float(result.upper_ci),
        polarity=kpi.polarity,  # type: ignore[arg-type]
        benchmark_name=england.area_name or "England",
        fmt=value_format(kpi),
    )
    if compared.at95 != "worse":
        return None
    return f"{result.period.label}: {compared.sentence}"


def _compares_badly(standing: Standing | None) -> str | None:
    """(e) In a comparator group's bottom quartile, or significantly worse than England."""
    if standing is None or not standing.concerns:
        return None
    return f"Compared with other areas on “{standing.indicator}”, {standing.period}: " + " ".join(
        standing.concerns
    )


def kpi_highlight_reasons(
    kpi: KPI,
    results: Sequence[Result],
    *,
    england: Benchmark | None = None,
    standing: Standing | None = None,
) -> list[str]:
    """Why the latest of `results` (one KPI's results, oldest first) makes it a highlight item."""
    if not results:
        return []
    latest = results[-1]
    if latest.value is None:
        return []  # no value this period (suppressed, say): nothing of this period to highlight
    series = [r for r in results if r.period_kind == latest.period_kind]
    values = {r.period: float(r.value) for r in series if r.value is not None}
    try:
        judgement = judge(kpi, series)
    except ValueError:
        # A direction target contradicting the KPI's polarity is a register error the KPI's own
        # page reports; it must not stop the rules running for every other KPI.
        return []
    if judgement is None:
        return []
    reasons = [
        _turned_red(kpi, values, latest.period, judgement.rag),
        _worsened_twice(kpi, values, latest.period),
        judgement.spc.sentence
        if judgement.spc is not None and judgement.spc.variation in SPC_SIGNALS
        else None,
        _worse_than_england(kpi, latest, england),
        _compares_badly(standing),
    ]
    return [reason for reason in reasons if reason]
