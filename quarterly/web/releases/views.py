"""The release calendar: the expected national releases ahead, and a file to add or move them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.collection.cycles.forms import ReleaseDateForm
from quarterly.collection.cycles.releases import ReleaseRow, releases_save, releases_upcoming
from quarterly.core import clock
from quarterly.exchange.formats.release_calendar import release_calendar_import
from quarterly.exchange.forms import ReleaseCalendarForm
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.access import (
    can_administer_register,
    organisation_for_request,
    require,
)
from quarterly.register.models import KPI


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    adding = request.method == "POST" and "add" in request.POST
    kpis = list(
        KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE).order_by(
            "reference"
        )
    )
    add_form = ReleaseDateForm(request.POST if adding else None, kpis=kpis)
    form = ReleaseCalendarForm(
        None if adding else request.POST or None, None if adding else request.FILES or None
    )
    problems = []
    if adding and add_form.is_valid():
        data = add_form.cleaned_data
        saved = releases_save(
            rows=[
                ReleaseRow(data["kpi_object"], data["period_object"], data["release_date"],
                           data["source"])
            ],
            by=request.user, note="Release date entered",
        )  # fmt: skip
        messages.success(request, str(saved))
        return redirect("releases:index")
    if request.method == "POST" and not adding and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = release_calendar_import(
                organisation=organisation, name=upload.name, content=upload.read(),
                by=request.user,
            )  # fmt: skip
        except WorkbookRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, str(saved))
            return redirect("releases:index")
    releases = releases_upcoming(organisation=organisation, today=clock.today())
    return render(
        request,
        "releases/index.html",
        {"form": form, "add_form": add_form, "problems": problems, "releases": releases},
    )
