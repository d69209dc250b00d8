"""The submission status board: counts by directorate, scoping, query count, and chasing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quarterly.collection.cycles.releases import ReleaseRow, releases_save
from quarterly.collection.models import ReminderSent, ReportingCycle, Result
from quarterly.core.periods import Period
from quarterly.factories import (
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    ReportingCycleFactory,
    ResultFactory,
)
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import KPI
from quarterly.web.status.board import status_board

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2025, 1)
DEADLINE = dt.date(2025, 7, 28)
S = Result.Status


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    """Adults owes four results (one of each state and two awaited); Resources owes one."""
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    RoleAssignment.objects.create(
        person=people["directorate"], role=Role.DIRECTORATE_TEAM, directorate=adults
    )
    amira = people["key_contact"]
    ravi = PersonFactory(organisation=organisation, first_name="Ravi", role=Role.KEY_CONTACT)
    cycle = ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1, submission_deadline=DEADLINE,
        directorate_check_date=DEADLINE + dt.timedelta(days=7), status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    states = {"AH-01": None, "AH-02": S.SUBMITTED, "AH-03": S.SIGNED_OFF, "AH-04": S.RETURNED}
    for reference, state in states.items():
        kpi = KPIFactory(organisation=organisation, directorate=adults, reference=reference)
        kpi.key_contacts.set([amira])
        if state:
            ResultFactory(kpi=kpi, period=Q1, value=Decimal("60"), status=state)
    budget = KPIFactory(organisation=organisation, directorate=resources, reference="RES-01")
    budget.key_contacts.set([ravi])
    return {"cycle": cycle, "amira": amira, "ravi": ravi, "adults": adults}


def test_the_performance_team_sees_every_directorate_with_its_counts(
    council: dict[str, Any], people: dict[str, Any]
) -> None:
    # given / when: after the deadline
    board = status_board(
        user=people["performance"], cycle=council["cycle"], today=DEADLINE + dt.timedelta(days=1)
    )
    # then
    assert [row.directorate.name for row in board.directorates] == [
        "Adults and Health",
        "Resources",
    ]
    adults, resources = board.directorates
    assert adults.counts.total == 4
    assert adults.counts.by_bucket == {
        "due": 0, "overdue": 1, "returned": 1, "submitted": 1, "signed_off": 1, "awaiting_release": 0,
    }  # fmt: skip
    assert resources.counts.by_bucket["overdue"] == 1
    assert board.counts.total == 5
    assert [(c.person, c.awaited, c.overdue) for c in adults.contacts] == [(council["amira"], 2, 1)]


def test_a_directorate_team_sees_only_its_own_directorate(
    council: dict[str, Any], people: dict[str, Any]
) -> None:
    # given / when: before the deadline
    board = status_board(
        user=people["directorate"], cycle=council["cycle"], today=DEADLINE - dt.timedelta(days=1)
    )
    # then
    assert [row.directorate.name for row in board.directorates] == ["Adults and Health"]
    assert board.directorates[0].counts.by_bucket["due"] == 1


def test_the_board_page_query_count_does_not_grow_with_kpis(
    client: Any, organisation: Any, council: dict[str, Any], people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["performance"])

    def board_with(count: int) -> tuple[int, str]:
        KPI.objects.filter(reference__startswith="X-").delete()
        contacts = [
            PersonFactory(organisation=organisation, role=Role.KEY_CONTACT) for _ in range(3)
        ]
        for n in range(count):
            kpi = KPIFactory(
                organisation=organisation,
                directorate=council["adults"],
                reference=f"X-{n:03d}",
                frequency="monthly" if n % 2 else "quarterly",
            )
            kpi.key_contacts.set([contacts[n % 3]])
            if n % 4 == 0:
                ResultFactory(kpi=kpi, period=Q1, status=S.SUBMITTED)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/status/")
        return len(queries.captured_queries), response.content.decode()

    # when
    ten, _ = board_with(10)
    sixty, html = board_with(60)
    # then
    assert html.count('href="/register/kpi/X-') == 60
    assert sixty == ten


def test_chasing_a_key_contact_emails_them_once_a_day(
    client: Any, council: dict[str, Any], people: dict[str, Any], mailoutbox: Any
) -> None:
    # given
    client.force_login(people["directorate"])
    url = f"/status/2025/q1/chase/{council['amira'].pk}/"
    # when
    first = client.post(url, follow=True)
    second = client.post(url, follow=True)
    # then
    assert [m.to for m in mailoutbox] == [[council["amira"].email]]
    assert mailoutbox[0].reply_to == [people["directorate"].email]
    assert "has been emailed the 2 2025/26 Q1 results still awaited from them." in (
        first.content.decode()
    )
    html = second.content.decode()
    assert "has already been chased for 2025/26 Q1 today." in html
    assert "Chased today" in html
    assert ReminderSent.objects.filter(kind=ReminderSent.Kind.CHASE).count() == 1


def test_a_directorate_team_cannot_chase_another_directorates_key_contact(
    client: Any, council: dict[str, Any], people: dict[str, Any], mailoutbox: Any
) -> None:
    # given Ravi owes only Resources' results
    client.force_login(people["directorate"])
    # when
    response = client.post(f"/status/2025/q1/chase/{council['ravi'].pk}/")
    # then
    assert response.status_code == 404
    assert mailoutbox == []


def test_the_status_link_shows_only_to_those_with_a_board(
    client: Any, council: dict[str, Any], people: dict[str, Any]
) -> None:
    # given / when
    shown = {}
    for name in ("performance", "directorate", "key_contact", "clt"):
        client.force_login(people[name])
        shown[name] = 'href="/status/"' in client.get("/results/").content.decode()
    # then
    assert shown == {"performance": True, "directorate": True, "key_contact": False, "clt": False}


@pytest.mark.django_db
def test_the_board_shows_any_past_cycle_the_person_picks(
    client: Any, people: dict[str, Any], organisation: Any
) -> None:
    # given a closed cycle, with one KPI's result in it, and an open one
    ReportingCycleFactory(
        organisation=organisation, financial_year=2024, quarter=4,
        status=ReportingCycle.Status.CLOSED,
    )  # fmt: skip
    ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)
    kpi = KPIFactory(organisation=organisation, reference="PAST-1")
    ResultFactory(kpi=kpi, period=Period.quarter(2024, 4), status="published")
    client.force_login(people["performance"])
    # when
    current = client.get(reverse("status:board")).content.decode()
    past = client.get(reverse("status:board"), {"cycle": "2024-4"}).content.decode()
    unknown = client.get(reverse("status:board"), {"cycle": "1999-9"}).content.decode()
    # then
    assert '<span class="govuk-caption-l">2025/26 Q1</span>' in current
    assert '<span class="govuk-caption-l">2024/25 Q4</span>' in past
    assert '<option value="2024-4" selected>2024/25 Q4 (closed)</option>' in past
    assert '<span class="govuk-caption-l">2025/26 Q1</span>' in unknown


@pytest.mark.django_db
def test_the_awaiting_release_column_appears_only_when_something_awaits_a_release(
    client: Any, people: dict[str, Any], organisation: Any
) -> None:
    # given an open cycle with one quarterly KPI
    ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)
    kpi = KPIFactory(organisation=organisation, reference="Q-1")
    client.force_login(people["performance"])
    # when
    without = client.get(reverse("status:board")).content.decode()
    releases_save(rows=[ReleaseRow(kpi, Period.quarter(2025, 1), dt.date(2099, 1, 1))], by=None)
    with_release = client.get(reverse("status:board")).content.decode()
    # then
    assert "Awaiting national release" not in without
    assert "Awaiting national release" in with_release
