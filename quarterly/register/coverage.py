"""Target coverage: how many active KPIs have a value target, only a direction, or none, and how
many are trackers (which have no target by design), by directorate and by pillar, for a year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Target

KINDS = (
    ("value", "Value target"),
    ("direction", "Direction only"),
    ("tracker", "Tracker"),
    ("none", "No target"),
)


@dataclass
class CoverageRow:
    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys([k for k, _ in KINDS], 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts[key] for key, _ in KINDS]


@dataclass(frozen=True)
class Coverage:
    financial_year: int
    by_directorate: list[CoverageRow]
    by_pillar: list[CoverageRow]
    council: CoverageRow
    gaps: list[KPI]  # active KPIs, not trackers, with no target for the year


def kpi_target_kind(kpi: KPI, target: Target | None) -> str:
    if kpi.is_tracker:
        return "tracker"
    if target is None:
        return "none"
    return "direction" if target.kind == Target.Kind.DIRECTION else "value"


def target_coverage(*, organisation: Organisation, financial_year: int) -> Coverage:
    """The year's coverage in three queries, whatever the number of KPIs."""
    kpis = list(
        KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
        .select_related("directorate")
        .prefetch_related("pillars")
        .order_by("reference")
    )
    targets = {
        t.kpi_id: t
        for t in Target.objects.filter(kpi__in=[k.pk for k in kpis], financial_year=financial_year)
    }
    directorates: dict[str, CoverageRow] = {}
    pillars: dict[str, CoverageRow] = defaultdict(lambda: CoverageRow(""))
    council = CoverageRow("The whole council")
    gaps = []
    for kpi in kpis:
        kind = kpi_target_kind(kpi, targets.get(kpi.pk))
        name = kpi.directorate.name
        directorates.setdefault(name, CoverageRow(name)).counts[kind] += 1
        for pillar in kpi.pillars.all():
            pillars[pillar.name].name = pillar.name
            pillars[pillar.name].counts[kind] += 1
        council.counts[kind] += 1
        if kind == "none":
            gaps.append(kpi)
    return Coverage(
        financial_year,
        sorted(directorates.values(), key=lambda row: row.name),
        sorted(pillars.values(), key=lambda row: row.name),
        council,
        gaps,
    )
