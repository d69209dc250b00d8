"""Reads of the KPI Register. Every page's query count is independent of how many KPIs it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from quarterly.organisation.models import Committee, Organisation, Service
from quarterly.register.models import KPI, CommitteeRemit


@dataclass(frozen=True)
class KPIFilters:
    directorate: str = ""  # slug
    service: int | None = None
    pillar: str = ""  # slug
    priority: str = ""  # slug
    board: str = ""  # committee slug
    frequency: str = ""
    tracker: str = ""  # "yes" | "no" | ""
    status: str = "active"
    q: str = ""


def filter_choices(*, organisation: Organisation) -> dict[str, Any]:
    return {
        "directorates": list(organisation.directorates.all()),
        "services": list(
            Service.objects.filter(directorate__organisation=organisation).select_related(
                "directorate"
            )
        ),
        "pillars": list(organisation.pillars.all()),
        "priorities": list(organisation.priorities.all()),
        "boards": list(organisation.committees.filter(kind=Committee.Kind.SCRUTINY_BOARD)),
    }


def kpis_in_remit(committee: Committee) -> QuerySet[KPI]:
    """The KPIs a committee covers: the one place that says so (`KPIQuerySet.in_remit_of`).

    Its reports compile from these and its members read these.
    """
    return KPI.objects.filter(organisation_id=committee.organisation_id).in_remit_of([committee.pk])


@dataclass(frozen=True)
class CommitteeWithRemit:
    committee: Committee
    remit: CommitteeRemit | None
    kpi_count: int


def committees_with_remits(*, organisation: Organisation) -> list[CommitteeWithRemit]:
    """Every committee with its remit and how many active KPIs that covers."""
    committees = list(
        organisation.committees.select_related("directorate").order_by("kind", "name")
    )
    remits = {
        r.committee_id: r
        for r in CommitteeRemit.objects.filter(committee__in=committees).prefetch_related(
            "pillars", "priorities", "directorates", "kpis"
        )
    }
    active = KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
    return [
        CommitteeWithRemit(c, remits.get(c.pk), active.in_remit_of([c.pk]).count())
        for c in committees
    ]
