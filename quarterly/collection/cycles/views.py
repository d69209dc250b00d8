"""The reporting timetable: everyone signed in reads it; the performance team maintains it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quarterly.collection.cycles.calendar import timetable_calendar
from quarterly.collection.cycles.forms import CycleForm, MeetingForm, add_service_errors
from quarterly.collection.cycles.selectors import (
    cycle_for_quarter,
    cycle_get,
    financial_year_or_404,
    meeting_financial_year,
    meeting_get,
    timetable_default_year,
    timetable_for_year,
)
from quarterly.collection.cycles.services import (
    cycle_close,
    cycle_open,
    cycle_save,
    meeting_delete,
    meeting_save,
    timetable_generate,
)
from quarterly.core.periods import Period, financial_year_label
from quarterly.organisation.access import (
    can_administer_register,
    organisation_for_request,
    require,
)


def _year_url(financial_year: int) -> str:
    return reverse("timetable:year", args=[financial_year])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for_request(request)
    return redirect(_year_url(timetable_default_year(organisation=organisation)))


@login_required
def year(request: HttpRequest, financial_year: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    timetable = timetable_for_year(organisation=organisation, financial_year=financial_year)
    return render(
        request,
        "timetable/year.html",
        {
            "timetable": timetable,
            "previous_year": financial_year - 1,
            "previous_label": financial_year_label(financial_year - 1),
            "next_year": financial_year + 1,
            "next_label": financial_year_label(financial_year + 1),
            "can_edit": can_administer_register(request.user),
        },
    )


@login_required
def calendar(request: HttpRequest, financial_year: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    timetable = timetable_for_year(organisation=organisation, financial_year=financial_year)
    content = timetable_calendar(
        timetable, page_url=request.build_absolute_uri(_year_url(financial_year))
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    label = financial_year_label(financial_year).replace("/", "-")
    response["Content-Disposition"] = (
        f'attachment; filename="timetable-{organisation.slug}-{label}.ics"'
    )
    return response


@login_required
def cycle_edit(request: HttpRequest, financial_year: int, quarter: int) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    cycle = cycle_for_quarter(
        organisation=organisation, financial_year=financial_year, quarter=quarter
    )
    period = Period.quarter(financial_year, quarter)
    initial = {}
    if cycle is not None:
        initial = {
            "submission_deadline": cycle.submission_deadline,
            "directorate_check_date": cycle.directorate_check_date,
        }
    form = CycleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle_save(
                organisation=organisation,
                financial_year=financial_year,
                quarter=quarter,
                submission_deadline=form.cleaned_data["submission_deadline"],
                directorate_check_date=form.cleaned_data["directorate_check_date"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The dates for {period.label} have been saved.")
            return redirect(_year_url(financial_year) + f"#quarter-{quarter}")
    return render(
        request,
        "timetable/cycle_form.html",
        {"form": form, "cycle": cycle, "period": period, "financial_year": financial_year},
    )


@login_required
@require_POST
def cycle_status(
    request: HttpRequest, financial_year: int, quarter: int, action: str
) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    cycle = cycle_get(organisation=organisation, financial_year=financial_year, quarter=quarter)
    change = cycle_open if action == "open" else cycle_close
    try:
        change(cycle=cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = "opened for submissions" if action == "open" else "closed"
        messages.success(request, f"{cycle.period.label} has been {done}.")
    return redirect(_year_url(financial_year) + f"#quarter-{quarter}")


@login_required
@require_POST
def generate(request: HttpRequest, financial_year: int) -> HttpResponse:
    require(can_administer_register(request.user))
    financial_year_or_404(financial_year)
    organisation = organisation_for_request(request)
    summary = timetable_generate(
        organisation=organisation, financial_year=financial_year, by=request.user
    )
    messages.success(request, str(summary))
    return redirect(_year_url(financial_year))


def _meeting_form(
    request: HttpRequest, *, financial_year: int, meeting_pk: int | None
) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    meeting = None
    initial = {}
    if meeting_pk is not None:
        meeting = meeting_get(organisation=organisation, pk=meeting_pk)
        financial_year = meeting_financial_year(meeting)
        initial = {
            "committee": meeting.committee_id,
            "cycle": meeting.cycle_id,
            "date": meeting.date,
            "title": meeting.title,
        }
    else:
        financial_year_or_404(financial_year)
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        organisation=organisation,
        financial_year=financial_year,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = meeting_save(
                organisation=organisation,
                committee=form.cleaned_data["committee"],
                cycle=form.cleaned_data["cycle"],
                date=form.cleaned_data["date"],
                title=form.cleaned_data["title"],
                by=request.user,
                meeting=meeting,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The meeting “{saved}” has been saved.")
            return redirect(_year_url(meeting_financial_year(saved)))
    return render(
        request,
        "timetable/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "financial_year": financial_year,
            "year_label": financial_year_label(financial_year),
        },
    )


@login_required
def meeting_add(request: HttpRequest, financial_year: int) -> HttpResponse:
    return _meeting_form(request, financial_year=financial_year, meeting_pk=None)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(request, financial_year=0, meeting_pk=pk)


@login_required
def meeting_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    meeting = meeting_get(organisation=organisation, pk=pk)
    financial_year = meeting_financial_year(meeting)
    if request.method == "POST":
        name = str(meeting)
        meeting_delete(meeting=meeting, by=request.user)
        messages.success(request, f"The meeting “{name}” has been deleted.")
        return redirect(_year_url(financial_year))
    return render(
        request,
        "timetable/meeting_delete.html",
        {"meeting": meeting, "financial_year": financial_year},
    )
