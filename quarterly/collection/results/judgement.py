"""Judge a KPI's results: the bridge from the models to the pure `assessment` library.

The caller passes model rows; this module turns them into plain numbers, calls the library and
hands back its dataclasses. Nothing here stores a judgement: every RAG rating, direction of
travel, SPC signal and forecast is computed from the data each time it is shown.

SPC limits start again at each accepted recalculation point of the KPI
(`kpi.recalculation_points`, which callers judging many KPIs prefetch).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from quarterly.assessment import (
    PERCENTAGE_BOUNDS,
    Bounds,
    DirectionOfTravel,
    DirectionTarget,
    RagResult,
    SpcResult,
    ValueFormat,
    ValueTarget,
    YearEndForecast,
    direction_of_travel,
    forecast_year_end,
    rag_rate,
    spc_analyse,
)
from quarterly.collection.results.models import RecalculationPoint, Result
from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI, Comparator, Target, Unit

PERIOD_WORDS = {
    PeriodKind.MONTH: "month",
    PeriodKind.QUARTER: "quarter",
    PeriodKind.FINANCIAL_YEAR: "year",
    PeriodKind.CALENDAR_YEAR: "year",
}
_PER_YEAR = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4}


def value_format(kpi: KPI) -> ValueFormat:
    return ValueFormat(unit=kpi.unit, decimal_places=kpi.decimal_places, per=kpi.rate_per)  # type: ignore[arg-type]


def spc_bounds(kpi: KPI) -> Bounds | None:
    """The range the KPI's values can take, which bounds its process limits: 0–100 for a
    percentage; none for other units (a count or a rate has no upper end)."""
    return PERCENTAGE_BOUNDS if kpi.unit == Unit.PERCENTAGE else None


def assessment_target(kpi: KPI, financial_year: int) -> ValueTarget | DirectionTarget | None:
    """The KPI's target for a financial year, as the library takes it (from prefetched targets)."""
    for target in kpi.targets.all():
        if target.financial_year == financial_year:
            if target.kind == Target.Kind.DIRECTION:
                return DirectionTarget(direction=target.direction)  # type: ignore[arg-type]
            return ValueTarget(value=float(target.value), tolerance=float(target.tolerance or 0))
    return None


def comparator_period(kpi: KPI, period: Period) -> Period:
    if kpi.comparator == Comparator.SAME_LAST_YEAR:
        return period.same_period_last_year()
    return period.previous()


def comparator_label(kpi: KPI, period: Period) -> str:
    return comparator_period(kpi, period).label


def rag_for_value(*, kpi: KPI, period: Period, value: Decimal | float | None) -> RagResult | None:
    """RAG for a value being entered (one query, for the comparator of a direction target)."""
    if value is None:
        return None
    target = assessment_target(kpi, period.fy)
    comparator = None
    if isinstance(target, DirectionTarget):
        before = comparator_period(kpi, period)
        found = Result.objects.filter(
            kpi=kpi, period_kind=before.kind.value, period_start=before.start
        ).first()
        comparator = _number(found.value) if found else None
    return rag_rate(
        float(value),
        target,
        polarity=kpi.polarity,  # type: ignore[arg-type]
        comparator=comparator,
        comparator_label=comparator_label(kpi, period),
        fmt=value_format(kpi),
    )


@dataclass(frozen=True)
class Recalculation:
    """An accepted recalculation point inside the SPC series: limits start again at `index`."""

    period: Period
    index: int
    reason: str


def accepted_recalculations(kpi: KPI) -> dict[Period, RecalculationPoint]:
    """The KPI's accepted recalculation points by period (from the prefetch, if any)."""
    return {
        point.period: point
        for point in kpi.recalculation_points.all()
        if point.status == RecalculationPoint.Status.ACCEPTED
    }


@dataclass(frozen=True)
class KPIJudgement:
    """Everything computed about a KPI's latest result, for its page and for reports.

    `value` is None when the latest result has no value (suppressed, not available, a zero
    denominator): `missing_reason` says why, RAG is "not rated", direction of travel "not
    comparable", and SPC runs on the series' values without that period."""

    period: Period
    value: float | None
    rag: RagResult
    travel: DirectionOfTravel
    spc: SpcResult | None
    spc_periods: tuple[Period, ...]
    forecast: YearEndForecast | None
    recalculations: tuple[Recalculation, ...] = ()
    missing_reason: str = ""


def _number(value: Decimal | None) -> float | None:
    """A stored value as the library takes it; None (no value) stays None, never 0."""
    return None if value is None else float(value)


def judge(kpi: KPI, results: Sequence[Result]) -> KPIJudgement | None:
    """Judge the latest result against its target, its comparator, its own history (SPC) and,
    for in-year KPIs, the year-end forecast. `results` are the KPI's results, oldest first."""
    if not results:
        return None
    latest = results[-1]
    period = latest.period
    # SPC and forecasts need one unbroken series of one kind of period (the latest's kind).
    series = [r for r in results if r.period_kind == latest.period_kind]
    by_period = {r.period: float(r.value) for r in series if r.value is not None}
    fmt = value_format(kpi)
    target = assessment_target(kpi, period.fy)
    before = comparator_period(kpi, period)
    comparator = by_period.get(before)
    polarity: Any = kpi.polarity
    value = _number(latest.value)
    rag = rag_rate(
        value, target, polarity=polarity, comparator=comparator,
        comparator_label=before.label, fmt=fmt,
    )  # fmt: skip
    travel = direction_of_travel(
        value, comparator, polarity=polarity, comparator_label=before.label, fmt=fmt
    )
    if value is None:
        rag, travel = judgements_without_value(
            rag, travel, period, latest.missing_reason, tracker=kpi.is_tracker
        )
    unbroken = _spc_series(_unbroken_tail(series))
    spc = None
    recalculations: tuple[Recalculation, ...] = ()
    if len(unbroken) >= 2:
        accepted = accepted_recalculations(kpi)
        recalculations = tuple(
            Recalculation(r.period, i, accepted[r.period].reason)
            for i, r in enumerate(unbroken)
            if i > 0 and r.period in accepted
        )
        spc = spc_analyse(
            [None if r.value is None else float(r.value) for r in unbroken],
            polarity=polarity,
            rebase_at=[b.index for b in recalculations],
            target=target.value if isinstance(target, ValueTarget) else None,
            fmt=fmt,
            period=PERIOD_WORDS[period.kind],
            bounds=spc_bounds(kpi),
        )
    return KPIJudgement(
        period=period,
        value=value,
        rag=rag,
        travel=travel,
        spc=spc,
        spc_periods=tuple(r.period for r in unbroken),
        forecast=_forecast(kpi, period, by_period, target, fmt),
        recalculations=recalculations,
        missing_reason=latest.missing_reason if value is None else "",
    )


def judgements_without_value(
    rag: RagResult, travel: DirectionOfTravel, period: Period, reason: str, *, tracker: bool
) -> tuple[RagResult, DirectionOfTravel]:
    """The judgements of a period with no value, saying why there is none (the KPI's page and
    the scorecard word them alike); a tracker keeps its own reason for not being rated."""
    why = f"there is no value for {period.label}" + (f" ({reason})" if reason else "")
    if rag.status == "not_rated" and not tracker:
        rag = replace(rag, sentence=f"Not rated: {why}.")
    return rag, replace(travel, sentence=f"Not comparable: {why}.")


def _unbroken_tail(series: Sequence[Result]) -> list[Result]:
    """The latest run of consecutive periods: SPC needs an unbroken series. A period whose
    result has no value is still a period of the run (`_spc_series` deals with it)."""
    tail: list[Result] = []
    for result in reversed(series):
        if tail and result.period != tail[-1].period.previous():
            break
        tail.append(result)
    return list(reversed(tail))


def _spc_series(run: Sequence[Result]) -> list[Result]:
    """The results SPC is given from a run of consecutive periods: all of them, a period with
    no value included. It is a gap in the middle of the series, not a zero and not the end of
    the series: `assessment.spc_analyse` treats it as NHSRplotthedots does (the gap keeps its
    place in time, no moving range bridges it, it is on neither side of the centre line), and
    the chart breaks its line there."""
    return list(run)


def _forecast(
    kpi: KPI, period: Period, by_period: dict[Period, float], target: Any, fmt: ValueFormat
) -> YearEndForecast | None:
    """A year-end forecast for a monthly or quarterly KPI part-way through its year.

    Counts and money are annual totals; other units (percentages, rates, days, scores) are
    judged on the year's average.
    """
    per_year = _PER_YEAR.get(period.kind)
    if per_year is None:
        return None
    first = period.financial_year_period()
    start = Period.containing(first.start, period.kind)
    current = [by_period[p] for p in Period.range(start, period) if p in by_period]
    if len(current) != len(Period.range(start, period)) or len(current) == per_year:
        return None  # a gap this year, or the year is complete: nothing to forecast
    history = []
    year_start = start
    while True:
        year_start = year_start.shift(-per_year)
        year = [by_period.get(year_start.shift(i)) for i in range(per_year)]
        if any(v is None for v in year):
            break
        history.append([float(v) for v in year if v is not None])
    history.reverse()
    aggregation = "sum" if kpi.unit in {Unit.COUNT, Unit.CURRENCY} else "mean"
    return forecast_year_end(
        current,
        history,
        periods_per_year=per_year,
        aggregation=aggregation,
        target=target.value if isinstance(target, ValueTarget) else None,
        polarity=kpi.polarity,  # type: ignore[arg-type]
        fmt=fmt,
    )
