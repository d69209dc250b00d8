"""Reminders about a Scrutiny Board's information requests, exactly once, as for results.

An unanswered request's owner hears before its due date, on the day and once it has passed;
the directorate team of the KPI's directorate and then the performance team hear when it is
overdue, after the same numbers of days as for results (`services.deadline_rules`). Each is
recorded in `InformationReminderSent`, whose unique constraint, inserted in the same transaction
as the email is sent, is what makes it "exactly once" however often `quarterly remind` runs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from quarterly.collection.information.models import InformationRequest
from quarterly.collection.information.services import request_email
from quarterly.collection.reminders.models import InformationReminderSent, ReminderSent
from quarterly.collection.reminders.services import deadline_rules
from quarterly.core import clock
from quarterly.organisation.models import Person, Role, RoleAssignment

Kind = ReminderSent.Kind


@dataclass(frozen=True)
class InformationReminder:
    """One email about one request to one person under one rule, not yet sent."""

    request: InformationRequest
    person: Person
    kind: str
    subject: str
    intro: str

    @property
    def key(self) -> tuple[int, int, str, dt.date]:
        return (self.request.pk, self.person.pk, str(self.kind), self.request.due_date)

    def __str__(self) -> str:
        return (
            f"{Kind(self.kind).label} to {self.person} <{self.person.email}> about "
            f"{self.request.committee}'s request on {self.request.kpi.reference}"
        )


def _wording(request: InformationRequest, kind: str, late: int) -> tuple[str, str]:
    board, ref = request.committee.name, request.kpi.reference
    if kind == Kind.BEFORE:
        return (f"Reminder: {board} needs your answer on {ref}",
                f"{board} needs your answer in {late * -1} day{'s' if late != -1 else ''}:")  # fmt: skip
    if kind == Kind.ON_DAY:
        return f"Due today: {board}'s question on {ref}", f"{board} needs your answer today:"
    if kind == Kind.OVERDUE:
        return (f"Overdue: {board}'s question on {ref}",
                f"{board}'s question was due {late} day{'s' if late != 1 else ''} ago:")  # fmt: skip
    owner = request.owner
    return (
        f"Escalation: {board}'s question on {ref} is overdue",
        f"{board} asked {owner} this question, due {late} day{'s' if late != 1 else ''} ago, "
        "and it is still unanswered. Please follow it up:",
    )


def _recipients(request: InformationRequest, kind: str, teams: dict[int, list[Person]],
                performance: dict[int, list[Person]]) -> list[Person]:  # fmt: skip
    if kind == Kind.ESCALATE_DIRECTORATE:
        return teams.get(request.kpi.directorate_id, [])
    if kind == Kind.ESCALATE_PERFORMANCE:
        return performance.get(request.organisation_id, [])
    return [request.owner]


def information_reminders_due(*, today: dt.date | None = None) -> list[InformationReminder]:
    """The reminders about unanswered requests a run today would send, less those sent."""
    today = today or clock.today()
    requests = list(
        InformationRequest.objects.filter(status=InformationRequest.Status.ASKED).select_related(
            "committee", "kpi", "owner", "organisation"
        )
    )
    if not requests:
        return []
    teams: dict[int, list[Person]] = defaultdict(list)
    for a in RoleAssignment.objects.filter(
        role=Role.DIRECTORATE_TEAM, directorate_id__in={r.kpi.directorate_id for r in requests}
    ).select_related("person"):
        teams[a.directorate_id].append(a.person)
    performance: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(
        role_assignments__role=Role.PERFORMANCE_TEAM,
        organisation_id__in={r.organisation_id for r in requests},
    ).distinct():
        performance[person.organisation_id].append(person)  # type: ignore[index]
    sent = set(
        InformationReminderSent.objects.filter(request__in=requests).values_list(
            "request_id", "person_id", "kind", "deadline"
        )
    )
    due = []
    for request in requests:
        late = (today - request.due_date).days
        for kind in deadline_rules(today=today, deadline=request.due_date):
            subject, intro = _wording(request, kind, late)
            for person in _recipients(request, kind, teams, performance):
                reminder = InformationReminder(request, person, kind, subject, intro)
                if person.email and person.is_active and reminder.key not in sent:
                    due.append(reminder)
    return due


def information_reminder_send(reminder: InformationReminder) -> InformationReminderSent | None:
    """Record the reminder and send it, together; None if it had already been recorded."""
    try:
        with transaction.atomic():
            record = InformationReminderSent.objects.create(
                request=reminder.request, person=reminder.person, kind=reminder.kind,
                deadline=reminder.request.due_date,
            )  # fmt: skip
            email = request_email(reminder.request, subject=reminder.subject, intro=reminder.intro)
            email.to = [reminder.person.email]
            email.send()
    except IntegrityError:
        return None  # sent already, perhaps by a run overlapping this one
    return record
