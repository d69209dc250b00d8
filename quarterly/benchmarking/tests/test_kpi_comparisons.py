"""`kpi_comparisons`: for a batch of KPIs, each one's rank, quartile and significance in each of
its comparator groups, from the latest national value published for its council, with the
sentence that says so; and the same few queries whatever the number of KPIs and areas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from quarterly.benchmarking.kpi_comparisons import kpi_comparisons
from quarterly.benchmarking.standing import standings
from quarterly.benchmarking.tests.national import (
    LEEDS,
    area,
    group,
    indicator,
    numbered_codes,
    publish,
)
from quarterly.core.periods import Period
from quarterly.factories import KPIFactory
from quarterly.places.models import ComparatorGroup, GroupMember
from quarterly.places.services import places_load_builtins

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 15)
YEAR = Period.financial_year(2024)
CORE_CITIES = {
    "E08000025": 80, "E06000023": 75, LEEDS: (60, 57, 63), "E08000012": 70,
    "E08000003": 65, "E08000021": 55, "E06000018": 50, "E08000019": 72,
}  # fmt: skip


def _kpi(organisation: Any, groups: list[ComparatorGroup], **fields: Any) -> Any:
    fields.setdefault("national_indicator", "fingertips:90001")
    kpi = KPIFactory(organisation=organisation, **fields)
    kpi.comparator_groups.set(groups)
    return kpi


def _peers(organisation: Any, values: dict[str, Any], name: str = "Peers") -> ComparatorGroup:
    area(LEEDS, "Leeds")
    codes = [code for code in values if code != LEEDS]
    return group(
        name, [(LEEDS, "Leeds")] + [(code, f"Area {code[-3:]}") for code in codes],
        organisation=organisation,
    )  # fmt: skip


def _one(kpi: Any) -> Any:
    return kpi_comparisons(kpis=[kpi], day=TODAY)[kpi.pk]


def test_leeds_ranks_among_the_core_cities_worse_than_england(organisation: Any) -> None:
    # given the built-in Core Cities and a higher-is-better indicator, Leeds 6th, England 68
    places_load_builtins(today=TODAY)
    cities = ComparatorGroup.objects.get(slug="core-cities")
    publish(indicator(), YEAR, CORE_CITIES, england=68)
    kpi = _kpi(organisation, [cities])
    # when
    found = _one(kpi)
    # then
    assert found.missing == "" and found.area_name == "Leeds" and found.period == YEAR
    [core] = found.groups
    assert core.sentence == "Leeds ranks 6th of 8 Core Cities, significantly worse than England."
    assert (core.own.rank, core.own.n, core.own.quartile) == (6, 8, 2)
    assert core.own.vs_england == "Worse"
    assert [a.area_name for a in core.comparison.areas][:2] == ["Birmingham", "Bristol, City of"]
    assert core.comparison.england == 68
    assert core.comparison.median == 67.5


@pytest.mark.parametrize(
    ("polarity", "sentence"),
    [
        ("higher", "Leeds ranks 1st of 5 in Peers, in the top quartile, similar to England."),
        ("lower", "Leeds ranks 5th of 5 in Peers, in the bottom quartile, similar to England."),
        ("none", "Leeds has the highest value of 5 in Peers, similar to England."),
    ],
)
def test_the_sentence_follows_polarity(organisation: Any, polarity: str, sentence: str) -> None:
    # given Leeds with the highest value; the KPI's polarity decides when the indicator's is unset
    values = {LEEDS: (90, 80, 100), "E06900001": 10, "E06900002": 20, "E06900003": 30,
              "E06900004": 40}  # fmt: skip
    publish(indicator(polarity=""), YEAR, values, england=85)
    kpi = _kpi(organisation, [_peers(organisation, values)], polarity=polarity)
    # when / then
    assert _one(kpi).groups[0].sentence == sentence


def test_ties_share_the_best_rank_and_read_joint(organisation: Any) -> None:
    # given Leeds tied with another area for 2nd (lower is better), below England significantly
    values = {LEEDS: (20, 18, 22), "E06900001": 20, "E06900002": 10, "E06900003": 30}
    publish(indicator(polarity="lower"), YEAR, values, england=30)
    kpi = _kpi(organisation, [_peers(organisation, values)])
    # when
    [peers] = _one(kpi).groups
    # then
    ranks = {a.area_code: a.rank for a in peers.comparison.areas}
    assert ranks == {LEEDS: 2, "E06900001": 2, "E06900002": 1, "E06900003": 4}
    assert (
        peers.sentence == "Leeds ranks joint 2nd of 4 in Peers, significantly better than England."
    )


def test_missing_values_are_not_ranked_and_the_latest_published_period_is_used(
    organisation: Any,
) -> None:
    # given Leeds suppressed in the latest year, and another area suppressed the year before
    values = {LEEDS: (60, 50, 70), "E06900001": "suppressed", "E06900002": 40, "E06900003": 50}
    peers = _peers(organisation, values)
    national = indicator()
    publish(national, Period.financial_year(2023), values, england=55)
    publish(national, YEAR, {**values, LEEDS: "suppressed", "E06900001": 70}, england=55)
    kpi = _kpi(organisation, [peers])
    # when
    found = _one(kpi)
    # then the year with Leeds's value is compared, and the suppressed area has no rank
    assert found.period == Period.financial_year(2023)
    [row] = found.groups
    missing = next(a for a in row.comparison.areas if a.area_code == "E06900001")
    assert (missing.rank, missing.value, missing.missing_reason) == (None, None, "suppressed")
    assert (row.own.rank, row.own.n) == (1, 3)
    assert row.sentence == "Leeds ranks 1st of 3 in Peers, similar to England."


def test_the_latest_period_is_the_one_that_ends_last_and_has_begun(organisation: Any) -> None:
    # given calendar 2024 (ends December), 2024/25 (ends March) and 2026/27 (not begun)
    values = {LEEDS: 30, "E06900001": 40}
    national = indicator()
    publish(national, Period.calendar_year(2024), values)
    publish(national, YEAR, {LEEDS: 35, "E06900001": 20})
    publish(national, Period.financial_year(2026), values)
    kpi = _kpi(organisation, [_peers(organisation, values)])
    # when
    found = _one(kpi)
    # then
    assert found.period == YEAR
    assert found.groups[0].own.value == 35


@pytest.mark.parametrize(
    ("leeds", "england", "words"),
    [
        (60, 55, "not compared with England (no confidence intervals)"),
        ((60, 50, 70), None, "not compared with England (no England value)"),
        ((60, 50, 70), 55, "similar to England"),
        ((60, 58, 62), 55, "significantly better than England"),
    ],
)
def test_the_england_comparison_says_why_it_is_missing(
    organisation: Any, leeds: Any, england: Any, words: str
) -> None:
    # given
    values = {LEEDS: leeds, "E06900001": 40}
    publish(indicator(), YEAR, values, england=england)
    kpi = _kpi(organisation, [_peers(organisation, values)])
    # when
    sentence = _one(kpi).groups[0].sentence
    # then
    assert sentence.endswith(words + "."), sentence


def test_a_breakdown_other_than_all_ages_is_compared_when_it_is_all_there_is(
    organisation: Any,
) -> None:
    # given one indicator published for 65+ only, another for all ages and for 0-9
    values = {LEEDS: 30, "E06900001": 40}
    publish(indicator("90001"), YEAR, values, age="65+ yrs")
    all_ages_indicator = indicator("90002")
    publish(all_ages_indicator, YEAR, {LEEDS: 10, "E06900001": 5}, age="All ages")
    publish(all_ages_indicator, YEAR, {LEEDS: 1, "E06900001": 99}, age="0-9 yrs")
    peers = _peers(organisation, values)
    only_older = _kpi(organisation, [peers])
    all_ages = _kpi(organisation, [peers], national_indicator="fingertips:90002")
    # when
    found = kpi_comparisons(kpis=[only_older, all_ages], day=TODAY)
    # then
    assert found[only_older.pk].groups[0].own.rank == 2
    assert found[all_ages.pk].groups[0].own.rank == 1  # 10 beats 5, not 1 against 99


def test_nothing_to_compare_is_said_in_one_line(organisation: Any) -> None:
    # given KPIs lacking, in turn, each thing a comparison needs
    values = {LEEDS: 30, "E06900001": 40}
    national = indicator()
    publish(national, YEAR, {"E06900001": 40})
    peers = _peers(organisation, values)
    unlinked = _kpi(organisation, [peers], national_indicator="")
    unknown = _kpi(organisation, [peers], national_indicator="fingertips:12345")
    no_value = _kpi(organisation, [peers])
    bare_code = _kpi(organisation, [], national_indicator="90001")
    # when
    found = kpi_comparisons(kpis=[unlinked, unknown, no_value, bare_code], day=TODAY)
    # then
    assert found[unlinked.pk].missing.startswith("No national indicator is linked to this KPI")
    assert found[unknown.pk].missing.startswith(
        'The national indicator "fingertips:12345" has not been imported'
    )
    assert (
        found[no_value.pk].missing == "No value of “Indicator 90001” has been published for Leeds."
    )
    assert found[bare_code.pk].indicator is not None  # a bare code, when one source has it
    assert all(not found[k.pk].groups for k in (unlinked, unknown, no_value))
    # and once Leeds has a value, the KPI without groups says it has none
    publish(national, Period.financial_year(2023), {LEEDS: 30})
    again = kpi_comparisons(kpis=[bare_code], day=TODAY)[bare_code.pk]
    assert again.missing == "No comparator groups have been chosen for this KPI."


def test_a_council_without_an_area_code_and_a_group_it_is_not_in(organisation: Any) -> None:
    # given a group without Leeds, and the same KPI in a council with no area code
    values = {LEEDS: 30, "E06900001": 40, "E06900002": 50}
    publish(indicator(), YEAR, values)
    others = group("Others", [("E06900001", "One"), ("E06900002", "Two")])
    kpi = _kpi(organisation, [others])
    # when
    found = _one(kpi)
    type(organisation).objects.filter(pk=organisation.pk).update(area_code="")
    without_code = _one(kpi)
    # then
    assert found.groups[0].sentence == "Leeds is not in Others, so it has no rank there."
    assert found.groups[0].own is None and len(found.groups[0].comparison.areas) == 2
    assert without_code.missing == (
        "Leeds City Council has no ONS area code, so it cannot be compared with other areas."
    )


def test_members_are_those_of_the_day(organisation: Any) -> None:
    # given an area that left the group before the day
    values = {LEEDS: 30, "E06900001": 40, "E06900002": 50}
    publish(indicator(), YEAR, values)
    peers = _peers(organisation, values)
    GroupMember.objects.filter(group=peers, area__code="E06900002").update(
        valid_to=TODAY - dt.timedelta(days=1)
    )
    kpi = _kpi(organisation, [peers])
    # when
    [row] = _one(kpi).groups
    # then
    assert [a.area_code for a in row.comparison.areas] == ["E06900001", LEEDS]
    assert (row.own.rank, row.own.n) == (2, 2)


def _scale(organisation: Any, areas: int, kpis: int) -> list[Any]:
    codes = numbered_codes(areas)
    values = {LEEDS: (30, 25, 35), **{code: 20 + i % 40 for i, code in enumerate(codes)}}
    peers = _peers(organisation, values, name=f"Peers {areas} {kpis}")
    regional = _peers(organisation, values, name=f"Region {areas} {kpis}")
    made = []
    for k in range(kpis):
        national = indicator(f"9{areas:03d}{k:02d}")
        publish(national, YEAR, values, england=31)
        made.append(_kpi(organisation, [peers, regional],
                         national_indicator=f"fingertips:{national.code}"))  # fmt: skip
    return made


def test_the_query_count_does_not_grow_with_areas_or_kpis(
    organisation: Any, django_assert_num_queries: Any
) -> None:
    # given one KPI with one-area groups, and then five KPIs with 150-area groups
    small = _scale(organisation, 1, 1)
    large = _scale(organisation, 150, 5)
    # when / then: councils, groups, indicators, published periods, members, values
    with django_assert_num_queries(6):
        few = kpi_comparisons(kpis=small, day=TODAY)
    with django_assert_num_queries(6):
        many = kpi_comparisons(kpis=large, day=TODAY)
    assert [len(g.comparison.areas) for g in few[small[0].pk].groups] == [2, 2]
    assert all([len(g.comparison.areas) for g in many[k.pk].groups] == [151, 151] for k in large)
    assert many[large[0].pk].groups[0].own.n == 151


def test_standings_ask_nothing_when_no_kpi_names_an_indicator(
    organisation: Any, django_assert_num_queries: Any
) -> None:
    # given KPIs with comparator groups but no national indicator, and one with an indicator
    unlinked = [_kpi(organisation, [], national_indicator="") for _ in range(3)]
    linked = _scale(organisation, 1, 1)
    # when / then: the scorecard's standings skip the comparison queries for the unlinked
    with django_assert_num_queries(0):
        assert standings(unlinked, TODAY) == {}
    with django_assert_num_queries(6):
        assert set(standings([*unlinked, *linked], TODAY)) == {linked[0].pk}


SHEFFIELD_BEFORE, SHEFFIELD = "E08000019", "E08000039"


def test_values_published_under_an_earlier_code_rank_the_recoded_member(
    organisation: Any,
) -> None:
    # given the built-in Core Cities, which hold Sheffield's current code, and a file that names
    # Sheffield by its code of the time
    places_load_builtins(today=TODAY)
    cities = ComparatorGroup.objects.get(slug="core-cities")
    assert cities.members.filter(area__code=SHEFFIELD).exists()
    assert not cities.members.filter(area__code=SHEFFIELD_BEFORE).exists()
    publish(indicator(), YEAR, CORE_CITIES, england=68)  # Sheffield (72) as E08000019
    kpi = _kpi(organisation, [cities])
    # when
    [core] = _one(kpi).groups
    # then Sheffield ranks 3rd of 8 with the value published under its earlier code
    sheffield = next(a for a in core.comparison.areas if a.area_name == "Sheffield")
    assert (sheffield.area_code, sheffield.value, sheffield.rank) == (SHEFFIELD, 72, 3)
    assert sheffield.published_as == SHEFFIELD_BEFORE
    assert (core.own.rank, core.own.n) == (6, 8) and core.own.published_as == ""


def test_the_members_own_code_wins_over_an_earlier_one(organisation: Any) -> None:
    # given Sheffield published under both codes for the same year
    places_load_builtins(today=TODAY)
    cities = ComparatorGroup.objects.get(slug="core-cities")
    national = indicator()
    publish(national, YEAR, CORE_CITIES, england=68)
    publish(national, YEAR, {SHEFFIELD: 40})
    # when
    [core] = _one(_kpi(organisation, [cities])).groups
    # then
    sheffield = next(a for a in core.comparison.areas if a.area_name == "Sheffield")
    assert (sheffield.value, sheffield.published_as, sheffield.rank) == (40, "", 8)


def test_a_merged_areas_predecessors_are_not_its_values(organisation: Any) -> None:
    # given Bournemouth and Poole (both merged into BCP) published, and a group holding BCP
    places_load_builtins(today=TODAY)
    values = {LEEDS: 30, "E06000028": 50, "E06000029": 60}
    publish(indicator(), YEAR, values)
    peers = group("Peers", [(LEEDS, "Leeds"), ("E06000058", "BCP")], organisation=organisation)
    # when
    [row] = _one(_kpi(organisation, [peers])).groups
    # then BCP has no value: neither old area's value is the new area's
    bcp = next(a for a in row.comparison.areas if a.area_code == "E06000058")
    assert (bcp.value, bcp.rank, row.own.n) == (None, None, 1)


def test_the_councils_own_values_published_under_its_earlier_code(organisation: Any) -> None:
    # given Sheffield City Council (its area now E08000039), whose values a file published
    # under E08000019 for the latest year and under E08000039 the year before
    places_load_builtins(today=TODAY)
    type(organisation).objects.filter(pk=organisation.pk).update(area_code=SHEFFIELD)
    cities = ComparatorGroup.objects.get(slug="core-cities")
    national = indicator()
    publish(national, Period.financial_year(2023), {**CORE_CITIES, SHEFFIELD: 10})
    publish(national, YEAR, CORE_CITIES, england=68)
    # when
    found = _one(_kpi(organisation, [cities]))
    # then the latest year is compared, and Sheffield is the council's own row
    assert found.period == YEAR and found.area_name == "Sheffield"
    [core] = found.groups
    assert (core.own.area_code, core.own.value, core.own.published_as) == (
        SHEFFIELD,
        72,
        SHEFFIELD_BEFORE,
    )
    assert core.sentence.startswith("Sheffield ranks 3rd of 8 Core Cities")


def _by_sex(national: Any) -> None:
    """Healthy life expectancy as published: Male and Female rows, no Persons."""
    publish(national, YEAR, {LEEDS: (58, 57, 59), "E06900001": 62, "E06900002": 57},
            england=61, sex="Male")  # fmt: skip
    publish(national, YEAR, {LEEDS: (66, 65, 67), "E06900001": 60, "E06900002": 61},
            england=64, sex="Female")  # fmt: skip


def test_a_kpi_about_males_compares_the_male_rows(organisation: Any) -> None:
    # given an indicator published only by sex, and a KPI on men's healthy life expectancy
    values = {LEEDS: 0, "E06900001": 0, "E06900002": 0}
    _by_sex(indicator())
    peers = _peers(organisation, values)
    men = _kpi(organisation, [peers], national_sex="male")
    # when
    found = _one(men)
    # then the Male rows: Leeds 2nd of 3, below England
    assert found.breakdown == ("Male", "All ages") and found.breakdown_words == "Male, All ages"
    assert found.of_part
    [row] = found.groups
    assert (row.own.value, row.own.rank, row.comparison.england) == (58, 2, 61)
    assert row.sentence == "Leeds ranks 2nd of 3 in Peers, significantly worse than England."


def test_a_kpi_with_no_breakdown_keeps_the_rule(organisation: Any) -> None:
    # given the same indicator and a KPI that names no sex: the rule takes the first by sex
    values = {LEEDS: 0, "E06900001": 0, "E06900002": 0}
    _by_sex(indicator())
    peers = _peers(organisation, values)
    either = _kpi(organisation, [peers])
    women = _kpi(organisation, [peers], national_sex="Female", national_age="All ages")
    # when
    found = kpi_comparisons(kpis=[either, women], day=TODAY)
    # then
    assert found[either.pk].breakdown == ("Female", "All ages")
    assert found[women.pk].breakdown == ("Female", "All ages")
    assert found[women.pk].groups[0].own.rank == 1


def test_a_breakdown_that_is_not_published_is_said(organisation: Any) -> None:
    # given a KPI about people aged 65 and over, where only all ages is published
    values = {LEEDS: 30, "E06900001": 40}
    publish(indicator(), YEAR, values)
    kpi = _kpi(organisation, [_peers(organisation, values)], national_age="65+ yrs")
    # when
    found = _one(kpi)
    # then
    assert found.groups == [] and found.missing == (
        "No value of “Indicator 90001” has been published for Leeds (65+ yrs, the breakdown "
        "this KPI is compared on)."
    )
