"""The demo council's shape and the plain data its KPIs are written in.

Everything else in `quarterly.demo.catalogue` imports this module, which imports nothing from
the rest of the package (and nothing from Django).

Periods are canonical labels, as `quarterly.core.periods.Period` writes them: financial
years "2023/24", quarters of the financial year "2023/24 Q2" (Q1 = April to June), months
"June 2024" and calendar years "2023". A target's `financial_year` is the year the financial
year starts (2024 means 2024/25). Calendar-year results are judged against the financial year
containing their first day, as `Period.fy` does: calendar year 2024 against 2023/24.
"""

from __future__ import annotations

from dataclasses import dataclass

DIRECTORATES: tuple[str, ...] = (
    "Adults and Health",
    "Children and Families",
    "City Development",
    "Communities, Housing and Environment",
    "Resources",
)

SCRUTINY_BOARDS: dict[str, str] = {
    "Adults, Health and Active Lifestyles": (
        "Adult social care, public health, the council's health partnerships with the NHS, and "
        "leisure and active lifestyles."
    ),
    "Children and Families": (
        "Children's social care, early help, learning and school improvement, special "
        "educational needs, and the health and wellbeing of children and young people."
    ),
    "Environment, Housing and Communities": (
        "Council housing and homelessness, waste and environmental services, community safety, "
        "climate action in the city, and customer access to council services."
    ),
    "Infrastructure, Investment and Inclusive Growth": (
        "Planning, highways and transport, regeneration, housing growth, the economy, culture, "
        "and employment and skills."
    ),
    "Strategy and Resources": (
        "The council's budget and finances, workforce, digital services, governance and "
        "performance, and the council's own estate, fleet and carbon footprint."
    ),
}

PILLARS: tuple[str, ...] = ("Health and Wellbeing", "Inclusive Growth", "Zero Carbon")

SERVICES: dict[str, tuple[str, ...]] = {
    "Adults and Health": (
        "Public Health", "Social Work and Social Care", "Care Delivery",
        "Integrated Commissioning", "Health Partnerships",
    ),
    "Children and Families": (
        "Social Work Service", "Children Looked After", "Early Help and Family Hubs",
        "Learning Improvement", "SEND and Inclusion",
    ),
    "City Development": (
        "Planning and Sustainable Development", "Highways and Transportation",
        "Asset Management and Regeneration", "Employment and Skills", "Culture and Economy",
        "Active Leeds",
    ),
    "Communities, Housing and Environment": (
        "Housing Leeds", "Environmental Services", "Safer Leeds",
        "Climate, Energy and Green Spaces", "Customer Access", "Welfare and Benefits",
    ),
    "Resources": (
        "Financial Services", "Human Resources", "Integrated Digital Service",
        "Legal and Democratic Services", "Intelligence and Policy", "Civic Enterprise Leeds",
    ),
}  # fmt: skip

# Short names for the KPI definitions in the directorates' modules.
AH, CF, CD, CHE, RES = DIRECTORATES
HW, IG, ZC = PILLARS
BOARD_AHAL, BOARD_CF, BOARD_EHC, BOARD_IIIG, BOARD_SR = SCRUTINY_BOARDS


@dataclass(frozen=True)
class DemoTarget:
    financial_year: int  # 2024 means 2024/25
    value: float | None = None  # a value target ...
    tolerance: float | None = None  # ... with its amber band (same unit as value)
    direction: str | None = None  # or an interim direction target: "increase" | "decrease"


@dataclass(frozen=True)
class DemoResult:
    period: str  # canonical label: "2023/24", "2023/24 Q2", "June 2024" or "2023"
    value: float
    numerator: float | None = None
    denominator: float | None = None
    lower_ci: float | None = None
    upper_ci: float | None = None


@dataclass(frozen=True)
class DemoKPI:
    reference: str  # e.g. "AH-01"; unique
    title: str
    definition: str  # how it is calculated, 1-3 sentences
    purpose: str  # why it matters
    directorate: str  # one of DIRECTORATES
    service: str  # one of SERVICES[directorate]
    pillars: tuple[str, ...]  # subset of PILLARS, at least one
    scrutiny_board: str  # a key of SCRUTINY_BOARDS
    unit: str  # "percentage" | "count" | "rate" | "currency" | "days" | "score"
    rate_per: int | None  # for unit "rate": 1000, 10000, 100000 ...; else None
    decimal_places: int
    polarity: str  # "higher" | "lower" | "none"  (none = tracker; trackers have no targets)
    frequency: str  # "monthly" | "quarterly" | "annual"
    comparator: str  # "previous" | "same_last_year"
    data_source: str  # publisher + dataset
    source_url: str
    known_weaknesses: str
    availability: str  # when results become available
    baseline: float | None
    baseline_period: str  # label or ""
    in_ambition_scorecard: bool
    benchmark_indicators: str  # e.g. "Fingertips 90366; Oflog ASC-1", or ""
    illustrative: bool  # True when values are not a real published series
    targets: tuple[DemoTarget, ...]
    results: tuple[DemoResult, ...]  # in period order, no duplicates


def value_targets(tolerance: float, values: dict[int, float]) -> tuple[DemoTarget, ...]:
    """Value targets, keyed by financial year, all with the same amber tolerance."""
    return tuple(
        DemoTarget(year, float(value), float(tolerance)) for year, value in sorted(values.items())
    )


def direction_targets(direction: str, *years: int) -> tuple[DemoTarget, ...]:
    """Interim "increase"/"decrease" targets, as the seeds describe for KPIs without values."""
    return tuple(DemoTarget(year, direction=direction) for year in years)
