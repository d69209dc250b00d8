"""Recalculation points: suggested by the rule, decided by the performance team, audited."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from quarterly.collection.models import RecalculationPoint, Result
from quarterly.collection.results.judgement import judge
from quarterly.collection.results.recalculations import (
    StaleRecalculation,
    recalculation_accept,
    recalculation_add,
    recalculation_reject,
    recalculation_remove,
    recalculations_suggest,
    recalculations_suggest_all,
)
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, ResultFactory

pytestmark = pytest.mark.django_db

FIRST = Period.quarter(2019, 1)
# 12 quarters around 60, then 15 around 70: a step at index 12 (2022/23 Q1).
STEP = [59 + 2 * (i % 2) for i in range(12)] + [69 + 2 * (i % 2) for i in range(15)]


def _kpi_with(values: list[float | None], organisation: Any, **fields: Any) -> Any:
    """A KPI with these results from FIRST on; None is a period with no value (suppressed)."""
    kpi = KPIFactory(organisation=organisation, **fields)
    for i, value in enumerate(values):
        if value is None:
            ResultFactory(kpi=kpi, period=FIRST.shift(i), value=None, missing_reason="Suppressed")
        else:
            ResultFactory(kpi=kpi, period=FIRST.shift(i), value=Decimal(value))
    return kpi


def _fresh(kpi: Any) -> Any:
    return type(kpi).objects.get(pk=kpi.pk)


def _judge(kpi: Any) -> Any:
    kpi = _fresh(kpi)
    return judge(kpi, list(Result.objects.filter(kpi=kpi).order_by("period_start")))


def test_a_sustained_shift_gets_one_suggestion_however_often_the_rule_runs(
    organisation: Any,
) -> None:
    # given
    kpi = _kpi_with(STEP, organisation)
    # when
    first = recalculations_suggest(kpi=kpi)
    again = recalculations_suggest(kpi=kpi)
    # then
    assert [p.period for p in first] == [FIRST.shift(12)] and again == []
    point = RecalculationPoint.objects.get(kpi=kpi)
    assert point.status == "suggested" and point.suggested_at is not None
    assert point.reason == point.suggestion
    assert "15 quarters in a row from 2022/23 Q1 to 2025/26 Q3" in point.reason
    assert AuditEntry.objects.filter(kpi_id=kpi.pk, target_id=point.pk).count() == 1


def test_a_gap_before_the_shift_keeps_its_place_and_the_same_period_is_suggested(
    organisation: Any,
) -> None:
    # given the step with a suppressed quarter inserted in the baseline, so the step now
    # begins at index 13 (2022/23 Q2) of the run of periods
    kpi = _kpi_with([*STEP[:5], None, *STEP[5:]], organisation)
    # when
    (point,) = recalculations_suggest(kpi=kpi)
    # then the suggestion is the quarter the step begins, with the run of the chart
    assert point.period == FIRST.shift(13)
    assert "15 quarters in a row from 2022/23 Q2 to 2025/26 Q4" in point.reason
    # and it is where the KPI page's chart, which keeps the gap too, shows the shift begin
    judged = _judge(kpi)
    at = judged.spc_periods.index(point.period)
    assert at == 13 and all(judged.spc.shift[at:])


def test_a_gap_in_the_shift_breaks_the_run_as_it_does_on_the_chart(organisation: Any) -> None:
    # given the step with a suppressed quarter after its first 7 quarters above: the chart
    # shows a shift of 7 (2022/23 Q1 to 2023/24 Q3), the gap, then one of 8
    kpi = _kpi_with([*STEP[:19], None, *STEP[19:]], organisation)
    # when
    (point,) = recalculations_suggest(kpi=kpi)
    # then the run named is the chart's run of 7, not the 15 values joined across the gap,
    # and the 15 values since it began are counted without the gap
    assert point.period == FIRST.shift(12)
    assert "7 quarters in a row from 2022/23 Q1 to 2023/24 Q3" in point.reason
    assert "none of the 15 quarters from 2022/23 Q1 to 2025/26 Q4" in point.reason
    judged = _judge(kpi)
    assert all(judged.spc.shift[12:19]) and not judged.spc.shift[19]


def test_a_series_that_wanders_or_is_still_a_draft_gets_none(organisation: Any) -> None:
    # given a series that crosses its mean every few quarters, and a step only in drafts
    wandering = _kpi_with([60, 62, 64, 66, 64, 62, 60, 58, 56, 54, 56, 58] * 3, organisation)
    drafted = _kpi_with(STEP, organisation)
    Result.objects.filter(kpi=drafted, period_start__gte=FIRST.shift(12).start).update(
        status=Result.Status.DRAFT
    )
    # when / then
    assert recalculations_suggest_all(kpis=[wandering, _fresh(drafted)]) == 0


def test_accepting_recalculates_the_limits_and_records_who_when_and_why(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given
    kpi = _kpi_with(STEP, organisation)
    (point,) = recalculations_suggest(kpi=kpi)
    before = _judge(kpi)
    # when
    recalculation_accept(
        point=point, reason="New data source from April 2022", version=point.version,
        by=people["performance"],
    )  # fmt: skip
    # then
    point.refresh_from_db()
    assert (point.status, point.reason, point.decided_by) == (
        "accepted", "New data source from April 2022", people["performance"]
    )  # fmt: skip
    assert point.decided_at is not None
    after = _judge(kpi)
    high = STEP[12:]
    assert before.spc.centre[-1] == pytest.approx(sum(STEP) / len(STEP))
    assert after.spc.centre[-1] == pytest.approx(sum(high) / len(high))
    assert [(r.period, r.reason) for r in after.recalculations] == [
        (FIRST.shift(12), "New data source from April 2022")
    ]
    entry = AuditEntry.objects.filter(target_id=point.pk, action="update").get()
    assert entry.actor == people["performance"]
    assert entry.changes["status"] == ["suggested", "accepted"]
    assert "New data source from April 2022" in entry.note


def test_a_reason_is_required_and_a_stale_version_is_refused(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given
    kpi = _kpi_with(STEP, organisation)
    (point,) = recalculations_suggest(kpi=kpi)
    # when / then
    with pytest.raises(ValidationError) as missing:
        recalculation_accept(
            point=point, reason="  ", version=point.version, by=people["performance"]
        )
    assert "reason" in missing.value.message_dict
    with pytest.raises(StaleRecalculation):
        recalculation_reject(
            point=point, reason="Noise", version=point.version + 1, by=people["performance"]
        )
    point.refresh_from_db()
    assert point.status == "suggested" and point.version == 1


def test_a_rejected_suggestion_is_not_offered_again(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given a rejected suggestion, and the shift carrying on for another quarter
    kpi = _kpi_with(STEP, organisation)
    (point,) = recalculations_suggest(kpi=kpi)
    recalculation_reject(
        point=point, reason="Seasonal demand", version=point.version, by=people["performance"]
    )
    ResultFactory(kpi=kpi, period=FIRST.shift(len(STEP)), value=Decimal("70"))
    # when
    again = recalculations_suggest(kpi=_fresh(kpi))
    # then
    assert again == []
    assert RecalculationPoint.objects.get(kpi=kpi).status == "rejected"
    assert _judge(kpi).recalculations == ()


def test_removing_an_accepted_point_puts_the_limits_back(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given
    kpi = _kpi_with(STEP, organisation)
    (point,) = recalculations_suggest(kpi=kpi)
    accepted = recalculation_accept(
        point=point, reason="New definition", version=point.version, by=people["performance"]
    )
    # when
    recalculation_remove(
        point=accepted, reason="The definition change was withdrawn", version=accepted.version,
        by=people["performance"],
    )  # fmt: skip
    # then
    assert _judge(kpi).spc.centre[-1] == pytest.approx(sum(STEP) / len(STEP))
    assert RecalculationPoint.objects.get(kpi=kpi).status == "rejected"
    assert recalculations_suggest(kpi=_fresh(kpi)) == []


def test_a_point_set_by_hand_is_accepted_at_once_at_a_period_of_the_series(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given
    kpi = _kpi_with(STEP, organisation)
    # when the first period, a period without a result and no reason are refused
    for period, reason in ((FIRST, "Start"), (FIRST.shift(40), "Later"), (FIRST.shift(5), "")):
        with pytest.raises(ValidationError):
            recalculation_add(kpi=kpi, period=period, reason=reason, by=people["performance"])
    point = recalculation_add(
        kpi=kpi, period=FIRST.shift(5), reason="Service merged", by=people["performance"]
    )
    # then
    assert (point.status, point.created_by, point.decided_by) == (
        "accepted", people["performance"], people["performance"]
    )  # fmt: skip
    assert _judge(kpi).spc.segment[5] == 1
    with pytest.raises(ValidationError, match="already start again"):
        recalculation_add(kpi=kpi, period=FIRST.shift(5), reason="Again", by=people["performance"])


def test_the_command_suggests_for_every_active_kpi_once(organisation: Any) -> None:
    # given a KPI with a step, one without, and a retired one with a step
    _kpi_with(STEP, organisation)
    _kpi_with([60, 61] * 10, organisation)
    _kpi_with(STEP, organisation, status="retired")
    out, again = io.StringIO(), io.StringIO()
    # when
    call_command("suggest_recalculations", "--no-progress", stdout=out)
    call_command("suggest_recalculations", "--no-progress", stdout=again)
    # then
    assert out.getvalue().strip() == "1 recalculation point suggested across 2 KPIs."
    assert again.getvalue().strip() == "0 recalculation points suggested across 2 KPIs."
    assert RecalculationPoint.objects.count() == 1
