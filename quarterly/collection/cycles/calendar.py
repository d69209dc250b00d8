"""The reporting timetable as an iCalendar file, for Outlook and other calendar programs.

Deadlines, directorate checks and meetings are all-day events. Their UIDs are stable, so
importing or subscribing again updates events rather than duplicating them: cycle events are
named after the council and quarter, meetings after their database id.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from quarterly.collection.cycles.models import Meeting
from quarterly.collection.cycles.selectors import Timetable

PRODUCT_ID = "-//Quarterly//Reporting timetable//EN"


def _event(*, uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy all day
    return event


def meeting_uid(meeting: Meeting, slug: str) -> str:
    return f"meeting-{meeting.pk}@{slug}.quarterly"


def timetable_calendar(timetable: Timetable, *, page_url: str) -> bytes:
    """The year's deadlines, check dates and meetings as an .ics file."""
    slug = timetable.organisation.slug
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname", f"{timetable.organisation.name} reporting timetable {timetable.label}"
    )
    for cycle in timetable.cycles:
        label = cycle.period.label
        key = f"{slug}-{cycle.financial_year}-q{cycle.quarter}"
        calendar.add_component(
            _event(
                uid=f"{key}-deadline@quarterly",
                day=cycle.submission_deadline,
                summary=f"KPI results due: {label}",
                description=f"Submission deadline for {label} results from key contacts.\n{page_url}",
                stamp=cycle.updated_at,
            )
        )
        calendar.add_component(
            _event(
                uid=f"{key}-check@quarterly",
                day=cycle.directorate_check_date,
                summary=f"Directorate check: {label}",
                description=f"Directorate teams finish checking and signing off {label} results.\n{page_url}",
                stamp=cycle.updated_at,
            )
        )
    for meeting in timetable.meetings:
        receives = f"Receives {meeting.cycle.period.label} results.\n" if meeting.cycle else ""
        calendar.add_component(
            _event(
                uid=meeting_uid(meeting, slug),
                day=meeting.date,
                summary=f"{meeting.committee.name}: {meeting.title}",
                description=f"{receives}{page_url}",
                stamp=meeting.updated_at,
            )
        )
    return calendar.to_ical()
