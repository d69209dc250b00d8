from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quarterly.collection.cycles.due import DueState, cycle_current, cycle_due_items
from quarterly.collection.results.models import Result
from quarterly.collection.submissions.forms import ResultEntryForm, ReturnForm
from quarterly.collection.submissions.selectors import (
    kpi_for_entry,
    period_from_slug,
    result_get_for_user,
)
from quarterly.collection.submissions.services import (
    OWN_SUBMISSION,
    StaleResult,
    WrongState,
    entry_window,
    period_refusal,
    result_enter,
    result_publish,
    result_return,
    result_sign_off,
    sign_off_refusal,
)
from quarterly.organisation.access import (
    can_administer_register,
    can_publish,
    grants_for,
    kpis_enterable_by,
    kpis_to_sign_off_by,
    organisation_for_request,
)
from quarterly.register.models import KPI
from quarterly.register.presentation import result_value_text


@login_required
def my_kpis(request: HttpRequest) -> HttpResponse:
    """What is due from me, what was returned to me, and what awaits my sign-off."""
    organisation = organisation_for_request(request)
    cycle = cycle_current(organisation)
    mine: list[Any] = []
    to_sign: list[Any] = []
    to_publish: list[Any] = []
    if cycle is not None:
        kpis = KPI.objects.filter(organisation=organisation)
        mine = cycle_due_items(cycle, kpis=kpis_enterable_by(request.user, kpis))
        to_sign = [
            item
            for item in cycle_due_items(cycle, kpis=kpis_to_sign_off_by(request.user, kpis))
            if item.state == DueState.SUBMITTED
        ]
        if can_publish(request.user):
            to_publish = [
                item
                for item in cycle_due_items(cycle, kpis=kpis)
                if item.state == DueState.SIGNED_OFF
            ]
    sections = [
        (
            "returned",
            "Returned to you for correction",
            [i for i in mine if i.state == DueState.RETURNED],
        ),
        ("overdue", "Overdue", [i for i in mine if i.state == DueState.OVERDUE]),
        ("due", "Due", [i for i in mine if i.state in {DueState.DUE, DueState.DRAFT}]),
        (
            "awaiting_release",
            "Awaiting national release",
            [i for i in mine if i.state == DueState.AWAITING_RELEASE],
        ),
        (
            "submitted",
            "Submitted, awaiting sign-off",
            [i for i in mine if i.state == DueState.SUBMITTED],
        ),
        (
            "done",
            "Signed off or published",
            [i for i in mine if i.state in {DueState.SIGNED_OFF, DueState.PUBLISHED}],
        ),
    ]
    return render(
        request,
        "collection/my_kpis.html",
        {
            "cycle": cycle,
            "sections": [s for s in sections if s[2]],
            "has_kpis": bool(mine),
            "to_sign": to_sign,
            # Results awaiting sign-off that this person may not sign off: they submitted them.
            "own_submissions": {
                item.result.pk
                for item in to_sign
                if sign_off_refusal(result=item.result, by=request.user)
            },
            "own_submission_reason": OWN_SUBMISSION,
            "to_publish": to_publish,
            "grants": grants_for(request.user),
        },
    )


@login_required
def result_edit(request: HttpRequest, reference: str, period: str) -> HttpResponse:
    organisation = organisation_for_request(request)
    kpi = kpi_for_entry(user=request.user, organisation=organisation, reference=reference)
    the_period = period_from_slug(period)
    result = Result.objects.filter(
        kpi=kpi, period_kind=the_period.kind.value, period_start=the_period.start
    ).first()
    initial: dict[str, Any] = {"version": result.version if result else None}
    if result is not None:
        initial.update(
            value=result.value.normalize() if result.value is not None else None,
            numerator=result.numerator.normalize() if result.numerator is not None else None,
            denominator=result.denominator.normalize() if result.denominator is not None else None,
            missing_reason=result.missing_reason,
            commentary=result.commentary,
            data_quality_note=result.data_quality_note,
        )
    refusal = period_refusal(kpi=kpi, period=the_period)
    window_open, window_closed_reason = entry_window(kpi=kpi, period=the_period)
    if refusal:
        window_open, window_closed_reason = False, refusal
    correcting = not refusal and not window_open and can_administer_register(request.user)
    form = ResultEntryForm(request.POST or None, initial=initial, correcting=correcting)
    stale = False
    refused = ""
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            result_enter(
                kpi=kpi,
                period=the_period,
                fields=form.values(),
                submit=submit,
                version=form.cleaned_data.get("version"),
                by=request.user,
                correction_reason=form.cleaned_data.get("correction_reason", ""),
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        except StaleResult:
            stale = True
        except WrongState as error:
            refused = str(error)
        else:
            verb = "submitted for sign-off" if submit else "saved as a draft"
            messages.success(request, f"{kpi.reference} {the_period.label} {verb}.")
            return redirect("collection:my-kpis")
    editable = result is None or result.status in {Result.Status.DRAFT, Result.Status.RETURNED}
    return render(
        request,
        "collection/result_edit.html",
        {
            "kpi": kpi,
            "period": the_period,
            "result": result,
            "form": form,
            "stale": stale,
            "refused": refused,
            "editable": editable and (window_open or correcting),
            "window_open": window_open,
            "window_closed_reason": window_closed_reason,
            "correcting": correcting,
            "previous": _previous_results(kpi, the_period),
        },
    )


def _previous_results(kpi: KPI, period: Any) -> list[dict[str, str]]:
    earlier = Result.objects.filter(
        kpi=kpi, period_kind=period.kind.value, period_start__lt=period.start
    ).order_by("-period_start")[:4]
    return [
        {
            "period": r.period.label,
            "value": result_value_text(kpi, r.value, r.missing_reason),
            "status": r.get_status_display(),
        }
        for r in earlier
    ]


@login_required
@require_POST
def result_sign_off_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    result = result_get_for_user(
        user=request.user, organisation=organisation, pk=pk, action="sign_off"
    )
    return _transition(
        request,
        lambda: result_sign_off(result=result, by=request.user, version=_version(request)),
        f"{result} signed off.",
    )


@login_required
@require_POST
def result_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    result = result_get_for_user(
        user=request.user, organisation=organisation, pk=pk, action="publish"
    )
    return _transition(
        request,
        lambda: result_publish(result=result, by=request.user, version=_version(request)),
        f"{result} published.",
    )


@login_required
def result_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    result = result_get_for_user(
        user=request.user, organisation=organisation, pk=pk, action="return"
    )
    form = ReturnForm(request.POST or None, initial={"version": result.version})
    if request.method == "POST" and form.is_valid():
        try:
            result_return(
                result=result,
                reason=form.cleaned_data["reason"],
                by=request.user,
                version=form.cleaned_data.get("version"),
            )
        except (StaleResult, WrongState) as error:
            messages.error(
                request, StaleResult.message if isinstance(error, StaleResult) else str(error)
            )
        else:
            messages.success(request, f"{result} returned to the key contact for correction.")
        return redirect("collection:my-kpis")
    return render(
        request,
        "collection/result_return.html",
        {
            "result": result,
            "form": form,
            "value": result_value_text(result.kpi, result.value, result.missing_reason),
        },
    )


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _transition(request: HttpRequest, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except StaleResult:
        messages.error(request, StaleResult.message)
    except WrongState as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(request.POST.get("next") or reverse("collection:my-kpis"))
