"""Children and Families: real KPIs from DfE via OHID Fingertips, and illustrative ones."""

from __future__ import annotations

from typing import Any

from quarterly.demo.catalogue.base import (
    BOARD_CF,
    CF,
    HW,
    IG,
    DemoKPI,
    direction_targets,
    value_targets,
)
from quarterly.demo.catalogue.generated import MONTHLY, QUARTERLY, SEED_002, illustrative_kpi, walk
from quarterly.demo.catalogue.published import RealSeries, fingertips

REAL: list[RealSeries] = []  # this directorate's real KPIs, for `catalogue.register`

REAL.append(fingertips(
    "CF-01", "ft_children_in_care", 90803, "Children looked after per 10,000 children",
    "Children looked after at 31 March per 10,000 children aged under 18.",
    "Leeds aims to safely reduce the number of children who need to be in care through its "
    "restorative, family-first approach.",
    polarity="lower", unit="rate", rate_per=10000, directorate=CF,
    service="Children Looked After", board=BOARD_CF, profile="Child and Maternal Health",
    publisher="Department for Education, Children looked after in England, via OHID Fingertips",
    weaknesses="A snapshot at 31 March, stored against that calendar year.", old_vintage=True,
    england_targets={2016: 62.0, 2017: 63.6}, tolerance=5.0,
    availability="Annually, in November, about eight months after the 31 March snapshot",
))  # fmt: skip
REAL.append(fingertips(
    "CF-02", "ft_child_protection_plans", 90886, "Children subject to a child protection plan",
    "Children who were the subject of a child protection plan at 31 March, per 10,000 children "
    "aged under 18.",
    "Shows demand on the safeguarding system; neither a rise nor a fall is good in itself.",
    polarity="none", unit="rate", rate_per=10000, directorate=CF, service="Social Work Service",
    board=BOARD_CF, profile="Child and Maternal Health",
    publisher="Department for Education, Characteristics of children in need, via OHID "
    "Fingertips",
    weaknesses="A tracker: the extract holds only 2012/13 to 2014/15.",
    availability="Annually, in November, about eight months after the 31 March snapshot",
))  # fmt: skip
REAL.append(fingertips(
    "CF-03", "ft_neet_16_17", 93203, "16 and 17 year olds not in education, employment or training",
    "Percentage of 16 and 17 year olds known to the council who are not in education, employment "
    "or training, or whose activity is not known (December to February average).",
    "Young people who are NEET at 16 to 17 are more likely to be unemployed and on low pay later "
    "in life.",
    polarity="lower", directorate=CF, service="Learning Improvement", board=BOARD_CF,
    pillars=(IG,), scorecard=True,
    publisher="Department for Education, NEET and participation, via OHID Fingertips",
    weaknesses="Includes young people whose activity is not known, so tracking effort moves "
    "the figure.", old_vintage=True,
    england_targets={2016: 6.0, 2017: 5.5}, tolerance=1.0,
))  # fmt: skip
REAL.append(fingertips(
    "CF-04", "ft_school_readiness_fsm", 90632,
    "School readiness of children eligible for free school meals",
    "Percentage of children eligible for free school meals achieving a good level of "
    "development at the end of Reception (Early Years Foundation Stage Profile).",
    "A good start at school is a Best Start priority and the first step in closing the "
    "attainment gap.",
    polarity="higher", directorate=CF, service="Learning Improvement", board=BOARD_CF,
    pillars=(IG, HW), scorecard=True,
    publisher="Department for Education, EYFS Profile results, via OHID Fingertips",
    weaknesses="Teacher assessment; the framework was reformed in 2021/22, so later years are "
    "not comparable.", old_vintage=True,
    england_targets={2016: 56.0, 2017: 56.6}, tolerance=3.0,
))  # fmt: skip
REAL.append(fingertips(
    "CF-05", "ft_low_income_children", 10101, "Children in low income families",
    "Percentage of children under 16 living in families in receipt of out-of-work benefits or "
    "tax credits with reported income below 60% of the median (HMRC).",
    "Child poverty shapes health, learning and life chances; tackling it is the heart of the "
    "Best City Ambition's mission.",
    polarity="lower", directorate=CF, service="Early Help and Family Hubs", board=BOARD_CF,
    pillars=(IG,), scorecard=True,
    weaknesses="Relative measure from the HMRC children in low income families dataset, "
    "replaced in 2020 by the DWP/HMRC measure.", old_vintage=True,
    england_targets={2014: 16.8, 2015: 17.0}, tolerance=2.0,
))  # fmt: skip


def illustrative_kpis() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": CF, "board": BOARD_CF}
    records = "Leeds City Council children's social care records (illustrative)"
    return [
        illustrative_kpi(
            "CF-06",
            "Education, Health and Care Plans issued within 20 weeks",
            "Percentage of new Education, Health and Care Plans issued within 20 weeks of the "
            "request for assessment, excluding exceptions (numerator: plans issued in time; "
            "denominator: plans issued in the month).",
            "Families should not wait for the support their children need; the EHCP "
            "improvement plan aims for full compliance with statutory timescales.",
            **common,
            service="SEND and Inclusion",
            pillars=(IG, HW),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=walk("CF-06", 60, 58, 50, 5, hi=100, shifts=((18, -25), (36, 20), (48, 17))),
            denominators=walk("CF-06 plans", 60, 75, 120, 12, lo=20, dp=0),
            data_source="Leeds City Council SEND case records (SEN2 definitions); EHCP "
            f"improvement plan in {SEED_002}",
            source_url="https://explore-education-statistics.service.gov.uk/find-statistics/"
            "education-health-and-care-plans",
            availability=MONTHLY,
            weaknesses="Small monthly numbers make the percentage volatile.",
            targets=value_targets(10, {2023: 50, 2024: 60, 2025: 70}),
            benchmark="DfE SEN2: EHCPs issued within 20 weeks",
        ),
        illustrative_kpi(
            "CF-07",
            "Children looked after",
            "Number of children looked after by Leeds City Council on the last day of the month.",
            "Leeds aims to safely reduce the need for children to come into care, keeping "
            "families together where it is safe to do so.",
            **common,
            service="Children Looked After",
            pillars=(HW,),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="monthly",
            values=walk("CF-07", 60, 1345, 1290, 9, dp=0, persistence=0.85),
            data_source=records + "; SSDA903 definitions",
            availability=MONTHLY,
            weaknesses="Monthly snapshot; published annual figures (CF-01) are at 31 March.",
            targets=direction_targets("decrease", 2023, 2024, 2025),
            benchmark="DfE SSDA903; Fingertips 90803",
        ),
        illustrative_kpi(
            "CF-08",
            "Referrals to children's social care",
            "Number of referrals to children's social care received in the month.",
            "Tracks demand at the front door; referrals dip in school holidays.",
            **common,
            service="Social Work Service",
            pillars=(HW,),
            unit="count",
            decimal_places=0,
            polarity="none",
            frequency="monthly",
            comparator="same_last_year",
            values=walk(
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
            availability=MONTHLY,
            benchmark="DfE Children in Need census",
        ),
        illustrative_kpi(
            "CF-09",
            "Child protection plans that are a second or subsequent plan",
            "Percentage of children starting a child protection plan in the quarter who had "
            "been the subject of a plan before.",
            "Repeat plans suggest earlier work did not make children safe for long enough.",
            **common,
            service="Social Work Service",
            pillars=(HW,),
            unit="percentage",
            polarity="lower",
            frequency="quarterly",
            values=walk("CF-09", 20, 21, 19, 2.0, hi=100),
            data_source=records + "; Children in Need census definitions",
            availability=QUARTERLY,
            targets=value_targets(3, {2023: 20, 2024: 19, 2025: 19}),
            benchmark="DfE Children in Need census (repeat child protection plans)",
        ),
        illustrative_kpi(
            "CF-10",
            "Children looked after in external residential placements",
            "Number of children looked after living in residential placements provided outside "
            "the council, at the end of the quarter.",
            "The Sufficiency Strategy aims for children to live close to home, school and "
            "support networks, within budget.",
            **common,
            service="Children Looked After",
            pillars=(HW, IG),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="quarterly",
            values=walk("CF-10", 20, 72, 70, 3, dp=0, persistence=0.6, shifts=((8, 18), (14, -12))),
            data_source=f"{records}; Sufficiency Strategy in {SEED_002}",
            availability=QUARTERLY,
            targets=direction_targets("decrease", 2023, 2024, 2025),
        ),
        illustrative_kpi(
            "CF-11",
            "Persistent absence from school",
            "Percentage of pupils in Leeds state-funded schools missing 10% or more of possible "
            "sessions, for the school year to date.",
            "Regular attendance underpins attainment and safeguarding; absence rose sharply "
            "after the pandemic.",
            **common,
            service="Learning Improvement",
            pillars=(IG,),
            unit="percentage",
            polarity="lower",
            frequency="quarterly",
            values=walk(
                "CF-11", 20, 12.5, 12.5, 0.8, shifts=((4, 10.5), (8, 1.5), (12, -2), (16, -1.7))
            ),
            data_source="Leeds City Council school attendance returns (illustrative)",
            source_url="https://explore-education-statistics.service.gov.uk/find-statistics/"
            "pupil-absence-in-schools-in-england",
            availability=QUARTERLY,
            weaknesses="Year-to-date figure reported at each quarter end; school terms do not "
            "align with financial quarters.",
            targets=value_targets(2, {2023: 21, 2024: 19, 2025: 18}),
            benchmark="DfE Pupil absence in schools in England",
        ),
        illustrative_kpi(
            "CF-12",
            "Care leavers aged 19 to 21 in education, employment or training",
            "Percentage of care leavers aged 19 to 21 the council is in touch with who are in "
            "education, employment or training.",
            "The council is corporate parent to care leavers and wants them to thrive as adults.",
            **common,
            service="Children Looked After",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=walk("CF-12", 20, 54, 62, 2.5, hi=100),
            data_source=records + "; SSDA903 definitions",
            availability=QUARTERLY,
            targets=value_targets(3, {2023: 60, 2024: 62, 2025: 64}),
            benchmark="DfE SSDA903 (care leavers in education, employment or training)",
        ),
    ]
