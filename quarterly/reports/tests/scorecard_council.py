"""A small council for the scorecard tests: one KPI for each case the scorecard must handle.

Every quarterly series ends in 2024/25 Q2 (the quarter the tests look at) unless it says
otherwise, and the values are chosen so the judgements can be worked out by hand:

- RED-COMMON: 60, 61, 60, 61 ... (16 quarters) against a 65% target with a 2-point tolerance.
  Mean 60.5, every moving range 1, so the process limits are 60.5 ± 2.66 = 57.84 to 63.16: the
  latest 61.0% is red but common cause.
- GREEN-CONCERN: nine quarters of 80/81 then seven of 71/70 against a 50% target. The mean is
  76.125; the one 9-point jump is screened out of the moving ranges (9 ≥ 3.267 × 1.53), so the
  limits are 76.125 ± 2.66 = 73.465 to 78.785 and the latest 71.0% is below the lower limit:
  green, but special cause concern.
- TRACKER: a tracker, never rated. INTERIM: lower is better with an interim "decrease" target,
  and too few points for SPC. NO-RESULT: nothing for 2024/25 Q2 yet.
- MONTHLY: monthly (40, 41, ... from April 2023; target 50%), compared with the same month
  last year; results run to August 2024 and one for October 2024 lies after the quarter.
- ANNUAL: financial years 2022/23 to 2024/25 (£1,200, £1,350, £1,500; a £1,300 target for
  2023/24), of which 2023/24 is the latest ending by 30 September 2024.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from quarterly.collection.models import HighlightItem, ReportingCycle
from quarterly.core.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    PillarFactory,
    ResultFactory,
    TargetFactory,
)
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import Target
from quarterly.reports.scorecard import ScorecardFilters, ScorecardRow
from quarterly.reports.selectors import scorecard_build

Q2 = Period.quarter(2024, 2)
RED_COMMON = [Decimal(60 + i % 2) for i in range(16)]
GREEN_CONCERN = [
    Decimal(v) for v in (80, 81, 80, 81, 80, 81, 80, 81, 80, 71, 70, 71, 70, 71, 70, 71)
]


def quarters(kpi: Any, values: list[Decimal], *, last: Period = Q2, **fields: Any) -> None:
    first = last.shift(1 - len(values))
    for index, value in enumerate(values):
        ResultFactory(kpi=kpi, period=first.shift(index), value=value, **fields)


def build_council(organisation: Any) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    health = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    growth = PillarFactory(organisation=organisation, name="Inclusive Growth")
    board = CommitteeFactory(organisation=organisation, name="Scrutiny Board (Adults)")
    other_board = CommitteeFactory(organisation=organisation, name="Scrutiny Board (Resources)")

    def kpi(reference: str, directorate: Any, **fields: Any) -> Any:
        fields.setdefault("pillars", [health])
        fields.setdefault("scrutiny_board", board)
        return KPIFactory(
            organisation=organisation, reference=reference, directorate=directorate,
            title=f"{reference.title()} measure", **fields,
        )  # fmt: skip

    red = kpi("RED-COMMON", adults)
    TargetFactory(kpi=red, financial_year=2024, value=Decimal("65"), tolerance=Decimal("2"))
    quarters(red, RED_COMMON)
    green = kpi("GREEN-CONCERN", resources, pillars=[growth], scrutiny_board=other_board)
    TargetFactory(kpi=green, financial_year=2024, value=Decimal("50"), tolerance=Decimal("2"))
    quarters(green, GREEN_CONCERN)
    tracker = kpi("TRACKER", resources, polarity="none", unit="count", decimal_places=0)
    quarters(tracker, [Decimal(v) for v in (120, 135, 128)])
    interim = kpi("INTERIM", adults, polarity="lower", unit="days", decimal_places=1)
    TargetFactory(
        kpi=interim, financial_year=2024, kind=Target.Kind.DIRECTION, value=None, tolerance=None,
        direction=Target.Direction.DECREASE,
    )  # fmt: skip
    quarters(interim, [Decimal(v) for v in ("30.5", "28.0", "26.2")])
    missing = kpi("NO-RESULT", adults)
    quarters(missing, [Decimal("50")], last=Q2.previous())
    monthly = kpi("MONTHLY", adults, frequency="monthly", comparator="same_last_year")
    TargetFactory(kpi=monthly, financial_year=2024, value=Decimal("50"), tolerance=Decimal("5"))
    august = Period.month(2024, 8)
    for index in range(17):  # April 2023 to August 2024
        ResultFactory(kpi=monthly, period=august.shift(index - 16), value=Decimal(40 + index))
    ResultFactory(kpi=monthly, period=Period.month(2024, 10), value=Decimal("99"))
    annual = kpi("ANNUAL", resources, frequency="annual", unit="currency", decimal_places=0)
    TargetFactory(kpi=annual, financial_year=2023, value=Decimal("1300"), tolerance=None)
    for year, value in ((2022, "1200"), (2023, "1350"), (2024, "1500")):
        ResultFactory(kpi=annual, period=Period.financial_year(year), value=Decimal(value))

    cycle = ReportingCycle.objects.create(
        organisation=organisation, financial_year=2024, quarter=2,
        submission_deadline=dt.date(2024, 10, 25), directorate_check_date=dt.date(2024, 11, 1),
    )  # fmt: skip
    HighlightItem.objects.create(
        cycle=cycle, kpi=red, status=HighlightItem.Status.CONFIRMED,
        reasons=["Turned red in 2024/25 Q2, from amber in 2024/25 Q1."],
        reasons_for_result="Staff vacancies in the reablement team.",
        actions_being_taken="Recruitment campaign under way.",
    )  # fmt: skip
    HighlightItem.objects.create(cycle=cycle, kpi=green, status=HighlightItem.Status.PROPOSED)
    member = PersonFactory(organisation=organisation, email="member@council.example")
    RoleAssignment.objects.create(person=member, role=Role.ELECTED_MEMBER, committee=board)
    return {
        "adults": adults, "resources": resources, "health": health, "growth": growth,
        "board": board, "member": member, "cycle": cycle,
        "kpis": {k.reference: k for k in (red, green, tracker, interim, missing, monthly, annual)},
    }  # fmt: skip


def scorecard_rows(user: Any, organisation: Any, **filters: str) -> dict[str, ScorecardRow]:
    """The council's scorecard for 2024/25 Q2 as `user` sees it, by KPI reference."""
    card = scorecard_build(
        user=user, organisation=organisation, period=Q2, filters=ScorecardFilters(**filters)
    )
    return {row.reference: row for row in card.rows}
