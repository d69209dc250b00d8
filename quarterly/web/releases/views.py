"""The release calendar: the expected national releases ahead, and a file to add or move them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.collection.cycles.releases import releases_upcoming
from quarterly.core import clock
from quarterly.exchange.formats.release_calendar import release_calendar_import
from quarterly.exchange.forms import ReleaseCalendarForm
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.access import (
    can_administer_register,
    organisation_for_request,
    require,
)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    form = ReleaseCalendarForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
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
        {"form": form, "problems": problems, "releases": releases},
    )
