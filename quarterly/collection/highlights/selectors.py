"""Reads of highlight items, each scoped to who is asking. Missing and forbidden both answer 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.highlights.models import HighlightItem
from quarterly.organisation.access import (
    can_manage_highlights,
    can_write_highlight_commentary,
    kpis_enterable_by,
)
from quarterly.organisation.models import Organisation, Person
from quarterly.register.models import KPI

Status = HighlightItem.Status


def _items() -> QuerySet[HighlightItem]:
    return (
        HighlightItem.objects.select_related("kpi", "kpi__directorate", "cycle", "decided_by")
        .prefetch_related(
            Prefetch("kpi__key_contacts", queryset=Person.objects.order_by("last_name"))
        )
        .order_by("kpi__reference")
    )


@dataclass(frozen=True)
class HighlightList:
    """A cycle's highlight items by decision, and how far their commentary has got."""

    proposed: list[HighlightItem]
    confirmed: list[HighlightItem]
    dismissed: list[HighlightItem]

    @property
    def requested(self) -> int:
        return sum(1 for i in self.confirmed if i.commentary_requested_at is not None)

    @property
    def received(self) -> int:
        return sum(1 for i in self.confirmed if i.commentary_received_at is not None)

    @property
    def awaiting_request(self) -> list[HighlightItem]:
        """Confirmed items whose commentary nobody has asked for yet."""
        return [
            i
            for i in self.confirmed
            if i.commentary_requested_at is None and i.commentary_received_at is None
        ]


def highlight_list_for_cycle(*, user: Any, cycle: ReportingCycle) -> HighlightList:
    """The performance team's list for a cycle, in three queries whatever its length."""
    if not can_manage_highlights(user):
        raise Http404
    items = list(_items().filter(cycle=cycle))
    return HighlightList(
        proposed=[i for i in items if i.status == Status.PROPOSED],
        confirmed=[i for i in items if i.status == Status.CONFIRMED],
        dismissed=[i for i in items if i.status == Status.DISMISSED],
    )


def highlights_for_commentary(*, user: Any, cycle: ReportingCycle) -> list[HighlightItem]:
    """The cycle's confirmed items whose commentary this person writes (their KPIs)."""
    kpis = kpis_enterable_by(user, KPI.objects.filter(organisation_id=cycle.organisation_id))
    return list(_items().filter(cycle=cycle, status=Status.CONFIRMED, kpi__in=kpis))


def highlight_get_for_user(
    *, user: Any, organisation: Organisation, pk: int, action: str
) -> HighlightItem:
    """The item, if the person may do `action`: "decide" (confirm, dismiss, request commentary)
    or "comment" (write the commentary on a confirmed item)."""
    item = _items().filter(cycle__organisation=organisation, pk=pk).first()
    if item is None:
        raise Http404
    allowed = {
        "decide": can_manage_highlights(user),
        "comment": item.status == Status.CONFIRMED
        and can_write_highlight_commentary(user, item.kpi),
    }[action]
    if not allowed:
        raise Http404
    return item
