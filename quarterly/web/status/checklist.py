"""A cycle's checklist: each step of the quarter's round, its state computed from the records.

Cycle opened → reminders sent → data complete → highlight review → CLT pack → DMT packs →
Scrutiny packs (at the half-year and year end) → results published. Nothing is ticked by hand:
each step reads what the system holds, and links to where the work is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from quarterly.collection.cycles.due import DueState, cycle_due_items
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.cycles.services import SCRUTINY_QUARTERS
from quarterly.collection.highlights.models import HighlightItem
from quarterly.collection.reminders.models import ReminderSent
from quarterly.register.models import KPI
from quarterly.reports.models import PublishedReport, ReportKind

_IN = {DueState.SUBMITTED, DueState.SIGNED_OFF, DueState.PUBLISHED}


@dataclass(frozen=True)
class Step:
    name: str
    done: bool
    detail: str
    link: str
    applies: bool = True

    @property
    def state(self) -> str:
        if not self.applies:
            return "Not needed"
        return "Done" if self.done else "To do"

    @property
    def tag_class(self) -> str:
        """The state is written too: colour is never the only signal."""
        if not self.applies:
            return "govuk-tag--grey"
        return "govuk-tag--green" if self.done else "govuk-tag--blue"


def _of(done: int, total: int, what: str) -> str:
    return f"{done} of {total} {what}"


def cycle_checklist(*, cycle: ReportingCycle, key: str) -> list[Step]:
    """The steps of the cycle's round, in order, each computed from the records."""
    items = cycle_due_items(cycle)
    awaited = [i for i in items if i.state != DueState.AWAITING_RELEASE]
    received = sum(1 for i in awaited if i.state in _IN)
    published = sum(1 for i in awaited if i.state == DueState.PUBLISHED)
    reminders = ReminderSent.objects.filter(cycle=cycle).exclude(kind=ReminderSent.Kind.CHASE)
    sent = reminders.count()
    highlights = list(HighlightItem.objects.filter(cycle=cycle).values_list("status", flat=True))
    undecided = highlights.count(HighlightItem.Status.PROPOSED)
    confirmed = highlights.count(HighlightItem.Status.CONFIRMED)
    packs = PublishedReport.objects.filter(
        organisation_id=cycle.organisation_id,
        period_kind=cycle.period.kind.value,
        period_start=cycle.period.start,
    )
    by_kind: dict[str, set[Any]] = {}
    for kind, scope in packs.values_list("kind", "scope"):
        by_kind.setdefault(kind, set()).add(scope)
    kpis = KPI.objects.filter(organisation_id=cycle.organisation_id, status=KPI.Status.ACTIVE)
    directorates = set(kpis.values_list("directorate__slug", flat=True))
    boards = set(kpis.exclude(scrutiny_board=None).values_list("scrutiny_board__slug", flat=True))
    dmt_done = len(directorates & by_kind.get(ReportKind.DMT, set()))
    board_done = len(boards & by_kind.get(ReportKind.SCRUTINY, set()))
    status = f"{reverse('status:board')}?cycle={key}"
    reports = reverse("reports:index")
    waiting = len(items) - len(awaited)
    return [
        Step(
            "Cycle opened",
            cycle.status != ReportingCycle.Status.PLANNED,
            f"{cycle.get_status_display()}; results due by {cycle.submission_deadline:%-d %B %Y}.",
            reverse("timetable:year", args=[cycle.financial_year]),
        ),
        Step(
            "Reminders sent",
            sent > 0,
            f"{sent} reminder{'s' if sent != 1 else ''} and escalation{'s' if sent != 1 else ''} sent."
            if sent
            else "None sent yet: `quarterly remind` sends them as the deadline nears.",
            status,
        ),  # fmt: skip
        Step(
            "Data complete",
            bool(awaited) and received == len(awaited),
            _of(received, len(awaited), "results submitted")
            + (f"; {waiting} awaiting national release." if waiting else "."),
            status,
        ),
        Step(
            "Highlight review",
            bool(highlights) and undecided == 0,
            f"{confirmed} confirmed, {undecided} awaiting a decision."
            if highlights
            else "No highlight items proposed yet.",
            reverse("highlights:index"),
        ),  # fmt: skip
        Step(
            "CLT pack",
            "council" in by_kind.get(ReportKind.CLT, set()),
            "Published."
            if "council" in by_kind.get(ReportKind.CLT, set())
            else "Not published yet.",
            reports,
        ),
        Step(
            "DMT packs",
            bool(directorates) and dmt_done == len(directorates),
            _of(dmt_done, len(directorates), "directorates' packs published."),
            reports,
        ),
        Step(
            "Scrutiny packs",
            bool(boards) and board_done == len(boards),
            _of(board_done, len(boards), "boards' packs published.")
            if cycle.quarter in SCRUTINY_QUARTERS
            else "Scrutiny Boards receive the half-year (Q2) and year-end (Q4) results.",
            reports,
            applies=cycle.quarter in SCRUTINY_QUARTERS,
        ),
        Step(
            "Results published",
            bool(awaited) and published == len(awaited),
            _of(published, len(awaited), "results published."),
            status,
        ),
    ]
