"""Two people saving the same result, and many submitting at once, lose and duplicate nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import close_old_connections, connection

from quarterly.collection.results.models import Result
from quarterly.collection.submissions.services import StaleResult, result_enter
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import (
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    ReportingCycleFactory,
)

Q1 = Period.quarter(2025, 1)


@pytest.fixture(autouse=True)
def open_cycle(organisation: Any) -> Any:
    """Results are entered while their cycle is open: 2025/26 Q1's is."""
    return ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)


def _run_together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Start every job at the same moment, each on its own thread and database connection."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:  # recorded for the assertions
            outcomes[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _fields(value: str) -> dict[str, Any]:
    return {"value": Decimal(value), "commentary": "", "data_quality_note": ""}


@pytest.mark.django_db(transaction=True)
def test_two_sessions_saving_the_same_result_lose_nothing(organisation: Any) -> None:
    # given one result both people opened at version 1
    kpi = KPIFactory(organisation=organisation)
    person = PersonFactory(organisation=organisation)
    opened = result_enter(
        kpi=kpi, period=Q1, fields=_fields("50"), submit=False, version=None, by=person
    )
    # when both save at once from that version
    outcomes = _run_together(
        [
            lambda: result_enter(
                kpi=kpi,
                period=Q1,
                fields=_fields("60"),
                submit=False,
                version=opened.version,
                by=person,
            ),
            lambda: result_enter(
                kpi=kpi,
                period=Q1,
                fields=_fields("70"),
                submit=False,
                version=opened.version,
                by=person,
            ),
        ]
    )
    # then exactly one wins; the other is told, and the stored value is the winner's
    winners = [o for o in outcomes if isinstance(o, Result)]
    assert len(winners) == 1, outcomes
    assert [type(o) for o in outcomes if not isinstance(o, Result)] == [StaleResult]
    stored = Result.objects.get()
    assert stored.value == winners[0].value and stored.version == 2


@pytest.mark.django_db(transaction=True)
def test_two_sessions_creating_the_same_result_duplicate_nothing(organisation: Any) -> None:
    # given
    kpi = KPIFactory(organisation=organisation)
    person = PersonFactory(organisation=organisation)
    # when
    outcomes = _run_together(
        [
            lambda v=v: result_enter(
                kpi=kpi, period=Q1, fields=_fields(v), submit=True, version=None, by=person
            )
            for v in ("1", "2")
        ]
    )
    # then
    assert Result.objects.count() == 1
    assert sum(isinstance(o, Result) for o in outcomes) == 1
    assert sum(isinstance(o, StaleResult) for o in outcomes) == 1, outcomes


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submitters_all_land(organisation: Any) -> None:
    # given twenty key contacts, each with their own KPI
    directorate = DirectorateFactory(organisation=organisation)
    pairs = []
    for index in range(20):
        kpi = KPIFactory(
            organisation=organisation, directorate=directorate, reference=f"C-{index:02d}"
        )
        pairs.append((kpi, PersonFactory(organisation=organisation)))
    # when they all submit at the same moment
    outcomes = _run_together(
        [
            lambda k=k, p=p: result_enter(
                kpi=k, period=Q1, fields=_fields("55.5"), submit=True, version=None, by=p
            )
            for k, p in pairs
        ]
    )
    # then every submission is stored once, with its audit entry
    assert [type(o) for o in outcomes] == [Result] * 20, outcomes
    assert Result.objects.filter(status=Result.Status.SUBMITTED).count() == 20
    assert AuditEntry.objects.filter(note="Submitted for sign-off").count() == 20
