"""The demo council's KPI Register: Leeds City Council (ONS code E08000035), as plain data.

This module imports nothing from Django. `demo_kpis()` returns the register the demo loads:
the Leeds directorates, services, scrutiny boards and pillars, and KPIs with their supporting
information, targets and results.

Two kinds of KPI:

* **Real** (`illustrative=False`): published Leeds statistics, shipped as package data in
  `quarterly/demo/data/*.csv` by `scripts/extract_demo_data.py` (see `data/PROVENANCE.md`):
  OHID Fingertips and DfE indicators (Trafford Data Lab compilations, 2020 and 2024 vintages,
  and one raw Fingertips export with confidence intervals), the seven Oflog adult social care
  measures, and NHS England monthly A&E activity for Leeds Teaching Hospitals NHS Trust (RR8).
  Their targets are demo targets (the England value, the Oflog median or the national A&E
  standard for the same year), and each KPI's `known_weaknesses` says so.
* **Illustrative** (`illustrative=True`, defined in `quarterly.demo.illustrative`): plausible,
  deterministic figures for the measures a council register holds but no shared data covers.

Periods are canonical labels, as `quarterly.core.periods.Period` writes them: financial
years "2023/24", quarters of the financial year "2023/24 Q2" (Q1 = April to June), months
"June 2024" and calendar years "2023". A target's `financial_year` is the year the financial
year starts (2024 means 2024/25). Calendar-year results are judged against the financial year
containing their first day, as `Period.fy` does: calendar year 2024 against 2023/24.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Any

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


def demo_kpis() -> list[DemoKPI]:
    """The demo KPI Register, by directorate and then reference (real KPIs come first).

    Built once per process (the package CSVs are read and the illustrative series generated on
    the first call) and identical on every call and in every process.
    """
    return list(_register())


# --------------------------------------------------------------------------------------------
# Building the register
# --------------------------------------------------------------------------------------------

_AH, _CF, _CD, _CHE, _RES = DIRECTORATES
_HW, _IG, _ZC = PILLARS
_BOARD_AHAL, _BOARD_CF, _BOARD_EHC, _BOARD_IIIG, _BOARD_SR = SCRUTINY_BOARDS
_DATA_FILES = ("fingertips_leeds.csv", "oflog_asc_leeds.csv", "nhs_ae_rr8.csv")

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _period_sort_key(label: str) -> tuple[int, int]:
    """(year, month) of a canonical label's first month, for ordering results."""
    head, _, tail = label.partition(" ")
    if head in _MONTHS:
        return int(tail), _MONTHS.index(head) + 1
    if "/" in head:
        start = int(head[:4])
        quarter = int(tail[1]) if tail.startswith("Q") else 1
        month = 4 + 3 * (quarter - 1)
        return (start + 1, month - 12) if month > 12 else (start, month)
    return int(head), 1


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@functools.cache
def _series() -> dict[str, tuple[DemoResult, ...]]:
    """Every real series in the package CSVs, keyed by series id, in period order."""
    rows: dict[str, list[DemoResult]] = {}
    folder = resources.files("quarterly.demo") / "data"
    for name in _DATA_FILES:
        text = (folder / name).read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text, newline="")):
            value = _float(row["value"])
            if value is None:
                raise ValueError(f"{name}: {row['series_id']} {row['period']} has no value")
            rows.setdefault(row["series_id"], []).append(
                DemoResult(
                    period=row["period"],
                    value=value,
                    numerator=_float(row["numerator"]),
                    denominator=_float(row["denominator"]),
                    lower_ci=_float(row["lower_ci"]),
                    upper_ci=_float(row["upper_ci"]),
                )
            )
    return {
        series: tuple(sorted(results, key=lambda r: _period_sort_key(r.period)))
        for series, results in rows.items()
    }


@functools.cache
def _register() -> tuple[DemoKPI, ...]:
    from quarterly.demo.illustrative import illustrative_kpis

    series = _series()
    real = [
        DemoKPI(
            **fields,
            baseline=series[series_id][0].value,
            baseline_period=series[series_id][0].period,
            illustrative=False,
            results=series[series_id],
        )
        for series_id, fields in _REAL
    ]
    unused = set(series) - {series_id for series_id, _ in _REAL}
    if unused:
        raise ValueError(f"package data holds series no KPI uses: {sorted(unused)}")
    order = {name: index for index, name in enumerate(DIRECTORATES)}
    return tuple(
        sorted(
            real + illustrative_kpis(),
            key=lambda kpi: (order[kpi.directorate], int(kpi.reference.rpartition("-")[2])),
        )
    )


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


def _value_targets(tolerance: float, values: dict[int, float]) -> tuple[DemoTarget, ...]:
    """Value targets, keyed by financial year, all with the same amber tolerance."""
    return tuple(
        DemoTarget(year, float(value), float(tolerance)) for year, value in sorted(values.items())
    )


def _direction_targets(direction: str, *years: int) -> tuple[DemoTarget, ...]:
    """Interim "increase"/"decrease" targets, as the seeds describe for KPIs without values."""
    return tuple(DemoTarget(year, direction=direction) for year in years)


# --------------------------------------------------------------------------------------------
# Real KPIs
# --------------------------------------------------------------------------------------------

_FINGERTIPS_URL = "https://fingertips.phe.org.uk/search/{}"
_OFLOG_URL = "https://oflog.data.gov.uk/"
_NHS_AE_URL = (
    "https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/"
)
_FT_AVAILABLE = "Annually, in OHID Fingertips, usually 12 to 18 months after the period ends"
_POOLED = (
    " Three-year pooled periods (for example 2018-20) are stored against the calendar year in "
    "which they end (2020), so consecutive results share two years of data."
)
_ENGLAND_TARGET = (
    " Demo targets are the England value for the same period, with a tolerance for the amber band."
)
_OLD_VINTAGE = (
    " The demo extract (Trafford Data Lab, 2020 vintage) ends before the latest published year."
)

_REAL: list[tuple[str, dict[str, Any]]] = []


def _real(series_id: str, **fields: Any) -> None:
    _REAL.append((series_id, fields))


# fmt: off
def _fingertips(
    reference: str, series_id: str, indicator: int, title: str, definition: str, purpose: str,
    *, polarity: str, unit: str = "percentage", rate_per: int | None = None,
    decimal_places: int = 1, profile: str = "Public Health Outcomes Framework",
    publisher: str = "OHID Fingertips", weaknesses: str = "", pooled: bool = False,
    old_vintage: bool = False, england_targets: dict[int, float] | None = None,
    tolerance: float = 0.0, targets: tuple[DemoTarget, ...] = (),
    availability: str = _FT_AVAILABLE, directorate: str = _AH, service: str = "Public Health",
    board: str = _BOARD_AHAL, pillars: tuple[str, ...] = (_HW,), scorecard: bool = False,
) -> None:
    # fmt: on
    if england_targets:
        targets = _value_targets(tolerance, england_targets)
    _real(
        series_id,
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
        frequency="annual",
        comparator="previous",
        data_source=f"{publisher}, {profile} (indicator {indicator})",
        source_url=_FINGERTIPS_URL.format(indicator),
        known_weaknesses=(
            weaknesses
            + (_POOLED if pooled else "")
            + (_OLD_VINTAGE if old_vintage else "")
            + (_ENGLAND_TARGET if england_targets else "")
        ).strip(),
        availability=availability,
        in_ambition_scorecard=scorecard,
        benchmark_indicators=f"Fingertips {indicator}",
        targets=targets,
    )


_ACTIVE_LIVES = (
    "Sport England Active Lives survey estimate from a sample of Leeds residents, so "
    "year-to-year changes are often within the margin of error. Survey years run from "
    "mid-November and are stored against the financial year Fingertips labels them with; "
    "2019/20 and 2020/21 were affected by COVID-19 restrictions."
)
_NCMP = (
    "National Child Measurement Programme, which measures most eligible children in a normal "
    "year, but 2020/21 collection was disrupted by COVID-19 (Year 6 not published)."
)
_NCMP_AVAILABLE = "Annually, about six months after the school year ends (NCMP, each November)"
_HES = "Hospital Episode Statistics by area of residence; coding practice varies between trusts."

_fingertips(
    "AH-01", "ft_active_adults", 93014, "Physically active adults",
    "Percentage of adults aged 19 and over doing at least 150 moderate-intensity equivalent "
    "minutes of physical activity per week (Active Lives Adult Survey).",
    "Regular activity prevents and helps manage long-term conditions; getting more people "
    "active is a Leeds Health and Wellbeing Strategy priority.",
    polarity="higher", profile="Physical Activity", weaknesses=_ACTIVE_LIVES,
    england_targets={2020: 65.9, 2021: 67.3}, tolerance=2.0, scorecard=True,
)  # fmt: skip
_fingertips(
    "AH-02", "ft_inactive_adults", 93015, "Physically inactive adults",
    "Percentage of adults aged 19 and over doing less than 30 moderate-intensity equivalent "
    "minutes of physical activity per week (Active Lives Adult Survey).",
    "Inactivity is a leading risk factor for ill health and is concentrated in the most "
    "deprived communities.",
    polarity="lower", profile="Physical Activity", weaknesses=_ACTIVE_LIVES,
    england_targets={2020: 23.4, 2021: 22.3}, tolerance=2.0,
)  # fmt: skip
_fingertips(
    "AH-03", "ft_overweight_adults", 93088, "Adults classified as overweight or obese",
    "Percentage of adults aged 18 and over with a body mass index of 25 or more, from "
    "self-reported height and weight in the Active Lives Adult Survey.",
    "Excess weight drives diabetes, heart disease and some cancers, and is more common in "
    "deprived communities.",
    polarity="lower", profile="Obesity, Physical Activity and Nutrition",
    weaknesses=_ACTIVE_LIVES + " Self-reported measures understate BMI.",
    england_targets={2020: 63.3, 2021: 63.8}, tolerance=2.0,
)  # fmt: skip
_fingertips(
    "AH-04", "ft_active_children", 93570, "Physically active children and young people",
    "Percentage of children and young people in school years 1 to 11 meeting the Chief Medical "
    "Officers' guideline of an average of at least 60 minutes of activity a day.",
    "Active childhoods build lifelong habits and support mental wellbeing and learning; a Child "
    "Friendly Leeds wish.",
    polarity="higher", profile="Physical Activity", board=_BOARD_CF,
    weaknesses="Active Lives Children and Young People survey: school-based sample, academic "
    "years stored as financial years; 2019/20 and 2020/21 affected by school closures.",
    targets=_direction_targets("increase", 2021, 2022),
)  # fmt: skip
_fingertips(
    "AH-05", "ft_depression_prevalence", 848, "Recorded prevalence of depression in adults",
    "Percentage of patients aged 18 and over on GP practice registers with a record of "
    "depression (Quality and Outcomes Framework).",
    "Tracks recorded need for mental health support; rising prevalence informs commissioning "
    "of talking therapies and community mental health services.",
    polarity="none", profile="Common Mental Health Disorders",
    weaknesses="Recorded prevalence reflects GP case-finding and recording as much as "
    "underlying need, so it is a tracker with no target.",
)  # fmt: skip
_fingertips(
    "AH-06", "ft_smoking_routine_manual", 92445,
    "Smoking prevalence in adults in routine and manual occupations",
    "Percentage of adults aged 18 to 64 in routine and manual occupations who currently smoke "
    "(Annual Population Survey).",
    "Smoking is the largest cause of the gap in life expectancy between the most and least "
    "deprived; routine and manual workers smoke most.",
    polarity="lower", profile="Local Tobacco Control Profiles", pillars=(_HW, _IG),
    weaknesses="Annual Population Survey sample with wide confidence intervals. Later years' "
    "occupations use SOC 2020 coding (Fingertips 93802), a break in the series.",
    england_targets={2020: 23.6, 2021: 22.5}, tolerance=2.0,
)  # fmt: skip
_fingertips(
    "AH-07", "ft_smoking_adults", 92443, "Smoking prevalence in adults",
    "Percentage of adults aged 18 and over who currently smoke (Annual Population Survey).",
    "Smoking remains the leading preventable cause of early death in Leeds.",
    polarity="lower", profile="Local Tobacco Control Profiles",
    weaknesses="Annual Population Survey sample with wide confidence intervals.",
    old_vintage=True, england_targets={2016: 14.9, 2017: 14.4}, tolerance=1.5,
)  # fmt: skip
_fingertips(
    "AH-08", "ft_dental_decay_5yo", 93563, "Five-year-olds with visually obvious dental decay",
    "Percentage of five-year-olds examined in the National Dental Epidemiology Programme with "
    "at least one decayed, missing or filled tooth.",
    "Tooth decay is almost entirely preventable and is a marker of child poverty and access to "
    "dental care.",
    polarity="lower", profile="Public Health Outcomes Framework", board=_BOARD_CF,
    weaknesses="Survey every two years of a sample of children; the 2021/22 survey has no Leeds "
    "value.",
    england_targets={2016: 23.3, 2018: 23.4}, tolerance=2.0,
    availability="Every two years, about a year after the survey",
)  # fmt: skip
for _sex, _hle, _sii in (("male", "AH-09", "AH-11"), ("female", "AH-10", "AH-12")):
    _fingertips(
        _hle, f"ft_hle_{_sex}", 90362, f"Healthy life expectancy at birth ({_sex}s)",
        f"Average number of years a {_sex} born in Leeds would expect to live in good health, "
        "from current mortality rates and self-reported health (ONS), in years.",
        "The Leeds Health and Wellbeing Strategy's vision is that the people who are the "
        "poorest improve their health the fastest.",
        polarity="higher", unit="score", pooled=True, scorecard=True, pillars=(_HW, _IG),
        weaknesses="Unit is years. Based on the Annual Population Survey's self-reported health, "
        "with wide confidence intervals.",
        targets=_direction_targets("increase", 2018, 2019),
        availability="Annually (three-year pooled), about 15 months after the period ends",
    )  # fmt: skip
    _fingertips(
        _sii, f"ft_sii_le_{_sex}", 92901, f"Inequality in life expectancy at birth ({_sex}s)",
        f"Slope index of inequality in {_sex} life expectancy at birth across deprivation "
        "deciles of Leeds: the modelled gap in years between the most and least deprived.",
        "Measures progress on the mission to tackle poverty and inequality, and on the Marmot "
        "City commitment.",
        polarity="lower", unit="score", pooled=True, scorecard=True, pillars=(_HW, _IG),
        weaknesses="Unit is years. Modelled from deprivation deciles, so it is sensitive to "
        "small numbers of deaths in each decile.",
        targets=_direction_targets("decrease", 2018, 2019),
        availability="Annually (three-year pooled), about 15 months after the period ends",
    )  # fmt: skip
_fingertips(
    "AH-13", "ft_u75_preventable_mortality", 93721,
    "Under-75 mortality rate from causes considered preventable",
    "Directly age-standardised rate of deaths under 75 from causes considered preventable "
    "(2019 definition), per 100,000 population.",
    "Preventable early deaths are the sharpest measure of health inequality in the city.",
    polarity="lower", unit="rate", rate_per=100000, profile="Mortality Profile",
    scorecard=True, pillars=(_HW, _IG),
    weaknesses="2020 and 2021 include deaths from COVID-19.",
    england_targets={2020: 181.8, 2021: 153.7}, tolerance=10.0,
)  # fmt: skip
_fingertips(
    "AH-14", "ft_obese_reception", 90319, "Reception-age children living with obesity",
    "Percentage of children in Reception (age 4 to 5) classified as obese or severely obese.",
    "Childhood obesity tracks into adulthood and is most common in the most deprived areas.",
    polarity="lower", board=_BOARD_CF, weaknesses=_NCMP, availability=_NCMP_AVAILABLE,
    england_targets={2021: 10.1, 2022: 9.2}, tolerance=1.0,
)  # fmt: skip
_fingertips(
    "AH-15", "ft_obese_year6", 90323, "Year 6 children living with obesity",
    "Percentage of children in Year 6 (age 10 to 11) classified as obese or severely obese.",
    "By Year 6 more than one child in five in Leeds lives with obesity, and more in the most "
    "deprived areas.",
    polarity="lower", board=_BOARD_CF, weaknesses=_NCMP, availability=_NCMP_AVAILABLE,
    england_targets={2021: 23.4, 2022: 22.7}, tolerance=1.5, scorecard=True,
)  # fmt: skip
_fingertips(
    "AH-16", "ft_excess_weight_reception", 20601, "Reception-age children with excess weight",
    "Percentage of children in Reception classified as overweight or obese.",
    "The wider measure of unhealthy weight at school entry, used before obesity alone became "
    "the headline measure.",
    polarity="lower", board=_BOARD_CF, weaknesses=_NCMP, old_vintage=True,
    availability=_NCMP_AVAILABLE, england_targets={2016: 22.6, 2017: 22.4}, tolerance=1.0,
)  # fmt: skip
_fingertips(
    "AH-17", "ft_excess_weight_year6", 20602, "Year 6 children with excess weight",
    "Percentage of children in Year 6 classified as overweight or obese.",
    "The wider measure of unhealthy weight at the end of primary school.",
    polarity="lower", board=_BOARD_CF, weaknesses=_NCMP, old_vintage=True,
    availability=_NCMP_AVAILABLE, england_targets={2016: 34.2, 2017: 34.3}, tolerance=1.5,
)  # fmt: skip
_fingertips(
    "AH-18", "ft_falls_65plus", 22401, "Emergency hospital admissions due to falls, aged 65+",
    "Directly age-standardised rate of emergency admissions for falls injuries in people aged "
    "65 and over, per 100,000 population.",
    "Falls are the main cause of injury-related admissions in older people and often lead to "
    "long-term care.",
    polarity="lower", unit="rate", rate_per=100000, decimal_places=0, weaknesses=_HES,
    old_vintage=True, england_targets={2016: 2114, 2017: 2170}, tolerance=100.0,
)  # fmt: skip
_fingertips(
    "AH-19", "ft_self_harm", 21001, "Emergency hospital admissions for intentional self-harm",
    "Directly age-standardised rate of emergency admissions for intentional self-harm, all "
    "ages, per 100,000 population.",
    "Self-harm is a strong predictor of suicide and a marker of unmet mental health need.",
    polarity="lower", unit="rate", rate_per=100000, weaknesses=_HES, old_vintage=True,
    england_targets={2016: 185.3, 2017: 185.5}, tolerance=10.0,
)  # fmt: skip
_fingertips(
    "AH-20", "ft_self_harm_10_24", 90813, "Hospital admissions for self-harm, aged 10 to 24",
    "Directly age-standardised rate of hospital admissions as a result of self-harm in young "
    "people aged 10 to 24, per 100,000 population.",
    "Self-harm in young people is a key marker of mental health need and suicide risk.",
    polarity="lower", unit="rate", rate_per=100000, board=_BOARD_CF,
    profile="Child and Maternal Health", weaknesses=_HES, old_vintage=True,
    england_targets={2016: 407.1, 2017: 421.2}, tolerance=20.0,
)  # fmt: skip
_fingertips(
    "AH-21", "ft_alcohol_admissions", 91414, "Admissions for alcohol-related conditions",
    "Directly age-standardised rate of admission episodes where the primary diagnosis, or a "
    "secondary external cause, is wholly or partly attributable to alcohol (narrow measure), "
    "per 100,000 population.",
    "Alcohol harm falls hardest on the most deprived communities and on hospital capacity.",
    polarity="lower", unit="rate", rate_per=100000, decimal_places=0,
    profile="Local Alcohol Profiles for England", weaknesses=_HES + " Old method.",
    old_vintage=True, england_targets={2016: 636, 2017: 632}, tolerance=30.0,
)  # fmt: skip
_fingertips(
    "AH-22", "ft_alcohol_mortality", 91382, "Alcohol-related mortality",
    "Directly age-standardised rate of deaths from alcohol-related conditions, all ages, per "
    "100,000 population.",
    "Tracks the long-term harm from alcohol that prevention and treatment services address.",
    polarity="lower", unit="rate", rate_per=100000, profile="Local Alcohol Profiles for England",
    old_vintage=True, england_targets={2015: 46.0, 2016: 46.2}, tolerance=2.5,
)  # fmt: skip
_fingertips(
    "AH-23", "ft_deaths_usual_residence", 92727, "Deaths in usual place of residence, aged 65+",
    "Percentage of deaths of people aged 65 and over that occurred in their usual place of "
    "residence (home or care home).",
    "Most people say they would prefer to die at home; the measure reflects the quality of "
    "end-of-life care across the Leeds health and care partnership.",
    polarity="higher", profile="Palliative and End of Life Care Profiles",
    service="Health Partnerships", old_vintage=True,
    weaknesses="Place of death is recorded on the death certificate; it does not show whether "
    "it was the person's preferred place.",
    targets=_direction_targets("increase", 2014, 2015),
)  # fmt: skip
_fingertips(
    "AH-24", "ft_smi_excess_mortality", 91096,
    "Excess under-75 mortality in adults with serious mental illness",
    "Ratio of the under-75 mortality rate of adults with serious mental illness to that of the "
    "whole adult population, expressed as a percentage (400 means four times as high).",
    "People with serious mental illness die 15 to 20 years earlier than others, mostly from "
    "preventable physical illness.",
    polarity="lower", unit="score", profile="Severe Mental Illness",
    weaknesses="Unit is a standardised ratio (%), not a rate. Depends on GP recording of "
    "serious mental illness.",
    old_vintage=True, england_targets={2013: 351.8, 2014: 370.0}, tolerance=20.0,
)  # fmt: skip
_fingertips(
    "AH-25", "ft_u75_cancer_preventable", 40502,
    "Under-75 mortality rate from cancer considered preventable",
    "Directly age-standardised rate of deaths under 75 from cancers considered preventable, "
    "per 100,000 population.",
    "Preventable cancer deaths reflect smoking, diet, alcohol and screening uptake.",
    polarity="lower", unit="rate", rate_per=100000, pooled=True, old_vintage=True,
    weaknesses="Uses the pre-2019 definition of preventable mortality.",
    england_targets={2015: 79.4, 2016: 78.0}, tolerance=4.0,
)  # fmt: skip
_fingertips(
    "AH-26", "ft_campylobacter", 93356, "Campylobacter infection rate",
    "Laboratory-confirmed Campylobacter cases per 100,000 population, with 95% confidence "
    "intervals (Byar's method).",
    "Campylobacter is the commonest cause of bacterial food poisoning; the rate guides food "
    "safety work with Environmental Health.",
    polarity="lower", unit="rate", rate_per=100000, profile="Health Protection",
    weaknesses="Reflects testing and reporting as well as infection. In the source export the "
    "2017 denominator repeats the 2016 population estimate.",
    england_targets={2015: 89.1, 2016: 96.6}, tolerance=5.0,
)  # fmt: skip

_fingertips(
    "CF-01", "ft_children_in_care", 90803, "Children looked after per 10,000 children",
    "Children looked after at 31 March per 10,000 children aged under 18.",
    "Leeds aims to safely reduce the number of children who need to be in care through its "
    "restorative, family-first approach.",
    polarity="lower", unit="rate", rate_per=10000, directorate=_CF,
    service="Children Looked After", board=_BOARD_CF, profile="Child and Maternal Health",
    publisher="Department for Education, Children looked after in England, via OHID Fingertips",
    weaknesses="A snapshot at 31 March, stored against that calendar year.", old_vintage=True,
    england_targets={2016: 62.0, 2017: 63.6}, tolerance=5.0,
    availability="Annually, in November, about eight months after the 31 March snapshot",
)  # fmt: skip
_fingertips(
    "CF-02", "ft_child_protection_plans", 90886, "Children subject to a child protection plan",
    "Children who were the subject of a child protection plan at 31 March, per 10,000 children "
    "aged under 18.",
    "Shows demand on the safeguarding system; neither a rise nor a fall is good in itself.",
    polarity="none", unit="rate", rate_per=10000, directorate=_CF, service="Social Work Service",
    board=_BOARD_CF, profile="Child and Maternal Health",
    publisher="Department for Education, Characteristics of children in need, via OHID "
    "Fingertips",
    weaknesses="A tracker: the extract holds only 2012/13 to 2014/15.",
    availability="Annually, in November, about eight months after the 31 March snapshot",
)  # fmt: skip
_fingertips(
    "CF-03", "ft_neet_16_17", 93203, "16 and 17 year olds not in education, employment or training",
    "Percentage of 16 and 17 year olds known to the council who are not in education, employment "
    "or training, or whose activity is not known (December to February average).",
    "Young people who are NEET at 16 to 17 are more likely to be unemployed and on low pay later "
    "in life.",
    polarity="lower", directorate=_CF, service="Learning Improvement", board=_BOARD_CF,
    pillars=(_IG,), scorecard=True,
    publisher="Department for Education, NEET and participation, via OHID Fingertips",
    weaknesses="Includes young people whose activity is not known, so tracking effort moves "
    "the figure.", old_vintage=True,
    england_targets={2016: 6.0, 2017: 5.5}, tolerance=1.0,
)  # fmt: skip
_fingertips(
    "CF-04", "ft_school_readiness_fsm", 90632,
    "School readiness of children eligible for free school meals",
    "Percentage of children eligible for free school meals achieving a good level of "
    "development at the end of Reception (Early Years Foundation Stage Profile).",
    "A good start at school is a Best Start priority and the first step in closing the "
    "attainment gap.",
    polarity="higher", directorate=_CF, service="Learning Improvement", board=_BOARD_CF,
    pillars=(_IG, _HW), scorecard=True,
    publisher="Department for Education, EYFS Profile results, via OHID Fingertips",
    weaknesses="Teacher assessment; the framework was reformed in 2021/22, so later years are "
    "not comparable.", old_vintage=True,
    england_targets={2016: 56.0, 2017: 56.6}, tolerance=3.0,
)  # fmt: skip
_fingertips(
    "CF-05", "ft_low_income_children", 10101, "Children in low income families",
    "Percentage of children under 16 living in families in receipt of out-of-work benefits or "
    "tax credits with reported income below 60% of the median (HMRC).",
    "Child poverty shapes health, learning and life chances; tackling it is the heart of the "
    "Best City Ambition's mission.",
    polarity="lower", directorate=_CF, service="Early Help and Family Hubs", board=_BOARD_CF,
    pillars=(_IG,), scorecard=True,
    weaknesses="Relative measure from the HMRC children in low income families dataset, "
    "replaced in 2020 by the DWP/HMRC measure.", old_vintage=True,
    england_targets={2014: 16.8, 2015: 17.0}, tolerance=2.0,
)  # fmt: skip


def _oflog(
    reference: str, code: str, ascof: str, title: str, definition: str, purpose: str, **fields: Any
) -> None:
    medians = fields.pop("medians", None)
    tolerance = fields.pop("tolerance", 0.0)
    weaknesses = fields.pop("weaknesses", "")
    _real(
        f"oflog_{code.lower()}",
        reference=reference,
        title=title,
        definition=definition,
        purpose=purpose,
        directorate=_AH,
        pillars=(_HW,),
        scrutiny_board=_BOARD_AHAL,
        frequency="annual",
        comparator="previous",
        data_source=f"Oflog Local Authority Data Explorer, adult social care ({code}); from NHS "
        f"England ASCOF {ascof}",
        source_url=_OFLOG_URL,
        known_weaknesses=(
            weaknesses
            + " Oflog has since closed; the underlying measures are still published in ASCOF."
            + (
                " Demo targets are the median of all English councils for the same year."
                if medians
                else ""
            )
        ).strip(),
        availability="Annually, about eight months after the financial year ends",
        in_ambition_scorecard=False,
        benchmark_indicators=f"Oflog {code}; ASCOF {ascof}",
        targets=_value_targets(tolerance, medians) if medians else (),
        **{"rate_per": None, "decimal_places": 1, "unit": "percentage", **fields},
    )


_SURVEY = "Sample survey of carers, run every two years."
_oflog(
    "AH-27", "ASC1", "1D", "Carer-reported quality of life",
    "Average quality-of-life score (0 to 12) reported by carers in the Survey of Adult Carers in "
    "England.",
    "Unpaid carers are the backbone of care in Leeds; their wellbeing sustains it.",
    unit="score", polarity="higher", service="Social Work and Social Care", weaknesses=_SURVEY,
    medians={2018: 7.4, 2021: 7.2}, tolerance=0.3,
)  # fmt: skip
_oflog(
    "AH-28", "ASC2", "1J", "Social care-related quality of life: impact of services",
    "Adjusted social care-related quality of life score, estimating the difference care and "
    "support make to service users' quality of life (Adult Social Care Survey).",
    "Shows whether council-funded care improves people's lives, beyond their level of need.",
    unit="score", decimal_places=3, polarity="higher", service="Integrated Commissioning",
    weaknesses="Modelled from survey responses; a new measure from 2016/17.",
    medians={2021: 0.409, 2022: 0.413}, tolerance=0.01,
)  # fmt: skip
_oflog(
    "AH-29", "ASC3", "3D1", "Service users who find it easy to find information",
    "Percentage of service users who say it was very or fairly easy to find information about "
    "support (Adult Social Care Survey).",
    "Good information helps people help themselves and reduces demand at the front door.",
    polarity="higher", service="Social Work and Social Care",
    weaknesses="Annual sample survey; 2020/21 survey not run because of COVID-19.",
    medians={2021: 65.2, 2022: 67.5}, tolerance=3.0,
)  # fmt: skip
_oflog(
    "AH-30", "ASC4", "3D2", "Carers who find it easy to find information",
    "Percentage of carers who say it was very or fairly easy to find information about support "
    "(Survey of Adult Carers in England).",
    "Carers need timely information to keep caring and look after their own health.",
    polarity="higher", service="Integrated Commissioning", weaknesses=_SURVEY,
    medians={2018: 62.4, 2021: 57.3}, tolerance=3.0,
)  # fmt: skip
_oflog(
    "AH-31", "ASC5", "2D", "Short-term support that leaves people more independent",
    "Percentage of new clients who finished short-term support (such as reablement) in the "
    "year needing no further support or support at a lower level.",
    "Reablement and recovery services are at the heart of the HomeFirst programme.",
    polarity="higher", service="Care Delivery",
    weaknesses="Counting rules for short-term support differ between councils.",
    medians={2021: 76.4, 2022: 78.2}, tolerance=3.0,
)  # fmt: skip
_oflog(
    "AH-32", "ASC6", "(SALT)", "Requests for support from new clients resulting in a service",
    "Requests for adult social care support from new clients that resulted in a service, per "
    "100,000 adults.",
    "Shows demand reaching formal care; a tracker because both high and low values need "
    "interpretation.",
    unit="rate", rate_per=100000, decimal_places=0, polarity="none",
    service="Social Work and Social Care",
    weaknesses="The rate's base (per 100,000 adults) is inferred from Oflog's values; the "
    "2015/16 value is about half the later ones and is probably not comparable.",
)  # fmt: skip
_oflog(
    "AH-33", "ASC7", "(Skills for Care)", "Adult social care workforce turnover",
    "Percentage of directly employed adult social care staff in Leeds (independent and council "
    "sectors) who left their role in the year (Skills for Care estimates).",
    "High turnover undermines continuity of care and drives recruitment costs for providers.",
    polarity="lower", service="Integrated Commissioning",
    weaknesses="Modelled estimates from the Adult Social Care Workforce Data Set.",
    medians={2021: 28.6, 2022: 28.0}, tolerance=2.0,
)  # fmt: skip


def _nhs_ae(reference: str, series_id: str, title: str, definition: str, **fields: Any) -> None:
    _real(
        series_id,
        reference=reference,
        title=title,
        definition=definition,
        directorate=_AH,
        service="Health Partnerships",
        pillars=(_HW,),
        scrutiny_board=_BOARD_AHAL,
        rate_per=None,
        frequency="monthly",
        comparator="same_last_year",
        data_source="NHS England, A&E Attendances and Emergency Admissions (provider RR8, Leeds "
        "Teaching Hospitals NHS Trust)",
        source_url=_NHS_AE_URL,
        known_weaknesses="Trust-level figures for Leeds Teaching Hospitals, which also treats "
        "people from outside Leeds. The demo extract covers April 2016 to March 2019.",
        availability="Monthly, published by NHS England on the second Thursday of the "
        "following month",
        in_ambition_scorecard=False,
        benchmark_indicators="NHS England A&E 4-hour standard (all providers)",
        **fields,
    )


_FOUR_HOURS = _value_targets(5.0, {2016: 95.0, 2017: 95.0, 2018: 95.0})
_nhs_ae(
    "AH-34", "ae_rr8_4hr_all", "A&E patients seen within four hours (all departments)",
    "Percentage of A&E attendances at Leeds Teaching Hospitals, all department types, admitted, "
    "transferred or discharged within four hours of arrival.",
    purpose="Waits in A&E show pressure across the whole health and care system, including "
    "delays in discharging people to social care.",
    unit="percentage", decimal_places=1, polarity="higher", targets=_FOUR_HOURS,
)  # fmt: skip
_nhs_ae(
    "AH-35", "ae_rr8_4hr_type1", "A&E patients seen within four hours (major A&E departments)",
    "Percentage of attendances at Leeds Teaching Hospitals' type 1 (consultant-led, 24-hour) A&E "
    "departments completed within four hours of arrival.",
    purpose="The type 1 figure is where system pressure shows first.",
    unit="percentage", decimal_places=1, polarity="higher", targets=_FOUR_HOURS,
)  # fmt: skip
_nhs_ae(
    "AH-36", "ae_rr8_attendances", "A&E attendances at Leeds Teaching Hospitals",
    "Number of attendances at Leeds Teaching Hospitals' A&E departments in the month, all "
    "department types.",
    purpose="Tracks demand on urgent care, for planning with health partners.",
    unit="count", decimal_places=0, polarity="none", targets=(),
)  # fmt: skip
_nhs_ae(
    "AH-37", "ae_rr8_admissions", "Emergency admissions via A&E at Leeds Teaching Hospitals",
    "Number of emergency admissions to Leeds Teaching Hospitals through its A&E departments in "
    "the month.",
    purpose="Admissions drive bed demand and, after discharge, demand for social care.",
    unit="count", decimal_places=0, polarity="none", targets=(),
)  # fmt: skip
