from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quarterly.collection.cycles.models import Meeting, ReportingCycle
from quarterly.collection.cycles.services import (
    cycle_open,
    cycle_save,
    meeting_save,
    timetable_generate,
)
from quarterly.core.models import AuditEntry
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    OrganisationFactory,
)
from quarterly.organisation.models import Committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def committees(organisation: Any) -> dict[str, Committee]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    kind = Committee.Kind
    return {
        "clt": CommitteeFactory(organisation=organisation, name="Corporate Leadership Team", kind=kind.CLT),
        "executive": CommitteeFactory(organisation=organisation, name="Executive Board", kind=kind.EXECUTIVE_BOARD),
        "dmt_adults": CommitteeFactory(organisation=organisation, name="Adults and Health DMT", kind=kind.DMT, directorate=adults),
        "dmt_resources": CommitteeFactory(organisation=organisation, name="Resources DMT", kind=kind.DMT, directorate=resources),
        "scrutiny_health": CommitteeFactory(organisation=organisation, name="Scrutiny Board (Health)", kind=kind.SCRUTINY_BOARD),
        "scrutiny_resources": CommitteeFactory(organisation=organisation, name="Scrutiny Board (Resources)", kind=kind.SCRUTINY_BOARD),
        "audit": CommitteeFactory(organisation=organisation, name="Governance and Audit", kind=kind.GOVERNANCE_AUDIT),
    }  # fmt: skip


@pytest.fixture
def year_2025(organisation: Any, committees: dict[str, Committee], people: dict[str, Any]) -> Any:
    timetable_generate(organisation=organisation, financial_year=2025, by=people["performance"])
    return organisation


def test_generate_makes_a_sensible_default_year_and_a_second_run_adds_nothing(
    organisation: Any, committees: dict[str, Committee], people: dict[str, Any]
) -> None:
    # given a council with CLT, two DMTs, two Scrutiny Boards and an Executive Board
    # when
    first = timetable_generate(
        organisation=organisation, financial_year=2025, by=people["performance"]
    )
    second = timetable_generate(
        organisation=organisation, financial_year=2025, by=people["performance"]
    )
    # then four cycles, deadlines about four weeks after each quarter, checks a week later
    cycles = list(ReportingCycle.objects.filter(organisation=organisation).order_by("quarter"))
    assert [(c.submission_deadline, c.directorate_check_date) for c in cycles] == [
        (dt.date(2025, 7, 28), dt.date(2025, 8, 4)),
        (dt.date(2025, 10, 28), dt.date(2025, 11, 4)),
        (dt.date(2026, 1, 28), dt.date(2026, 2, 4)),
        (dt.date(2026, 4, 28), dt.date(2026, 5, 5)),
    ]
    assert all(c.status == ReportingCycle.Status.PLANNED for c in cycles)
    # DMTs and CLT every quarter; each Scrutiny Board twice; the annual report in July
    by_committee = {
        name: sorted((m.cycle.quarter, m.date) for m in Meeting.objects.filter(committee=committee))
        for name, committee in committees.items()
    }
    assert [q for q, _ in by_committee["clt"]] == [1, 2, 3, 4]
    assert [q for q, _ in by_committee["dmt_adults"]] == [1, 2, 3, 4]
    assert [q for q, _ in by_committee["scrutiny_health"]] == [2, 4]
    assert [q for q, _ in by_committee["scrutiny_resources"]] == [2, 4]
    assert by_committee["executive"] == [(4, dt.date(2026, 7, 15))]
    assert by_committee["audit"] == []
    assert all(m.date.weekday() < 5 for m in Meeting.objects.all())
    assert (first.cycles_created, first.meetings_created) == (4, 17)
    assert (second.cycles_created, second.meetings_created) == (0, 0)
    assert AuditEntry.objects.filter(note__startswith="Default timetable").count() == 21


def test_generate_keeps_dates_already_set_and_plans_meetings_after_them(
    organisation: Any, committees: dict[str, Committee], people: dict[str, Any]
) -> None:
    # given Q1's deadline set by hand, a fortnight later than the default
    cycle_save(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 8, 11), directorate_check_date=dt.date(2025, 8, 18),
        by=people["performance"],
    )  # fmt: skip
    # when
    timetable_generate(organisation=organisation, financial_year=2025, by=people["performance"])
    # then
    q1 = ReportingCycle.objects.get(organisation=organisation, financial_year=2025, quarter=1)
    assert q1.submission_deadline == dt.date(2025, 8, 11)
    assert Meeting.objects.get(cycle=q1, committee=committees["clt"]).date == dt.date(2025, 9, 1)


@pytest.mark.parametrize(
    ("deadline", "check", "field", "message"),
    [
        (dt.date(2025, 6, 30), dt.date(2025, 7, 7), "submission_deadline", "must be after 2025/26 Q1 ends on 30 June 2025"),
        (dt.date(2026, 7, 28), dt.date(2026, 8, 4), "submission_deadline", "within six months of the end of 2025/26 Q1, so no later than 30 December 2025"),
        (dt.date(2025, 7, 28), dt.date(2025, 7, 21), "directorate_check_date", "must be on or after the submission deadline (28 July 2025)"),
        (dt.date(2025, 7, 28), dt.date(2025, 11, 3), "directorate_check_date", "within eight weeks of the submission deadline"),
    ],
)  # fmt: skip
def test_cycle_dates_outside_a_sensible_window_are_refused(
    organisation: Any,
    people: dict[str, Any],
    deadline: dt.date,
    check: dt.date,
    field: str,
    message: str,
) -> None:
    # given / when
    with pytest.raises(ValidationError) as refused:
        cycle_save(
            organisation=organisation, financial_year=2025, quarter=1,
            submission_deadline=deadline, directorate_check_date=check, by=people["performance"],
        )  # fmt: skip
    # then
    assert message in " ".join(refused.value.message_dict[field])
    assert not ReportingCycle.objects.exists()


def test_a_meeting_before_its_quarter_ends_is_refused(
    year_2025: Any, committees: dict[str, Committee], people: dict[str, Any]
) -> None:
    # given
    q2 = ReportingCycle.objects.get(financial_year=2025, quarter=2)
    # when / then
    with pytest.raises(ValidationError) as refused:
        meeting_save(
            organisation=year_2025, committee=committees["clt"], cycle=q2,
            date=dt.date(2025, 9, 1), title="Q2 report", by=people["performance"],
        )  # fmt: skip
    assert "must be after the quarter ends on 30 September 2025" in str(refused.value)


def test_everyone_signed_in_sees_the_year_with_periods_deadlines_and_meetings(
    client: Any, year_2025: Any, people: dict[str, Any]
) -> None:
    # given a quarterly, a monthly and an annual KPI
    for frequency in ("quarterly", "monthly", "annual"):
        KPIFactory(organisation=year_2025, frequency=frequency)
    client.force_login(people["councillor"])
    # when
    response = client.get(reverse("timetable:year", args=[2025]))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reporting timetable 2025/26" in html
    assert "Monday 28 July 2025" in html and "Monday 4 August 2025" in html
    assert "Quarterly KPIs (1): 2025/26 Q1" in html
    assert "Monthly KPIs (1): April 2025, May 2025, June 2025" in html
    assert "Annual KPIs (1): 2025/26" in html  # in the year-end (Q4) cycle only
    assert html.count("Annual KPIs") == 1
    assert "Annual Performance Report 2025/26" in html and "Wed 15 Jul 2026" in html
    assert reverse("timetable:year", args=[2024]) in html  # year navigation
    assert reverse("timetable:year", args=[2026]) in html
    assert reverse("timetable:calendar", args=[2025]) in html
    assert reverse("timetable:cycle-edit", args=[2025, 1]) not in html  # read only


def test_the_timetable_page_query_count_does_not_grow_with_meetings(
    performance_client: Any,
    year_2025: Any,
    committees: dict[str, Committee],
    people: dict[str, Any],
) -> None:
    # given
    url = reverse("timetable:year", args=[2025])
    with CaptureQueriesContext(connection) as before:
        performance_client.get(url)
    q1 = ReportingCycle.objects.get(financial_year=2025, quarter=1)
    for day in range(10):
        meeting_save(
            organisation=year_2025, committee=committees["audit"], cycle=q1,
            date=dt.date(2025, 9, 1 + day), title=f"Extra {day}", by=people["performance"],
        )  # fmt: skip
    # when
    with CaptureQueriesContext(connection) as after:
        response = performance_client.get(url)
    # then
    assert response.content.decode().count("Extra ") >= 10
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_timetable_starts_at_the_current_cycle_and_needs_a_sign_in(
    client: Any, year_2025: Any, people: dict[str, Any]
) -> None:
    # given
    cycle_open(cycle=ReportingCycle.objects.get(financial_year=2025, quarter=2), by=None)
    # when
    anonymous = client.get(reverse("timetable:index"))
    client.force_login(people["key_contact"])
    signed_in = client.get(reverse("timetable:index"))
    # then
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert signed_in.url == reverse("timetable:year", args=[2025])


@pytest.mark.parametrize("who", ["directorate", "key_contact", "officer", "clt", "councillor"])
def test_only_the_performance_team_may_change_the_timetable(
    client: Any, year_2025: Any, committees: dict[str, Committee], people: dict[str, Any], who: str
) -> None:
    # given
    meeting = Meeting.objects.filter(organisation=year_2025).first()
    client.force_login(people[who])
    # when
    responses = [
        client.get(reverse("timetable:cycle-edit", args=[2025, 1])),
        client.post(reverse("timetable:cycle-edit", args=[2025, 1]), {"submission_deadline": "1 8 2025", "directorate_check_date": "8 8 2025"}),
        client.post(reverse("timetable:cycle-open", args=[2025, 1])),
        client.post(reverse("timetable:cycle-close", args=[2025, 1])),
        client.post(reverse("timetable:generate", args=[2026])),
        client.get(reverse("timetable:meeting-add", args=[2025])),
        client.get(reverse("timetable:meeting-edit", args=[meeting.pk])),
        client.post(reverse("timetable:meeting-delete", args=[meeting.pk])),
    ]  # fmt: skip
    # then
    assert [r.status_code for r in responses] == [404] * len(responses)
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert ReportingCycle.objects.get(financial_year=2025, quarter=1).status == "planned"


def test_another_councils_meeting_is_not_found(
    performance_client: Any, committees: dict[str, Committee], people: dict[str, Any]
) -> None:
    # given
    other = OrganisationFactory(name="Bradford Council", slug="bradford")
    timetable_generate(organisation=other, financial_year=2025, by=None)
    board = CommitteeFactory(organisation=other, name="Bradford CLT", kind=Committee.Kind.CLT)
    meeting = meeting_save(
        organisation=other, committee=board, cycle=other.cycles.get(quarter=1),
        date=dt.date(2025, 8, 20), title="Q1", by=None,
    )  # fmt: skip
    # when
    response = performance_client.get(reverse("timetable:meeting-edit", args=[meeting.pk]))
    # then
    assert response.status_code == 404


def test_the_cycle_form_shows_each_error_and_saves_nothing(
    performance_client: Any, year_2025: Any
) -> None:
    # given
    url = reverse("timetable:cycle-edit", args=[2025, 1])
    # when
    not_a_date = performance_client.post(
        url, {"submission_deadline": "31 2 2025", "directorate_check_date": "next week"}
    )
    wrong_order = performance_client.post(
        url, {"submission_deadline": "28 7 2025", "directorate_check_date": "21/07/2025"}
    )
    # then
    html = not_a_date.content.decode()
    assert "There is a problem" in html
    assert "The submission deadline must be a real date." in html
    assert "Enter the directorate check date as a date, for example 24 10 2025." in html
    assert 'href="#id_submission_deadline"' in html
    assert not_a_date.context["form"].errors
    html = wrong_order.content.decode()
    assert "<title>Error: Dates for 2025/26 Q1" in html
    assert (
        "The directorate check date must be on or after the submission deadline (28 July 2025)."
        in html
    )
    assert 'value="21/07/2025"' in html  # what was typed is kept
    assert ReportingCycle.objects.get(
        financial_year=2025, quarter=1
    ).submission_deadline == dt.date(2025, 7, 28)


def test_the_performance_team_changes_a_cycles_dates_and_state(
    performance_client: Any, year_2025: Any
) -> None:
    # given
    form = performance_client.get(reverse("timetable:cycle-edit", args=[2025, 1]))
    assert 'value="28 7 2025"' in form.content.decode()
    # when
    saved = performance_client.post(
        reverse("timetable:cycle-edit", args=[2025, 1]),
        {"submission_deadline": "1 August 2025", "directorate_check_date": "2025-08-08"},
    )
    opened = performance_client.post(reverse("timetable:cycle-open", args=[2025, 1]), follow=True)
    # then
    cycle = ReportingCycle.objects.get(financial_year=2025, quarter=1)
    assert saved.status_code == 302
    assert (cycle.submission_deadline, cycle.directorate_check_date) == (
        dt.date(2025, 8, 1),
        dt.date(2025, 8, 8),
    )
    assert cycle.status == ReportingCycle.Status.OPEN
    assert "2025/26 Q1 has been opened for submissions." in opened.content.decode()
    entry = AuditEntry.objects.filter(target_id=cycle.pk, note="Reporting timetable").get()
    assert entry.changes["submission_deadline"] == ["2025-07-28", "2025-08-01"]


def test_the_performance_team_creates_a_years_timetable_from_the_page(
    performance_client: Any, committees: dict[str, Committee]
) -> None:
    # given
    page = performance_client.get(reverse("timetable:year", args=[2026])).content.decode()
    assert "No timetable has been set for 2026/27 yet." in page
    # when
    response = performance_client.post(reverse("timetable:generate", args=[2026]), follow=True)
    # then
    assert "Added 4 cycles and 17 meetings." in response.content.decode()
    assert ReportingCycle.objects.filter(financial_year=2026).count() == 4


def test_meetings_are_added_changed_and_deleted(
    performance_client: Any, year_2025: Any, committees: dict[str, Committee]
) -> None:
    # given
    q2 = ReportingCycle.objects.get(financial_year=2025, quarter=2)
    add_url = reverse("timetable:meeting-add", args=[2025])
    # when a meeting with problems, then a good one
    refused = performance_client.post(
        add_url,
        {"committee": committees["audit"].pk, "cycle": q2.pk, "date": "1 9 2025", "title": ""},
    )
    added = performance_client.post(
        add_url,
        {
            "committee": committees["audit"].pk,
            "cycle": q2.pk,
            "date": "12 11 2025",
            "title": "Half-year assurance",
        },
    )
    meeting = Meeting.objects.get(title="Half-year assurance")
    changed = performance_client.post(
        reverse("timetable:meeting-edit", args=[meeting.pk]),
        {
            "committee": committees["audit"].pk,
            "cycle": "",
            "date": "13 11 2025",
            "title": "Assurance report",
        },
    )
    confirm = performance_client.get(reverse("timetable:meeting-delete", args=[meeting.pk]))
    deleted = performance_client.post(reverse("timetable:meeting-delete", args=[meeting.pk]))
    # then
    html = refused.content.decode()
    assert "Enter a title for the meeting, for example Quarter 2 performance report." in html
    assert added.status_code == changed.status_code == deleted.status_code == 302
    assert "Are you sure you want to delete this meeting?" in confirm.content.decode()
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    actions = list(
        AuditEntry.objects.filter(target_id=meeting.pk, note="Reporting timetable")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]


def test_a_meetings_date_is_checked_against_its_quarter(
    performance_client: Any, year_2025: Any, committees: dict[str, Committee]
) -> None:
    # given
    q2 = ReportingCycle.objects.get(financial_year=2025, quarter=2)
    # when
    response = performance_client.post(
        reverse("timetable:meeting-add", args=[2025]),
        {
            "committee": committees["audit"].pk,
            "cycle": q2.pk,
            "date": "1 9 2025",
            "title": "Too early",
        },
    )
    unlinked = performance_client.post(
        reverse("timetable:meeting-add", args=[2025]),
        {
            "committee": committees["audit"].pk,
            "cycle": "",
            "date": "1 9 2027",
            "title": "Another year",
        },
    )
    # then
    assert "must be after the quarter ends on 30 September 2025" in response.content.decode()
    assert "must fall within 2025/26 (1 April 2025 to 31 March 2026)" in unlinked.content.decode()
    assert not Meeting.objects.filter(title__in=["Too early", "Another year"]).exists()


def test_the_calendar_download_parses_and_has_every_event_with_stable_ids(
    client: Any, year_2025: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["officer"])
    url = reverse("timetable:calendar", args=[2025])
    # when
    first = client.get(url)
    second = client.get(url)
    # then
    assert first["Content-Type"].startswith("text/calendar")
    assert 'filename="timetable-leeds-2025-26.ics"' in first["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(first.content)
    events = list(calendar.walk("VEVENT"))
    meetings = Meeting.objects.filter(organisation=year_2025).count()
    assert len(events) == 4 * 2 + meetings
    summaries = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert summaries["KPI results due: 2025/26 Q1"] == dt.date(2025, 7, 28)
    assert summaries["Directorate check: 2025/26 Q1"] == dt.date(2025, 8, 4)
    assert summaries["Executive Board: Annual Performance Report 2025/26"] == dt.date(2026, 7, 15)
    for event in events:  # all-day events, one day long
        assert type(event.decoded("dtstart")) is dt.date
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(days=1)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert "leeds-2025-q1-deadline@quarterly" in uids
    again = [str(e["uid"]) for e in icalendar.Calendar.from_ical(second.content).walk("VEVENT")]
    assert again == uids
