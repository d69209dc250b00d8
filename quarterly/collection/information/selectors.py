"""Reads of information requests: a board's, an owner's, and those for a board's next pack."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from quarterly.collection.information.models import InformationRequest
from quarterly.organisation.access import can_answer_information_request, grants_for
from quarterly.organisation.models import Committee, Organisation


def _related(requests: QuerySet[InformationRequest]) -> QuerySet[InformationRequest]:
    return requests.select_related("committee", "kpi", "owner", "requested_by", "answered_by")


def information_requests_of_board(*, committee: Committee) -> QuerySet[InformationRequest]:
    """Every request a board has made, latest due first."""
    return _related(committee.information_requests.order_by("-due_date", "-pk"))


def information_requests_to_answer(
    *, user: Any, organisation: Organisation
) -> QuerySet[InformationRequest]:
    """Requests whose answer can still change: the person's own, or (performance team) all."""
    requests = InformationRequest.objects.filter(organisation=organisation, reported_at=None)
    if not grants_for(user).performance:
        requests = requests.filter(owner=user)
    return _related(requests.order_by("status", "due_date", "pk"))


def information_requests_for_pack(*, committee: Committee) -> list[InformationRequest]:
    """What a board's next pack says about its requests: the answers not yet carried by a
    published pack, and the questions still awaiting an answer."""
    return list(
        _related(
            committee.information_requests.filter(
                Q(status=InformationRequest.Status.ASKED) | Q(reported_at=None)
            ).order_by("kpi__reference", "due_date", "pk")
        )
    )


def information_request_get_for_user(
    *, user: Any, organisation: Organisation, pk: int
) -> InformationRequest:
    """One request its owner (or the performance team) may answer; 404 otherwise."""
    request = _related(InformationRequest.objects.filter(organisation=organisation, pk=pk)).first()
    if request is None or not can_answer_information_request(user, request):
        raise Http404
    return request
