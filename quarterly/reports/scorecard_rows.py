"""One KPI's row of the CLT Scorecard: the result it shows for the quarter, judged.

Which result a row shows for a quarter follows the KPI's frequency: a quarterly KPI shows that
quarter; a monthly KPI the latest month in the quarter; an annual KPI its latest financial or
calendar year ending on or before the quarter's last day; any other KPI its latest result of
any kind ending by then. Every judgement is computed from the results each time, never stored,
with the same inputs as `collection.results.judgement.judge` (target for the period's financial year,
the KPI's comparator, SPC over the latest unbroken run of periods), so the scorecard and the
KPI's own page agree. `judge` itself also forecasts the year end and builds a `Period` per
result, which costs about 0.6 ms a KPI; here results come as plain tuples (read in one query
by `reports.selectors.scorecard_build`) and SPC runs for every KPI in one `spc_analyse_batch`
call, its limits starting again at each KPI's accepted recalculation points as `judge` does.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
from django.utils import timezone

from quarterly.assessment import (
    ASSURANCE_ICONS,
    DEFAULT_OPTIONS,
    SIGNALS,
    VARIATION_ICONS,
    DirectionTarget,
    RagResult,
    ValueFormat,
    ValueTarget,
    direction_of_travel,
    polarity_sign,
    rag_rate,
    spc_analyse_batch,
)
from quarterly.assessment.spc_icons import assurance_sentence, bound_words
from quarterly.collection.models import HighlightItem, Result
from quarterly.collection.results.judgement import (
    judgements_without_value,
    spc_bounds,
    value_format,
)
from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI, Comparator, Frequency, Target
from quarterly.register.presentation import (
    ASSURANCE_WORDS,
    TRAVEL_WORDS,
    VARIATION_WORDS,
    format_value,
    result_value_text,
    target_text,
)
from quarterly.reports.scorecard import (
    SPARKLINE_POINTS,
    SPC_KINDS,
    Earlier,
    Figure,
    Highlight,
    ScorecardRow,
    Sparkline,
    TargetSummary,
    Verdict,
)

_PER_YEAR = {"month": 12, "quarter": 4, "financial_year": 1, "calendar_year": 1}
_POINT_WORD = {"month": "month", "quarter": "quarter"}
_YEARS = {PeriodKind.FINANCIAL_YEAR.value, PeriodKind.CALENDAR_YEAR.value}
# A result as read: (period kind, period start, period end, value, status, missing reason);
# the value is None for a period with no value (suppressed, say), which the reason explains.
Series = list[tuple[str, dt.date, dt.date, Decimal | None, str, str]]


def scorecard_rows(
    *,
    kpis: Sequence[KPI],
    series: dict[int, Series],
    quarter: Period,
    targets: dict[int, dict[int, Target]],
    pillars: dict[int, list[str]],
    highlights: dict[int, HighlightItem],
    unpublished_visible: bool,
    recalculations: Mapping[int, set[tuple[str, dt.date]]] | None = None,
    earlier: Mapping[int, Earlier] | None = None,
) -> list[ScorecardRow]:
    """Each KPI's row for the quarter, in the order of `kpis`, from its results (`series`,
    oldest first), its targets by financial year, its pillars, its highlight item, its
    accepted recalculation points (period kind and start) and its judgement in the previous
    quarter's scorecard (`reports.scorecard_changes`)."""
    recalculations = recalculations or {}
    earlier = earlier or {}
    drafts = [
        _Draft.make(
            kpi, series.get(kpi.pk, []), quarter, targets[kpi.pk], tuple(pillars[kpi.pk]),
            recalculations.get(kpi.pk, set()),
        )
        for kpi in kpis
    ]  # fmt: skip
    spc = _spc_for(drafts)
    rows = []
    for draft in drafts:
        if draft.selected is None and draft.kpi.status != KPI.Status.ACTIVE:
            continue  # a retired KPI with nothing to report for this quarter
        item = highlights.get(draft.kpi.pk)
        if not unpublished_visible and (draft.selected is None or draft.selected[2] != quarter.end):
            # Its reasons and commentary speak of the quarter's last result, which a member
            # sees only once it is published.
            item = None
        rows.append(_row(draft, quarter, spc.get(draft.kpi.pk), item, earlier.get(draft.kpi.pk)))
    return rows


def _index(kind: str, start: dt.date) -> int:
    """`Period._index` from the stored columns, without building a `Period` per result."""
    if kind == "month":
        return start.year * 12 + start.month - 1
    if kind == "quarter":
        fy = start.year if start.month >= 4 else start.year - 1
        return fy * 4 + (start.month - 4) % 12 // 3
    return start.year


@dataclass
class _Draft:
    """A KPI's selected result and the series it belongs to, before the SPC batch runs."""

    kpi: KPI
    selected: tuple[str, dt.date, dt.date, Decimal | None, str, str] | None
    # the selected result's kind, up to and including it, oldest first (None: no value)
    values: list[float | None]
    indexes: list[int]
    target: ValueTarget | DirectionTarget | None
    tail: list[float]  # the values of the latest unbroken run, for SPC
    targets: dict[int, Target]  # by financial year
    pillars: tuple[str, ...]
    rebase: list[int]  # where limits start again in `tail` (accepted recalculation points)

    @classmethod
    def make(
        cls, kpi: KPI, results: list[Any], quarter: Period, targets: dict[int, Target],
        pillars: tuple[str, ...], recalculations: set[tuple[str, dt.date]],
    ) -> _Draft:  # fmt: skip
        selected = _select(kpi, results, quarter)
        if selected is None:
            return cls(kpi, None, [], [], None, [], targets, pillars, [])
        kind, start = selected[0], selected[1]
        same = [r for r in results if r[0] == kind and r[1] <= start]
        values = [None if r[3] is None else float(r[3]) for r in same]
        indexes = [_index(kind, r[1]) for r in same]
        run = 1
        while run < len(indexes) and indexes[-run - 1] == indexes[-run] - 1:
            run += 1
        target = _assessment_target(targets.get(Period(PeriodKind(kind), start).fy))
        # A period with no value is a gap in its place in the run (NaN), as `judge` gives it to
        # SPC (`judgement._spc_series`); `spc_analyse_batch` pads the end of a short series
        # with NaN, so a gap at the very end is dropped here (`_no_value_verdicts` words it).
        kept = list(same[-run:])
        while kept and kept[-1][3] is None:
            kept.pop()
        tail = [math.nan if r[3] is None else float(r[3]) for r in kept]
        rebase = [i for i, r in enumerate(kept) if i > 0 and (kind, r[1]) in recalculations]
        return cls(kpi, selected, values, indexes, target, tail, targets, pillars, rebase)


def _assessment_target(target: Target | None) -> ValueTarget | DirectionTarget | None:
    """As `collection.results.judgement.assessment_target` does it, from one target row."""
    if target is None:
        return None
    if target.kind == Target.Kind.DIRECTION:
        return DirectionTarget(direction=target.direction)  # type: ignore[arg-type]
    return ValueTarget(value=float(target.value or 0), tolerance=float(target.tolerance or 0))


def _select(kpi: KPI, results: list[Any], quarter: Period) -> Any:
    """The result a KPI reports for the quarter (see the module docstring), or None."""
    if kpi.frequency == Frequency.QUARTERLY:
        wanted = [r for r in results if r[0] == "quarter" and r[1] == quarter.start]
    elif kpi.frequency == Frequency.MONTHLY:
        wanted = [r for r in results if r[0] == "month" and r[1] >= quarter.start]
    elif kpi.frequency == Frequency.ANNUAL:
        wanted = [r for r in results if r[0] in _YEARS]
    else:
        wanted = list(results)
    # results end by the quarter's last day (the query says so); the latest ending one wins
    return max(wanted, key=lambda r: (r[2], r[1]), default=None)


@dataclass(frozen=True)
class _Spc:
    variation: str
    assurance: str
    signal: str
    centre: float
    lower: float
    upper: float
    points: int
    bounded: tuple[bool, bool] = (False, False)  # lower / upper limit moved to 0–100%


def _spc_for(drafts: Sequence[_Draft]) -> dict[int, _Spc]:
    """SPC for every KPI with at least two consecutive results, in one vectorised call."""
    todo = [d for d in drafts if len(d.tail) >= 2]
    if not todo:
        return {}
    width = max(len(d.tail) for d in todo)
    values = np.full((len(todo), width), np.nan)
    rebase = np.zeros((len(todo), width), dtype=bool)
    for i, draft in enumerate(todo):
        values[i, : len(draft.tail)] = draft.tail
        rebase[i, draft.rebase] = True
    targets = [d.target.value if isinstance(d.target, ValueTarget) else np.nan for d in todo]
    result = spc_analyse_batch(
        values, polarity=[d.kpi.polarity for d in todo], target=np.asarray(targets),
        rebase=rebase if rebase.any() else None,
        bounds=[spc_bounds(d.kpi) or (None, None) for d in todo],
    )  # fmt: skip
    found = {}
    for i, draft in enumerate(todo):
        last = len(draft.tail) - 1
        found[draft.kpi.pk] = _Spc(
            variation=VARIATION_ICONS[result.variation[i]],
            assurance=ASSURANCE_ICONS[result.assurance[i]],
            signal=SIGNALS[result.signal[i, last]],
            centre=float(result.centre[i, last]),
            lower=float(result.lower_limit[i, last]),
            upper=float(result.upper_limit[i, last]),
            points=int(result.points_in_latest_segment[i]),
            bounded=(bool(result.lower_bounded[i, last]), bool(result.upper_bounded[i, last])),
        )
    return found


def _row(
    draft: _Draft, quarter: Period, spc: _Spc | None, item: HighlightItem | None,
    earlier: Earlier | None,
) -> ScorecardRow:  # fmt: skip
    kpi = draft.kpi
    fmt = value_format(kpi)
    common = dict(
        reference=kpi.reference, title=kpi.title, url=kpi.get_absolute_url(),
        directorate=kpi.directorate.name, service=kpi.service.name if kpi.service else "",
        scrutiny_board=kpi.scrutiny_board.name if kpi.scrutiny_board else "",
        pillars=draft.pillars, frequency=kpi.get_frequency_display(),
        unit=kpi.unit, unit_label=kpi.unit_label, decimal_places=kpi.decimal_places,
        polarity=kpi.get_polarity_display(), comparator_basis=kpi.get_comparator_display(),
        highlight=_highlight(item), earlier=earlier,
    )  # fmt: skip
    if draft.selected is None:
        missing = f"No result for {quarter.label} has been recorded yet."
        if kpi.frequency == Frequency.ANNUAL:
            missing = f"No annual result ending by {quarter.end:%-d %B %Y} has been recorded yet."
        nothing = Verdict("", "No result", missing)
        return ScorecardRow(
            **common, latest=None, comparator=None,
            target=_target(kpi, draft.targets.get(quarter.fy)),
            rag=Verdict("no_result", "No result", missing), travel=nothing,
            variation=nothing, assurance=nothing, spc_signal="", sparkline=None, note="",
        )  # fmt: skip
    _kind, _start, _end, stored, status, reason = draft.selected
    value = None if stored is None else float(stored)
    period, before, previous = compared(draft)
    rag = _rag(kpi, value, draft.target, previous, before.label, fmt)
    travel = direction_of_travel(
        value, previous, polarity=kpi.polarity, comparator_label=before.label, fmt=fmt,  # type: ignore[arg-type]
    )  # fmt: skip
    if value is None:
        rag, travel = judgements_without_value(rag, travel, period, reason, tracker=kpi.is_tracker)
        variation, assurance, signal = _no_value_verdicts(kpi, draft, spc, fmt, period, reason)
    else:
        variation, assurance, signal = _spc_verdicts(kpi, draft, spc, fmt, value)
    return ScorecardRow(
        **common,
        latest=Figure(
            period.label,
            value,
            result_value_text(kpi, stored, reason),
            Result.Status(status).label,
        ),  # fmt: skip
        comparator=Figure(before.label, previous, format_value(kpi, previous)),
        target=_target(kpi, draft.targets.get(period.fy)),
        rag=Verdict(rag.status, rag.label, rag.sentence),
        travel=Verdict(travel.status, TRAVEL_WORDS[travel.status], travel.sentence),
        variation=variation,
        assurance=assurance,
        spc_signal=signal,
        sparkline=_sparkline(draft, period),
        note=_disagreement(rag, spc, fmt, value) if value is not None else "",
    )


def compared(draft: _Draft) -> tuple[Period, Period, float | None]:
    """The selected result's period, its comparator period and the comparator's value."""
    assert draft.selected is not None
    kind, start = draft.selected[0], draft.selected[1]
    period = Period(PeriodKind(kind), start)
    last_year = draft.kpi.comparator == Comparator.SAME_LAST_YEAR
    before = period.same_period_last_year() if last_year else period.previous()
    by_index = dict(zip(draft.indexes, draft.values, strict=True))
    previous = by_index.get(draft.indexes[-1] - (_PER_YEAR[kind] if last_year else 1))
    return period, before, previous


def _sparkline(draft: _Draft, period: Period) -> Sparkline | None:
    """The row's recent values; a period with no value is left out of the little line."""
    window = [
        (index, value)
        for index, value in zip(
            draft.indexes[-SPARKLINE_POINTS:], draft.values[-SPARKLINE_POINTS:], strict=True
        )
        if value is not None
    ]
    if len(window) < 2:
        return None
    first = period.shift(window[0][0] - draft.indexes[-1])
    last = period.shift(window[-1][0] - draft.indexes[-1])
    return Sparkline(first.label, last.label, tuple(value for _, value in window))


def _no_value_verdicts(
    kpi: KPI, draft: _Draft, spc: _Spc | None, fmt: ValueFormat, period: Period, reason: str
) -> tuple[Verdict, Verdict, str]:
    """SPC for a period with no value: no point of its own, the process's assurance as it
    stands."""
    _variation, assurance, _signal = _spc_verdicts(kpi, draft, spc, fmt, math.nan)
    why = f"there is no value for {period.label}" + (f" ({reason})" if reason else "")
    return Verdict("no_value", "No value", f"No SPC point: {why}."), assurance, ""


def _rag(
    kpi: KPI, value: float | None, target: Any, previous: float | None, before: str,
    fmt: ValueFormat,
) -> RagResult:  # fmt: skip
    try:
        return rag_rate(
            value, target, polarity=kpi.polarity, comparator=previous,  # type: ignore[arg-type]
            comparator_label=before, fmt=fmt,
        )  # fmt: skip
    except ValueError:
        # An interim target against the KPI's polarity is a register error its own page shows;
        # one such KPI must not stop the scorecard for every other.
        sentence = (
            f"Not rated: the interim target to {getattr(target, 'direction', '')} contradicts "
            "the KPI's polarity; correct the target in the register."
        )
        return RagResult("not_rated", False, value, None, None, None, "Not rated", sentence)


def _spc_verdicts(
    kpi: KPI, draft: _Draft, spc: _Spc | None, fmt: ValueFormat, value: float
) -> tuple[Verdict, Verdict, str]:
    """Variation and assurance in words, as on the KPI's page, and the row's SPC filter value."""
    target = draft.target.value if isinstance(draft.target, ValueTarget) else None
    sign = polarity_sign(kpi.polarity)  # type: ignore[arg-type]
    if spc is None or spc.variation == "insufficient_data":
        points = spc.points if spc else 1
        word = _POINT_WORD.get(draft.selected[0] if draft.selected else "", "year")
        sentence = (
            f"Not enough data for SPC icons: {points} {word}{'s' if points != 1 else ''} in a "
            f"row; at least {DEFAULT_OPTIONS.min_points} are needed."
        )
        code = "none" if target is None or sign == 0 else "insufficient_data"
        assurance = assurance_sentence(code, target, sign, math.nan, math.nan, fmt)  # type: ignore[arg-type]
        return (
            Verdict("insufficient_data", VARIATION_WORDS["insufficient_data"], sentence),
            Verdict(code, ASSURANCE_WORDS[code], assurance),
            "",
        )
    sentence = f"{VARIATION_WORDS[spc.variation]}: {_spc_detail(spc, fmt, value)}."
    assurance = assurance_sentence(
        spc.assurance,  # type: ignore[arg-type]
        target,
        sign,
        spc.lower,
        spc.upper,
        fmt,
        bounded=spc.bounded,
    )
    return (
        Verdict(spc.variation, VARIATION_WORDS[spc.variation], sentence),
        Verdict(spc.assurance, ASSURANCE_WORDS[spc.assurance], assurance),
        SPC_KINDS.get(spc.variation, ""),
    )


_SIGNAL_DETAIL = {
    "above_upper_limit": "is above the upper process limit of {upper}",
    "below_lower_limit": "is below the lower process limit of {lower}",
    "trend_increasing": "is the latest of {trend} or more results in a row, each higher than the last",
    "trend_decreasing": "is the latest of {trend} or more results in a row, each lower than the last",
    "two_in_three_above": "is one of two of the last three results near the upper process limit",
    "two_in_three_below": "is one of two of the last three results near the lower process limit",
    "shift_above": "is the latest of {shift} or more results in a row above the average of {centre}",
    "shift_below": "is the latest of {shift} or more results in a row below the average of {centre}",
    "common_cause": "is inside the process limits ({lower} to {upper}{bound}) around the average of {centre}",
}


def _spc_detail(spc: _Spc, fmt: ValueFormat, value: float) -> str:
    """Where the latest point sits, e.g. "61.2% is below the lower process limit of 62.0%"."""
    detail = _SIGNAL_DETAIL[spc.signal].format(
        upper=fmt.value(spc.upper), lower=fmt.value(spc.lower), centre=fmt.value(spc.centre),
        trend=DEFAULT_OPTIONS.trend_length, shift=DEFAULT_OPTIONS.shift_length,
        bound=bound_words(spc.lower, spc.upper, spc.bounded, fmt),
    )  # fmt: skip
    return f"{fmt.value(value)} {detail}"


def _disagreement(rag: RagResult, spc: _Spc | None, fmt: ValueFormat, value: float) -> str:
    """Say so where the RAG rating and SPC point different ways, e.g. "Red against target but
    within normal variation: ..."; empty where they agree or either has nothing to say.

    The disagreements: red or amber while the latest point is common cause (the miss is within
    the process's usual range) or special cause improvement; green while it is special cause
    concern.
    """
    if spc is None or rag.status not in ("red", "amber", "green"):
        return ""
    kind = SPC_KINDS.get(spc.variation, "")
    against = "its interim target" if rag.interim else "target"
    rating = rag.status.capitalize()
    detail = _spc_detail(spc, fmt, value)
    if rag.status in ("red", "amber") and kind == "common_cause":
        return (
            f"{rating} against {against} but within normal variation: {detail}, so this result "
            "alone does not show a change in performance."
        )
    if rag.status in ("red", "amber") and kind == "improvement":
        return f"{rating} against {against} but showing special cause improvement: {detail}."
    if rag.status == "green" and kind == "concern":
        return f"Green against {against} but showing special cause concern: {detail}."
    return ""


def _target(kpi: KPI, target: Target | None) -> TargetSummary:
    if kpi.is_tracker:
        return TargetSummary("None: this KPI is a tracker")
    if target is None:
        return TargetSummary("No target set")
    if target.kind == Target.Kind.DIRECTION:
        return TargetSummary(target_text(kpi, target), direction=target.get_direction_display())
    return TargetSummary(
        target_text(kpi, target),
        value=float(target.value) if target.value is not None else None,
        tolerance=float(target.tolerance) if target.tolerance is not None else None,
    )


def _highlight(item: HighlightItem | None) -> Highlight | None:
    if item is None:
        return None
    received = item.commentary_received_at
    return Highlight(
        reasons=tuple(str(reason) for reason in item.reasons or ()),
        reasons_for_result=item.reasons_for_result,
        actions_being_taken=item.actions_being_taken,
        commentary_received=timezone.localdate(received) if received else None,
    )
