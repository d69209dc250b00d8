"""Writes to a KPI's SPC recalculation points: suggested by the rule, decided by people.

The engine (`assessment.spc_recalculation`) suggests a point after a sustained shift; the
performance team accepts it with a reason, rejects it with a reason, sets one by hand or removes
an accepted one. Each write is checked, audited in the same transaction and, when it changes an
existing point, refused if the point changed since the person opened it. Only accepted points
move limits (`results.judgement.judge`); a rejected or removed one stays so that the same shift
is not suggested again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quarterly.assessment import suggest_recalculations
from quarterly.collection.results.judgement import PERIOD_WORDS, value_format
from quarterly.collection.results.models import RecalculationPoint, Result
from quarterly.core.audit import audit_diff, audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.register.models import KPI

RECALCULATION_AUDITED_FIELDS = ("status", "reason", "decided_by", "decided_at")
# Drafts and returned results are not yet the council's figures: no suggestion rests on them.
_NOT_YET_THE_COUNCILS = (Result.Status.DRAFT, Result.Status.RETURNED)


class StaleRecalculation(Exception):
    """The recalculation point changed since the person opened it; nothing was saved."""


def recalculation_series(kpi: KPI) -> list[Result]:
    """The results the SPC suggestion runs on: the council's figures of the kind of the latest
    one, in their latest unbroken run of periods, oldest first, a period with no value
    included (as `judge` gives SPC the series, `judgement._spc_series`)."""
    results = [r for r in kpi.results.all() if r.status not in _NOT_YET_THE_COUNCILS]
    if not results:
        return []
    kind = results[-1].period_kind
    tail: list[Result] = []
    for result in reversed([r for r in results if r.period_kind == kind]):
        if tail and result.period != tail[-1].period.previous():
            break
        tail.append(result)
    # A period with no value stays in its place: `suggest_recalculations` takes it as a gap,
    # as `spc_analyse` does, so run lengths, the values counted since the run began and the
    # indices of accepted, rejected and suggested points are those of the chart.
    return list(reversed(tail))


@transaction.atomic
def recalculations_suggest(*, kpi: KPI, by: Any = None) -> list[RecalculationPoint]:
    """Suggest the recalculation points the rule finds in the KPI's series and that are not
    already recorded. Running it again adds nothing: a run that holds a suggestion, an accepted
    or a rejected point is not suggested twice."""
    series = recalculation_series(kpi)
    if len(series) < 2:
        return []
    # Read afresh, not from a prefetch: a suggestion made a moment ago must count.
    points = {p.period: p for p in RecalculationPoint.objects.filter(kpi=kpi)}
    index = {r.period: i for i, r in enumerate(series)}
    by_status: dict[str, list[int]] = {s: [] for s in RecalculationPoint.Status.values}
    for period, point in points.items():
        if period in index:
            by_status[point.status].append(index[period])
    found = suggest_recalculations(
        [None if r.value is None else float(r.value) for r in series],
        accepted=by_status[RecalculationPoint.Status.ACCEPTED],
        rejected=by_status[RecalculationPoint.Status.REJECTED],
        labels=[r.period.label for r in series],
        fmt=value_format(kpi),
        period=PERIOD_WORDS[series[-1].period.kind],
    )
    pending = by_status[RecalculationPoint.Status.SUGGESTED]
    created = []
    for suggestion in found:
        period = series[suggestion.index].period
        if period in points or any(suggestion.first <= i <= suggestion.last for i in pending):
            continue
        point = RecalculationPoint(
            kpi=kpi, period_kind=period.kind.value, period_start=period.start,
            period_end=period.end, status=RecalculationPoint.Status.SUGGESTED,
            reason=suggestion.reason, suggestion=suggestion.reason, suggested_at=timezone.now(),
        )  # fmt: skip
        point.full_clean()
        point.save()
        audit_record(
            actor=by, target=point, action=AuditEntry.Action.CREATE,
            changes=audit_diff({}, audit_snapshot(point, RECALCULATION_AUDITED_FIELDS)),
            kpi_id=kpi.pk, note="Suggested by the SPC rules after a sustained shift",
        )  # fmt: skip
        created.append(point)
    return created


def recalculations_suggest_all(
    *, kpis: Sequence[KPI] | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Suggest recalculation points for every active KPI (or those given); returns how many
    were suggested. Each KPI is its own transaction, so one failure loses no other's."""
    if kpis is None:
        kpis = list(
            KPI.objects.filter(status=KPI.Status.ACTIVE)
            .prefetch_related("results", "recalculation_points")
            .order_by("organisation_id", "reference")
        )
    count = 0
    for kpi in kpis:
        count += len(recalculations_suggest(kpi=kpi))
        if progress:
            progress(1)
    return count


def _reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": f"Enter the reason for {what}."})
    return reason


def _locked(point: RecalculationPoint, version: int | None) -> RecalculationPoint:
    locked = RecalculationPoint.objects.select_for_update().select_related("kpi").get(pk=point.pk)
    if version is not None and locked.version != version:
        raise StaleRecalculation
    return locked


def _decide(
    point: RecalculationPoint, *, to: str, allowed_from: str, reason: str, by: Any, note: str
) -> RecalculationPoint:
    if point.status != allowed_from:
        raise ValidationError(
            f"The recalculation point at {point.period.label} is "
            f"{point.get_status_display().lower()}, so it cannot be {note.lower()}."
        )
    before = audit_snapshot(point, RECALCULATION_AUDITED_FIELDS)
    point.status, point.reason = to, reason
    point.decided_by, point.decided_at = by, timezone.now()
    point.version += 1
    point.full_clean()
    point.save()
    audit_record(
        actor=by, target=point, action=AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(point, RECALCULATION_AUDITED_FIELDS)),
        kpi_id=point.kpi_id, note=f"{note}: {reason}",
    )  # fmt: skip
    return point


@transaction.atomic
def recalculation_accept(
    *, point: RecalculationPoint, reason: str, version: int | None, by: Any
) -> RecalculationPoint:
    """Accept a suggested point: SPC limits start again from its period."""
    reason = _reason(reason, "accepting it: the known change in the process, definition or data")
    return _decide(
        _locked(point, version), to=RecalculationPoint.Status.ACCEPTED,
        allowed_from=RecalculationPoint.Status.SUGGESTED, reason=reason, by=by,
        note="Recalculation point accepted",
    )  # fmt: skip


@transaction.atomic
def recalculation_reject(
    *, point: RecalculationPoint, reason: str, version: int | None, by: Any
) -> RecalculationPoint:
    """Reject a suggested point: limits stay, and the same shift is not suggested again."""
    reason = _reason(reason, "rejecting it")
    return _decide(
        _locked(point, version), to=RecalculationPoint.Status.REJECTED,
        allowed_from=RecalculationPoint.Status.SUGGESTED, reason=reason, by=by,
        note="Recalculation point rejected",
    )  # fmt: skip


@transaction.atomic
def recalculation_remove(
    *, point: RecalculationPoint, reason: str, version: int | None, by: Any
) -> RecalculationPoint:
    """Remove an accepted point: limits no longer start again there. It is kept as rejected,
    so the rule does not suggest it again."""
    reason = _reason(reason, "removing it")
    return _decide(
        _locked(point, version), to=RecalculationPoint.Status.REJECTED,
        allowed_from=RecalculationPoint.Status.ACCEPTED, reason=reason, by=by,
        note="Recalculation point removed",
    )  # fmt: skip


def recalculation_periods(kpi: KPI) -> list[Period]:
    """The periods a point may be set at by hand: any with a value but the series' first."""
    return [r.period for r in _with_values(recalculation_series(kpi))[1:]]


def _with_values(series: list[Result]) -> list[Result]:
    return [r for r in series if r.value is not None]


@transaction.atomic
def recalculation_add(*, kpi: KPI, period: Period, reason: str, by: Any) -> RecalculationPoint:
    """Set a recalculation point by hand (a known change in the process, definition or data
    source), accepted at once. A suggested or rejected point at that period becomes accepted."""
    reason = _reason(reason, "recalculating the limits from this period")
    allowed = recalculation_periods(kpi)
    if period not in allowed:
        first = _with_values(recalculation_series(kpi))
        raise ValidationError(
            {
                "period": (
                    f"Choose a period of {kpi.reference}'s results after {first[0].period.label}: "
                    "limits can start again only at a result after the first."
                    if first
                    else f"{kpi.reference} has too few results to recalculate its limits."
                )
            }
        )
    point = (
        RecalculationPoint.objects.select_for_update()
        .filter(kpi=kpi, period_kind=period.kind.value, period_start=period.start)
        .first()
    )
    if point is not None:
        if point.status == RecalculationPoint.Status.ACCEPTED:
            raise ValidationError({"period": f"Limits already start again at {period.label}."})
        point.kpi = kpi
        return _decide(
            point, to=RecalculationPoint.Status.ACCEPTED, allowed_from=point.status,
            reason=reason, by=by, note="Recalculation point set",
        )  # fmt: skip
    point = RecalculationPoint(
        kpi=kpi, period_kind=period.kind.value, period_start=period.start, period_end=period.end,
        status=RecalculationPoint.Status.ACCEPTED, reason=reason, created_by=by, decided_by=by,
        decided_at=timezone.now(),
    )  # fmt: skip
    point.full_clean()
    point.save()
    audit_record(
        actor=by, target=point, action=AuditEntry.Action.CREATE,
        changes=audit_diff({}, audit_snapshot(point, RECALCULATION_AUDITED_FIELDS)),
        kpi_id=kpi.pk, note=f"Recalculation point set: {reason}",
    )  # fmt: skip
    return point
