"""Comparator groups: the groups of areas a council's results are compared within, and a file
for the performance team to add or change the council's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.core import clock
from quarterly.exchange.formats.comparator_groups import comparator_groups_import
from quarterly.exchange.formats.national_imports import NATIONAL_IMPORTS
from quarterly.exchange.forms import ComparatorGroupsForm, NationalValuesForm
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.access import (
    can_read_comparator_groups,
    can_upload_comparator_groups,
    can_upload_national_values,
    organisation_for_request,
    require,
)
from quarterly.places.selectors import area_for_organisation, groups_with_members


@login_required
def groups(request: HttpRequest) -> HttpResponse:
    require(can_read_comparator_groups(request.user))
    organisation = organisation_for_request(request)
    return render(
        request,
        "places/groups.html",
        {
            "groups": groups_with_members(organisation, clock.today()),
            "area": area_for_organisation(organisation),
            "can_upload": can_upload_comparator_groups(request.user),
        },
    )


@login_required
def groups_upload(request: HttpRequest) -> HttpResponse:
    require(can_upload_comparator_groups(request.user))
    organisation = organisation_for_request(request)
    posted = request.method == "POST"
    form = ComparatorGroupsForm(request.POST if posted else None, request.FILES if posted else None)
    problems = []
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = comparator_groups_import(
                organisation=organisation, name=upload.name, content=upload.read(),
                today=clock.today(), by=request.user,
            )  # fmt: skip
        except WorkbookRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, str(saved))
            return redirect("places:groups")
    return render(request, "places/groups_upload.html", {"form": form, "problems": problems})


@login_required
def national_upload(request: HttpRequest) -> HttpResponse:
    require(can_upload_national_values(request.user))
    posted = request.method == "POST"
    form = NationalValuesForm(request.POST if posted else None, request.FILES if posted else None)
    problems = []
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = NATIONAL_IMPORTS[form.cleaned_data["format"]](
                name=upload.name, content=upload.file, by=request.user
            )
        except WorkbookRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, str(saved))
            return redirect("places:national-upload")
    return render(request, "places/national_upload.html", {"form": form, "problems": problems})
