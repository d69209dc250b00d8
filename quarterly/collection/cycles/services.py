"""Writes to the reporting timetable: cycles (deadlines and states) and the meetings they feed.

Each financial year has four cycles, one per quarter. A cycle's submission deadline is when key
contacts' results are due; its directorate check date is when directorate teams finish checking
and signing them off. Meetings (DMTs and CLT each quarter, each Scrutiny Board twice a year, the
Executive Board's Annual Performance Report in July) receive a cycle's results.

Dates are checked against a sensible window so a mistyped year is caught before anyone is
reminded about it. Every write is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from quarterly.collection.cycles.models import Meeting, ReportingCycle
from quarterly.core.audit import audit_diff, audit_record, audit_record_many, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, financial_year_label
from quarterly.organisation.models import Committee, Organisation

FIRST_YEAR = 2000
LAST_YEAR = 2099

# The sensible window (see `cycle_problems` and `meeting_problems`).
DEADLINE_WITHIN_DAYS = 183  # a submission deadline falls within six months of the quarter's end
CHECK_WITHIN_DAYS = 56  # the directorate check falls within eight weeks of the deadline
MEETING_WITHIN_DAYS = 183  # a meeting falls within six months of the cycle's deadline

# The default timetable (see `timetable_generate`), in days.
DEFAULT_DEADLINE_AFTER_QUARTER = 28
DEFAULT_CHECK_AFTER_DEADLINE = 7
DEFAULT_DMT_AFTER_CHECK = 7
DEFAULT_CLT_AFTER_CHECK = 14
DEFAULT_SCRUTINY_AFTER_CHECK = 28
SCRUTINY_QUARTERS = (2, 4)  # twice a year: the half-year and the year-end results

CYCLE_AUDITED_FIELDS = ("submission_deadline", "directorate_check_date", "status")
MEETING_AUDITED_FIELDS = ("committee", "cycle", "date", "title")


def date_text(day: dt.date) -> str:
    """A date as people write it: 28 July 2025."""
    return f"{day.day} {day:%B %Y}"


def financial_year_check(financial_year: int) -> None:
    if not FIRST_YEAR <= financial_year <= LAST_YEAR:
        raise ValidationError(
            {
                "financial_year": f"The financial year must be between {financial_year_label(FIRST_YEAR)} and {financial_year_label(LAST_YEAR)}."
            }
        )


def cycle_problems(
    *,
    financial_year: int,
    quarter: int,
    submission_deadline: dt.date,
    directorate_check_date: dt.date,
    enforce_window: bool = True,
) -> dict[str, list[str]]:
    """What is wrong with a cycle's dates, keyed by the field a person would correct."""
    period = Period.quarter(financial_year, quarter)
    problems: dict[str, list[str]] = {}
    if submission_deadline <= period.end:
        problems.setdefault("submission_deadline", []).append(
            f"The submission deadline must be after {period.label} ends on {date_text(period.end)}."
        )
    elif enforce_window:
        latest = period.end + dt.timedelta(days=DEADLINE_WITHIN_DAYS)
        if submission_deadline > latest:
            problems.setdefault("submission_deadline", []).append(
                f"The submission deadline must be within six months of the end of {period.label}, "
                f"so no later than {date_text(latest)}."
            )
    if directorate_check_date < submission_deadline:
        problems.setdefault("directorate_check_date", []).append(
            "The directorate check date must be on or after the submission deadline "
            f"({date_text(submission_deadline)})."
        )
    elif enforce_window:
        latest = submission_deadline + dt.timedelta(days=CHECK_WITHIN_DAYS)
        if directorate_check_date > latest:
            problems.setdefault("directorate_check_date", []).append(
                "The directorate check date must be within eight weeks of the submission "
                f"deadline, so no later than {date_text(latest)}."
            )
    return problems


@transaction.atomic
def cycle_save(
    *,
    organisation: Organisation,
    financial_year: int,
    quarter: int,
    submission_deadline: dt.date,
    directorate_check_date: dt.date,
    by: Any,
    enforce_window: bool = True,
    note: str = "",
) -> ReportingCycle:
    """Set a quarter's deadline and check date, creating its cycle if there is none yet.

    `enforce_window=False` lifts the six-month window: only the demo does that, because it
    moves an old quarter's deadline to the day it is loaded.
    """
    financial_year_check(financial_year)
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": "The quarter must be 1, 2, 3 or 4."})
    problems = cycle_problems(
        financial_year=financial_year,
        quarter=quarter,
        submission_deadline=submission_deadline,
        directorate_check_date=directorate_check_date,
        enforce_window=enforce_window,
    )
    if problems:
        raise ValidationError(problems)
    cycle = (
        ReportingCycle.objects.select_for_update()
        .filter(organisation=organisation, financial_year=financial_year, quarter=quarter)
        .first()
    )
    creating = cycle is None
    if cycle is None:
        cycle = ReportingCycle(
            organisation=organisation, financial_year=financial_year, quarter=quarter
        )
    before = {} if creating else audit_snapshot(cycle, CYCLE_AUDITED_FIELDS)
    cycle.submission_deadline = submission_deadline
    cycle.directorate_check_date = directorate_check_date
    changes = audit_diff(before, audit_snapshot(cycle, CYCLE_AUDITED_FIELDS))
    if not creating and not changes:
        return cycle
    cycle.full_clean()
    cycle.save()
    audit_record(
        actor=by,
        target=cycle,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=changes,
        note=note or "Reporting timetable",
    )
    return cycle


def _cycle_transition(
    cycle: ReportingCycle, *, to: str, allowed_from: set[str], by: Any, note: str
) -> ReportingCycle:
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status not in allowed_from:
        raise ValidationError(
            f"{locked.period.label} is {locked.get_status_display().lower()}, so it cannot be "
            f"{'opened' if to == ReportingCycle.Status.OPEN else 'closed'}."
        )
    before = audit_snapshot(locked, CYCLE_AUDITED_FIELDS)
    locked.status = to
    locked.full_clean()
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        target=locked,
        action=AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(locked, CYCLE_AUDITED_FIELDS)),
        note=note,
    )
    return locked


@transaction.atomic
def cycle_open(*, cycle: ReportingCycle, by: Any) -> ReportingCycle:
    """Open a planned cycle for submissions, or reopen a closed one. Reminders follow open cycles."""
    return _cycle_transition(
        cycle,
        to=ReportingCycle.Status.OPEN,
        allowed_from={ReportingCycle.Status.PLANNED, ReportingCycle.Status.CLOSED},
        by=by,
        note="Opened for submissions",
    )


@transaction.atomic
def cycle_close(*, cycle: ReportingCycle, by: Any) -> ReportingCycle:
    """Close a cycle: no more reminders. A planned cycle may be closed without opening it."""
    return _cycle_transition(
        cycle,
        to=ReportingCycle.Status.CLOSED,
        allowed_from={ReportingCycle.Status.PLANNED, ReportingCycle.Status.OPEN},
        by=by,
        note="Closed",
    )


def meeting_problems(
    *,
    organisation: Organisation,
    committee: Committee,
    cycle: ReportingCycle | None,
    date: dt.date,
    title: str,
    enforce_window: bool = True,
) -> dict[str, list[str]]:
    """What is wrong with a meeting, keyed by the field a person would correct."""
    problems: dict[str, list[str]] = {}
    if committee.organisation_id != organisation.pk:
        problems["committee"] = ["Choose one of the council's committees."]
    if cycle is not None and cycle.organisation_id != organisation.pk:
        problems["cycle"] = ["Choose one of the council's reporting cycles."]
    if not title.strip():
        problems["title"] = [
            "Enter a title for the meeting, for example Quarter 2 performance report."
        ]
    if cycle is not None and "cycle" not in problems:
        quarter_end = cycle.period.end
        latest = cycle.submission_deadline + dt.timedelta(days=MEETING_WITHIN_DAYS)
        if date <= quarter_end:
            problems["date"] = [
                f"A meeting that receives {cycle.period.label} results must be after the quarter "
                f"ends on {date_text(quarter_end)}."
            ]
        elif enforce_window and date > latest:
            problems["date"] = [
                f"A meeting that receives {cycle.period.label} results must be within six months "
                f"of its submission deadline, so no later than {date_text(latest)}."
            ]
    elif not dt.date(FIRST_YEAR, 4, 1) <= date <= dt.date(LAST_YEAR + 1, 3, 31):
        problems["date"] = [
            f"The date must be between 1 April {FIRST_YEAR} and 31 March {LAST_YEAR + 1}."
        ]
    return problems


@transaction.atomic
def meeting_save(
    *,
    organisation: Organisation,
    committee: Committee,
    cycle: ReportingCycle | None,
    date: dt.date,
    title: str,
    by: Any,
    meeting: Meeting | None = None,
    enforce_window: bool = True,
) -> Meeting:
    """Add a meeting to the timetable, or change one already there."""
    problems = meeting_problems(
        organisation=organisation,
        committee=committee,
        cycle=cycle,
        date=date,
        title=title,
        enforce_window=enforce_window,
    )
    if problems:
        raise ValidationError(problems)
    creating = meeting is None
    if meeting is None:
        meeting = Meeting(organisation=organisation)
    elif meeting.organisation_id != organisation.pk:
        raise ValidationError("This meeting belongs to another council.")
    before = {} if creating else audit_snapshot(meeting, MEETING_AUDITED_FIELDS)
    meeting.committee = committee
    meeting.cycle = cycle
    meeting.date = date
    meeting.title = title.strip()
    changes = audit_diff(before, audit_snapshot(meeting, MEETING_AUDITED_FIELDS))
    if not creating and not changes:
        return meeting
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=by,
        target=meeting,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=changes,
        note="Reporting timetable",
    )
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: Any) -> None:
    """Take a meeting off the timetable, keeping a record of what it was."""
    audit_record(
        actor=by,
        target=meeting,
        action=AuditEntry.Action.DELETE,
        changes={
            name: [value, None]
            for name, value in audit_snapshot(meeting, MEETING_AUDITED_FIELDS).items()
        },
        note="Reporting timetable",
    )
    meeting.delete()


# The default timetable


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def default_cycle_dates(financial_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """A quarter's default deadline (four weeks after it ends) and check date (a week later).

    Both fall on working days: a deadline that lands on a weekend moves back to the Friday.
    """
    quarter_end = Period.quarter(financial_year, quarter).end
    deadline = _weekday_on_or_before(
        quarter_end + dt.timedelta(days=DEFAULT_DEADLINE_AFTER_QUARTER)
    )
    return deadline, _weekday_on_or_after(
        deadline + dt.timedelta(days=DEFAULT_CHECK_AFTER_DEADLINE)
    )


def _annual_report_date(cycle: ReportingCycle) -> dt.date:
    """The third Wednesday of July after the year ends, unless the cycle's check comes later."""
    july = dt.date(cycle.financial_year + 1, 7, 1)
    wednesday = july + dt.timedelta(days=(2 - july.weekday()) % 7 + 14)
    if wednesday <= cycle.directorate_check_date:
        return _weekday_on_or_after(cycle.directorate_check_date + dt.timedelta(days=28))
    return wednesday


def _default_meetings(
    cycle: ReportingCycle, committees: Iterable[Committee]
) -> list[tuple[Committee, dt.date, str]]:
    label = cycle.period.label
    check = cycle.directorate_check_date
    planned: list[tuple[Committee, dt.date, str]] = []
    boards = 0
    for committee in committees:
        if committee.kind == Committee.Kind.DMT:
            day = _weekday_on_or_after(check + dt.timedelta(days=DEFAULT_DMT_AFTER_CHECK))
            planned.append((committee, day, f"{label} performance report"))
        elif committee.kind == Committee.Kind.CLT:
            day = _weekday_on_or_after(check + dt.timedelta(days=DEFAULT_CLT_AFTER_CHECK))
            planned.append((committee, day, f"{label} performance report and CLT scorecard"))
        elif committee.kind == Committee.Kind.SCRUTINY_BOARD and cycle.quarter in SCRUTINY_QUARTERS:
            # Boards meet on successive working days rather than all on one.
            day = _weekday_on_or_after(check + dt.timedelta(days=DEFAULT_SCRUTINY_AFTER_CHECK))
            for _ in range(boards):
                day = _weekday_on_or_after(day + dt.timedelta(days=1))
            boards += 1
            half = "half-year" if cycle.quarter == 2 else "year-end"
            planned.append((committee, day, f"Performance report ({half}, {label})"))
        elif committee.kind == Committee.Kind.EXECUTIVE_BOARD and cycle.quarter == 4:
            year = financial_year_label(cycle.financial_year)
            planned.append(
                (committee, _annual_report_date(cycle), f"Annual Performance Report {year}")
            )
    return planned


@dataclass(frozen=True)
class GeneratedTimetable:
    cycles_created: int
    meetings_created: int

    def __str__(self) -> str:
        if not self.cycles_created and not self.meetings_created:
            return "The timetable already had every cycle and meeting; nothing was added."
        return (
            f"Added {self.cycles_created} cycle{'s' if self.cycles_created != 1 else ''} and "
            f"{self.meetings_created} meeting{'s' if self.meetings_created != 1 else ''}."
        )


@transaction.atomic
def timetable_generate(
    *, organisation: Organisation, financial_year: int, by: Any
) -> GeneratedTimetable:
    """Fill in a sensible default timetable for the year, keeping whatever is already there.

    Missing cycles get the default dates (`default_cycle_dates`). Each cycle then gets a meeting
    of each committee that should receive it, unless that committee already has a meeting for
    the cycle: DMTs and CLT every quarter, Scrutiny Boards at the half-year and year-end, and
    the Executive Board's Annual Performance Report in July after the year ends. Meeting dates
    follow each cycle's own check date, so a moved deadline moves the meetings planned after it.
    Running it again adds nothing.
    """
    financial_year_check(financial_year)
    existing = {
        c.quarter: c
        for c in ReportingCycle.objects.select_for_update().filter(
            organisation=organisation, financial_year=financial_year
        )
    }
    new_cycles = []
    for quarter in range(1, 5):
        if quarter in existing:
            continue
        deadline, check = default_cycle_dates(financial_year, quarter)
        cycle = ReportingCycle(
            organisation=organisation,
            financial_year=financial_year,
            quarter=quarter,
            submission_deadline=deadline,
            directorate_check_date=check,
        )
        cycle.full_clean()
        cycle.save()
        existing[quarter] = cycle
        new_cycles.append(cycle)
    committees = list(Committee.objects.filter(organisation=organisation).order_by("kind", "name"))
    have = set(
        Meeting.objects.filter(cycle__in=existing.values()).values_list("cycle_id", "committee_id")
    )
    new_meetings = [
        Meeting(organisation=organisation, cycle=cycle, committee=committee, date=day, title=title)
        for cycle in (existing[q] for q in range(1, 5))
        for committee, day, title in _default_meetings(cycle, committees)
        if (cycle.pk, committee.pk) not in have
    ]
    for meeting in new_meetings:
        meeting.full_clean()
        meeting.save()
    audit_record_many(
        actor=by,
        entries=[
            (c, AuditEntry.Action.CREATE, audit_diff({}, audit_snapshot(c, CYCLE_AUDITED_FIELDS)))
            for c in new_cycles
        ]
        + [
            (m, AuditEntry.Action.CREATE, audit_diff({}, audit_snapshot(m, MEETING_AUDITED_FIELDS)))
            for m in new_meetings
        ],
        note=f"Default timetable for {financial_year_label(financial_year)}",
    )
    return GeneratedTimetable(len(new_cycles), len(new_meetings))
