from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.organisation.access import can_administer_register, organisation_for_request, require
from quarterly.organisation.forms import GuidanceForm
from quarterly.organisation.models import ReportingGuidance
from quarterly.organisation.services import StaleGuidance, guidance_save
from quarterly.register.target_agreement import proposals_sent_back_to


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        organisation = organisation_for_request(request)
        context = {
            "kpi_count": organisation.kpis.filter(status="active").count(),
            "directorate_count": organisation.directorates.count(),
            "targets_sent_back": list(
                proposals_sent_back_to(user=request.user, organisation=organisation)
            ),
        }
    return render(request, "web/home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def guidance(request: HttpRequest) -> HttpResponse:
    """How the council reports performance: public, written by the performance team."""
    organisation = organisation_for_request(request)
    page = ReportingGuidance.objects.filter(organisation=organisation).first()
    return render(
        request,
        "web/public/guidance.html",
        {"guidance": page, "can_edit": can_administer_register(request.user)},
    )


@login_required
def guidance_edit(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    page = ReportingGuidance.objects.filter(organisation=organisation).first()
    initial = (
        {"version": page.version, "body": page.body, "contacts": page.contacts} if page else {}
    )
    form = GuidanceForm(request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            guidance_save(
                organisation=organisation, body=form.cleaned_data["body"],
                contacts=form.cleaned_data["contacts"], version=form.cleaned_data["version"],
                by=request.user,
            )  # fmt: skip
        except StaleGuidance:
            stale = True
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "The page has been saved.")
            return redirect("public:guidance")
    return render(request, "web/guidance_edit.html", {"form": form, "stale": stale})
