"""The submission status board, and chasing a key contact from it in one click."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quarterly.collection.cycles.due import cycle_current
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.cycles.selectors import cycle_choices, cycle_get, cycle_key
from quarterly.collection.reminders.services import chase_send
from quarterly.organisation.access import (
    can_administer_register,
    can_watch_some_directorate,
    organisation_for_request,
    require,
)
from quarterly.web.status.board import key_contact_for_chase, status_board
from quarterly.web.status.checklist import cycle_checklist


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """The board for the current cycle, or any other the person picks (`?cycle=2024-3`)."""
    require(can_watch_some_directorate(request.user))
    cycle, picker = _chosen_cycle(request)
    the_board = status_board(user=request.user, cycle=cycle) if cycle else None
    return render(request, "status/board.html", {"cycle": cycle, "board": the_board, **picker})


def _chosen_cycle(request: HttpRequest) -> tuple[ReportingCycle | None, dict[str, Any]]:
    """The cycle asked for (`?cycle=2024-3`) among those that have opened, else the current one,
    with what the page's cycle picker needs."""
    organisation = organisation_for_request(request)
    cycles = cycle_choices(organisation=organisation)
    chosen = request.GET.get("cycle", "")
    cycle = next((c for c in cycles if cycle_key(c) == chosen), None) or cycle_current(organisation)
    return cycle, {
        "choices": [(cycle_key(c), c) for c in cycles],
        "chosen": cycle_key(cycle) if cycle else "",
    }


@login_required
@require_POST
def chase(request: HttpRequest, financial_year: int, quarter: int, person: int) -> HttpResponse:
    require(can_watch_some_directorate(request.user))
    organisation = organisation_for_request(request)
    cycle = cycle_get(organisation=organisation, financial_year=financial_year, quarter=quarter)
    key_contact = key_contact_for_chase(user=request.user, organisation=organisation, pk=person)
    try:
        sent = chase_send(cycle=cycle, person=key_contact, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = sent.item_count
        messages.success(
            request,
            f"{key_contact} has been emailed the {count} {cycle.period.label} "
            f"result{'s' if count != 1 else ''} still awaited from them.",
        )
    return redirect(reverse("status:board"))


@login_required
def checklist(request: HttpRequest) -> HttpResponse:
    """The quarter's checklist for the performance team, for any cycle that has opened."""
    require(can_administer_register(request.user))
    cycle, picker = _chosen_cycle(request)
    steps = cycle_checklist(cycle=cycle, key=picker["chosen"]) if cycle else []
    return render(request, "status/checklist.html", {"cycle": cycle, "steps": steps, **picker})
