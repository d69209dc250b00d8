"""The Best City Ambition's priorities under its three pillars, which demo KPIs serve them, and
the Executive Member portfolio each demo KPI belongs to. Plain data; nothing from Django.

**Priorities.** Seed 003 (Best City Ambition 2024 update) lists five priorities under each
pillar, each a sentence ("To realise this ambition, Team Leeds will focus on: ..."). A priority
needs a short name to be picked in a filter, so each is named with a few words of its own
sentence, and `PRIORITIES` keeps the opening of the sentence beside it for provenance.

**Which KPIs serve which.** A KPI serves the priorities it measures progress on, and only
priorities under one of its own pillars. Every demo KPI serves at least one, except the
council's own running measures in `WELL_RUN_COUNCIL` (contact centre, benefits processing,
finance, information governance): Leeds reports those under its organisation plan, Being Our
Best ("a well-run council", seed 002), not under a Best City Ambition priority.

**Portfolios.** The seeds do not list the Executive Members' portfolios, so `PORTFOLIOS` is
illustrative: one portfolio per directorate's service, of the kind Leeds's Executive Board
holds. Every demo KPI has one, so the Executive members' in-year digest covers the register.
"""

from __future__ import annotations

from quarterly.demo.catalogue.base import AH, CD, CF, CHE, HW, IG, RES, ZC

# (pillar, short name, the priority's sentence in seed 003 begins)
PRIORITIES: tuple[tuple[str, str, str], ...] = (
    (HW, "Best start in life", "Ensuring children have the best start in life"),
    (HW, "A mentally healthy city", "Promoting a mentally healthy city for all"),
    (HW, "Active lives and green spaces", "Creating a well-connected and welcoming city"),
    (HW, "Affordable, better quality housing", "Working with housing providers, landlords"),
    (HW, "Ageing well with integrated care", "Providing high quality care as part of an integrated system"),
    (IG, "Education, skills and employment", "Ensuring people of all ages and backgrounds"),
    (IG, "Thriving businesses and organisations", "Supporting our businesses, organisations"),
    (IG, "City centre, high streets and infrastructure", "Maximising the potential of our city centre"),
    (IG, "Innovation and new technologies", "Stimulating innovation which drives a healthier"),
    (IG, "Leeds on the global stage", "Championing Leeds on the global stage"),
    (ZC, "Alternatives to car use", "Improving transport to give people in Leeds"),
    (ZC, "A resilient food economy, less waste", "Promoting a vibrant and resilient food economy"),
    (ZC, "Healthier, greener buildings", "Making the homes we live in and the buildings we use"),
    (ZC, "Nature and biodiversity", "Working together with local communities, landowners"),
    (ZC, "Ready for climate impacts", "Investing in our public spaces and infrastructure"),
)  # fmt: skip

START = "Best start in life"
MENTAL = "A mentally healthy city"
ACTIVE = "Active lives and green spaces"
HOUSING = "Affordable, better quality housing"
CARE = "Ageing well with integrated care"
SKILLS = "Education, skills and employment"
BUSINESS = "Thriving businesses and organisations"
PLACES = "City centre, high streets and infrastructure"
INNOVATION = "Innovation and new technologies"
TRANSPORT = "Alternatives to car use"
WASTE = "A resilient food economy, less waste"
BUILDINGS = "Healthier, greener buildings"

# The KPIs that serve no Best City Ambition priority (see the module's docstring).
WELL_RUN_COUNCIL: frozenset[str] = frozenset(
    {"CHE-07", "CHE-08", "CHE-11", "CHE-13", "RES-01", "RES-04", "RES-05", "RES-11", "RES-12"}
)

KPI_PRIORITIES: dict[str, tuple[str, ...]] = {
    # Adults and Health: Public Health's Fingertips series, adult social care, the NHS
    "AH-01": (ACTIVE,), "AH-02": (ACTIVE,), "AH-03": (ACTIVE,), "AH-04": (START, ACTIVE),
    "AH-05": (MENTAL,), "AH-06": (CARE,), "AH-07": (CARE,), "AH-08": (START,),
    "AH-09": (CARE,), "AH-10": (CARE,), "AH-11": (CARE,), "AH-12": (CARE,), "AH-13": (CARE,),
    "AH-14": (START,), "AH-15": (START,), "AH-16": (START,), "AH-17": (START,),
    "AH-18": (CARE,), "AH-19": (MENTAL,), "AH-20": (MENTAL, START), "AH-21": (CARE,),
    "AH-22": (CARE,), "AH-23": (CARE,), "AH-24": (MENTAL,), "AH-25": (CARE,), "AH-26": (CARE,),
    "AH-27": (CARE,), "AH-28": (CARE,), "AH-29": (CARE,), "AH-30": (CARE,), "AH-31": (CARE,),
    "AH-32": (CARE,), "AH-33": (CARE,), "AH-34": (CARE,), "AH-35": (CARE,), "AH-36": (CARE,),
    "AH-37": (CARE,), "AH-38": (CARE,), "AH-39": (CARE,), "AH-40": (CARE,), "AH-41": (CARE,),
    "AH-42": (CARE,),
    # Children and Families
    "CF-01": (START,), "CF-02": (START,), "CF-03": (SKILLS,), "CF-04": (START, SKILLS),
    "CF-05": (SKILLS,), "CF-06": (START, SKILLS), "CF-07": (START,), "CF-08": (START,),
    "CF-09": (START,), "CF-10": (START,), "CF-11": (SKILLS,), "CF-12": (SKILLS,),
    # City Development
    "CD-01": (PLACES,), "CD-02": (PLACES,), "CD-03": (TRANSPORT, PLACES), "CD-04": (PLACES,),
    "CD-05": (PLACES,), "CD-06": (PLACES,), "CD-07": (PLACES,), "CD-08": (ACTIVE,),
    "CD-09": (SKILLS,), "CD-10": (BUILDINGS, PLACES),
    # Communities, Housing and Environment
    "CHE-01": (WASTE,), "CHE-02": (WASTE,), "CHE-03": (HOUSING,), "CHE-04": (HOUSING,),
    "CHE-05": (HOUSING,), "CHE-06": (HOUSING,), "CHE-09": (ACTIVE,), "CHE-10": (BUILDINGS,),
    "CHE-12": (ACTIVE,),
    # Resources
    "RES-02": (BUSINESS,), "RES-03": (MENTAL,), "RES-06": (BUSINESS,), "RES-07": (BUILDINGS,),
    "RES-08": (TRANSPORT,), "RES-09": (INNOVATION,), "RES-10": (MENTAL,), "RES-13": (SKILLS,),
}  # fmt: skip

_ADULT_CARE = "Adult Social Care, Public Health and Active Lifestyles"
_COMMUNITIES = "Communities, Customer Service and Community Safety"
_CLIMATE = "Climate, Energy, Environment and Green Space"
_ECONOMY = "Economy, Culture and Education"
_INFRASTRUCTURE = "Infrastructure, Transport and Planning"

# Illustrative Executive Member portfolios, by directorate and service (see the docstring).
PORTFOLIOS: dict[tuple[str, str], str] = {
    (AH, "Public Health"): _ADULT_CARE,
    (AH, "Social Work and Social Care"): _ADULT_CARE,
    (AH, "Care Delivery"): _ADULT_CARE,
    (AH, "Integrated Commissioning"): _ADULT_CARE,
    (AH, "Health Partnerships"): "Equality, Health and Wellbeing",
    (CF, "Social Work Service"): "Children's Social Care and Health Partnerships",
    (CF, "Children Looked After"): "Children's Social Care and Health Partnerships",
    (CF, "Early Help and Family Hubs"): "Children's Social Care and Health Partnerships",
    (CF, "Learning Improvement"): _ECONOMY,
    (CF, "SEND and Inclusion"): _ECONOMY,
    (CD, "Planning and Sustainable Development"): _INFRASTRUCTURE,
    (CD, "Highways and Transportation"): _INFRASTRUCTURE,
    (CD, "Asset Management and Regeneration"): _ECONOMY,
    (CD, "Employment and Skills"): _ECONOMY,
    (CD, "Culture and Economy"): _ECONOMY,
    (CD, "Active Leeds"): _ADULT_CARE,
    (CHE, "Housing Leeds"): "Housing",
    (CHE, "Environmental Services"): _CLIMATE,
    (CHE, "Safer Leeds"): _COMMUNITIES,
    (CHE, "Climate, Energy and Green Spaces"): _CLIMATE,
    (CHE, "Customer Access"): _COMMUNITIES,
    (CHE, "Welfare and Benefits"): _COMMUNITIES,
    (RES, "Financial Services"): "Resources",
    (RES, "Human Resources"): "Resources",
    (RES, "Integrated Digital Service"): "Resources",
    (RES, "Legal and Democratic Services"): "Resources",
    (RES, "Intelligence and Policy"): "Resources",
    (RES, "Civic Enterprise Leeds"): _CLIMATE,
}


def priority_pillars() -> dict[str, str]:
    """Each priority's pillar, by the priority's name."""
    return {name: pillar for pillar, name, _ in PRIORITIES}
