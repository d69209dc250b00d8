"""The KPI Register's models: pillars and priorities, KPIs and their targets, target proposals
and reviews of the KPI list, and committees' remits."""

from quarterly.register.models.kpi import (
    COUNTS_ROUNDED_MAX,
    KPI,
    RATE_PER_MAX,
    AssuranceType,
    CommitteeRemit,
    Comparator,
    Frequency,
    KPIQuerySet,
    Measures,
    Pillar,
    Polarity,
    Priority,
    Target,
    TargetTerms,
    Unit,
)
from quarterly.register.models.proposals import KPIListReview, TargetProposal

__all__ = [
    "COUNTS_ROUNDED_MAX",
    "RATE_PER_MAX",
    "Pillar",
    "Priority",
    "Unit",
    "Polarity",
    "Frequency",
    "Comparator",
    "Measures",
    "AssuranceType",
    "KPIQuerySet",
    "KPI",
    "TargetTerms",
    "Target",
    "CommitteeRemit",
    "KPIListReview",
    "TargetProposal",
]
