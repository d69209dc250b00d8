"""SPC recalculation points on the KPI's page: the performance team accepts or rejects a
suggested one, sets one by hand or removes one. Each form posts here; a form with a problem is
shown again on its own page, with the GOV.UK error summary and everything the person typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.collection.models import RecalculationPoint
from quarterly.collection.results.models import REASON_MAX_LENGTH
from quarterly.collection.results.recalculations import (
    StaleRecalculation,
    recalculation_accept,
    recalculation_add,
    recalculation_periods,
    recalculation_reject,
    recalculation_remove,
)
from quarterly.core.periods import Period
from quarterly.organisation.access import (
    can_decide_recalculations,
    organisation_for_request,
    require,
    sees_unpublished,
)
from quarterly.register.models import KPI
from quarterly.web.kpis.selectors import kpi_get

_REASON_HELP = "The known change in the process, definition or data source, or why not."


class _ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        help_text=_REASON_HELP,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for your decision."},
    )


class RecalculationDecisionForm(_ReasonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("reject", "Reject")], widget=forms.HiddenInput
    )


class RecalculationRemoveForm(_ReasonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RecalculationAddForm(forms.Form):
    period = forms.ChoiceField(
        label="Recalculate the limits from",
        error_messages={"invalid_choice": "Choose one of the KPI's periods."},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="The known change in the process, definition or data source at that period.",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for recalculating the limits."},
    )

    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "Choose a period")] + [
            (str(p), p.label) for p in reversed(periods)
        ]


def recalculation_section(*, user: Any, kpi: KPI) -> dict[str, Any]:
    """What the KPI page shows of its recalculation points, and the forms for those who decide.

    Suggestions and rejections rest on results a member may not yet see, so only officers see
    them; everyone who reads the KPI sees the accepted points, which shape its SPC chart.
    """
    points = sorted(kpi.recalculation_points.all(), key=lambda p: p.period_start, reverse=True)
    if not sees_unpublished(user):
        points = [p for p in points if p.status == RecalculationPoint.Status.ACCEPTED]
    deciding = can_decide_recalculations(user)
    return {
        "recalculation_points": points,
        "can_decide_recalculations": deciding,
        "recalculation_add_form": RecalculationAddForm(periods=recalculation_periods(kpi))
        if deciding
        else None,
    }


def _point(request: HttpRequest, reference: str, pk: int) -> tuple[KPI, RecalculationPoint]:
    require(can_decide_recalculations(request.user))
    organisation = organisation_for_request(request)
    kpi = kpi_get(user=request.user, organisation=organisation, reference=reference)
    point = next((p for p in kpi.recalculation_points.all() if p.pk == pk), None)
    if point is None:
        raise Http404("No recalculation point of this KPI has that number.")
    return kpi, point


def _form_page(
    request: HttpRequest, kpi: KPI, form: forms.Form, *, title: str, point: Any = None,
    action: str, stale: bool = False,
) -> HttpResponse:  # fmt: skip
    context = {
        "kpi": kpi, "form": form, "title": title, "point": point, "action": action, "stale": stale
    }  # fmt: skip
    return render(request, "web/kpis/recalculation_form.html", context)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def recalculation_decide(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Accept or reject a suggested recalculation point, with a reason."""
    kpi, point = _point(request, reference, pk)
    initial = {"version": point.version, "decision": request.GET.get("decision", "accept")}
    form = RecalculationDecisionForm(request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decide = recalculation_accept if data["decision"] == "accept" else recalculation_reject
        try:
            decide(point=point, reason=data["reason"], version=data["version"], by=request.user)
        except StaleRecalculation:
            stale = True
        except ValidationError as error:
            _add_errors(form, error)
        else:
            word = "accepted" if data["decision"] == "accept" else "rejected"
            messages.success(request, f"The recalculation point at {point.period.label} is {word}.")
            return redirect(f"{kpi.get_absolute_url()}#recalculations")
    decision = form["decision"].value()
    title = f"{'Reject' if decision == 'reject' else 'Accept'} the recalculation point at {point.period.label}"
    return _form_page(
        request, kpi, form, title=title, point=point, stale=stale,
        action="Reject" if decision == "reject" else "Accept",
    )  # fmt: skip


@login_required
def recalculation_remove_view(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Remove an accepted recalculation point, with a reason."""
    kpi, point = _point(request, reference, pk)
    form = RecalculationRemoveForm(request.POST or None, initial={"version": point.version})
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            recalculation_remove(
                point=point, reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"], by=request.user,
            )  # fmt: skip
        except StaleRecalculation:
            stale = True
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Limits no longer start again at {point.period.label}.")
            return redirect(f"{kpi.get_absolute_url()}#recalculations")
    title = f"Remove the recalculation point at {point.period.label}"
    return _form_page(request, kpi, form, title=title, point=point, stale=stale, action="Remove")


@login_required
def recalculation_add_view(request: HttpRequest, reference: str) -> HttpResponse:
    """Set a recalculation point by hand, with a reason."""
    require(can_decide_recalculations(request.user))
    organisation = organisation_for_request(request)
    kpi = kpi_get(user=request.user, organisation=organisation, reference=reference)
    form = RecalculationAddForm(request.POST or None, periods=recalculation_periods(kpi))
    if request.method == "POST" and form.is_valid():
        period = Period.parse(form.cleaned_data["period"])
        try:
            recalculation_add(
                kpi=kpi, period=period, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Limits now start again at {period.label}.")
            return redirect(f"{kpi.get_absolute_url()}#recalculations")
    return _form_page(
        request, kpi, form, title="Add a recalculation point", action="Add recalculation point"
    )
