"""The submission status board: where every result a cycle asks for stands, by directorate.

The performance team sees every directorate; a directorate intelligence team sees its own
(`access.kpis_watched_by`). For each directorate: counts of what is due, overdue, returned,
submitted and signed off; each KPI's periods and states; and each key contact who still owes
results, with whether they have been chased today. The query count does not depend on the
number of KPIs: `cycle_due_items` reads KPIs, key contacts and results in three queries, and the
day's chases are one more.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.http import Http404

from quarterly.collection.cycles.due import DueItem, DueState, cycle_due_items
from quarterly.collection.models import ReminderSent, ReportingCycle
from quarterly.core import clock
from quarterly.organisation.access import (
    can_chase,
    can_watch_some_directorate,
    kpis_watched_by,
)
from quarterly.organisation.models import Directorate, Person
from quarterly.register.models import KPI

# The board's columns, in order, and the states each counts.
BUCKETS: tuple[tuple[str, str, frozenset[DueState]], ...] = (
    ("due", "Due", frozenset({DueState.DUE, DueState.DRAFT})),
    ("overdue", "Overdue", frozenset({DueState.OVERDUE})),
    ("returned", "Returned", frozenset({DueState.RETURNED})),
    ("submitted", "Submitted", frozenset({DueState.SUBMITTED})),
    ("signed_off", "Signed off", frozenset({DueState.SIGNED_OFF, DueState.PUBLISHED})),
    ("awaiting_release", "Awaiting national release", frozenset({DueState.AWAITING_RELEASE})),
)
_BUCKET_OF = {state: key for key, _, states in BUCKETS for state in states}


@dataclass
class Counts:
    total: int = 0
    by_bucket: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_BUCKET_OF.values(), 0))
    hidden: frozenset[str] = frozenset()  # buckets the board leaves out (always empty there)

    def add(self, state: DueState) -> None:
        self.total += 1
        self.by_bucket[_BUCKET_OF[state]] += 1

    @property
    def columns(self) -> list[tuple[str, str, int]]:
        """(key, label, count) per bucket, in the board's order."""
        return [
            (key, label, self.by_bucket[key]) for key, label, _ in BUCKETS if key not in self.hidden
        ]


@dataclass(frozen=True)
class KPIStatus:
    kpi: KPI
    items: tuple[DueItem, ...]

    @property
    def awaited(self) -> bool:
        return any(item.state.awaits_key_contact for item in self.items)


@dataclass(frozen=True)
class ContactStatus:
    """A key contact who still owes results in this directorate."""

    person: Person
    awaited: int
    overdue: int
    chased_today: bool
    last_chased: dt.datetime | None

    @property
    def reachable(self) -> bool:
        return bool(self.person.email) and self.person.is_active


@dataclass(frozen=True)
class DirectorateStatus:
    directorate: Directorate
    counts: Counts
    kpis: tuple[KPIStatus, ...]
    contacts: tuple[ContactStatus, ...]


@dataclass(frozen=True)
class StatusBoard:
    cycle: ReportingCycle
    today: dt.date
    counts: Counts
    directorates: tuple[DirectorateStatus, ...]

    @property
    def can_chase(self) -> bool:
        """Chasing is for open cycles only (`reminders.chase_send` refuses the others)."""
        return self.cycle.status == ReportingCycle.Status.OPEN

    @property
    def overdue(self) -> bool:
        return self.today > self.cycle.submission_deadline


def _chases(cycle: ReportingCycle, people: Iterable[int], today: dt.date) -> dict[int, Any]:
    """Each person's latest chase this cycle (one query), and whether it was today."""
    rows = (
        ReminderSent.objects.filter(
            cycle=cycle, kind=ReminderSent.Kind.CHASE, person_id__in=set(people)
        )
        .values("person_id")
        .annotate(last=Max("sent_at"), last_day=Max("deadline"))
    )
    return {row["person_id"]: (row["last"], row["last_day"] == today) for row in rows}


def _contacts(kpis: list[KPIStatus], chases: dict[int, Any]) -> tuple[ContactStatus, ...]:
    owed: dict[Person, list[DueItem]] = defaultdict(list)
    for status in kpis:
        for item in status.items:
            if item.state.awaits_key_contact:
                for person in status.kpi.key_contacts.all():
                    owed[person].append(item)
    return tuple(
        ContactStatus(
            person=person,
            awaited=len(items),
            overdue=sum(1 for i in items if i.state == DueState.OVERDUE),
            chased_today=chases.get(person.pk, (None, False))[1],
            last_chased=chases.get(person.pk, (None, False))[0],
        )
        for person, items in sorted(
            owed.items(), key=lambda pair: (pair[0].last_name, pair[0].first_name, pair[0].pk)
        )
    )


def status_board(*, user: Any, cycle: ReportingCycle, today: dt.date | None = None) -> StatusBoard:
    """The board for a cycle, as this person may see it; 404 for anyone without a board."""
    if not can_watch_some_directorate(user):
        raise Http404
    today = today or clock.today()
    kpis = kpis_watched_by(user, KPI.objects.filter(organisation_id=cycle.organisation_id))
    items = cycle_due_items(cycle, kpis=kpis, today=today)
    by_directorate: dict[int, dict[int, list[DueItem]]] = defaultdict(lambda: defaultdict(list))
    directorates: dict[int, Directorate] = {}
    kpi_of: dict[int, KPI] = {}
    for item in items:
        directorates[item.kpi.directorate_id] = item.kpi.directorate
        kpi_of[item.kpi.pk] = item.kpi
        by_directorate[item.kpi.directorate_id][item.kpi.pk].append(item)
    chases = _chases(
        cycle,
        (p.pk for i in items if i.state.awaits_key_contact for p in i.kpi.key_contacts.all()),
        today,
    )
    total = Counts()
    rows = []
    for directorate_id, kpi_items in by_directorate.items():
        counts = Counts()
        statuses = []
        for kpi_id, due in kpi_items.items():
            for item in due:
                counts.add(item.state)
                total.add(item.state)
            statuses.append(KPIStatus(kpi_of[kpi_id], tuple(due)))
        rows.append(
            DirectorateStatus(
                directorates[directorate_id], counts, tuple(statuses), _contacts(statuses, chases)
            )
        )
    rows.sort(key=lambda row: row.directorate.name)
    if not total.by_bucket["awaiting_release"]:
        for counts in (total, *(row.counts for row in rows)):
            counts.hidden = frozenset({"awaiting_release"})  # nothing awaits a release
    return StatusBoard(cycle, today, total, tuple(rows))


def key_contact_for_chase(*, user: Any, organisation: Any, pk: int) -> Person:
    """The key contact to chase, if this person may chase them; 404 otherwise, as if missing."""
    person = Person.objects.filter(organisation=organisation, pk=pk).first()
    if person is None:
        raise Http404
    directorates = set(
        KPI.objects.filter(organisation=organisation, key_contacts=person).values_list(
            "directorate_id", flat=True
        )
    )
    if not directorates or not can_chase(user, directorates):
        raise Http404
    return person
