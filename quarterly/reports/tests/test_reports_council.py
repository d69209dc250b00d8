"""The council the report tests use (each test_reports_* module makes it a fixture): small
enough that every figure in its reports can be checked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from quarterly.benchmarking.models import ENGLAND, YORKSHIRE_AND_THE_HUMBER, BenchmarkValue
from quarterly.collection.models import HighlightItem, ReportingCycle, Result
from quarterly.core.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PillarFactory,
    ResultFactory,
    ServiceFactory,
    TargetFactory,
)
from quarterly.register.models import Target

Q2 = Period.quarter(2024, 2)


def _series(kpi: Any, values: list[str], *, last: Period = Q2, **extra: Any) -> None:
    """Quarterly results ending at `last`, oldest first."""
    for index, value in enumerate(values):
        period = last.shift(index - len(values) + 1)
        ResultFactory(kpi=kpi, period=period, value=Decimal(value), **extra)


def build_council(organisation: Any) -> dict[str, Any]:
    """Five KPIs reported for 2024/25 Q2:

    - AH-01 (Adults and Health, health pillar, board): 71.2% against 70% ± 2 → green, improved;
    - AH-02 (Adults and Health, health pillar, board): 23 days against 20 ± 1, lower is better
      → red, worsened; a confirmed highlight item with commentary;
    - RS-01 (Resources, growth pillar): a tracker → not rated;
    - RS-02 (Resources, growth pillar): 80% against 82% ± 5 → amber;
    - RS-03 (Resources): no result yet.
    """
    health = PillarFactory(organisation=organisation, name="Health and Wellbeing", order=1)
    growth = PillarFactory(organisation=organisation, name="Inclusive Growth", order=2)
    PillarFactory(organisation=organisation, name="Zero Carbon", order=3)
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    board = CommitteeFactory(
        organisation=organisation, name="Scrutiny Board (Adults, Health and Active Lifestyles)"
    )
    other_board = CommitteeFactory(
        organisation=organisation, name="Scrutiny Board (Strategy and Resources)"
    )
    care = ServiceFactory(directorate=adults, name="Adult Social Care")

    def kpi(reference: str, title: str, directorate: Any, pillars: list[Any], **kw: Any) -> Any:
        return KPIFactory(
            organisation=organisation, reference=reference, title=title,
            directorate=directorate, service=kw.pop("service", None), pillars=pillars,
            scrutiny_board=kw.pop("scrutiny_board", other_board), **kw,
        )  # fmt: skip

    ah1 = kpi("AH-01", "People helped to live at home", adults, [health], service=care,
              scrutiny_board=board)  # fmt: skip
    TargetFactory(kpi=ah1, financial_year=2024, value=Decimal("70"), tolerance=Decimal("2"))
    TargetFactory(kpi=ah1, financial_year=2023, value=Decimal("68"), tolerance=Decimal("2"))
    _series(ah1, ["66.0", "67.5", "68.1", "69.0", "70.2", "71.2"])
    ah2 = kpi("AH-02", "Days to arrange a care package", adults, [health], unit="days",
              polarity="lower", decimal_places=0, scrutiny_board=board)  # fmt: skip
    TargetFactory(kpi=ah2, financial_year=2024, value=Decimal("20"), tolerance=Decimal("1"))
    _series(ah2, ["19", "18", "19", "20", "21", "23"])
    rs1 = kpi("RS-01", "Calls to the contact centre", resources, [growth], unit="count",
              polarity="none", decimal_places=0)  # fmt: skip
    _series(rs1, ["51000", "49000", "50500"])
    rs2 = kpi("RS-02", "Invoices paid within 30 days", resources, [growth])
    TargetFactory(kpi=rs2, financial_year=2024, value=Decimal("82"), tolerance=Decimal("5"))
    _series(rs2, ["80.0", "80.0"])
    rs3 = kpi("RS-03", "Council tax collected", resources, [])
    TargetFactory(kpi=rs3, financial_year=2024, kind=Target.Kind.DIRECTION, value=None,
                  tolerance=None, direction="increase")  # fmt: skip
    # A draft is not yet the council's figure: it must not appear anywhere.
    ResultFactory(kpi=rs3, period=Q2, value=Decimal("99.9"), status=Result.Status.DRAFT)
    cycle = ReportingCycle.objects.create(
        organisation=organisation, financial_year=2024, quarter=2,
        submission_deadline=dt.date(2024, 10, 25), directorate_check_date=dt.date(2024, 11, 1),
    )  # fmt: skip
    HighlightItem.objects.create(
        cycle=cycle, kpi=ah2, status=HighlightItem.Status.CONFIRMED,
        reasons=["Turned red in 2024/25 Q2, from amber in 2024/25 Q1."],
        reasons_for_result="Fewer home care providers had capacity over the summer.",
        actions_being_taken="Two new providers start in November.",
    )  # fmt: skip
    for code, name, value in (
        (ENGLAND, "England", "68.0"),
        (YORKSHIRE_AND_THE_HUMBER, "Yorkshire and The Humber", "69.5"),
    ):
        BenchmarkValue.objects.create(
            kpi=ah1, period_kind="quarter", period_start=Q2.start, area_code=code,
            area_name=name, value=Decimal(value), source="Illustrative",
        )  # fmt: skip
    return {
        "organisation": organisation, "board": board, "other_board": other_board,
        "adults": adults, "resources": resources, "kpis": [ah1, ah2, rs1, rs2, rs3],
        "cycle": cycle,
    }  # fmt: skip
