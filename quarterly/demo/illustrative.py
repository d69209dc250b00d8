"""Illustrative KPIs for the demo register: plausible figures, not published statistics.

A council register holds many measures that no shared public dataset covers (council tax
collection, missed bins, sickness absence ...). These KPIs fill those gaps so every directorate
has monthly, quarterly and annual KPIs. Every one is marked `illustrative=True` and says
"Illustrative figures for the demo" in its known weaknesses. Where the seed documents quote a
figure (for example home care staff turnover falling from 36% to 18%), the series is built
around it and the seed is cited in `data_source`.

Values are generated, not stored: each series comes from a trend, optional seasonal pattern,
step changes and noise drawn from `random.Random` seeded with the KPI reference (via CRC-32, not
`hash()`, which changes between processes), so the figures are identical on every run. Series
cover the financial years 2020/21 to 2024/25: 60 months, 20 quarters or 5 years.

This module imports nothing from Django.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from typing import Any

from quarterly.demo.catalogue import (
    DIRECTORATES,
    PILLARS,
    SCRUTINY_BOARDS,
    DemoKPI,
    DemoResult,
    DemoTarget,
    _direction_targets,
    _value_targets,
)

_AH, _CF, _CD, _CHE, _RES = DIRECTORATES
_HW, _IG, _ZC = PILLARS
_BOARD_AHAL, _BOARD_CF, _BOARD_EHC, _BOARD_IIIG, _BOARD_SR = SCRUTINY_BOARDS

FIRST_YEAR, LAST_YEAR = 2020, 2024  # financial years 2020/21 to 2024/25
_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
_MONTH_NAMES = (
    "April May June July August September October November December January February March"
).split()


def _fy_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


MONTHS = tuple(
    f"{name} {year + (index >= 9)}" for year in _YEARS for index, name in enumerate(_MONTH_NAMES)
)
QUARTERS = tuple(f"{_fy_label(year)} Q{quarter}" for year in _YEARS for quarter in (1, 2, 3, 4))
YEARS = tuple(_fy_label(year) for year in _YEARS)
CALENDAR_YEARS = tuple(str(year) for year in _YEARS)
_PERIODS = {"monthly": MONTHS, "quarterly": QUARTERS, "annual": YEARS}

_SEED_002 = "seeds/002_496ef0b23bf55c86.txt (Being Our Best 2024/25)"
_SEED_003 = "seeds/003_53eae3c13f0a451f.txt (Best City Ambition 2024 update)"
_SEED_004 = "seeds/004_b04b8cb8ddf90850.txt (annual assurance report on performance management)"
_ILLUSTRATIVE = "Illustrative figures for the demo."
_MONTHLY = "Monthly, by the tenth working day of the following month"
_QUARTERLY = "Quarterly, about four weeks after the quarter ends"


def _walk(
    key: str,
    n: int,
    start: float,
    end: float,
    noise: float,
    *,
    season: Sequence[float] = (),
    shifts: Sequence[tuple[int, float]] = (),
    scale: Sequence[float] = (),
    persistence: float = 0.0,
    lo: float | None = 0.0,
    hi: float | None = None,
    dp: int = 1,
) -> list[float]:
    """A deterministic series of `n` values.

    Linear trend from `start` to `end`, plus `season[i % len(season)]`, plus every step change
    `(index, delta)` at or before point i, plus noise (normal, sd `noise`; `persistence` > 0
    makes it autocorrelated, as stocks such as caseloads are), times `scale[i]` where given
    (lockdown closures), clamped to [lo, hi] and rounded to `dp` decimal places.
    """
    rng = random.Random(zlib.crc32(key.encode("utf-8")))
    values: list[float] = []
    error = 0.0
    for i in range(n):
        level = start + (end - start) * i / max(n - 1, 1)
        level += season[i % len(season)] if season else 0.0
        level += sum(delta for at, delta in shifts if i >= at)
        error = persistence * error + rng.gauss(0.0, noise)
        value = (level + error) * (scale[i] if i < len(scale) else 1.0)
        if lo is not None:
            value = max(lo, value)
        if hi is not None:
            value = min(hi, value)
        values.append(float(round(value, dp)))
    return values


def _kpi(
    reference: str,
    title: str,
    definition: str,
    purpose: str,
    *,
    directorate: str,
    service: str,
    pillars: tuple[str, ...],
    board: str,
    unit: str,
    polarity: str,
    frequency: str,
    values: Sequence[float],
    data_source: str,
    availability: str,
    decimal_places: int = 1,
    rate_per: int | None = None,
    comparator: str = "previous",
    source_url: str = "",
    weaknesses: str = "",
    targets: tuple[DemoTarget, ...] = (),
    scorecard: bool = False,
    benchmark: str = "",
    denominators: Sequence[float] | None = None,
    periods: Sequence[str] | None = None,
    baseline: tuple[float, str] | None = None,
) -> DemoKPI:
    """One illustrative KPI. With `denominators`, `values` are percentages to turn into whole
    numerators, and each result's value is recomputed from its numerator and denominator."""
    periods = periods or _PERIODS[frequency]
    if len(values) != len(periods):
        raise ValueError(f"{reference}: {len(values)} values for {len(periods)} periods")
    if denominators is None:
        results = tuple(DemoResult(p, v) for p, v in zip(periods, values, strict=True))
    else:
        results = tuple(
            DemoResult(p, round(100 * num / den, decimal_places), num, den)
            for p, den, num in (
                (p, den, float(round(den * v / 100)))
                for p, v, den in zip(periods, values, denominators, strict=True)
            )
        )
    first = baseline or (results[0].value, results[0].period)
    return DemoKPI(
        reference=reference,
        title=title,
        definition=definition,
        purpose=purpose,
        directorate=directorate,
        service=service,
        pillars=pillars,
        scrutiny_board=board,
        unit=unit,
        rate_per=rate_per,
        decimal_places=decimal_places,
        polarity=polarity,
        frequency=frequency,
        comparator=comparator,
        data_source=data_source,
        source_url=source_url,
        known_weaknesses=f"{_ILLUSTRATIVE} {weaknesses}".strip(),
        availability=availability,
        baseline=first[0],
        baseline_period=first[1],
        in_ambition_scorecard=scorecard,
        benchmark_indicators=benchmark,
        illustrative=True,
        targets=targets,
        results=results,
    )


def _every_year(tolerance: float, value: float, *years: int) -> tuple[DemoTarget, ...]:
    return _value_targets(tolerance, dict.fromkeys(years or (2023, 2024, 2025), value))


def illustrative_kpis() -> list[DemoKPI]:
    return [
        *_adults_and_health(),
        *_children_and_families(),
        *_city_development(),
        *_communities_housing_environment(),
        *_resources(),
    ]


# --------------------------------------------------------------------------------------------
# Adults and Health
# --------------------------------------------------------------------------------------------


def _adults_and_health() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": _AH, "board": _BOARD_AHAL, "pillars": (_HW,)}
    asc_records = "Leeds City Council adult social care records (illustrative)"
    return [
        _kpi(
            "AH-38",
            "Long-term admissions to residential and nursing care, aged 65+",
            "Council-supported permanent admissions of people aged 65 and over to residential and "
            "nursing care in the last 12 months, per 100,000 population aged 65+.",
            "Helping older people stay at home for longer is an adult social care priority "
            "and avoids the highest-cost care.",
            **common,
            service="Social Work and Social Care",
            unit="rate",
            rate_per=100000,
            polarity="lower",
            frequency="quarterly",
            values=_walk("AH-38", 20, 590, 505, 12),
            data_source=asc_records + "; ASCOF 2A definitions",
            availability=_QUARTERLY,
            weaknesses="Rolling 12-month figure, so it moves slowly.",
            targets=_value_targets(20, {2023: 520, 2024: 510, 2025: 500}),
            benchmark="ASCOF 2A (65+)",
        ),
        _kpi(
            "AH-39",
            "Older people at home 91 days after hospital discharge into reablement",
            "Percentage of people aged 65 and over discharged from hospital into reablement or "
            "rehabilitation who were still at home 91 days later.",
            "Shows whether HomeFirst intermediate care helps people recover their independence.",
            **common,
            service="Care Delivery",
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("AH-39", 20, 80.5, 84.0, 1.5, hi=100),
            data_source=asc_records + "; ASCOF 2B definitions",
            availability=_QUARTERLY,
            targets=_value_targets(2, {2023: 82, 2024: 82, 2025: 83}),
            benchmark="ASCOF 2B",
        ),
        _kpi(
            "AH-40",
            "Adult safeguarding concerns received",
            "Number of safeguarding concerns about adults received by the council in the month.",
            "Tracks demand on adult safeguarding; rising concerns can mean better awareness as "
            "well as more abuse, so it is a tracker.",
            **common,
            service="Social Work and Social Care",
            unit="count",
            decimal_places=0,
            polarity="none",
            frequency="monthly",
            comparator="same_last_year",
            values=_walk(
                "AH-40",
                60,
                820,
                1050,
                55,
                dp=0,
                season=(0, 10, 20, 0, -30, 20, 30, 0, -70, 20, 10, 10),
            ),
            data_source=asc_records + "; Safeguarding Adults Collection definitions",
            availability=_MONTHLY,
            benchmark="NHS England Safeguarding Adults Collection",
        ),
        _kpi(
            "AH-41",
            "People waiting for a Care Act assessment",
            "Number of people waiting for a Care Act needs assessment on the last working day of "
            "the month.",
            "Long waits leave needs unmet and increase risk; the waiting list was a focus of the "
            "strength-based social care model.",
            **common,
            service="Social Work and Social Care",
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="monthly",
            values=_walk(
                "AH-41",
                60,
                1450,
                1350,
                40,
                dp=0,
                persistence=0.6,
                shifts=((18, 520), (36, -700)),
            ),
            data_source=asc_records,
            availability=_MONTHLY,
            weaknesses="A snapshot; the list rose when referrals surged in autumn 2021 and fell "
            "after a waiting-list initiative from April 2023.",
            targets=_direction_targets("decrease", 2023, 2024, 2025),
        ),
        _kpi(
            "AH-42",
            "Staff turnover in home care providers in the Community Health and Wellbeing pilot",
            "Percentage of care workers employed by the pilot's home care providers who left in "
            "the last 12 months.",
            "Stable, local care workers give people continuity of care; the new model aims to "
            "fix workforce and market challenges.",
            **common,
            service="Integrated Commissioning",
            unit="percentage",
            polarity="lower",
            frequency="quarterly",
            values=_walk("AH-42", 20, 36, 35, 1.2, shifts=((10, -17),)),
            data_source="Community Health and Wellbeing pilot monitoring returns; the fall from "
            f"36% to 18% is quoted in {_SEED_002}",
            availability=_QUARTERLY,
            weaknesses="Phase one pilot providers only; the pilot began in 2022/23 Q3.",
            targets=_value_targets(3, {2023: 20, 2024: 18, 2025: 18}),
        ),
    ]


# --------------------------------------------------------------------------------------------
# Children and Families
# --------------------------------------------------------------------------------------------


def _children_and_families() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": _CF, "board": _BOARD_CF}
    records = "Leeds City Council children's social care records (illustrative)"
    return [
        _kpi(
            "CF-06",
            "Education, Health and Care Plans issued within 20 weeks",
            "Percentage of new Education, Health and Care Plans issued within 20 weeks of the "
            "request for assessment, excluding exceptions (numerator: plans issued in time; "
            "denominator: plans issued in the month).",
            "Families should not wait for the support their children need; the EHCP "
            "improvement plan aims for full compliance with statutory timescales.",
            **common,
            service="SEND and Inclusion",
            pillars=(_IG, _HW),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=_walk("CF-06", 60, 58, 50, 5, hi=100, shifts=((18, -25), (36, 20), (48, 17))),
            denominators=_walk("CF-06 plans", 60, 75, 120, 12, lo=20, dp=0),
            data_source="Leeds City Council SEND case records (SEN2 definitions); EHCP "
            f"improvement plan in {_SEED_002}",
            source_url="https://explore-education-statistics.service.gov.uk/find-statistics/"
            "education-health-and-care-plans",
            availability=_MONTHLY,
            weaknesses="Small monthly numbers make the percentage volatile.",
            targets=_value_targets(10, {2023: 50, 2024: 60, 2025: 70}),
            benchmark="DfE SEN2: EHCPs issued within 20 weeks",
        ),
        _kpi(
            "CF-07",
            "Children looked after",
            "Number of children looked after by Leeds City Council on the last day of the month.",
            "Leeds aims to safely reduce the need for children to come into care, keeping "
            "families together where it is safe to do so.",
            **common,
            service="Children Looked After",
            pillars=(_HW,),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="monthly",
            values=_walk("CF-07", 60, 1345, 1290, 9, dp=0, persistence=0.85),
            data_source=records + "; SSDA903 definitions",
            availability=_MONTHLY,
            weaknesses="Monthly snapshot; published annual figures (CF-01) are at 31 March.",
            targets=_direction_targets("decrease", 2023, 2024, 2025),
            benchmark="DfE SSDA903; Fingertips 90803",
        ),
        _kpi(
            "CF-08",
            "Referrals to children's social care",
            "Number of referrals to children's social care received in the month.",
            "Tracks demand at the front door; referrals dip in school holidays.",
            **common,
            service="Social Work Service",
            pillars=(_HW,),
            unit="count",
            decimal_places=0,
            polarity="none",
            frequency="monthly",
            comparator="same_last_year",
            values=_walk(
                "CF-08",
                60,
                1050,
                1120,
                45,
                dp=0,
                scale=(0.72, 0.84),
                season=(-40, 20, 40, 10, -180, 60, 80, 60, -60, 20, 30, 10),
            ),
            data_source=records + "; Children in Need census definitions",
            availability=_MONTHLY,
            benchmark="DfE Children in Need census",
        ),
        _kpi(
            "CF-09",
            "Child protection plans that are a second or subsequent plan",
            "Percentage of children starting a child protection plan in the quarter who had "
            "been the subject of a plan before.",
            "Repeat plans suggest earlier work did not make children safe for long enough.",
            **common,
            service="Social Work Service",
            pillars=(_HW,),
            unit="percentage",
            polarity="lower",
            frequency="quarterly",
            values=_walk("CF-09", 20, 21, 19, 2.0, hi=100),
            data_source=records + "; Children in Need census definitions",
            availability=_QUARTERLY,
            targets=_value_targets(3, {2023: 20, 2024: 19, 2025: 19}),
            benchmark="DfE Children in Need census (repeat child protection plans)",
        ),
        _kpi(
            "CF-10",
            "Children looked after in external residential placements",
            "Number of children looked after living in residential placements provided outside "
            "the council, at the end of the quarter.",
            "The Sufficiency Strategy aims for children to live close to home, school and "
            "support networks, within budget.",
            **common,
            service="Children Looked After",
            pillars=(_HW, _IG),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="quarterly",
            values=_walk(
                "CF-10", 20, 72, 70, 3, dp=0, persistence=0.6, shifts=((8, 18), (14, -12))
            ),
            data_source=f"{records}; Sufficiency Strategy in {_SEED_002}",
            availability=_QUARTERLY,
            targets=_direction_targets("decrease", 2023, 2024, 2025),
        ),
        _kpi(
            "CF-11",
            "Persistent absence from school",
            "Percentage of pupils in Leeds state-funded schools missing 10% or more of possible "
            "sessions, for the school year to date.",
            "Regular attendance underpins attainment and safeguarding; absence rose sharply "
            "after the pandemic.",
            **common,
            service="Learning Improvement",
            pillars=(_IG,),
            unit="percentage",
            polarity="lower",
            frequency="quarterly",
            values=_walk(
                "CF-11", 20, 12.5, 12.5, 0.8, shifts=((4, 10.5), (8, 1.5), (12, -2), (16, -1.7))
            ),
            data_source="Leeds City Council school attendance returns (illustrative)",
            source_url="https://explore-education-statistics.service.gov.uk/find-statistics/"
            "pupil-absence-in-schools-in-england",
            availability=_QUARTERLY,
            weaknesses="Year-to-date figure reported at each quarter end; school terms do not "
            "align with financial quarters.",
            targets=_value_targets(2, {2023: 21, 2024: 19, 2025: 18}),
            benchmark="DfE Pupil absence in schools in England",
        ),
        _kpi(
            "CF-12",
            "Care leavers aged 19 to 21 in education, employment or training",
            "Percentage of care leavers aged 19 to 21 the council is in touch with who are in "
            "education, employment or training.",
            "The council is corporate parent to care leavers and wants them to thrive as adults.",
            **common,
            service="Children Looked After",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("CF-12", 20, 54, 62, 2.5, hi=100),
            data_source=records + "; SSDA903 definitions",
            availability=_QUARTERLY,
            targets=_value_targets(3, {2023: 60, 2024: 62, 2025: 64}),
            benchmark="DfE SSDA903 (care leavers in education, employment or training)",
        ),
    ]


# --------------------------------------------------------------------------------------------
# City Development
# --------------------------------------------------------------------------------------------

# Leisure centres: closed April to July 2020, November 2020 and January to March 2021; demand
# then recovered gradually.
_LEISURE_REOPENING = (
    (0, 0, 0, 0.22, 0.45, 0.55, 0.55, 0.08, 0.4, 0, 0, 0, 0.35, 0.6, 0.65, 0.7, 0.72, 0.78)
    + tuple(0.8 + 0.012 * i for i in range(12))
    + tuple(0.94 + 0.002 * i for i in range(30))
)
# Bus patronage: lockdowns in 2020/21, then recovery helped by the £2 fare cap from 2022.
_BUS_RECOVERY = (0.25, 0.45, 0.5, 0.35, 0.6, 0.72, 0.8, 0.78, 0.85, 0.88, 0.9, 0.9, 0.93)


def _city_development() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": _CD, "board": _BOARD_IIIG}
    planning = "Leeds City Council planning applications system, PS1/PS2 returns (illustrative)"
    planning_url = (
        "https://www.gov.uk/government/statistical-data-sets/live-tables-on-planning-"
        "application-statistics"
    )
    return [
        _kpi(
            "CD-01",
            "Major planning applications decided within 13 weeks or agreed time",
            "Percentage of major planning applications decided within 13 weeks (16 with an "
            "environmental assessment) or an agreed extension (numerator: decided in time; "
            "denominator: major applications decided in the quarter).",
            "Timely decisions give developers confidence to invest in homes and jobs.",
            **common,
            service="Planning and Sustainable Development",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("CD-01", 20, 91, 93, 4, hi=100),
            denominators=_walk("CD-01 decisions", 20, 24, 22, 4, lo=8, dp=0),
            data_source=planning,
            source_url=planning_url,
            availability=_QUARTERLY,
            weaknesses="Only 20 to 30 major decisions a quarter, so one late decision moves the "
            "figure by several points.",
            targets=_every_year(5, 85),
            benchmark="DLUHC planning live tables P151a; Oflog Planning",
        ),
        _kpi(
            "CD-02",
            "Non-major planning applications decided within 8 weeks or agreed time",
            "Percentage of minor and other planning applications decided within 8 weeks or an "
            "agreed extension.",
            "Most householders and small businesses deal with the planning service through "
            "non-major applications.",
            **common,
            service="Planning and Sustainable Development",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("CD-02", 20, 88, 84, 2, hi=100, shifts=((10, -7), (16, 6))),
            data_source=planning,
            source_url=planning_url,
            availability=_QUARTERLY,
            weaknesses="Performance dipped in 2022/23 while vacancies were filled.",
            targets=_every_year(5, 85),
            benchmark="DLUHC planning live tables P151b; Oflog Planning",
        ),
        _kpi(
            "CD-03",
            "Bus passenger journeys in Leeds",
            "Number of passenger journeys on local bus services starting in Leeds in the quarter.",
            "The Connecting Leeds Transport Strategy aims for a city where you do not need a car; "
            "buses are the backbone of public transport.",
            **common,
            service="Highways and Transportation",
            pillars=(_ZC, _IG),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="quarterly",
            comparator="same_last_year",
            values=_walk(
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
            f"(illustrative); Connecting Leeds in {_SEED_002}",
            source_url="https://www.leeds.gov.uk/parking-roads-and-travel/connecting-leeds-and-"
            "transforming-travel/transport-policy",
            availability="Quarterly, about eight weeks after the quarter ends",
            weaknesses="Operator returns; concessionary and ticket-type journeys are estimated.",
            targets=_direction_targets("increase", 2023, 2024, 2025),
            scorecard=True,
            benchmark="DfT BUS01 (local bus passenger journeys)",
        ),
        _kpi(
            "CD-04",
            "Net additional homes delivered",
            "Net additional dwellings completed in Leeds in the financial year (new builds, "
            "conversions and changes of use, less demolitions).",
            "The Core Strategy plans for 3,247 homes a year to meet the needs of a growing city.",
            **common,
            service="Planning and Sustainable Development",
            pillars=(_IG,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=_walk("CD-04", 5, 3350, 3450, 180, dp=0),
            data_source="Leeds City Council housing land monitoring (illustrative); over 17,000 "
            f"homes in five years is quoted in {_SEED_002}",
            source_url="https://www.gov.uk/government/statistical-data-sets/live-tables-on-net-"
            "supply-of-housing",
            availability="Annually, in the Authority Monitoring Report, about six months after "
            "year end",
            targets=_every_year(250, 3247),
            benchmark="DLUHC Live Table 122",
        ),
        _kpi(
            "CD-05",
            "Affordable homes delivered",
            "Number of new affordable homes delivered in the year by the council, registered "
            "providers and third-sector partners, including Section 106 homes.",
            "The Affordable Housing Growth Partnership aims to scale up delivery so that people "
            "on lower incomes can live in good homes.",
            **common,
            service="Asset Management and Regeneration",
            pillars=(_IG,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=_walk("CD-05", 5, 480, 640, 40, dp=0),
            data_source="Leeds City Council affordable housing monitoring (illustrative); just "
            f"over 2,800 affordable homes in five years is quoted in {_SEED_002}",
            source_url="https://www.leeds.gov.uk/plans-and-strategies/leeds-affordable-housing-"
            "growth-partnership-action-plan",
            availability="Annually, about three months after year end",
            targets=_value_targets(60, {2023: 600, 2024: 650, 2025: 700}),
            scorecard=True,
            benchmark="DLUHC Live Table 1008C (affordable housing supply)",
        ),
        _kpi(
            "CD-06",
            "Category 1 highway defects made safe within 24 hours",
            "Percentage of category 1 (dangerous) highway defects made safe within 24 hours of "
            "being reported.",
            "Dangerous potholes and defects must be made safe quickly to prevent injuries and "
            "insurance claims.",
            **common,
            service="Highways and Transportation",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=_walk(
                "CD-06",
                60,
                93.5,
                95.5,
                1.8,
                hi=100,
                season=(0, 0, 0, 0, 0, 0, -0.5, -1, -2.5, -3, -1.5, -0.5),
            ),
            data_source="Leeds City Council highways asset management system (illustrative)",
            availability=_MONTHLY,
            weaknesses="Winter freeze-thaw creates peaks of defects.",
            targets=_every_year(3, 95),
        ),
        _kpi(
            "CD-07",
            "Principal roads where maintenance should be considered",
            "Percentage of the A-road network in red condition from SCANNER surveys, where "
            "maintenance should be considered.",
            "Road condition affects safety, journey times and the cost of future repairs.",
            **common,
            service="Highways and Transportation",
            pillars=(_IG,),
            unit="percentage",
            decimal_places=0,
            polarity="lower",
            frequency="annual",
            values=_walk("CD-07", 5, 3, 4, 0.4, dp=0),
            data_source="Leeds City Council SCANNER road condition surveys (illustrative)",
            source_url="https://www.gov.uk/government/statistical-data-sets/road-condition-"
            "statistics-data-tables-rdc",
            availability="Annually, about nine months after year end",
            targets=_every_year(1, 4),
            benchmark="DfT RDC0120; Oflog Roads",
        ),
        _kpi(
            "CD-08",
            "Visits to Active Leeds leisure centres",
            "Number of visits to Active Leeds leisure centres in the month (swims, gym, classes "
            "and sports bookings).",
            "Leisure centres help people of all ages be active, a Leeds Health and Wellbeing "
            "Strategy priority.",
            directorate=_CD,
            board=_BOARD_AHAL,
            service="Active Leeds",
            pillars=(_HW,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="monthly",
            comparator="same_last_year",
            values=_walk(
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
            availability=_MONTHLY,
            weaknesses="Centres were closed for much of 2020/21 (COVID-19); the baseline is the "
            "2019/20 monthly average.",
            targets=_value_targets(20_000, {2023: 330_000, 2024: 345_000, 2025: 360_000}),
            baseline=(372_000.0, "2019/20"),
        ),
        _kpi(
            "CD-09",
            "People supported into work by the Employment and Skills service",
            "Number of Leeds residents supported by the council's Employment and Skills service "
            "who started a job in the quarter.",
            "Good jobs are the best route out of poverty; the service is rated Outstanding by "
            "Ofsted.",
            **common,
            service="Employment and Skills",
            pillars=(_IG,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="quarterly",
            values=_walk("CD-09", 20, 520, 880, 45, dp=0, scale=(0.6, 0.8)),
            data_source=f"Leeds City Council Employment and Skills records (illustrative); "
            f"Ofsted rating in {_SEED_002}",
            availability=_QUARTERLY,
            targets=_value_targets(80, {2023: 800, 2024: 850, 2025: 900}),
        ),
        _kpi(
            "CD-10",
            "Utilisation of council locality buildings",
            "Average percentage of available bookable hours used in community hubs, community "
            "centres, libraries and other locality buildings during opening hours.",
            "Some locality buildings are used for under half their opening hours; the estate "
            "review targets at least 80% use of the buildings the council keeps.",
            directorate=_CD,
            board=_BOARD_SR,
            service="Asset Management and Regeneration",
            pillars=(_IG, _ZC),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("CD-10", 20, 38, 56, 2, hi=100),
            data_source="Leeds City Council room booking system (illustrative); the under-50% "
            f"use and 80% target are quoted in {_SEED_002}",
            availability=_QUARTERLY,
            targets=_value_targets(10, {2023: 55, 2024: 60, 2025: 80}),
        ),
    ]


# --------------------------------------------------------------------------------------------
# Communities, Housing and Environment
# --------------------------------------------------------------------------------------------


def _communities_housing_environment() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": _CHE, "board": _BOARD_EHC}
    housing = "Leeds City Council housing management system (illustrative)"
    calls = _walk(
        "CHE-07", 60, 92_000, 78_000, 3_000, dp=0,
        season=(14_000, 3_000, 0, -2_000, -3_000, 0, 1_000, 0, -12_000, 5_000, 0, -3_000),
    )  # fmt: skip
    pipes = _walk("CHE-10", 20, 1180, 2010, 25, dp=0)
    pipes = [max(pipes[: i + 1]) for i in range(len(pipes))]  # a cumulative count never falls
    return [
        _kpi(
            "CHE-01",
            "Household waste sent for reuse, recycling or composting",
            "Percentage of household waste collected by the council that was sent for reuse, "
            "recycling or composting.",
            "Recycling more cuts carbon and disposal costs; Simpler Recycling will add glass and "
            "food collections at the kerbside.",
            **common,
            service="Environmental Services",
            pillars=(_ZC,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            comparator="same_last_year",
            values=_walk("CHE-01", 20, 36.0, 37.5, 0.8, hi=100, season=(2.5, 2, -2, -2.5)),
            data_source=f"Leeds City Council WasteDataFlow returns (illustrative); waste strategy "
            f"in {_SEED_002}",
            source_url="https://www.gov.uk/government/statistical-data-sets/env18-local-"
            "authority-collected-waste-annual-results-tables",
            availability="Quarterly, about eight weeks after the quarter ends",
            weaknesses="Seasonal: garden waste lifts the rate in spring and summer.",
            targets=_value_targets(2, {2023: 38, 2024: 39, 2025: 42}),
            scorecard=True,
            benchmark="DEFRA ENV18 (ex-NI 192); Oflog Waste",
        ),
        _kpi(
            "CHE-02",
            "Missed bin collections",
            "Missed household bin collections reported and upheld, per 100,000 scheduled "
            "collections in the month.",
            "Reliable collections are the service residents notice most.",
            **common,
            service="Environmental Services",
            pillars=(_ZC,),
            unit="rate",
            rate_per=100000,
            polarity="lower",
            frequency="monthly",
            values=_walk(
                "CHE-02",
                60,
                48,
                38,
                5,
                shifts=((54, 25), (58, -22)),
                season=(0, 0, 0, 0, 0, 0, 0, 2, 8, 6, 2, 0),
            ),
            data_source="Leeds City Council refuse collection system and customer reports "
            f"(illustrative); route review in {_SEED_002}",
            availability=_MONTHLY,
            weaknesses="Rose while new collection routes bedded in during autumn 2024.",
            targets=_every_year(10, 40),
        ),
        _kpi(
            "CHE-03",
            "Homelessness cases closed with a positive outcome",
            "Percentage of homelessness prevention and relief cases closed in the quarter where "
            "the household secured accommodation for at least six months.",
            "Preventing homelessness is better for families and cheaper than temporary "
            "accommodation.",
            **common,
            service="Housing Leeds",
            pillars=(_HW, _IG),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("CHE-03", 20, 81, 84.5, 1.8, hi=100),
            data_source=f"Leeds Housing Options records, H-CLIC definitions (illustrative); 84% "
            f"in Leeds against 56% nationally is quoted in {_SEED_003}",
            source_url="https://www.gov.uk/government/collections/homelessness-statistics",
            availability=_QUARTERLY,
            targets=_every_year(4, 80),
            scorecard=True,
            benchmark="DLUHC H-CLIC",
        ),
        _kpi(
            "CHE-04",
            "Households in temporary accommodation",
            "Number of households in temporary accommodation arranged by the council on the last "
            "day of the month.",
            "Temporary accommodation disrupts family life and is a growing cost pressure.",
            **common,
            service="Housing Leeds",
            pillars=(_HW,),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="monthly",
            values=_walk("CHE-04", 60, 135, 290, 8, dp=0, persistence=0.7),
            data_source=housing,
            availability=_MONTHLY,
            targets=_value_targets(20, {2023: 220, 2024: 240, 2025: 250}),
            benchmark="DLUHC H-CLIC (households in temporary accommodation)",
        ),
        _kpi(
            "CHE-05",
            "Council housing repairs completed right first time",
            "Percentage of responsive repairs to council homes completed on the first visit.",
            "Getting repairs right first time matters to tenants and saves repeat visits.",
            **common,
            service="Housing Leeds",
            pillars=(_HW,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=_walk("CHE-05", 60, 88, 91, 1.5, hi=100),
            data_source=housing,
            availability=_MONTHLY,
            targets=_value_targets(3, {2023: 90, 2024: 90, 2025: 92}),
            benchmark="Regulator of Social Housing Tenant Satisfaction Measures",
        ),
        _kpi(
            "CHE-06",
            "Average time to re-let council homes",
            "Average calendar days from the previous tenancy ending to the new tenancy starting "
            "(key to key), for council homes let in the month.",
            "Empty homes mean lost rent and longer waits for people on the housing register.",
            **common,
            service="Housing Leeds",
            pillars=(_HW, _IG),
            unit="days",
            polarity="lower",
            frequency="monthly",
            values=_walk("CHE-06", 60, 38, 30, 3, shifts=((12, 14), (30, -12))),
            data_source=housing,
            availability=_MONTHLY,
            weaknesses="Rose in 2021/22 while a backlog of empty homes was cleared.",
            targets=_value_targets(5, {2023: 35, 2024: 32, 2025: 30}),
        ),
        _kpi(
            "CHE-07",
            "Calls received by the Contact Centre",
            "Number of telephone calls received by the council's Contact Centre in the month.",
            "A barometer of the problems the public is having with council services; a tracker, "
            "as the council cannot set its level.",
            **common,
            service="Customer Access",
            pillars=(_IG,),
            unit="count",
            decimal_places=0,
            polarity="none",
            frequency="monthly",
            comparator="same_last_year",
            values=calls,
            data_source=f"Leeds City Council telephony system (illustrative); named as a tracker "
            f"in {_SEED_004}",
            availability=_MONTHLY,
            weaknesses="Peaks each April when council tax bills arrive.",
        ),
        _kpi(
            "CHE-08",
            "Contact Centre calls answered",
            "Percentage of calls to the Contact Centre that were answered (numerator: calls "
            "answered; denominator: calls received, as CHE-07).",
            "Residents, especially those without digital access, must be able to reach the "
            "council by phone.",
            **common,
            service="Customer Access",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=_walk("CHE-08", 60, 86, 88, 2, hi=99.5, shifts=((30, -9), (36, 7))),
            denominators=calls,
            data_source="Leeds City Council telephony system (illustrative)",
            availability=_MONTHLY,
            weaknesses="Fell in winter 2022/23 while vacancies were high.",
            targets=_value_targets(5, {2023: 85, 2024: 88, 2025: 88}),
        ),
        _kpi(
            "CHE-09",
            "Fly-tipping incidents reported",
            "Number of fly-tipping incidents on public land reported to or found by the council "
            "in the month.",
            "Fly-tipping blights neighbourhoods; a tracker because more reporting is welcome.",
            **common,
            service="Environmental Services",
            pillars=(_HW,),
            unit="count",
            decimal_places=0,
            polarity="none",
            frequency="monthly",
            comparator="same_last_year",
            values=_walk(
                "CHE-09",
                60,
                1050,
                1000,
                70,
                dp=0,
                scale=(1.2, 1.15),
                season=(60, 80, 90, 100, 80, 40, 0, -40, -120, -60, -40, 0),
            ),
            data_source="Leeds City Council cleansing records, WasteDataFlow definitions "
            "(illustrative)",
            availability=_MONTHLY,
            benchmark="DEFRA fly-tipping statistics for England",
        ),
        _kpi(
            "CHE-10",
            "Buildings connected to the Leeds PIPES district heat network",
            "Cumulative number of homes, public and commercial buildings supplied with heat by "
            "the Leeds PIPES network at the end of the quarter.",
            "Leeds PIPES provides low-carbon heat from the city's non-recyclable waste and is "
            "expanding to new buildings.",
            **common,
            service="Climate, Energy and Green Spaces",
            pillars=(_ZC,),
            unit="count",
            decimal_places=0,
            polarity="higher",
            frequency="quarterly",
            values=pipes,
            data_source="Leeds PIPES connection records (illustrative); around 2,000 buildings "
            f"is quoted in {_SEED_002} and {_SEED_003}",
            source_url="https://www.leeds-pipes.co.uk/",
            availability=_QUARTERLY,
            targets=_direction_targets("increase", 2023, 2024, 2025),
            scorecard=True,
        ),
        _kpi(
            "CHE-11",
            "Time to process new Housing Benefit claims",
            "Average number of calendar days to process new Housing Benefit claims decided in "
            "the month.",
            "Prompt decisions prevent rent arrears and hardship for low-income households.",
            **common,
            service="Welfare and Benefits",
            pillars=(_IG,),
            unit="days",
            polarity="lower",
            frequency="monthly",
            values=_walk("CHE-11", 60, 21, 15.5, 1.5, season=(3, 1) + (0,) * 10),
            data_source="Leeds City Council benefits system (illustrative)",
            availability=_MONTHLY,
            weaknesses="April peaks follow annual benefit uprating.",
            targets=_value_targets(3, {2023: 18, 2024: 16, 2025: 16}),
            benchmark="DWP Housing Benefit speed of processing",
        ),
        _kpi(
            "CHE-12",
            "Anti-social behaviour incidents reported",
            "Number of anti-social behaviour incidents reported to West Yorkshire Police and the "
            "council in Leeds in the quarter.",
            "Shows pressure on Safer Leeds; a tracker because reporting is encouraged.",
            **common,
            service="Safer Leeds",
            pillars=(_HW,),
            unit="count",
            decimal_places=0,
            polarity="none",
            frequency="quarterly",
            comparator="same_last_year",
            values=_walk("CHE-12", 20, 5200, 4700, 200, dp=0, season=(300, 500, -300, -500)),
            data_source="Safer Leeds partnership data (illustrative)",
            availability=_QUARTERLY,
        ),
        _kpi(
            "CHE-13",
            "Complaints responded to within timescale",
            "Percentage of stage 1 complaints to the council answered within 15 working days.",
            "Complaints handled well restore trust and show where services need to improve.",
            **common,
            service="Customer Access",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("CHE-13", 20, 74, 83, 2.5, hi=100),
            data_source="Leeds City Council customer relations records (illustrative)",
            availability=_QUARTERLY,
            targets=_every_year(5, 80),
        ),
    ]


# --------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------

# Forecast general fund overspend at each quarter end, £m: COVID-19 in 2020/21, inflation and
# demand pressures from 2022/23, recovery plans in 2024/25.
_OVERSPEND = (28.0, 19.5, 11.2, 4.1, 6.8, 5.2, 3.9, 1.2, 14.5, 21.8) + (
    17.2,
    10.6,
    24.1,
    31.0,
    29.4,
    21.7,
    17.9,
    13.5,
    9.8,
    5.6,
)


def _resources() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": _RES, "board": _BOARD_SR}
    finance = "Leeds City Council financial management system (illustrative)"
    hr = "Leeds City Council HR and payroll system (illustrative)"
    noise = _walk("RES-12", 20, 0, 0, 0.3, lo=None, dp=3)
    return [
        _kpi(
            "RES-01",
            "Council tax collected in year",
            "Percentage of the council tax due for the financial year that was collected by 31 "
            "March.",
            "Council tax funds local services; every 0.1% is about £0.5m.",
            **common,
            service="Financial Services",
            pillars=(_IG,),
            unit="percentage",
            decimal_places=2,
            polarity="higher",
            frequency="annual",
            values=_walk("RES-01", 5, 94.9, 95.9, 0.15, hi=100, dp=2),
            data_source=finance + "; QRC4 return definitions",
            availability="Annually, in April, just after year end",
            targets=_every_year(0.5, 96.0),
            benchmark="MHCLG Collection rates for council tax and non-domestic rates",
        ),
        _kpi(
            "RES-02",
            "Business rates collected in year",
            "Percentage of the non-domestic rates due for the financial year that was collected "
            "by 31 March.",
            "Business rates are a major source of funding for council services.",
            **common,
            service="Financial Services",
            pillars=(_IG,),
            unit="percentage",
            decimal_places=2,
            polarity="higher",
            frequency="annual",
            values=_walk("RES-02", 5, 95.8, 98.1, 0.25, hi=100, dp=2),
            data_source=finance + "; QRC4 return definitions",
            availability="Annually, in April, just after year end",
            weaknesses="2020/21 was affected by COVID-19 business closures and reliefs.",
            targets=_every_year(0.5, 98.0),
            benchmark="MHCLG Collection rates for council tax and non-domestic rates",
        ),
        _kpi(
            "RES-03",
            "Working days lost to sickness per full-time equivalent",
            "Average working days lost to sickness absence per full-time equivalent employee "
            "over the last 12 months (excluding schools).",
            "A healthy workforce is a productive one; the People Strategy focuses on wellbeing.",
            **common,
            service="Human Resources",
            pillars=(_HW,),
            unit="days",
            decimal_places=2,
            polarity="lower",
            frequency="quarterly",
            values=_walk(
                "RES-03",
                20,
                10.6,
                11.2,
                0.12,
                dp=2,
                persistence=0.6,
                shifts=((8, 1.0), (14, -0.9)),
            ),
            data_source=hr,
            availability=_QUARTERLY,
            weaknesses="Rolling 12-month figure; excludes staff in schools.",
            targets=_value_targets(0.5, {2023: 11.0, 2024: 10.75, 2025: 10.5}),
        ),
        _kpi(
            "RES-04",
            "Freedom of Information requests answered within 20 working days",
            "Percentage of Freedom of Information and Environmental Information Regulations "
            "requests answered within the statutory 20 working days.",
            "Openness is a council value and a legal duty; the ICO expects at least 90% on time.",
            **common,
            service="Integrated Digital Service",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=_walk("RES-04", 60, 86, 91, 3, hi=100),
            data_source="Leeds City Council information requests system (illustrative)",
            availability=_MONTHLY,
            targets=_every_year(5, 90),
            benchmark="ICO expectation: 90% within 20 working days",
        ),
        _kpi(
            "RES-05",
            "Spend on agency staff",
            "Total spend on agency workers across the council in the month, in pounds.",
            "Workforce planning aims to cut agency and overtime spend through vacancy controls "
            "and permanent recruitment.",
            **common,
            service="Human Resources",
            pillars=(_IG,),
            unit="currency",
            decimal_places=0,
            polarity="lower",
            frequency="monthly",
            values=_walk(
                "RES-05",
                60,
                2_100_000,
                2_600_000,
                180_000,
                dp=0,
                persistence=0.5,
                shifts=((36, 600_000), (50, -900_000)),
            ),
            data_source=f"{finance}; agency and overtime workstream in {_SEED_002}",
            availability=_MONTHLY,
            weaknesses="Accruals can move spend between months.",
            targets=_direction_targets("decrease", 2023, 2024, 2025),
        ),
        _kpi(
            "RES-06",
            "Undisputed invoices paid within 30 days",
            "Percentage of undisputed supplier invoices paid within 30 days of receipt.",
            "Paying on time supports local businesses and the third sector.",
            **common,
            service="Financial Services",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=_walk("RES-06", 60, 93, 95.5, 1.2, hi=100, season=(-2,) + (0,) * 11),
            data_source=finance,
            availability=_MONTHLY,
            weaknesses="April dips while year-end closedown is completed.",
            targets=_every_year(2, 95),
        ),
        _kpi(
            "RES-07",
            "Carbon emissions from council buildings and operations (tCO2e)",
            "Tonnes of carbon dioxide equivalent from the council's buildings, street lighting "
            "and fleet in the financial year (scopes 1 and 2).",
            "Leeds declared a climate emergency in 2019, with an ambition to be net zero by 2030; "
            "the council must lead by example.",
            **common,
            service="Civic Enterprise Leeds",
            pillars=(_ZC,),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="annual",
            values=_walk("RES-07", 5, 52_000, 38_500, 800, dp=0),
            data_source="Leeds City Council greenhouse gas emissions report (illustrative)",
            availability="Annually, about six months after year end",
            weaknesses="Uses each year's government conversion factors, which change as the "
            "electricity grid decarbonises.",
            targets=_value_targets(2_000, {2023: 42_000, 2024: 39_000, 2025: 36_000}),
            scorecard=True,
        ),
        _kpi(
            "RES-08",
            "Council fleet vehicles that are ultra-low or zero emission",
            "Percentage of the council's vehicle fleet that is ultra-low or zero emission at the "
            "end of the quarter.",
            "A cleaner fleet cuts carbon and air pollution; the fleet review aims for the right "
            "vehicles replaced at the right time.",
            **common,
            service="Civic Enterprise Leeds",
            pillars=(_ZC,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("RES-08", 20, 16, 41, 1.0, hi=100, persistence=0.5),
            data_source=f"Leeds City Council fleet management system (illustrative); fleet "
            f"review in {_SEED_002}",
            availability=_QUARTERLY,
            targets=_value_targets(3, {2023: 35, 2024: 40, 2025: 45}),
        ),
        _kpi(
            "RES-09",
            "Customer transactions completed online",
            "Percentage of customer transactions for the council's main services (payments, "
            "applications, reports and bookings) completed online.",
            "The customer strategy takes a digital-first approach so that staff time goes to "
            "people who need help most.",
            **common,
            service="Integrated Digital Service",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=_walk("RES-09", 20, 56, 71, 1.5, hi=100),
            data_source=f"Leeds City Council web and contact records (illustrative); "
            f"digital-first customer strategy in {_SEED_002}",
            availability=_QUARTERLY,
            targets=_value_targets(3, {2023: 65, 2024: 68, 2025: 72}),
        ),
        _kpi(
            "RES-10",
            "Employee engagement index",
            "Staff survey engagement index: the average score, out of 100, across the survey's "
            "engagement questions.",
            "Engaged staff deliver better services; the People Strategy keeps staff "
            "satisfaction as a key measure of success.",
            **common,
            service="Human Resources",
            pillars=(_HW,),
            unit="score",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=_walk("RES-10", 5, 68, 71, 1.2, dp=0, hi=100),
            data_source=f"Leeds City Council staff survey (illustrative); staff survey in "
            f"{_SEED_002}",
            availability="Annually, about two months after the survey closes",
            targets=_every_year(3, 72),
        ),
        _kpi(
            "RES-11",
            "Senior officers rating performance monitoring as well embedded",
            "Percentage of senior officers answering the annual Survey of Internal Control who "
            "rate performance monitoring arrangements as 'well embedded'.",
            "First-line assurance for the Annual Governance Statement that performance "
            "management is embedded.",
            **common,
            service="Intelligence and Policy",
            pillars=(_IG,),
            unit="percentage",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=[52.0, 55.0, 56.0, 58.0, 64.0],
            periods=CALENDAR_YEARS,
            data_source="Leeds City Council Survey of Internal Control; 2023 (58%) and 2024 "
            f"(64%) are as reported in {_SEED_004}",
            availability="Annually, each summer, about two months after the May survey",
            weaknesses="2020 to 2022 are invented; 2023 and 2024 are as reported. The survey "
            "runs each May; a calendar year is judged against the financial year containing its "
            "first day (2024 against 2023/24).",
            targets=_value_targets(5, {2023: 60, 2024: 68, 2025: 70}),
        ),
        _kpi(
            "RES-12",
            "Forecast overspend on the general fund revenue budget",
            "Forecast year-end overspend on the council's general fund revenue budget at the end "
            "of the quarter, in pounds (zero when a balanced position is forecast).",
            "Financial sustainability: overspends draw on reserves needed for future years.",
            **common,
            service="Financial Services",
            pillars=(_IG,),
            unit="currency",
            decimal_places=0,
            polarity="lower",
            frequency="quarterly",
            values=[
                float(max(0, round((base + error) * 1_000)) * 1_000)
                for base, error in zip(_OVERSPEND, noise, strict=True)
            ],
            data_source=f"{finance}; financial monitoring reports to Executive Board; the "
            f"financial challenge in {_SEED_002}",
            availability="Quarterly, in financial monitoring reports about six weeks after the "
            "quarter ends",
            weaknesses="Forecasts move as mitigating actions are agreed; the final outturn is "
            "reported in July.",
            targets=_every_year(5_000_000, 0.0),
        ),
        _kpi(
            "RES-13",
            "Staff who have had their annual appraisal",
            "Percentage of staff (excluding schools) with an appraisal recorded in the year.",
            "Appraisals link every member of staff to the Best City Ambition and their own "
            "development.",
            **common,
            service="Human Resources",
            pillars=(_IG,),
            unit="percentage",
            polarity="higher",
            frequency="annual",
            values=_walk("RES-13", 5, 84, 93, 1.5, hi=100),
            data_source=hr,
            availability="Annually, about two months after year end",
            targets=_every_year(5, 95),
        ),
    ]
