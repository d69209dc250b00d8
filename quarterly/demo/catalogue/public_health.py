"""Adults and Health: the public health KPIs, from OHID Fingertips (AH-01 to AH-26).

A module of their own, apart from the rest of the directorate's register in
`adults_and_health`, so that neither grows past a readable length.
"""

from __future__ import annotations

from quarterly.demo.catalogue.base import BOARD_CF, HW, IG, direction_targets
from quarterly.demo.catalogue.published import RealSeries, fingertips

REAL: list[RealSeries] = []  # this directorate's real KPIs, for `catalogue.register`

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

REAL.append(fingertips(
    "AH-01", "ft_active_adults", 93014, "Physically active adults",
    "Percentage of adults aged 19 and over doing at least 150 moderate-intensity equivalent "
    "minutes of physical activity per week (Active Lives Adult Survey).",
    "Regular activity prevents and helps manage long-term conditions; getting more people "
    "active is a Leeds Health and Wellbeing Strategy priority.",
    polarity="higher", profile="Physical Activity", weaknesses=_ACTIVE_LIVES,
    england_targets={2020: 65.9, 2021: 67.3}, tolerance=2.0, scorecard=True,
))  # fmt: skip
REAL.append(fingertips(
    "AH-02", "ft_inactive_adults", 93015, "Physically inactive adults",
    "Percentage of adults aged 19 and over doing less than 30 moderate-intensity equivalent "
    "minutes of physical activity per week (Active Lives Adult Survey).",
    "Inactivity is a leading risk factor for ill health and is concentrated in the most "
    "deprived communities.",
    polarity="lower", profile="Physical Activity", weaknesses=_ACTIVE_LIVES,
    england_targets={2020: 23.4, 2021: 22.3}, tolerance=2.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-03", "ft_overweight_adults", 93088, "Adults classified as overweight or obese",
    "Percentage of adults aged 18 and over with a body mass index of 25 or more, from "
    "self-reported height and weight in the Active Lives Adult Survey.",
    "Excess weight drives diabetes, heart disease and some cancers, and is more common in "
    "deprived communities.",
    polarity="lower", profile="Obesity, Physical Activity and Nutrition",
    weaknesses=_ACTIVE_LIVES + " Self-reported measures understate BMI.",
    england_targets={2020: 63.3, 2021: 63.8}, tolerance=2.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-04", "ft_active_children", 93570, "Physically active children and young people",
    "Percentage of children and young people in school years 1 to 11 meeting the Chief Medical "
    "Officers' guideline of an average of at least 60 minutes of activity a day.",
    "Active childhoods build lifelong habits and support mental wellbeing and learning; a Child "
    "Friendly Leeds wish.",
    polarity="higher", profile="Physical Activity", board=BOARD_CF,
    weaknesses="Active Lives Children and Young People survey: school-based sample, academic "
    "years stored as financial years; 2019/20 and 2020/21 affected by school closures.",
    targets=direction_targets("increase", 2021, 2022),
))  # fmt: skip
REAL.append(fingertips(
    "AH-05", "ft_depression_prevalence", 848, "Recorded prevalence of depression in adults",
    "Percentage of patients aged 18 and over on GP practice registers with a record of "
    "depression (Quality and Outcomes Framework).",
    "Tracks recorded need for mental health support; rising prevalence informs commissioning "
    "of talking therapies and community mental health services.",
    polarity="none", profile="Common Mental Health Disorders",
    weaknesses="Recorded prevalence reflects GP case-finding and recording as much as "
    "underlying need, so it is a tracker with no target.",
))  # fmt: skip
REAL.append(fingertips(
    "AH-06", "ft_smoking_routine_manual", 92445,
    "Smoking prevalence in adults in routine and manual occupations",
    "Percentage of adults aged 18 to 64 in routine and manual occupations who currently smoke "
    "(Annual Population Survey).",
    "Smoking is the largest cause of the gap in life expectancy between the most and least "
    "deprived; routine and manual workers smoke most.",
    polarity="lower", profile="Local Tobacco Control Profiles", pillars=(HW, IG),
    weaknesses="Annual Population Survey sample with wide confidence intervals. Later years' "
    "occupations use SOC 2020 coding (Fingertips 93802), a break in the series.",
    england_targets={2020: 23.6, 2021: 22.5}, tolerance=2.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-07", "ft_smoking_adults", 92443, "Smoking prevalence in adults",
    "Percentage of adults aged 18 and over who currently smoke (Annual Population Survey).",
    "Smoking remains the leading preventable cause of early death in Leeds.",
    polarity="lower", profile="Local Tobacco Control Profiles",
    weaknesses="Annual Population Survey sample with wide confidence intervals.",
    old_vintage=True, england_targets={2016: 14.9, 2017: 14.4}, tolerance=1.5,
))  # fmt: skip
REAL.append(fingertips(
    "AH-08", "ft_dental_decay_5yo", 93563, "Five-year-olds with visually obvious dental decay",
    "Percentage of five-year-olds examined in the National Dental Epidemiology Programme with "
    "at least one decayed, missing or filled tooth.",
    "Tooth decay is almost entirely preventable and is a marker of child poverty and access to "
    "dental care.",
    polarity="lower", profile="Public Health Outcomes Framework", board=BOARD_CF,
    weaknesses="Survey every two years of a sample of children; the 2021/22 survey has no Leeds "
    "value.",
    england_targets={2016: 23.3, 2018: 23.4}, tolerance=2.0,
    availability="Every two years, about a year after the survey",
))  # fmt: skip
for _sex, _hle, _sii in (("male", "AH-09", "AH-11"), ("female", "AH-10", "AH-12")):
    REAL.append(fingertips(
        _hle, f"ft_hle_{_sex}", 90362, f"Healthy life expectancy at birth ({_sex}s)",
        f"Average number of years a {_sex} born in Leeds would expect to live in good health, "
        "from current mortality rates and self-reported health (ONS), in years.",
        "The Leeds Health and Wellbeing Strategy's vision is that the people who are the "
        "poorest improve their health the fastest.",
        polarity="higher", unit="score", pooled=True, scorecard=True, pillars=(HW, IG),
        weaknesses="Unit is years. Based on the Annual Population Survey's self-reported health, "
        "with wide confidence intervals.",
        targets=direction_targets("increase", 2018, 2019),
        availability="Annually (three-year pooled), about 15 months after the period ends",
    ))  # fmt: skip
    REAL.append(fingertips(
        _sii, f"ft_sii_le_{_sex}", 92901, f"Inequality in life expectancy at birth ({_sex}s)",
        f"Slope index of inequality in {_sex} life expectancy at birth across deprivation "
        "deciles of Leeds: the modelled gap in years between the most and least deprived.",
        "Measures progress on the mission to tackle poverty and inequality, and on the Marmot "
        "City commitment.",
        polarity="lower", unit="score", pooled=True, scorecard=True, pillars=(HW, IG),
        weaknesses="Unit is years. Modelled from deprivation deciles, so it is sensitive to "
        "small numbers of deaths in each decile.",
        targets=direction_targets("decrease", 2018, 2019),
        availability="Annually (three-year pooled), about 15 months after the period ends",
    ))  # fmt: skip
REAL.append(fingertips(
    "AH-13", "ft_u75_preventable_mortality", 93721,
    "Under-75 mortality rate from causes considered preventable",
    "Directly age-standardised rate of deaths under 75 from causes considered preventable "
    "(2019 definition), per 100,000 population.",
    "Preventable early deaths are the sharpest measure of health inequality in the city.",
    polarity="lower", unit="rate", rate_per=100000, profile="Mortality Profile",
    scorecard=True, pillars=(HW, IG),
    weaknesses="2020 and 2021 include deaths from COVID-19.",
    england_targets={2020: 181.8, 2021: 153.7}, tolerance=10.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-14", "ft_obese_reception", 90319, "Reception-age children living with obesity",
    "Percentage of children in Reception (age 4 to 5) classified as obese or severely obese.",
    "Childhood obesity tracks into adulthood and is most common in the most deprived areas.",
    polarity="lower", board=BOARD_CF, weaknesses=_NCMP, availability=_NCMP_AVAILABLE,
    england_targets={2021: 10.1, 2022: 9.2}, tolerance=1.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-15", "ft_obese_year6", 90323, "Year 6 children living with obesity",
    "Percentage of children in Year 6 (age 10 to 11) classified as obese or severely obese.",
    "By Year 6 more than one child in five in Leeds lives with obesity, and more in the most "
    "deprived areas.",
    polarity="lower", board=BOARD_CF, weaknesses=_NCMP, availability=_NCMP_AVAILABLE,
    england_targets={2021: 23.4, 2022: 22.7}, tolerance=1.5, scorecard=True,
))  # fmt: skip
REAL.append(fingertips(
    "AH-16", "ft_excess_weight_reception", 20601, "Reception-age children with excess weight",
    "Percentage of children in Reception classified as overweight or obese.",
    "The wider measure of unhealthy weight at school entry, used before obesity alone became "
    "the headline measure.",
    polarity="lower", board=BOARD_CF, weaknesses=_NCMP, old_vintage=True,
    availability=_NCMP_AVAILABLE, england_targets={2016: 22.6, 2017: 22.4}, tolerance=1.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-17", "ft_excess_weight_year6", 20602, "Year 6 children with excess weight",
    "Percentage of children in Year 6 classified as overweight or obese.",
    "The wider measure of unhealthy weight at the end of primary school.",
    polarity="lower", board=BOARD_CF, weaknesses=_NCMP, old_vintage=True,
    availability=_NCMP_AVAILABLE, england_targets={2016: 34.2, 2017: 34.3}, tolerance=1.5,
))  # fmt: skip
REAL.append(fingertips(
    "AH-18", "ft_falls_65plus", 22401, "Emergency hospital admissions due to falls, aged 65+",
    "Directly age-standardised rate of emergency admissions for falls injuries in people aged "
    "65 and over, per 100,000 population.",
    "Falls are the main cause of injury-related admissions in older people and often lead to "
    "long-term care.",
    polarity="lower", unit="rate", rate_per=100000, decimal_places=0, weaknesses=_HES,
    old_vintage=True, england_targets={2016: 2114, 2017: 2170}, tolerance=100.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-19", "ft_self_harm", 21001, "Emergency hospital admissions for intentional self-harm",
    "Directly age-standardised rate of emergency admissions for intentional self-harm, all "
    "ages, per 100,000 population.",
    "Self-harm is a strong predictor of suicide and a marker of unmet mental health need.",
    polarity="lower", unit="rate", rate_per=100000, weaknesses=_HES, old_vintage=True,
    england_targets={2016: 185.3, 2017: 185.5}, tolerance=10.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-20", "ft_self_harm_10_24", 90813, "Hospital admissions for self-harm, aged 10 to 24",
    "Directly age-standardised rate of hospital admissions as a result of self-harm in young "
    "people aged 10 to 24, per 100,000 population.",
    "Self-harm in young people is a key marker of mental health need and suicide risk.",
    polarity="lower", unit="rate", rate_per=100000, board=BOARD_CF,
    profile="Child and Maternal Health", weaknesses=_HES, old_vintage=True,
    england_targets={2016: 407.1, 2017: 421.2}, tolerance=20.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-21", "ft_alcohol_admissions", 91414, "Admissions for alcohol-related conditions",
    "Directly age-standardised rate of admission episodes where the primary diagnosis, or a "
    "secondary external cause, is wholly or partly attributable to alcohol (narrow measure), "
    "per 100,000 population.",
    "Alcohol harm falls hardest on the most deprived communities and on hospital capacity.",
    polarity="lower", unit="rate", rate_per=100000, decimal_places=0,
    profile="Local Alcohol Profiles for England", weaknesses=_HES + " Old method.",
    old_vintage=True, england_targets={2016: 636, 2017: 632}, tolerance=30.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-22", "ft_alcohol_mortality", 91382, "Alcohol-related mortality",
    "Directly age-standardised rate of deaths from alcohol-related conditions, all ages, per "
    "100,000 population.",
    "Tracks the long-term harm from alcohol that prevention and treatment services address.",
    polarity="lower", unit="rate", rate_per=100000, profile="Local Alcohol Profiles for England",
    old_vintage=True, england_targets={2015: 46.0, 2016: 46.2}, tolerance=2.5,
))  # fmt: skip
REAL.append(fingertips(
    "AH-23", "ft_deaths_usual_residence", 92727, "Deaths in usual place of residence, aged 65+",
    "Percentage of deaths of people aged 65 and over that occurred in their usual place of "
    "residence (home or care home).",
    "Most people say they would prefer to die at home; the measure reflects the quality of "
    "end-of-life care across the Leeds health and care partnership.",
    polarity="higher", profile="Palliative and End of Life Care Profiles",
    service="Health Partnerships", old_vintage=True,
    weaknesses="Place of death is recorded on the death certificate; it does not show whether "
    "it was the person's preferred place.",
    targets=direction_targets("increase", 2014, 2015),
))  # fmt: skip
REAL.append(fingertips(
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
))  # fmt: skip
REAL.append(fingertips(
    "AH-25", "ft_u75_cancer_preventable", 40502,
    "Under-75 mortality rate from cancer considered preventable",
    "Directly age-standardised rate of deaths under 75 from cancers considered preventable, "
    "per 100,000 population.",
    "Preventable cancer deaths reflect smoking, diet, alcohol and screening uptake.",
    polarity="lower", unit="rate", rate_per=100000, pooled=True, old_vintage=True,
    weaknesses="Uses the pre-2019 definition of preventable mortality.",
    england_targets={2015: 79.4, 2016: 78.0}, tolerance=4.0,
))  # fmt: skip
REAL.append(fingertips(
    "AH-26", "ft_campylobacter", 93356, "Campylobacter infection rate",
    "Laboratory-confirmed Campylobacter cases per 100,000 population, with 95% confidence "
    "intervals (Byar's method).",
    "Campylobacter is the commonest cause of bacterial food poisoning; the rate guides food "
    "safety work with Environmental Health.",
    polarity="lower", unit="rate", rate_per=100000, profile="Health Protection",
    weaknesses="Reflects testing and reporting as well as infection. In the source export the "
    "2017 denominator repeats the 2016 population estimate.",
    england_targets={2015: 89.1, 2016: 96.6}, tolerance=5.0,
))  # fmt: skip
