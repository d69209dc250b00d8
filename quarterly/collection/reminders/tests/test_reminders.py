from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.cycles.services import cycle_close, cycle_open, cycle_save
from quarterly.collection.reminders.models import ReminderSent
from quarterly.collection.reminders.services import (
    chase_send,
    reminder_send,
    reminders_due,
    reminders_send,
)
from quarterly.collection.reminders.tasks import send_reminders
from quarterly.collection.results.models import Result
from quarterly.core import clock
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, PeriodKind
from quarterly.factories import DirectorateFactory, KPIFactory, PersonFactory, ResultFactory
from quarterly.organisation.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2025, 7, 28)  # 2025/26 Q1, a Monday


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    """Two directorates, each with a team; Amira owes three Adults KPIs, one already submitted."""
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    RoleAssignment.objects.create(
        person=people["directorate"], role=Role.DIRECTORATE_TEAM, directorate=adults
    )
    resources_team = PersonFactory(
        organisation=organisation,
        email="resources.team@council.example",
        role=Role.DIRECTORATE_TEAM,
        role__directorate=resources,
    )
    amira = people["key_contact"]
    ravi = PersonFactory(
        organisation=organisation,
        email="ravi@council.example",
        first_name="Ravi",
        role=Role.KEY_CONTACT,
    )
    reablement = KPIFactory(
        organisation=organisation,
        directorate=adults,
        reference="AH-01",
        title="Reablement success rate",
    )
    delays = KPIFactory(
        organisation=organisation,
        directorate=adults,
        reference="AH-02",
        title="Delayed discharges",
        frequency="monthly",
        unit="count",
    )
    submitted = KPIFactory(
        organisation=organisation, directorate=adults, reference="AH-03", title="Carers assessed"
    )
    tax = KPIFactory(
        organisation=organisation,
        directorate=resources,
        reference="RES-01",
        title="Council tax collected",
    )
    for kpi in (reablement, delays, submitted):
        kpi.key_contacts.set([amira])
    tax.key_contacts.set([ravi])
    ResultFactory(kpi=submitted, period=Period.quarter(2025, 1), status=Result.Status.SUBMITTED)
    cycle = cycle_save(
        organisation=organisation,
        financial_year=2025,
        quarter=1,
        submission_deadline=DEADLINE,
        directorate_check_date=DEADLINE + dt.timedelta(days=7),
        by=people["performance"],
    )
    cycle = cycle_open(cycle=cycle, by=people["performance"])
    return {
        "cycle": cycle, "amira": amira, "ravi": ravi, "adults_team": people["directorate"],
        "resources_team": resources_team, "performance": people["performance"],
        "reablement": reablement, "delays": delays, "submitted": submitted, "tax": tax,
    }  # fmt: skip


def _day(offset: int) -> dt.date:
    return DEADLINE + dt.timedelta(days=offset)


def _sent(mailoutbox: list[Any]) -> list[tuple[str, str]]:
    return [(m.to[0], m.subject.split(":")[0]) for m in mailoutbox]


def test_key_contacts_are_reminded_days_before_listing_only_what_they_still_owe(
    council: dict[str, Any], mailoutbox: list[Any], settings: Any
) -> None:
    # given
    settings.QUARTERLY_BASE_URL = "https://quarterly.council.example"
    # when five days before the deadline, and again later that day
    first = reminders_send(today=_day(-5))
    second = reminders_send(today=_day(-5))
    # then Amira and Ravi have one email each
    assert sorted(_sent(mailoutbox)) == [
        ("key_contact@council.example", "Reminder"),
        ("ravi@council.example", "Reminder"),
    ]
    assert len(first) == 2 and second == []
    amira = next(m for m in mailoutbox if m.to == ["key_contact@council.example"])
    assert amira.subject == "Reminder: 4 KPI results due by 28 July 2025 (2025/26 Q1)"
    assert "in 5 days" in amira.body
    assert "- AH-01 Reablement success rate: 2025/26 Q1 (due)" in amira.body
    assert (
        "- AH-02 Delayed discharges: April 2025 (due), May 2025 (due), June 2025 (due)"
        in amira.body
    )
    assert (
        "2025/26 Q1: https://quarterly.council.example/results/AH-01/quarter.2025-07-01/"
        not in amira.body
    )
    assert (
        "2025/26 Q1: https://quarterly.council.example/results/AH-01/quarter.2025-04-01/"
        in amira.body
    )
    assert "https://quarterly.council.example/results/\n" in amira.body  # My KPIs
    assert "AH-03" not in amira.body  # submitted already
    assert "RES-01" not in amira.body  # Ravi's
    assert ReminderSent.objects.get(person=council["amira"]).item_count == 4


def test_nobody_is_reminded_earlier_than_the_setting_says(
    council: dict[str, Any], mailoutbox: list[Any], settings: Any
) -> None:
    # given
    settings.QUARTERLY_REMINDER_DAYS_BEFORE = 3
    # when
    too_early = reminders_send(today=_day(-4))
    in_time = reminders_send(today=_day(-2))  # a missed daily run still catches up
    # then
    assert too_early == []
    assert {r.kind for r in in_time} == {ReminderSent.Kind.BEFORE}


def test_each_rule_sends_once_per_person_per_deadline_when_run_twice_a_day(
    council: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # given / when a run twice a day, from a week before the deadline to ten days after it
    for offset in range(-7, 11):
        reminders_send(today=_day(offset))
        reminders_send(today=_day(offset))
    # then
    counts = Counter(_sent(mailoutbox))
    assert counts == {
        ("key_contact@council.example", "Reminder"): 1,
        ("key_contact@council.example", "Due today"): 1,
        ("key_contact@council.example", "Overdue"): 1,
        ("ravi@council.example", "Reminder"): 1,
        ("ravi@council.example", "Due today"): 1,
        ("ravi@council.example", "Overdue"): 1,
        ("directorate@council.example", "Escalation"): 1,
        ("resources.team@council.example", "Escalation"): 1,
        ("performance@council.example", "Escalation"): 1,
    }
    assert ReminderSent.objects.count() == 9


def test_escalation_goes_to_the_right_directorate_team_then_the_performance_team(
    council: dict[str, Any], mailoutbox: list[Any], settings: Any
) -> None:
    # given Ravi has submitted, so only Adults results are overdue
    settings.QUARTERLY_ESCALATE_DIRECTORATE_DAYS = 2
    settings.QUARTERLY_ESCALATE_PERFORMANCE_DAYS = 7
    ResultFactory(
        kpi=council["tax"], period=Period.quarter(2025, 1), status=Result.Status.SUBMITTED
    )
    # when
    day_one = {r.kind for r in reminders_send(today=_day(1))}
    day_two = reminders_send(today=_day(2))
    day_seven = reminders_send(today=_day(7))
    # then
    assert day_one == {ReminderSent.Kind.OVERDUE}
    assert [(r.kind, r.person) for r in day_two] == [
        (ReminderSent.Kind.ESCALATE_DIRECTORATE, council["adults_team"])
    ]
    assert [(r.kind, r.person) for r in day_seven] == [
        (ReminderSent.Kind.ESCALATE_PERFORMANCE, council["performance"])
    ]
    escalation = mailoutbox[-2]
    assert escalation.to == ["directorate@council.example"]
    assert escalation.subject == "Escalation: 4 KPI results overdue for 2025/26 Q1"
    assert "are 2 days overdue" in escalation.body
    assert f"Adults and Health. Key contact: {council['amira']}" in escalation.body
    assert "AH-01" in escalation.body and "RES-01" not in escalation.body
    assert not any("resources.team" in m.to[0] for m in mailoutbox)


def test_nothing_is_sent_once_every_result_is_submitted_or_signed_off(
    council: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # given
    quarter = Period.quarter(2025, 1)
    ResultFactory(kpi=council["reablement"], period=quarter, status=Result.Status.SIGNED_OFF)
    ResultFactory(kpi=council["tax"], period=quarter, status=Result.Status.SUBMITTED)
    for month in (Period.containing(quarter.start, PeriodKind.MONTH).shift(n) for n in range(3)):
        ResultFactory(
            kpi=council["delays"], period=month, value=Decimal("12"), status=Result.Status.SUBMITTED
        )
    # when
    sent = [reminders_send(today=_day(offset)) for offset in (-5, 0, 1, 2, 7)]
    # then
    assert sent == [[], [], [], [], []]
    assert mailoutbox == []


def test_a_returned_or_draft_result_is_still_awaited(
    council: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # given
    quarter = Period.quarter(2025, 1)
    ResultFactory(kpi=council["reablement"], period=quarter, status=Result.Status.RETURNED)
    ResultFactory(kpi=council["tax"], period=quarter, status=Result.Status.DRAFT)
    # when
    reminders_send(today=_day(-5))
    # then
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert (
        "AH-01 Reablement success rate: 2025/26 Q1 (returned for correction)"
        in bodies["key_contact@council.example"]
    )
    assert (
        "RES-01 Council tax collected: 2025/26 Q1 (draft saved)" in bodies["ravi@council.example"]
    )


def test_overlapping_runs_never_send_the_same_reminder_twice(
    council: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # given two runs that both planned their emails before either sent any
    first_run = reminders_due(today=_day(0))
    second_run = reminders_due(today=_day(0))
    # when both send
    first = [reminder_send(r) for r in first_run]
    second = [reminder_send(r) for r in second_run]
    # then the second finds each already recorded and sends nothing
    assert all(first) and second == [None] * len(second_run)
    assert len(mailoutbox) == len(first_run) == 2


def test_a_failed_send_is_not_recorded_so_the_next_run_tries_again(
    council: dict[str, Any], mailoutbox: list[Any], settings: Any
) -> None:
    # given a mail server that refuses
    settings.EMAIL_BACKEND = "quarterly.collection.reminders.tests.test_reminders.BrokenBackend"
    # when
    with pytest.raises(ConnectionError):
        reminders_send(today=_day(-5))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = reminders_send(today=_day(-5))
    # then
    assert len(retried) == 2


class BrokenBackend:
    def __init__(self, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionError("mail server down")


def test_a_moved_deadline_is_a_new_deadline(
    council: dict[str, Any], mailoutbox: list[Any], people: dict[str, Any]
) -> None:
    # given reminders sent for the first deadline
    reminders_send(today=_day(-5))
    # when the deadline moves a week later
    cycle_save(
        organisation=council["cycle"].organisation, financial_year=2025, quarter=1,
        submission_deadline=_day(7), directorate_check_date=_day(14), by=people["performance"],
    )  # fmt: skip
    sent = reminders_send(today=_day(2))
    # then
    assert {r.deadline for r in sent} == {_day(7)}
    assert len(mailoutbox) == 4


def test_only_open_cycles_send_reminders(council: dict[str, Any], mailoutbox: list[Any]) -> None:
    # given
    cycle_close(cycle=council["cycle"], by=None)
    # when / then
    assert reminders_send(today=_day(3)) == []
    assert mailoutbox == []


def test_chasing_emails_a_key_contact_at_most_once_a_day(
    council: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # given
    cycle, amira, by = council["cycle"], council["amira"], council["adults_team"]
    # when
    chased = chase_send(cycle=cycle, person=amira, by=by, today=_day(-10))
    with pytest.raises(ValidationError) as again:
        chase_send(cycle=cycle, person=amira, by=by, today=_day(-10))
    next_day = chase_send(cycle=cycle, person=amira, by=by, today=_day(-9))
    # then
    assert chased.kind == ReminderSent.Kind.CHASE and chased.deadline == _day(-10)
    assert "already been chased for 2025/26 Q1 today" in str(again.value)
    assert next_day.deadline == _day(-9)
    assert len(mailoutbox) == 2
    message = mailoutbox[0]
    assert message.subject == "Please send your 2025/26 Q1 KPI results"
    assert message.reply_to == ["directorate@council.example"]
    assert "AH-01" in message.body and "AH-03" not in message.body
    assert AuditEntry.objects.filter(target_id=chased.pk, note__startswith="Chased").count() == 1


def test_chasing_someone_who_owes_nothing_is_refused(
    council: dict[str, Any], mailoutbox: list[Any], people: dict[str, Any]
) -> None:
    # given / when / then
    with pytest.raises(ValidationError) as refused:
        chase_send(
            cycle=council["cycle"],
            person=people["officer"],
            by=people["performance"],
            today=_day(-3),
        )
    assert "No 2025/26 Q1 results are awaited from" in str(refused.value)
    assert mailoutbox == []


def test_the_task_sends_todays_reminders(
    organisation: Any, people: dict[str, Any], mailoutbox: list[Any], settings: Any
) -> None:
    # given an open cycle whose deadline is today, and the immediate task backend
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    today = clock.today()
    quarter = Period.containing(today - dt.timedelta(days=40), PeriodKind.QUARTER)
    kpi = KPIFactory(organisation=organisation)
    kpi.key_contacts.set([people["key_contact"]])
    ReportingCycle.objects.create(
        organisation=organisation, financial_year=quarter.fy, quarter=quarter.number,
        submission_deadline=today, directorate_check_date=today, status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    # when
    first = send_reminders.enqueue()
    second = send_reminders.enqueue()
    # then
    assert first.status == TaskResultStatus.SUCCESSFUL and first.return_value == 1
    assert second.return_value == 0
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Due today"]


def test_the_remind_command_prints_what_it_sends_and_can_dry_run(
    council: dict[str, Any], mailoutbox: list[Any]
) -> None:
    # given
    dry, real, again = io.StringIO(), io.StringIO(), io.StringIO()
    # when
    call_command("remind", date=_day(-5), dry_run=True, stdout=dry)
    after_dry_run = len(mailoutbox)
    call_command("remind", "--date", "2025-07-23", stdout=real)
    call_command("remind", "--date", "2025-07-23", stdout=again)
    # then
    assert after_dry_run == 0
    assert "Would send Before the deadline to" in dry.getvalue()
    assert "Dry run: 2 emails would be sent." in dry.getvalue()
    assert "Sent Before the deadline to" in real.getvalue()
    assert "<ravi@council.example> for 2025/26 Q1: 1 item" in real.getvalue()
    assert "2 emails sent." in real.getvalue()
    assert "0 emails sent." in again.getvalue()
    assert len(mailoutbox) == 2
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "23/07/2025", stdout=io.StringIO())
