"""Adults and Health: adult social care (Oflog), the NHS A&E figures for Leeds Teaching
Hospitals, and the directorate's illustrative KPIs. Its public health KPIs are in
`public_health`."""

from __future__ import annotations

from typing import Any

from quarterly.demo.catalogue.base import (
    AH,
    BOARD_AHAL,
    HW,
    DemoKPI,
    direction_targets,
    value_targets,
)
from quarterly.demo.catalogue.generated import MONTHLY, QUARTERLY, SEED_002, illustrative_kpi, walk
from quarterly.demo.catalogue.published import RealSeries, nhs_ae, oflog

REAL: list[RealSeries] = []  # this directorate's real KPIs, for `catalogue.register`

_SURVEY = "Sample survey of carers, run every two years."
REAL.append(oflog(
    "AH-27", "ASC1", "1D", "Carer-reported quality of life",
    "Average quality-of-life score (0 to 12) reported by carers in the Survey of Adult Carers in "
    "England.",
    "Unpaid carers are the backbone of care in Leeds; their wellbeing sustains it.",
    unit="score", polarity="higher", service="Social Work and Social Care", weaknesses=_SURVEY,
    medians={2018: 7.4, 2021: 7.2}, tolerance=0.3,
))  # fmt: skip
REAL.append(oflog(
    "AH-28", "ASC2", "1J", "Social care-related quality of life: impact of services",
    "Adjusted social care-related quality of life score, estimating the difference care and "
    "support make to service users' quality of life (Adult Social Care Survey).",
    "Shows whether council-funded care improves people's lives, beyond their level of need.",
    unit="score", decimal_places=3, polarity="higher", service="Integrated Commissioning",
    weaknesses="Modelled from survey responses; a new measure from 2016/17.",
    medians={2021: 0.409, 2022: 0.413}, tolerance=0.01,
))  # fmt: skip
REAL.append(oflog(
    "AH-29", "ASC3", "3D1", "Service users who find it easy to find information",
    "Percentage of service users who say it was very or fairly easy to find information about "
    "support (Adult Social Care Survey).",
    "Good information helps people help themselves and reduces demand at the front door.",
    polarity="higher", service="Social Work and Social Care",
    weaknesses="Annual sample survey; 2020/21 survey not run because of COVID-19.",
    medians={2021: 65.2, 2022: 67.5}, tolerance=3.0,
))  # fmt: skip
REAL.append(oflog(
    "AH-30", "ASC4", "3D2", "Carers who find it easy to find information",
    "Percentage of carers who say it was very or fairly easy to find information about support "
    "(Survey of Adult Carers in England).",
    "Carers need timely information to keep caring and look after their own health.",
    polarity="higher", service="Integrated Commissioning", weaknesses=_SURVEY,
    medians={2018: 62.4, 2021: 57.3}, tolerance=3.0,
))  # fmt: skip
REAL.append(oflog(
    "AH-31", "ASC5", "2D", "Short-term support that leaves people more independent",
    "Percentage of new clients who finished short-term support (such as reablement) in the "
    "year needing no further support or support at a lower level.",
    "Reablement and recovery services are at the heart of the HomeFirst programme.",
    polarity="higher", service="Care Delivery",
    weaknesses="Counting rules for short-term support differ between councils.",
    medians={2021: 76.4, 2022: 78.2}, tolerance=3.0,
))  # fmt: skip
REAL.append(oflog(
    "AH-32", "ASC6", "(SALT)", "Requests for support from new clients resulting in a service",
    "Requests for adult social care support from new clients that resulted in a service, per "
    "100,000 adults.",
    "Shows demand reaching formal care; a tracker because both high and low values need "
    "interpretation.",
    unit="rate", rate_per=100000, decimal_places=0, polarity="none",
    service="Social Work and Social Care",
    weaknesses="The rate's base (per 100,000 adults) is inferred from Oflog's values; the "
    "2015/16 value is about half the later ones and is probably not comparable.",
))  # fmt: skip
REAL.append(oflog(
    "AH-33", "ASC7", "(Skills for Care)", "Adult social care workforce turnover",
    "Percentage of directly employed adult social care staff in Leeds (independent and council "
    "sectors) who left their role in the year (Skills for Care estimates).",
    "High turnover undermines continuity of care and drives recruitment costs for providers.",
    polarity="lower", service="Integrated Commissioning",
    weaknesses="Modelled estimates from the Adult Social Care Workforce Data Set.",
    medians={2021: 28.6, 2022: 28.0}, tolerance=2.0,
))  # fmt: skip

_FOUR_HOURS = value_targets(5.0, {2016: 95.0, 2017: 95.0, 2018: 95.0})
REAL.append(nhs_ae(
    "AH-34", "ae_rr8_4hr_all", "A&E patients seen within four hours (all departments)",
    "Percentage of A&E attendances at Leeds Teaching Hospitals, all department types, admitted, "
    "transferred or discharged within four hours of arrival.",
    purpose="Waits in A&E show pressure across the whole health and care system, including "
    "delays in discharging people to social care.",
    unit="percentage", decimal_places=1, polarity="higher", targets=_FOUR_HOURS,
))  # fmt: skip
REAL.append(nhs_ae(
    "AH-35", "ae_rr8_4hr_type1", "A&E patients seen within four hours (major A&E departments)",
    "Percentage of attendances at Leeds Teaching Hospitals' type 1 (consultant-led, 24-hour) A&E "
    "departments completed within four hours of arrival.",
    purpose="The type 1 figure is where system pressure shows first.",
    unit="percentage", decimal_places=1, polarity="higher", targets=_FOUR_HOURS,
))  # fmt: skip
REAL.append(nhs_ae(
    "AH-36", "ae_rr8_attendances", "A&E attendances at Leeds Teaching Hospitals",
    "Number of attendances at Leeds Teaching Hospitals' A&E departments in the month, all "
    "department types.",
    purpose="Tracks demand on urgent care, for planning with health partners.",
    unit="count", decimal_places=0, polarity="none", targets=(),
))  # fmt: skip
REAL.append(nhs_ae(
    "AH-37", "ae_rr8_admissions", "Emergency admissions via A&E at Leeds Teaching Hospitals",
    "Number of emergency admissions to Leeds Teaching Hospitals through its A&E departments in "
    "the month.",
    purpose="Admissions drive bed demand and, after discharge, demand for social care.",
    unit="count", decimal_places=0, polarity="none", targets=(),
))  # fmt: skip


def illustrative_kpis() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": AH, "board": BOARD_AHAL, "pillars": (HW,)}
    asc_records = "Leeds City Council adult social care records (illustrative)"
    return [
        illustrative_kpi(
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
            values=walk("AH-38", 20, 590, 505, 12),
            data_source=asc_records + "; ASCOF 2A definitions",
            availability=QUARTERLY,
            weaknesses="Rolling 12-month figure, so it moves slowly.",
            targets=value_targets(20, {2023: 520, 2024: 510, 2025: 500}),
            benchmark="ASCOF 2A (65+)",
        ),
        illustrative_kpi(
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
            values=walk("AH-39", 20, 80.5, 84.0, 1.5, hi=100),
            data_source=asc_records + "; ASCOF 2B definitions",
            availability=QUARTERLY,
            targets=value_targets(2, {2023: 82, 2024: 82, 2025: 83}),
            benchmark="ASCOF 2B",
        ),
        illustrative_kpi(
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
            values=walk(
                "AH-40",
                60,
                820,
                1050,
                55,
                dp=0,
                season=(0, 10, 20, 0, -30, 20, 30, 0, -70, 20, 10, 10),
            ),
            data_source=asc_records + "; Safeguarding Adults Collection definitions",
            availability=MONTHLY,
            benchmark="NHS England Safeguarding Adults Collection",
        ),
        illustrative_kpi(
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
            values=walk(
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
            availability=MONTHLY,
            weaknesses="A snapshot; the list rose when referrals surged in autumn 2021 and fell "
            "after a waiting-list initiative from April 2023.",
            targets=direction_targets("decrease", 2023, 2024, 2025),
        ),
        illustrative_kpi(
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
            values=walk("AH-42", 20, 36, 35, 1.2, shifts=((10, -17),)),
            data_source="Community Health and Wellbeing pilot monitoring returns; the fall from "
            f"36% to 18% is quoted in {SEED_002}",
            availability=QUARTERLY,
            weaknesses="Phase one pilot providers only; the pilot began in 2022/23 Q3.",
            targets=value_targets(3, {2023: 20, 2024: 18, 2025: 18}),
        ),
    ]
