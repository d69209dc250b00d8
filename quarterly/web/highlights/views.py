"""Highlight items: the performance team picks them; key contacts write their commentary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quarterly.benchmarking.selectors import england_values
from quarterly.benchmarking.standing import standings
from quarterly.collection.cycles.due import cycle_current
from quarterly.collection.highlights.forms import HighlightCommentaryForm
from quarterly.collection.highlights.selectors import (
    highlight_get_for_user,
    highlight_list_for_cycle,
    highlights_for_commentary,
)
from quarterly.collection.highlights.services import (
    CommentaryRequest,
    highlight_commentary_submit,
    highlight_confirm,
    highlight_dismiss,
    highlight_request_commentary,
    highlights_propose,
    highlights_request_commentary,
)
from quarterly.organisation.access import (
    can_enter_some_results,
    can_manage_highlights,
    organisation_for_request,
    require,
)


def _index_url(anchor: str = "") -> str:
    return reverse("highlights:index") + (f"#{anchor}" if anchor else "")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The performance team's highlight items for the current cycle."""
    require(can_manage_highlights(request.user))
    cycle = cycle_current(organisation_for_request(request))
    listing = highlight_list_for_cycle(user=request.user, cycle=cycle) if cycle else None
    return render(request, "highlights/index.html", {"cycle": cycle, "listing": listing})


@login_required
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    require(can_manage_highlights(request.user))
    cycle = cycle_current(organisation_for_request(request))
    if cycle is None:
        messages.error(request, "There is no current reporting cycle to propose items for.")
    else:
        messages.success(
            request,
            str(
                highlights_propose(
                    cycle=cycle, by=request.user, england_values=england_values, standings=standings
                )
            ),
        )
    return redirect(_index_url())


def _decide(
    request: HttpRequest, pk: int, action: Callable[..., Any], done: str, anchor: str
) -> HttpResponse:
    item = highlight_get_for_user(
        user=request.user, organisation=organisation_for_request(request), pk=pk, action="decide"
    )
    try:
        action(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{item.kpi.reference} {item.kpi.title} {done}.")
    return redirect(_index_url(anchor))


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, highlight_confirm, "is now a highlight item", "confirmed")


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, highlight_dismiss, "has been dismissed", "dismissed")


def _requested(request: HttpRequest, done: CommentaryRequest) -> None:
    if done.requested:
        items = len(done.requested)
        people = len(done.emailed)
        messages.success(
            request,
            f"Commentary requested for {items} highlight item{'s' if items != 1 else ''} from "
            f"{people} key contact{'s' if people != 1 else ''}.",
        )
    if done.skipped:
        messages.error(request, "Not requested: " + " ".join(done.skipped))


@login_required
@require_POST
def request_commentary(request: HttpRequest, pk: int) -> HttpResponse:
    item = highlight_get_for_user(
        user=request.user, organisation=organisation_for_request(request), pk=pk, action="decide"
    )
    try:
        done = highlight_request_commentary(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _requested(request, done)
    return redirect(_index_url("confirmed"))


@login_required
@require_POST
def request_all(request: HttpRequest) -> HttpResponse:
    """Ask for the commentary on every confirmed item not yet asked for: one email a person."""
    require(can_manage_highlights(request.user))
    cycle = cycle_current(organisation_for_request(request))
    listing = highlight_list_for_cycle(user=request.user, cycle=cycle) if cycle else None
    if listing is None or not listing.awaiting_request:
        messages.error(request, "Every confirmed highlight item's commentary has been requested.")
    else:
        _requested(
            request,
            highlights_request_commentary(items=listing.awaiting_request, by=request.user),
        )
    return redirect(_index_url("confirmed"))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A key contact's highlight items for the current cycle, and their commentary."""
    require(can_enter_some_results(request.user))
    cycle = cycle_current(organisation_for_request(request))
    items = highlights_for_commentary(user=request.user, cycle=cycle) if cycle else []
    return render(request, "highlights/mine.html", {"cycle": cycle, "items": items})


@login_required
def commentary(request: HttpRequest, pk: int) -> HttpResponse:
    item = highlight_get_for_user(
        user=request.user, organisation=organisation_for_request(request), pk=pk, action="comment"
    )
    form = HighlightCommentaryForm(
        request.POST or None,
        initial={
            "reasons_for_result": item.reasons_for_result,
            "actions_being_taken": item.actions_being_taken,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            highlight_commentary_submit(
                item=item,
                reasons_for_result=form.cleaned_data["reasons_for_result"],
                actions_being_taken=form.cleaned_data["actions_being_taken"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request, f"Your commentary on {item.kpi.reference} {item.kpi.title} has been sent."
            )
            return redirect("highlights:mine")
    return render(request, "highlights/commentary.html", {"item": item, "form": form})
