"""Reads for the KPI pages, which show the register and the results together; each is scoped to
who is asking, and every page's query count is independent of how many KPIs it shows."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from quarterly.collection.models import RecalculationPoint, Result
from quarterly.organisation.access import kpis_visible_to, results_visible_to
from quarterly.organisation.models import Organisation, Person
from quarterly.register.models import KPI
from quarterly.register.selectors import KPIFilters


def kpi_list(*, user: Any, organisation: Organisation, filters: KPIFilters) -> QuerySet[KPI]:
    """KPIs the person may read that match the filters, each with its latest result it may
    read, in a fixed number of queries."""
    latest = results_visible_to(user, Result.objects.filter(kpi=OuterRef("pk"))).order_by(
        "-period_start", "-period_end"
    )
    kpis = (
        kpis_visible_to(user, KPI.objects.filter(organisation=organisation))
        .select_related("directorate", "service", "scrutiny_board")
        .prefetch_related("pillars")
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_missing_reason=Subquery(latest.values("missing_reason")[:1]),
            latest_kind=Subquery(latest.values("period_kind")[:1]),
            latest_start=Subquery(latest.values("period_start")[:1]),
        )
        .order_by("reference")
    )
    if filters.status:
        kpis = kpis.filter(status=filters.status)
    if filters.directorate:
        kpis = kpis.filter(directorate__slug=filters.directorate)
    if filters.service:
        kpis = kpis.filter(service_id=filters.service)
    if filters.pillar:
        kpis = kpis.filter(pillars__slug=filters.pillar)
    if filters.priority:
        kpis = kpis.filter(priorities__slug=filters.priority)
    if filters.board:
        kpis = kpis.filter(scrutiny_board__slug=filters.board)
    if filters.frequency:
        kpis = kpis.filter(frequency=filters.frequency)
    if filters.tracker == "yes":
        kpis = kpis.filter(polarity="none")
    elif filters.tracker == "no":
        kpis = kpis.exclude(polarity="none")
    if filters.q:
        for word in filters.q.split():
            kpis = kpis.filter(
                Q(reference__icontains=word)
                | Q(title__icontains=word)
                | Q(definition__icontains=word)
                | Q(data_source__icontains=word)
            )
    return kpis.distinct()


def kpi_get(*, user: Any, organisation: Organisation, reference: str) -> KPI:
    """One KPI with everything its page shows; a missing or forbidden one answers 404."""
    results = results_visible_to(user, Result.objects.all()).order_by("period_start", "period_end")
    kpi = (
        kpis_visible_to(user, KPI.objects.filter(organisation=organisation, reference=reference))
        .select_related(
            "directorate", "service", "scrutiny_board", "accountable_officer", "organisation"
        )
        .prefetch_related(
            "pillars",
            "priorities",
            "targets",
            "comparator_groups",
            Prefetch("key_contacts", queryset=Person.objects.order_by("last_name", "first_name")),
            Prefetch("results", queryset=results),
            Prefetch(
                "recalculation_points",
                queryset=RecalculationPoint.objects.select_related("created_by", "decided_by"),
            ),
        )
        .first()
    )
    if kpi is None:
        raise Http404("No KPI has that reference.")
    return kpi
