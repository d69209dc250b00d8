"""Reads of the KPI Register. Every page's query count is independent of how many KPIs it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quarterly.organisation.models import Committee, Organisation, Service


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
