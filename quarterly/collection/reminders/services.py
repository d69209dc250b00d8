"""Reminders before a submission deadline and escalation after it, each sent exactly once.

For every open cycle, the results still awaited from key contacts (`DueState.awaits_key_contact`:
due, draft, returned or overdue) decide who hears what:

- each key contact, `QUARTERLY_REMINDER_DAYS_BEFORE` days before the deadline (or on a later
  run before the deadline, if the daily run was missed), on the day, and once it has passed;
- the directorate intelligence team of each KPI's directorate, once the results are
  `QUARTERLY_ESCALATE_DIRECTORATE_DAYS` days overdue;
- the performance team, once they are `QUARTERLY_ESCALATE_PERFORMANCE_DAYS` days overdue.

Each person gets one email per rule per deadline, listing all their items. "Exactly once" rests
on `ReminderSent`'s unique constraint: the row is inserted in the same transaction as the email
is sent, before sending, so a second run (even one overlapping the first) fails to insert it and
sends nothing. If sending fails, the row is rolled back and the next run tries again. A moved
deadline is a new deadline: its reminders go out again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse

from quarterly.collection.cycles.due import DueItem, cycle_due_items
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.cycles.services import date_text
from quarterly.collection.reminders.models import ReminderSent
from quarterly.collection.submissions.selectors import period_slug
from quarterly.core import clock
from quarterly.core.audit import audit_record
from quarterly.core.models import AuditEntry
from quarterly.organisation.models import Person, Role, RoleAssignment

Kind = ReminderSent.Kind
KEY_CONTACT_KINDS = (Kind.BEFORE, Kind.ON_DAY, Kind.OVERDUE, Kind.CHASE)
_ORDER = {kind: index for index, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Reminder:
    """One email to one person under one rule, not yet sent."""

    cycle: ReportingCycle
    person: Person
    kind: str
    deadline: dt.date
    items: tuple[DueItem, ...]
    subject: str
    body: str

    @property
    def key(self) -> tuple[int, int, str, dt.date]:
        return (self.cycle.pk, self.person.pk, str(self.kind), self.deadline)

    def __str__(self) -> str:
        count = len(self.items)
        return (
            f"{Kind(self.kind).label} to {self.person} <{self.person.email}> for "
            f"{self.cycle.period.label}: {count} item{'s' if count != 1 else ''}"
        )


def _days(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _link(path: str) -> str:
    return getattr(settings, "QUARTERLY_BASE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def rules_due(
    cycle: ReportingCycle, *, today: dt.date, deadline: dt.date | None = None
) -> list[str]:
    """The rules that apply today to an open cycle's results due by `deadline` (the cycle's
    submission deadline unless a national release puts it later)."""
    return deadline_rules(today=today, deadline=deadline or cycle.submission_deadline)


def deadline_rules(*, today: dt.date, deadline: dt.date) -> list[str]:
    """The reminder and escalation rules that apply today to something due by `deadline`: a
    cycle's results, or a board's information request (`reminders.information`)."""
    late = (today - deadline).days
    kinds: list[str] = []
    days_before = _days("QUARTERLY_REMINDER_DAYS_BEFORE", 5)
    if days_before > 0 and -days_before <= late < 0:
        kinds.append(Kind.BEFORE)
    if late == 0:
        kinds.append(Kind.ON_DAY)
    if late > 0:
        kinds.append(Kind.OVERDUE)
    if late >= _days("QUARTERLY_ESCALATE_DIRECTORATE_DAYS", 2) and late > 0:
        kinds.append(Kind.ESCALATE_DIRECTORATE)
    if late >= _days("QUARTERLY_ESCALATE_PERFORMANCE_DAYS", 7) and late > 0:
        kinds.append(Kind.ESCALATE_PERFORMANCE)
    return kinds


def _item_lines(items: Iterable[DueItem], *, escalation: bool) -> list[str]:
    """One entry per KPI: its periods and where each stands, who owes it, and its page."""
    by_kpi: dict[int, list[DueItem]] = defaultdict(list)
    for item in items:
        by_kpi[item.kpi.pk].append(item)
    lines = []
    for kpi_items in by_kpi.values():
        kpi = kpi_items[0].kpi
        periods = ", ".join(f"{i.period.label} ({i.state.label.lower()})" for i in kpi_items)
        lines.append(f"- {kpi.reference} {kpi.title}: {periods}")
        if escalation:
            contacts = ", ".join(str(p) for p in kpi.key_contacts.all()) or "none recorded"
            lines.append(f"  {kpi.directorate.name}. Key contact: {contacts}")
        if not escalation:
            for item in kpi_items:
                lines.append(
                    f"  {item.period.label}: {_link(reverse('collection:result-edit', args=[kpi.reference, period_slug(item.period)]))}"
                )
        else:
            lines.append(f"  {_link(reverse('register:kpi-detail', args=[kpi.reference]))}")
    return lines


def _compose(
    cycle: ReportingCycle,
    person: Person,
    kind: str,
    items: list[DueItem],
    *,
    today: dt.date,
    by: Any = None,
    deadline: dt.date | None = None,
) -> tuple[str, str]:
    label = cycle.period.label
    deadline = deadline or cycle.submission_deadline
    when = f"{deadline:%A} {date_text(deadline)}"
    count = _plural(len(items), "KPI result")
    late = (today - deadline).days
    escalation = kind in (Kind.ESCALATE_DIRECTORATE, Kind.ESCALATE_PERFORMANCE)
    if kind == Kind.BEFORE:
        subject = f"Reminder: {count} due by {date_text(deadline)} ({label})"
        intro = f"The deadline for {label} KPI results is {when}, in {_plural(-late, 'day')}. These results are still awaited from you:"
    elif kind == Kind.ON_DAY:
        subject = f"Due today: {count} for {label}"
        intro = f"Today, {when}, is the deadline for {label} KPI results. These results are still awaited from you:"
    elif kind == Kind.OVERDUE:
        subject = f"Overdue: {count} for {label}"
        intro = f"The deadline for {label} KPI results was {when}. These results are still awaited from you:"
    elif kind == Kind.CHASE:
        subject = f"Please send your {label} KPI results"
        due = "were due" if late > 0 else "are due"
        intro = f"{by} has asked for your {label} KPI results, which {due} on {when}. These results are still awaited from you:"
    elif kind == Kind.ESCALATE_DIRECTORATE:
        subject = f"Escalation: {count} overdue for {label}"
        intro = f"These {label} KPI results in your directorate were due on {when} and are {_plural(late, 'day')} overdue. Please follow them up with their key contacts:"
    else:
        subject = f"Escalation: {count} overdue for {label}"
        intro = f"These {label} KPI results were due on {when} and are {_plural(late, 'day')} overdue. Their directorate teams have already been told:"
    action = (
        "See where every submission stands in Quarterly:"
        if escalation
        else "Enter or update them in Quarterly, or tell the performance team if a result will be late:"
    )
    body = "\n".join(
        [
            f"Hello {person.first_name or person},",
            "",
            intro,
            "",
            *_item_lines(items, escalation=escalation),
            "",
            action,
            _link(reverse("collection:my-kpis")),
            "",
            f"Quarterly, {cycle.organisation.name}'s performance management system",
        ]
    )
    return subject, body


def _reminder(
    cycle: ReportingCycle,
    person: Person,
    kind: str,
    items: Iterable[DueItem],
    *,
    today: dt.date,
    deadline: dt.date | None = None,
    by: Any = None,
) -> Reminder:
    """`deadline` keys the record (a chase's is its day); the email names the items' own."""
    ordered = sorted(items, key=lambda i: (i.kpi.reference, i.period))
    due_by = max((i.deadline for i in ordered if i.deadline), default=None)
    subject, body = _compose(cycle, person, kind, ordered, today=today, by=by, deadline=due_by)
    return Reminder(
        cycle,
        person,
        kind,
        deadline or cycle.submission_deadline,
        tuple(ordered),
        subject,
        body,
    )


def _reachable(person: Person) -> bool:
    return bool(person.email) and person.is_active


def _by_key_contact(items: list[DueItem]) -> dict[Person, list[DueItem]]:
    grouped: dict[Person, list[DueItem]] = defaultdict(list)
    for item in items:
        for person in item.kpi.key_contacts.all():
            grouped[person].append(item)
    return grouped


def _by_directorate_team(items: list[DueItem]) -> dict[Person, list[DueItem]]:
    teams: dict[int, list[Person]] = defaultdict(list)
    assignments = RoleAssignment.objects.filter(
        role=Role.DIRECTORATE_TEAM, directorate_id__in={i.kpi.directorate_id for i in items}
    ).select_related("person")
    for assignment in assignments:
        teams[assignment.directorate_id].append(assignment.person)
    grouped: dict[Person, list[DueItem]] = defaultdict(list)
    for item in items:
        for person in teams.get(item.kpi.directorate_id, []):
            grouped[person].append(item)
    return grouped


def _performance_team(cycle: ReportingCycle) -> list[Person]:
    return list(
        Person.objects.filter(
            organisation_id=cycle.organisation_id, role_assignments__role=Role.PERFORMANCE_TEAM
        ).distinct()
    )


def _awaited(cycle: ReportingCycle, today: dt.date) -> list[DueItem]:
    return [i for i in cycle_due_items(cycle, today=today) if i.state.awaits_key_contact]


def cycle_reminders(cycle: ReportingCycle, *, today: dt.date) -> list[Reminder]:
    """Every reminder the rules call for in an open cycle today, whether or not already sent.

    Results awaiting a national release are not awaited yet, so nobody hears of them; once
    released they are due by their own later deadline, whose reminders are counted apart.
    """
    by_deadline: dict[dt.date, list[DueItem]] = defaultdict(list)
    for item in _awaited(cycle, today):
        by_deadline[item.deadline or cycle.submission_deadline].append(item)
    reminders = []
    for deadline, items in sorted(by_deadline.items()):
        for kind in rules_due(cycle, today=today, deadline=deadline):
            if kind in KEY_CONTACT_KINDS:
                grouped = _by_key_contact(items)
            elif kind == Kind.ESCALATE_DIRECTORATE:
                grouped = _by_directorate_team(items)
            else:
                grouped = {person: items for person in _performance_team(cycle)}
            reminders.extend(
                _reminder(cycle, person, kind, person_items, today=today, deadline=deadline)
                for person, person_items in grouped.items()
                if _reachable(person)
            )
    return sorted(reminders, key=lambda r: (_ORDER[Kind(r.kind)], r.person.last_name, r.person.pk))


def reminders_due(*, today: dt.date | None = None) -> list[Reminder]:
    """The reminders a run today would send: what the rules call for, less what has been sent."""
    today = today or clock.today()
    cycles = ReportingCycle.objects.filter(status=ReportingCycle.Status.OPEN).select_related(
        "organisation"
    )
    wanted = [r for cycle in cycles for r in cycle_reminders(cycle, today=today)]
    if not wanted:
        return []
    sent = {
        (cycle_id, person_id, kind, deadline)
        for cycle_id, person_id, kind, deadline in ReminderSent.objects.filter(
            cycle_id__in={r.cycle.pk for r in wanted}
        ).values_list("cycle_id", "person_id", "kind", "deadline")
    }
    return [r for r in wanted if r.key not in sent]


def reminder_send(reminder: Reminder, *, reply_to: str = "") -> ReminderSent | None:
    """Record the reminder and send it, together; None if it had already been recorded."""
    try:
        with transaction.atomic():
            sent = ReminderSent.objects.create(
                cycle=reminder.cycle,
                person=reminder.person,
                kind=reminder.kind,
                deadline=reminder.deadline,
                item_count=len(reminder.items),
            )
            EmailMessage(
                subject=reminder.subject,
                body=reminder.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[reminder.person.email],
                reply_to=[reply_to] if reply_to else None,
            ).send()
    except IntegrityError:
        return None  # sent already, perhaps by a run overlapping this one
    return sent


def reminders_send(*, today: dt.date | None = None) -> list[ReminderSent]:
    """Send every reminder and escalation due today that has not been sent. Safe to run often."""
    sent = []
    for reminder in reminders_due(today=today):
        record = reminder_send(reminder)
        if record is not None:
            sent.append(record)
    return sent


@transaction.atomic
def chase_send(
    *, cycle: ReportingCycle, person: Person, by: Any, today: dt.date | None = None
) -> ReminderSent:
    """Email a key contact the results still awaited from them in a cycle, now.

    From a status board, one click. A person is chased at most once a day per cycle: the
    record's deadline is the day of the chase, so its unique constraint enforces that.
    """
    today = today or clock.today()
    label = cycle.period.label
    if cycle.status != ReportingCycle.Status.OPEN:
        raise ValidationError(f"{label} is not open for submissions, so nobody can be chased.")
    if not _reachable(person):
        raise ValidationError(f"{person} has no email address in Quarterly, so cannot be chased.")
    items = _by_key_contact(_awaited(cycle, today)).get(person, [])
    if not items:
        raise ValidationError(f"No {label} results are awaited from {person}.")
    reply_to = getattr(by, "email", "") or ""
    reminder = _reminder(cycle, person, Kind.CHASE, items, today=today, deadline=today, by=by)
    sent = reminder_send(reminder, reply_to=reply_to)
    if sent is None:
        raise ValidationError(f"{person} has already been chased for {label} today.")
    audit_record(
        actor=by,
        target=sent,
        action=AuditEntry.Action.CREATE,
        changes={"person": [None, str(person)], "item_count": [None, str(len(items))]},
        note=f"Chased for {label} results",
    )
    return sent
