"""Committees and what each oversees: the list, and the performance team's remit page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from quarterly.organisation.access import (
    can_edit_remits,
    can_read_committees,
    can_request_information,
    organisation_for_request,
    require,
)
from quarterly.register.forms import RemitForm
from quarterly.register.models import CommitteeRemit
from quarterly.register.selectors import committees_with_remits
from quarterly.register.services import StaleRemit, committee_remit_save


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(can_read_committees(request.user))
    organisation = organisation_for_request(request)
    rows = committees_with_remits(organisation=organisation)
    return render(
        request,
        "web/committees/index.html",
        {
            "rows": rows,
            "can_edit": can_edit_remits(request.user),
            "can_request": {
                row.committee.pk for row in rows
                if can_request_information(request.user, row.committee)
            },
        },
    )  # fmt: skip


@login_required
def remit_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require(can_edit_remits(request.user))
    organisation = organisation_for_request(request)
    committee = get_object_or_404(organisation.committees, slug=slug)
    require(not committee.covers_whole_register)
    remit = CommitteeRemit.objects.filter(committee=committee).first()
    initial = (
        {
            "version": remit.version,
            "pillars": list(remit.pillars.all()),
            "priorities": list(remit.priorities.all()),
            "directorates": list(remit.directorates.all()),
            "kpis": list(remit.kpis.all()),
        }
        if remit
        else {}
    )
    form = RemitForm(request.POST or None, organisation=organisation, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            committee_remit_save(
                committee=committee, pillars=form.cleaned_data["pillars"],
                priorities=form.cleaned_data["priorities"],
                directorates=form.cleaned_data["directorates"], kpis=form.cleaned_data["kpis"],
                version=form.cleaned_data["version"], by=request.user,
            )  # fmt: skip
        except StaleRemit:
            stale = True
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"The remit of {committee.name} has been saved.")
            return redirect("committees:index")
    return render(
        request,
        "web/committees/remit_edit.html",
        {"form": form, "committee": committee, "stale": stale},
    )
