"""Highlight rule (e): a KPI whose council compares badly with other areas in the latest
national publication (a comparator group's bottom quartile, or significantly worse than
England) is proposed, with the sentence that says so; one that compares well is not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from quarterly.benchmarking.selectors import england_values
from quarterly.benchmarking.standing import standings
from quarterly.benchmarking.tests.national import LEEDS, indicator, publish
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.highlights.models import HighlightItem
from quarterly.collection.highlights.services import highlights_propose
from quarterly.collection.results.models import Result
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory, ResultFactory
from quarterly.places.models import ComparatorGroup
from quarterly.places.services import places_load_builtins

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2025, 1)
CITIES = {
    "E08000025": 80, "E06000023": 75, "E08000012": 70, "E08000003": 65, "E08000021": 55,
    "E06000018": 50, "E08000019": 72,
}  # fmt: skip


@pytest.fixture
def cycle(organisation: Any) -> ReportingCycle:
    places_load_builtins(today=Q1.start)
    return ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 28), directorate_check_date=dt.date(2025, 8, 4),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip


def _kpi(organisation: Any, reference: str, code: str) -> Any:
    """A KPI fed by national indicator `code`, compared with the Core Cities, with a steady
    series the other rules leave alone."""
    kpi = KPIFactory(
        organisation=organisation, reference=reference, national_indicator=f"fingertips:{code}"
    )
    kpi.comparator_groups.set([ComparatorGroup.objects.get(slug="core-cities")])
    first = Q1.shift(-3)
    for index in range(4):
        status = Result.Status.SUBMITTED if index == 3 else Result.Status.PUBLISHED
        ResultFactory(kpi=kpi, period=first.shift(index), value=Decimal("60"), status=status)
    return kpi


def _reasons(cycle: ReportingCycle) -> dict[str, list[str]]:
    return {item.kpi.reference: item.reasons for item in HighlightItem.objects.filter(cycle=cycle)}


def test_a_kpi_in_the_bottom_quartile_or_worse_than_england_is_proposed(
    organisation: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given Leeds last of the Core Cities on one indicator, worse than England on another, and
    # in the middle, similar to England, on a third (the financial year 2025/26)
    year = Period.financial_year(2025)
    publish(indicator("1"), year, {**CITIES, LEEDS: (40, 35, 45)}, england=40)
    publish(indicator("2"), year, {**CITIES, LEEDS: (68, 66, 69)}, england=71)
    publish(indicator("3"), year, {**CITIES, LEEDS: (68, 60, 76)}, england=70)
    for reference, code in (("LAST", "1"), ("WORSE", "2"), ("MIDDLE", "3")):
        _kpi(organisation, reference, code)
    # when
    highlights_propose(
        cycle=cycle, by=people["performance"], england_values=england_values, standings=standings
    )
    # then
    assert _reasons(cycle) == {
        "LAST": [
            "Compared with other areas on “Indicator 1”, 2025/26: Leeds ranks 8th of 8 Core "
            "Cities, in the bottom quartile, similar to England."
        ],
        "WORSE": [
            "Compared with other areas on “Indicator 2”, 2025/26: Leeds ranks 5th of 8 Core "
            "Cities, significantly worse than England."
        ],
    }


def test_values_published_after_the_quarter_are_not_used(
    organisation: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given Leeds last of the Core Cities only in 2026/27, after the cycle's quarter
    publish(indicator("1"), Period.financial_year(2026), {**CITIES, LEEDS: 1}, england=40)
    _kpi(organisation, "LATER", "1")
    # when
    highlights_propose(
        cycle=cycle, by=people["performance"], england_values=england_values, standings=standings
    )
    # then
    assert _reasons(cycle) == {}
