"""Done when: a series with a sustained shift gets a suggested recalculation point; accepting it
on the KPI's page changes the SPC chart, the judgement and the CLT scorecard row, and is audited.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from quarterly.assessment import DEFAULT_OPTIONS
from quarterly.collection.models import RecalculationPoint, Result
from quarterly.collection.results.judgement import judge
from quarterly.collection.results.recalculations import recalculation_add, recalculations_suggest
from quarterly.collection.submissions.services import result_publish
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, PersonFactory, ResultFactory, TargetFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.reports.scorecard import ScorecardFilters
from quarterly.reports.selectors import report_lines, scorecard_build

pytestmark = pytest.mark.django_db

FIRST = Period.quarter(2018, 1)
# 12 quarters around 60, then 15 around 70 (alternating ±1): a step at 2021/22 Q1.
STEP = [59 + 2 * (i % 2) for i in range(12)] + [69 + 2 * (i % 2) for i in range(15)]
LATEST = FIRST.shift(len(STEP) - 1)
REASON = "The service moved to a new case system in April 2021, which counts completions sooner."


@pytest.fixture
def shifted(organisation: Any) -> Any:
    """A quarterly KPI whose last result is signed off, waiting to be published."""
    kpi = KPIFactory(organisation=organisation, reference="AH-09", title="Reablement success")
    TargetFactory(kpi=kpi, financial_year=LATEST.fy, value=Decimal("65"))
    for i, value in enumerate(STEP):
        status = Result.Status.SIGNED_OFF if i == len(STEP) - 1 else Result.Status.PUBLISHED
        ResultFactory(kpi=kpi, period=FIRST.shift(i), value=Decimal(value), status=status)
    return kpi


def _state(kpi: Any, person: Any, client: Any) -> dict[str, Any]:
    """What the chart, the judgement and the scorecard row say about the KPI now."""
    fresh = type(kpi).objects.get(pk=kpi.pk)
    judgement = judge(fresh, list(Result.objects.filter(kpi=kpi).order_by("period_start")))
    card = scorecard_build(
        user=person, organisation=kpi.organisation, period=Period.quarter(LATEST.fy, 3),
        filters=ScorecardFilters(),
    )  # fmt: skip
    (row,) = [r for r in card.rows if r.reference == kpi.reference]
    page = client.get(kpi.get_absolute_url()).content.decode()
    chart = page[
        page.index('aria-labelledby="spc-title') : page.index("</svg>", page.index("spc-title"))
    ]
    return {"judgement": judgement, "row": row, "chart": chart, "page": page}


def test_accepting_a_suggested_point_changes_chart_judgement_and_scorecard_and_is_audited(
    shifted: Any, people: dict[str, Any], performance_client: Any
) -> None:
    # given the last result is published: the rule runs and suggests the step
    latest = Result.objects.get(kpi=shifted, period_start=LATEST.start)
    result_publish(result=latest, by=people["performance"])
    point = RecalculationPoint.objects.get(kpi=shifted)
    assert (point.status, point.period) == ("suggested", FIRST.shift(12))
    before = _state(shifted, people["clt"], performance_client)
    assert "Recalculation points" in before["page"] and point.suggestion in before["page"]
    # when the performance team accepts it on the KPI's page
    response = performance_client.post(
        reverse("register:recalculation-decide", args=[shifted.reference, point.pk]),
        {"version": point.version, "decision": "accept", "reason": REASON},
    )
    # then
    assert response.status_code == 302
    after = _state(shifted, people["clt"], performance_client)
    # the chart breaks at the point, with its reason
    assert "app-chart__break" not in before["chart"]
    assert after["chart"].count("app-chart__break") >= 1
    assert (
        f"Limits recalculated from {FIRST.shift(12).label}: {REASON.rstrip('.')}" in after["chart"]
    )
    assert REASON in after["page"].split('id="spc-breaks"')[1]
    # the judgement: limits from the 15 points since the step, no longer special cause
    high = STEP[12:]
    mr = sum(abs(a - b) for a, b in zip(high[1:], high[:-1], strict=False)) / (len(high) - 1)
    spc_before, spc_after = before["judgement"].spc, after["judgement"].spc
    assert spc_before.centre[-1] == pytest.approx(sum(STEP) / len(STEP))
    assert spc_after.centre[-1] == pytest.approx(sum(high) / len(high))
    assert spc_after.upper_limit[-1] == pytest.approx(
        sum(high) / len(high) + DEFAULT_OPTIONS.limit_multiplier * mr
    )
    assert spc_before.variation == "improvement_high" and spc_after.variation == "common_cause"
    # the CLT scorecard row agrees with the KPI's own judgement, before and after
    assert before["row"].variation.status == spc_before.variation
    assert after["row"].variation.status == spc_after.variation
    assert before["row"].assurance.status == spc_before.assurance
    assert after["row"].assurance.status == spc_after.assurance
    # and the decision is audited with who, when and why
    entry = AuditEntry.objects.get(
        target_type=ContentType.objects.get_for_model(RecalculationPoint),
        target_id=point.pk, action=AuditEntry.Action.UPDATE,
    )  # fmt: skip
    assert entry.actor == people["performance"] and entry.kpi_id == shifted.pk
    assert entry.changes["status"] == ["suggested", "accepted"] and REASON[:40] in entry.note


def test_a_decision_without_a_reason_shows_the_error_summary_and_saves_nothing(
    shifted: Any, people: dict[str, Any], performance_client: Any
) -> None:
    # given
    result_publish(
        result=Result.objects.get(kpi=shifted, period_start=LATEST.start), by=people["performance"]
    )
    point = RecalculationPoint.objects.get(kpi=shifted)
    # when
    response = performance_client.post(
        reverse("register:recalculation-decide", args=[shifted.reference, point.pk]),
        {"version": point.version, "decision": "reject", "reason": ""},
    )
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Enter the reason for your decision." in page
    assert "Reject the recalculation point" in page
    point.refresh_from_db()
    assert point.status == "suggested"


def test_adding_a_point_by_hand_needs_a_period_of_the_series(
    shifted: Any, people: dict[str, Any], performance_client: Any
) -> None:
    # given
    url = reverse("register:recalculation-add", args=[shifted.reference])
    # when a period outside the series is posted, then one inside it
    refused = performance_client.post(url, {"period": "2010/11 Q1", "reason": "Old"})
    added = performance_client.post(url, {"period": FIRST.shift(12).label, "reason": REASON})
    # then
    assert "Choose one of the KPI&#x27;s periods." in refused.content.decode()
    assert added.status_code == 302
    point = RecalculationPoint.objects.get(kpi=shifted)
    assert (point.status, point.created_by) == ("accepted", people["performance"])


def test_members_see_accepted_points_but_not_suggestions(
    shifted: Any, people: dict[str, Any], client: Any
) -> None:
    # given an accepted point and a suggestion, and a member of the KPI's scrutiny board
    Result.objects.filter(kpi=shifted, period_start=LATEST.start).update(
        status=Result.Status.PUBLISHED
    )
    recalculation_add(kpi=shifted, period=FIRST.shift(5), reason=REASON, by=people["performance"])
    (suggested,) = recalculations_suggest(kpi=shifted)
    member = PersonFactory(organisation=shifted.organisation)
    RoleAssignment.objects.create(
        person=member, role=Role.ELECTED_MEMBER, committee=shifted.scrutiny_board
    )
    client.force_login(member)
    # when
    page = client.get(shifted.get_absolute_url()).content.decode()
    # then
    assert REASON in page
    assert suggested.suggestion not in page and "Accept and recalculate" not in page


def test_committee_reports_judge_with_the_accepted_points(
    shifted: Any, people: dict[str, Any]
) -> None:
    # given an accepted point
    Result.objects.filter(kpi=shifted, period_start=LATEST.start).update(
        status=Result.Status.PUBLISHED
    )
    recalculation_add(kpi=shifted, period=FIRST.shift(12), reason=REASON, by=people["performance"])
    # when
    (line,) = report_lines(
        kind="clt", period=LATEST, organisation=shifted.organisation, board=None,
        directorate=None, progress=None,
    )  # fmt: skip
    # then
    assert line.judgement is not None and line.judgement.spc is not None
    assert [r.reason for r in line.judgement.recalculations] == [REASON]
    high = STEP[12:]
    assert line.judgement.spc.centre[-1] == pytest.approx(sum(high) / len(high))
