"""A Scrutiny Board's information requests: ask (the board's page), list and answer.

Views only parse input, call a selector or a service, and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.collection.information.forms import InformationAnswerForm, InformationRequestForm
from quarterly.collection.information.selectors import (
    information_request_get_for_user,
    information_requests_of_board,
    information_requests_to_answer,
)
from quarterly.collection.information.services import (
    StaleAnswer,
    information_request_answer,
    information_request_create,
)
from quarterly.organisation.access import (
    can_request_information,
    organisation_for_request,
    require,
)
from quarterly.organisation.models import Committee
from quarterly.register.models import KPI
from quarterly.register.selectors import kpis_in_remit


def _errors_onto(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def request_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A board's requests, and the form to make another."""
    organisation = organisation_for_request(request)
    committee = organisation.committees.filter(slug=slug).first()
    require(committee is not None and can_request_information(request.user, committee))
    assert isinstance(committee, Committee)
    kpis = kpis_in_remit(committee).filter(status=KPI.Status.ACTIVE).order_by("reference")
    form = InformationRequestForm(request.POST or None, kpis=kpis)
    if request.method == "POST" and form.is_valid():
        try:
            made = information_request_create(
                committee=committee, kpi=form.cleaned_data["kpi"],
                question=form.cleaned_data["question"], due_date=form.cleaned_data["due_date"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(
                request, f"The request has been sent to {made.owner}, to answer by "
                f"{made.due_date:%-d %B %Y}.",
            )  # fmt: skip
            return redirect("information:new", slug=committee.slug)
    return render(
        request,
        "information/request_new.html",
        {
            "committee": committee,
            "form": form,
            "requests": information_requests_of_board(committee=committee),
        },
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The requests the person is asked to answer (the performance team: every one open)."""
    requests = information_requests_to_answer(
        user=request.user, organisation=organisation_for_request(request)
    )
    return render(request, "information/mine.html", {"requests": requests})


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = information_request_get_for_user(
        user=request.user, organisation=organisation_for_request(request), pk=pk
    )
    form = InformationAnswerForm(
        request.POST or None, initial={"answer": item.answer, "version": item.version}
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            information_request_answer(
                request=item, answer=form.cleaned_data["answer"],
                version=form.cleaned_data["version"], by=request.user,
            )  # fmt: skip
        except StaleAnswer:
            stale = True
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            messages.success(
                request, f"Your answer has been sent to {item.committee.name} for its next report."
            )
            return redirect("information:mine")
    return render(request, "information/answer.html", {"item": item, "form": form, "stale": stale})
