"""The Best City Ambition's priorities in the demo, and each demo KPI's priorities and portfolio
(the data is in `demo.catalogue.priorities`).

New KPIs are given theirs as they are loaded; `demo_kpis_link` gives them to KPIs loaded by an
earlier version of the demo, through `kpi_save`, so each change is in the KPI's history. Safe
to run again: a KPI that already has its priorities and portfolio is not touched.
"""

from __future__ import annotations

from django.db import transaction

from quarterly.demo.catalogue import demo_kpis
from quarterly.demo.catalogue.priorities import KPI_PRIORITIES, PORTFOLIOS, PRIORITIES
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Pillar, Priority
from quarterly.register.services import kpi_save, priority_save

NOTE = "Demo council: Best City Ambition priorities and Executive Member portfolios"


@transaction.atomic
def demo_priorities_load(
    organisation: Organisation, pillars: dict[str, Pillar]
) -> dict[str, Priority]:
    """The council's priorities under their pillars, by name; those missing are added."""
    existing = {p.name: p for p in Priority.objects.filter(organisation=organisation)}
    order: dict[str, int] = {}
    for pillar_name, name, _ in PRIORITIES:
        order[pillar_name] = order.get(pillar_name, -1) + 1
        if name not in existing:
            existing[name] = priority_save(
                priority=Priority(organisation=organisation), name=name,
                pillar=pillars[pillar_name], order=order[pillar_name], by=None,
            )  # fmt: skip
    return existing


def demo_portfolio(directorate: str, service: str) -> str:
    return PORTFOLIOS.get((directorate, service), "")


@transaction.atomic
def demo_kpis_link(organisation: Organisation, priorities: dict[str, Priority]) -> int:
    """Give each demo KPI its priorities and portfolio where it lacks them; returns how many
    KPIs changed. A KPI a person has since given priorities or a portfolio keeps them."""
    references = [spec.reference for spec in demo_kpis()]
    kpis = (
        KPI.objects.filter(organisation=organisation, reference__in=references)
        .select_related("directorate", "service")
        .prefetch_related("priorities")
    )
    changed = 0
    for kpi in kpis:
        fields = {}
        portfolio = demo_portfolio(kpi.directorate.name, kpi.service.name if kpi.service else "")
        if not kpi.portfolio and portfolio:
            fields["portfolio"] = portfolio
        wanted = None
        if not kpi.priorities.all() and KPI_PRIORITIES.get(kpi.reference):
            wanted = [priorities[name] for name in KPI_PRIORITIES[kpi.reference]]
        if fields or wanted:
            kpi_save(kpi=kpi, fields=fields, priorities=wanted, by=None, note=NOTE)
            changed += 1
    return changed
