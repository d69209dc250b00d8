"""City Development: illustrative KPIs (planning, highways and transport, regeneration,
employment and skills, culture and Active Leeds)."""

from __future__ import annotations

from typing import Any

from quarterly.demo.catalogue.base import (
    BOARD_AHAL,
    BOARD_IIIG,
    BOARD_SR,
    CD,
    HW,
    IG,
    ZC,
    DemoKPI,
    direction_targets,
    value_targets,
)
from quarterly.demo.catalogue.generated import (
    MONTHLY,
    QUARTERLY,
    SEED_002,
    every_year,
    illustrative_kpi,
    walk,
)

# Leisure centres: closed April to July 2020, November 2020 and January to March 2021; demand
# then recovered gradually.
_LEISURE_REOPENING = (
    (0, 0, 0, 0.22, 0.45, 0.55, 0.55, 0.08, 0.4, 0, 0, 0, 0.35, 0.6, 0.65, 0.7, 0.72, 0.78)
    + tuple(0.8 + 0.012 * i for i in range(12))
    + tuple(0.94 + 0.002 * i for i in range(30))
)
# Bus patronage: lockdowns in 2020/21, then recovery helped by the £2 fare cap from 2022.
_BUS_RECOVERY = (0.25, 0.45, 0.5, 0.35, 0.6, 0.72, 0.8, 0.78, 0.85, 0.88, 0.9, 0.9, 0.93)


def illustrative_kpis() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": CD, "board": BOARD_IIIG}
    planning = "Leeds City Council planning applications system, PS1/PS2 returns (illustrative)"
    planning_url = (
        "https://www.gov.uk/government/statistical-data-sets/live-tables-on-planning-"
        "application-statistics"
    )
    return [
        illustrative_kpi(
            "CD-01",
            "Major planning applications decided within 13 weeks or agreed time",
            "Percentage of major planning applications decided within 13 weeks (16 with an "
            "environmental assessment) or an agreed extension (numerator: decided in time; "
            "denominator: major applications decided in the quarter).",
            "Timely decisions give developers confidence to invest in homes and jobs.",
            **common,
            service="Planning and Sustainable Development",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=walk("CD-01", 20, 91, 93, 4, hi=100),
            denominators=walk("CD-01 decisions", 20, 24, 22, 4, lo=8, dp=0),
            data_source=planning,
            source_url=planning_url,
            availability=QUARTERLY,
            weaknesses="Only 20 to 30 major decisions a quarter, so one late decision moves the "
            "figure by several points.",
            targets=every_year(5, 85),
            benchmark="DLUHC planning live tables P151a; Oflog Planning",
        ),
        illustrative_kpi(
            "CD-02",
            "Non-major planning applications decided within 8 weeks or agreed time",
            "Percentage of minor and other planning applications decided within 8 weeks or an "
            "agreed extension.",
            "Most householders and small businesses deal with the planning service through "
            "non-major applications.",
            **common,
            service="Planning and Sustainable Development",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=walk("CD-02", 20, 88, 84, 2, hi=100, shifts=((10, -7), (16, 6))),
            data_source=planning,
            source_url=planning_url,
            availability=QUARTERLY,
            weaknesses="Performance dipped in 2022/23 while vacancies were filled.",
            targets=every_year(5, 85),
            benchmark="DLUHC planning live tables P151b; Oflog Planning",
        ),
        illustrative_kpi(
            "CD-03",
            "Bus passenger journeys in Leeds",
            "Number of passenger journeys on local bus services starting in Leeds in the quarter.",
            "The Connecting Leeds Transport Strategy aims for a city where you do not need a car; "
            "buses are the backbone of public transport.",
            **common,
            service="Highways and Transportation",
            pillars=(ZC, IG),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="quarterly",
            comparator="same_last_year",
            values=walk(
                "CD-03",
                20,
                15_200_000,
                15_800_000,
                150_000,
                dp=0,
                scale=_BUS_RECOVERY,
                season=(0, -300_000, 400_000, -100_000),
            ),
            data_source="West Yorkshire Combined Authority bus patronage estimates for Leeds "
            f"(illustrative); Connecting Leeds in {SEED_002}",
            source_url="https://www.leeds.gov.uk/parking-roads-and-travel/connecting-leeds-and-"
            "transforming-travel/transport-policy",
            availability="Quarterly, about eight weeks after the quarter ends",
            weaknesses="Operator returns; concessionary and ticket-type journeys are estimated.",
            targets=direction_targets("increase", 2023, 2024, 2025),
            scorecard=True,
            benchmark="DfT BUS01 (local bus passenger journeys)",
        ),
        illustrative_kpi(
            "CD-04",
            "Net additional homes delivered",
            "Net additional dwellings completed in Leeds in the financial year (new builds, "
            "conversions and changes of use, less demolitions).",
            "The Core Strategy plans for 3,247 homes a year to meet the needs of a growing city.",
            **common,
            service="Planning and Sustainable Development",
            pillars=(IG,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=walk("CD-04", 5, 3350, 3450, 180, dp=0),
            data_source="Leeds City Council housing land monitoring (illustrative); over 17,000 "
            f"homes in five years is quoted in {SEED_002}",
            source_url="https://www.gov.uk/government/statistical-data-sets/live-tables-on-net-"
            "supply-of-housing",
            availability="Annually, in the Authority Monitoring Report, about six months after "
            "year end",
            targets=every_year(250, 3247),
            benchmark="DLUHC Live Table 122",
        ),
        illustrative_kpi(
            "CD-05",
            "Affordable homes delivered",
            "Number of new affordable homes delivered in the year by the council, registered "
            "providers and third-sector partners, including Section 106 homes.",
            "The Affordable Housing Growth Partnership aims to scale up delivery so that people "
            "on lower incomes can live in good homes.",
            **common,
            service="Asset Management and Regeneration",
            pillars=(IG,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=walk("CD-05", 5, 480, 640, 40, dp=0),
            data_source="Leeds City Council affordable housing monitoring (illustrative); just "
            f"over 2,800 affordable homes in five years is quoted in {SEED_002}",
            source_url="https://www.leeds.gov.uk/plans-and-strategies/leeds-affordable-housing-"
            "growth-partnership-action-plan",
            availability="Annually, about three months after year end",
            targets=value_targets(60, {2023: 600, 2024: 650, 2025: 700}),
            scorecard=True,
            benchmark="DLUHC Live Table 1008C (affordable housing supply)",
        ),
        illustrative_kpi(
            "CD-06",
            "Category 1 highway defects made safe within 24 hours",
            "Percentage of category 1 (dangerous) highway defects made safe within 24 hours of "
            "being reported.",
            "Dangerous potholes and defects must be made safe quickly to prevent injuries and "
            "insurance claims.",
            **common,
            service="Highways and Transportation",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=walk(
                "CD-06",
                60,
                93.5,
                95.5,
                1.8,
                hi=100,
                season=(0, 0, 0, 0, 0, 0, -0.5, -1, -2.5, -3, -1.5, -0.5),
            ),
            data_source="Leeds City Council highways asset management system (illustrative)",
            availability=MONTHLY,
            weaknesses="Winter freeze-thaw creates peaks of defects.",
            targets=every_year(3, 95),
        ),
        illustrative_kpi(
            "CD-07",
            "Principal roads where maintenance should be considered",
            "Percentage of the A-road network in red condition from SCANNER surveys, where "
            "maintenance should be considered.",
            "Road condition affects safety, journey times and the cost of future repairs.",
            **common,
            service="Highways and Transportation",
            pillars=(IG,),
            unit="percentage",
            decimal_places=0,
            polarity="lower",
            frequency="annual",
            values=walk("CD-07", 5, 3, 4, 0.4, dp=0),
            data_source="Leeds City Council SCANNER road condition surveys (illustrative)",
            source_url="https://www.gov.uk/government/statistical-data-sets/road-condition-"
            "statistics-data-tables-rdc",
            availability="Annually, about nine months after year end",
            targets=every_year(1, 4),
            benchmark="DfT RDC0120; Oflog Roads",
        ),
        illustrative_kpi(
            "CD-08",
            "Visits to Active Leeds leisure centres",
            "Number of visits to Active Leeds leisure centres in the month (swims, gym, classes "
            "and sports bookings).",
            "Leisure centres help people of all ages be active, a Leeds Health and Wellbeing "
            "Strategy priority.",
            directorate=CD,
            board=BOARD_AHAL,
            service="Active Leeds",
            pillars=(HW,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="monthly",
            comparator="same_last_year",
            values=walk(
                "CD-08",
                60,
                370_000,
                385_000,
                9_000,
                dp=0,
                scale=_LEISURE_REOPENING,
                season=(
                    -10_000,
                    0,
                    -15_000,
                    -10_000,
                    -40_000,
                    5_000,
                    10_000,
                    10_000,
                    -45_000,
                    45_000,
                    20_000,
                    10_000,
                ),
            ),  # fmt: skip
            data_source="Active Leeds leisure management system (illustrative)",
            availability=MONTHLY,
            weaknesses="Centres were closed for much of 2020/21 (COVID-19); the baseline is the "
            "2019/20 monthly average.",
            targets=value_targets(20_000, {2023: 330_000, 2024: 345_000, 2025: 360_000}),
            baseline=(372_000.0, "2019/20"),
        ),
        illustrative_kpi(
            "CD-09",
            "People supported into work by the Employment and Skills service",
            "Number of Leeds residents supported by the council's Employment and Skills service "
            "who started a job in the quarter.",
            "Good jobs are the best route out of poverty; the service is rated Outstanding by "
            "Ofsted.",
            **common,
            service="Employment and Skills",
            pillars=(IG,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="quarterly",
            values=walk("CD-09", 20, 520, 880, 45, dp=0, scale=(0.6, 0.8)),
            data_source=f"Leeds City Council Employment and Skills records (illustrative); "
            f"Ofsted rating in {SEED_002}",
            availability=QUARTERLY,
            targets=value_targets(80, {2023: 800, 2024: 850, 2025: 900}),
        ),
        illustrative_kpi(
            "CD-10",
            "Utilisation of council locality buildings",
            "Average percentage of available bookable hours used in community hubs, community "
            "centres, libraries and other locality buildings during opening hours.",
            "Some locality buildings are used for under half their opening hours; the estate "
            "review targets at least 80% use of the buildings the council keeps.",
            directorate=CD,
            board=BOARD_SR,
            service="Asset Management and Regeneration",
            pillars=(IG, ZC),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=walk("CD-10", 20, 38, 56, 2, hi=100),
            data_source="Leeds City Council room booking system (illustrative); the under-50% "
            f"use and 80% target are quoted in {SEED_002}",
            availability=QUARTERLY,
            targets=value_targets(10, {2023: 55, 2024: 60, 2025: 80}),
        ),
    ]
