"""The performance team creates a KPI and edits its supporting information, on GOV.UK pages.

Saving goes through `register.services.kpi_save`, which validates, audits and refuses an edit of
a KPI someone else has saved since the page was opened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.core.records import StaleRecord
from quarterly.organisation.access import (
    can_administer_register,
    organisation_for_request,
    require,
)
from quarterly.register.kpi_form import KPIForm, kpi_initial
from quarterly.register.models import KPI, AssuranceType, Measures
from quarterly.register.rules import RegisterNames
from quarterly.register.services import kpi_save, kpi_version


@login_required
def kpi_create(request: HttpRequest) -> HttpResponse:
    """A new KPI starts in development (see `register.services.KPI_STATUS_MOVES`)."""
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    kpi = KPI(organisation=organisation, status=KPI.Status.DEVELOPMENT)
    initial = {"decimal_places": 1, "measures": Measures.COUNCIL,
               "assurance_type": AssuranceType.LOCAL_DATA}  # fmt: skip
    return _kpi_form(request, kpi, initial)


@login_required
def kpi_edit(request: HttpRequest, reference: str) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    kpi = (
        KPI.objects.filter(organisation=organisation, reference=reference)
        .select_related("directorate", "service", "scrutiny_board", "accountable_officer")
        .first()
    )
    if kpi is None:
        raise Http404("No KPI has that reference.")
    return _kpi_form(request, kpi, kpi_initial(kpi, kpi_version(kpi)))


def _kpi_form(request: HttpRequest, kpi: KPI, initial: dict[str, object]) -> HttpResponse:
    creating = kpi.pk is None
    names = RegisterNames(kpi.organisation)
    form = KPIForm(request.POST or None, initial=initial, names=names, kpi=kpi)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = kpi_save(
                kpi=kpi, fields=form.kpi_fields(), pillars=form.records["pillars"],
                priorities=form.records["priorities"], key_contacts=form.records["key_contacts"],
                comparator_groups=form.records["comparator_groups"],
                by=request.user, version=None if creating else form.cleaned_data["version"],
                note="Added in the register" if creating else "",
            )  # fmt: skip
        except StaleRecord:
            stale = True
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            done = "added, in development" if creating else "saved"
            messages.success(request, f"{saved.reference} {saved.title} has been {done}.")
            return redirect(saved)
    return render(
        request,
        "web/kpis/kpi_form.html",
        {"form": form, "kpi": kpi, "creating": creating, "stale": stale,
         "stale_message": StaleRecord.message},
    )  # fmt: skip
