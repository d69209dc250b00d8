"""Reads of the KPI Register. Every page's query count is independent of how many KPIs it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from quarterly.collection.models import Result
from quarterly.core.models import AuditEntry
from quarterly.organisation.access import kpis_visible_to, results_visible_to, sees_unpublished
from quarterly.organisation.models import Committee, Organisation, Person, Service
from quarterly.register.models import KPI, Target


@dataclass(frozen=True)
class KPIFilters:
    directorate: str = ""  # slug
    service: int | None = None
    pillar: str = ""  # slug
    board: str = ""  # committee slug
    frequency: str = ""
    tracker: str = ""  # "yes" | "no" | ""
    status: str = "active"
    q: str = ""


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
            "targets",
            Prefetch("key_contacts", queryset=Person.objects.order_by("last_name", "first_name")),
            Prefetch("results", queryset=results),
        )
        .first()
    )
    if kpi is None:
        raise Http404("No KPI has that reference.")
    return kpi


def kpi_history(*, user: Any, kpi: KPI, limit: int = 200) -> list[HistoryEntry]:
    """The KPI's audit history as this person may see it, newest first.

    Officers see every change to the KPI, its targets and its results. Everyone else (elected
    members) sees the same rule as for results (`results_visible_to`): changes to the KPI and its
    targets, and results only once published: the values as they were published, and later
    revisions of published values. Drafts, submissions, returns, sign-off and highlight-item
    reasoning never reach them.
    """
    entries = AuditEntry.objects.filter(kpi_id=kpi.pk).select_related("target_type")
    if sees_unpublished(user):
        return [HistoryEntry(entry, entry.changes) for entry in entries[:limit]]
    return _published_history(entries, limit)


@dataclass(frozen=True)
class HistoryEntry:
    """An audit entry and the changes this reader may see; `published` marks the moment a
    result's values were published (shown as the values, not as a change)."""

    entry: AuditEntry
    changes: dict[str, list[str | None]]
    published: bool = False


_PUBLISHED = "published"


def _published_history(entries: QuerySet[AuditEntry], limit: int) -> list[HistoryEntry]:
    """Replay each result's entries in order to know its status before and after each change,
    and keep only what was public at the time."""
    result_type = ContentType.objects.get_for_model(Result)
    public_types = {ContentType.objects.get_for_model(model).pk for model in (KPI, Target)}
    states: dict[int, dict[str, str | None]] = {}
    shown: list[HistoryEntry] = []
    for entry in entries.order_by("at", "id"):
        if entry.target_type_id in public_types:
            shown.append(HistoryEntry(entry, entry.changes))
            continue
        if entry.target_type_id != result_type.pk:
            continue  # highlight items and anything else about the cycle: officers only
        before = states.get(entry.target_id, {})
        after = {**before, **{name: pair[1] for name, pair in entry.changes.items()}}
        states[entry.target_id] = after
        if after.get("status") != _PUBLISHED or entry.action == AuditEntry.Action.DELETE:
            continue
        if before.get("status") == _PUBLISHED:
            shown.append(HistoryEntry(entry, entry.changes))
        else:
            values = {
                name: [None, value]
                for name, value in after.items()
                if value is not None and name != "status"
            }
            shown.append(HistoryEntry(entry, values, published=True))
    shown.reverse()
    return shown[:limit]


def filter_choices(*, organisation: Organisation) -> dict[str, Any]:
    return {
        "directorates": list(organisation.directorates.all()),
        "services": list(
            Service.objects.filter(directorate__organisation=organisation).select_related(
                "directorate"
            )
        ),
        "pillars": list(organisation.pillars.all()),
        "boards": list(organisation.committees.filter(kind=Committee.Kind.SCRUTINY_BOARD)),
    }
