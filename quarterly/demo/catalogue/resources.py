"""Resources: illustrative KPIs (finance, HR, digital, legal and democratic services,
intelligence and policy, Civic Enterprise Leeds)."""

from __future__ import annotations

from typing import Any

from quarterly.demo.catalogue.base import (
    BOARD_SR,
    HW,
    IG,
    RES,
    ZC,
    DemoKPI,
    direction_targets,
    value_targets,
)
from quarterly.demo.catalogue.generated import (
    CALENDAR_YEARS,
    MONTHLY,
    QUARTERLY,
    SEED_002,
    SEED_004,
    every_year,
    illustrative_kpi,
    walk,
)

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


def illustrative_kpis() -> list[DemoKPI]:
    common: dict[str, Any] = {"directorate": RES, "board": BOARD_SR}
    finance = "Leeds City Council financial management system (illustrative)"
    hr = "Leeds City Council HR and payroll system (illustrative)"
    noise = walk("RES-12", 20, 0, 0, 0.3, lo=None, dp=3)
    return [
        illustrative_kpi(
            "RES-01",
            "Council tax collected in year",
            "Percentage of the council tax due for the financial year that was collected by 31 "
            "March.",
            "Council tax funds local services; every 0.1% is about £0.5m.",
            **common,
            service="Financial Services",
            pillars=(IG,),
            unit="percentage",
            decimal_places=2,
            polarity="higher",
            frequency="annual",
            values=walk("RES-01", 5, 94.9, 95.9, 0.15, hi=100, dp=2),
            data_source=finance + "; QRC4 return definitions",
            availability="Annually, in April, just after year end",
            targets=every_year(0.5, 96.0),
            benchmark="MHCLG Collection rates for council tax and non-domestic rates",
        ),
        illustrative_kpi(
            "RES-02",
            "Business rates collected in year",
            "Percentage of the non-domestic rates due for the financial year that was collected "
            "by 31 March.",
            "Business rates are a major source of funding for council services.",
            **common,
            service="Financial Services",
            pillars=(IG,),
            unit="percentage",
            decimal_places=2,
            polarity="higher",
            frequency="annual",
            values=walk("RES-02", 5, 95.8, 98.1, 0.25, hi=100, dp=2),
            data_source=finance + "; QRC4 return definitions",
            availability="Annually, in April, just after year end",
            weaknesses="2020/21 was affected by COVID-19 business closures and reliefs.",
            targets=every_year(0.5, 98.0),
            benchmark="MHCLG Collection rates for council tax and non-domestic rates",
        ),
        illustrative_kpi(
            "RES-03",
            "Working days lost to sickness per full-time equivalent",
            "Average working days lost to sickness absence per full-time equivalent employee "
            "over the last 12 months (excluding schools).",
            "A healthy workforce is a productive one; the People Strategy focuses on wellbeing.",
            **common,
            service="Human Resources",
            pillars=(HW,),
            unit="days",
            decimal_places=2,
            polarity="lower",
            frequency="quarterly",
            values=walk(
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
            availability=QUARTERLY,
            weaknesses="Rolling 12-month figure; excludes staff in schools.",
            targets=value_targets(0.5, {2023: 11.0, 2024: 10.75, 2025: 10.5}),
        ),
        illustrative_kpi(
            "RES-04",
            "Freedom of Information requests answered within 20 working days",
            "Percentage of Freedom of Information and Environmental Information Regulations "
            "requests answered within the statutory 20 working days.",
            "Openness is a council value and a legal duty; the ICO expects at least 90% on time.",
            **common,
            service="Integrated Digital Service",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=walk("RES-04", 60, 86, 91, 3, hi=100),
            data_source="Leeds City Council information requests system (illustrative)",
            availability=MONTHLY,
            targets=every_year(5, 90),
            benchmark="ICO expectation: 90% within 20 working days",
        ),
        illustrative_kpi(
            "RES-05",
            "Spend on agency staff",
            "Total spend on agency workers across the council in the month, in pounds.",
            "Workforce planning aims to cut agency and overtime spend through vacancy controls "
            "and permanent recruitment.",
            **common,
            service="Human Resources",
            pillars=(IG,),
            unit="currency",
            decimal_places=0,
            polarity="lower",
            frequency="monthly",
            values=walk(
                "RES-05",
                60,
                2_100_000,
                2_600_000,
                180_000,
                dp=0,
                persistence=0.5,
                shifts=((36, 600_000), (50, -900_000)),
            ),
            data_source=f"{finance}; agency and overtime workstream in {SEED_002}",
            availability=MONTHLY,
            weaknesses="Accruals can move spend between months.",
            targets=direction_targets("decrease", 2023, 2024, 2025),
        ),
        illustrative_kpi(
            "RES-06",
            "Undisputed invoices paid within 30 days",
            "Percentage of undisputed supplier invoices paid within 30 days of receipt.",
            "Paying on time supports local businesses and the third sector.",
            **common,
            service="Financial Services",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="monthly",
            values=walk("RES-06", 60, 93, 95.5, 1.2, hi=100, season=(-2,) + (0,) * 11),
            data_source=finance,
            availability=MONTHLY,
            weaknesses="April dips while year-end closedown is completed.",
            targets=every_year(2, 95),
        ),
        illustrative_kpi(
            "RES-07",
            "Carbon emissions from council buildings and operations (tCO2e)",
            "Tonnes of carbon dioxide equivalent from the council's buildings, street lighting "
            "and fleet in the financial year (scopes 1 and 2).",
            "Leeds declared a climate emergency in 2019, with an ambition to be net zero by 2030; "
            "the council must lead by example.",
            **common,
            service="Civic Enterprise Leeds",
            pillars=(ZC,),
            unit="count",
            decimal_places=0,
            polarity="lower",
            frequency="annual",
            values=walk("RES-07", 5, 52_000, 38_500, 800, dp=0),
            data_source="Leeds City Council greenhouse gas emissions report (illustrative)",
            availability="Annually, about six months after year end",
            weaknesses="Uses each year's government conversion factors, which change as the "
            "electricity grid decarbonises.",
            targets=value_targets(2_000, {2023: 42_000, 2024: 39_000, 2025: 36_000}),
            scorecard=True,
        ),
        illustrative_kpi(
            "RES-08",
            "Council fleet vehicles that are ultra-low or zero emission",
            "Percentage of the council's vehicle fleet that is ultra-low or zero emission at the "
            "end of the quarter.",
            "A cleaner fleet cuts carbon and air pollution; the fleet review aims for the right "
            "vehicles replaced at the right time.",
            **common,
            service="Civic Enterprise Leeds",
            pillars=(ZC,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=walk("RES-08", 20, 16, 41, 1.0, hi=100, persistence=0.5),
            data_source=f"Leeds City Council fleet management system (illustrative); fleet "
            f"review in {SEED_002}",
            availability=QUARTERLY,
            targets=value_targets(3, {2023: 35, 2024: 40, 2025: 45}),
        ),
        illustrative_kpi(
            "RES-09",
            "Customer transactions completed online",
            "Percentage of customer transactions for the council's main services (payments, "
            "applications, reports and bookings) completed online.",
            "The customer strategy takes a digital-first approach so that staff time goes to "
            "people who need help most.",
            **common,
            service="Integrated Digital Service",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="quarterly",
            values=walk("RES-09", 20, 56, 71, 1.5, hi=100),
            data_source=f"Leeds City Council web and contact records (illustrative); "
            f"digital-first customer strategy in {SEED_002}",
            availability=QUARTERLY,
            targets=value_targets(3, {2023: 65, 2024: 68, 2025: 72}),
        ),
        illustrative_kpi(
            "RES-10",
            "Employee engagement index",
            "Staff survey engagement index: the average score, out of 100, across the survey's "
            "engagement questions.",
            "Engaged staff deliver better services; the People Strategy keeps staff "
            "satisfaction as a key measure of success.",
            **common,
            service="Human Resources",
            pillars=(HW,),
            unit="score",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=walk("RES-10", 5, 68, 71, 1.2, dp=0, hi=100),
            data_source=f"Leeds City Council staff survey (illustrative); staff survey in "
            f"{SEED_002}",
            availability="Annually, about two months after the survey closes",
            targets=every_year(3, 72),
        ),
        illustrative_kpi(
            "RES-11",
            "Senior officers rating performance monitoring as well embedded",
            "Percentage of senior officers answering the annual Survey of Internal Control who "
            "rate performance monitoring arrangements as 'well embedded'.",
            "First-line assurance for the Annual Governance Statement that performance "
            "management is embedded.",
            **common,
            service="Intelligence and Policy",
            pillars=(IG,),
            unit="percentage",
            decimal_places=0,
            polarity="higher",
            frequency="annual",
            values=[52.0, 55.0, 56.0, 58.0, 64.0],
            periods=CALENDAR_YEARS,
            data_source="Leeds City Council Survey of Internal Control; 2023 (58%) and 2024 "
            f"(64%) are as reported in {SEED_004}",
            availability="Annually, each summer, about two months after the May survey",
            weaknesses="2020 to 2022 are invented; 2023 and 2024 are as reported. The survey "
            "runs each May; a calendar year is judged against the financial year containing its "
            "first day (2024 against 2023/24).",
            targets=value_targets(5, {2023: 60, 2024: 68, 2025: 70}),
        ),
        illustrative_kpi(
            "RES-12",
            "Forecast overspend on the general fund revenue budget",
            "Forecast year-end overspend on the council's general fund revenue budget at the end "
            "of the quarter, in pounds (zero when a balanced position is forecast).",
            "Financial sustainability: overspends draw on reserves needed for future years.",
            **common,
            service="Financial Services",
            pillars=(IG,),
            unit="currency",
            decimal_places=0,
            polarity="lower",
            frequency="quarterly",
            values=[
                float(max(0, round((base + error) * 1_000)) * 1_000)
                for base, error in zip(_OVERSPEND, noise, strict=True)
            ],
            data_source=f"{finance}; financial monitoring reports to Executive Board; the "
            f"financial challenge in {SEED_002}",
            availability="Quarterly, in financial monitoring reports about six weeks after the "
            "quarter ends",
            weaknesses="Forecasts move as mitigating actions are agreed; the final outturn is "
            "reported in July.",
            targets=every_year(5_000_000, 0.0),
        ),
        illustrative_kpi(
            "RES-13",
            "Staff who have had their annual appraisal",
            "Percentage of staff (excluding schools) with an appraisal recorded in the year.",
            "Appraisals link every member of staff to the Best City Ambition and their own "
            "development.",
            **common,
            service="Human Resources",
            pillars=(IG,),
            unit="percentage",
            polarity="higher",
            frequency="annual",
            values=walk("RES-13", 5, 84, 93, 1.5, hi=100),
            data_source=hr,
            availability="Annually, about two months after year end",
            targets=every_year(5, 95),
        ),
    ]
