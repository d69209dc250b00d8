"""The CLT Scorecard's numbers, filters, visibility and query count (see scorecard_council)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quarterly.collection.models import HighlightItem, ReportingCycle, Result
from quarterly.collection.results.judgement import judge
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, PillarFactory
from quarterly.register.models import KPI, Target
from quarterly.reports.scorecard import ScorecardFilters, period_slug
from quarterly.reports.selectors import scorecard_build, scorecard_periods
from quarterly.reports.tests.scorecard_council import Q2, build_council, scorecard_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


def test_red_within_normal_variation_is_noted_in_words(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    row = scorecard_rows(people["clt"], organisation)["RED-COMMON"]
    # then
    assert row.latest is not None and row.latest.period == "2024/25 Q2"
    assert (row.latest.value, row.latest.text) == (61.0, "61.0%")
    assert row.comparator is not None and (row.comparator.period, row.comparator.value) == (
        "2024/25 Q1",
        60.0,
    )
    assert row.target.text == "65.0%, tolerance 2.0" and row.target.value == 65.0
    assert (row.rag.status, row.rag.label) == ("red", "Red")
    assert row.rag.sentence == (
        "Red: 61.0% is 4.0 points below the 65% target, beyond the 2-point tolerance."
    )
    assert (row.travel.status, row.travel.label) == ("improved", "Improved")
    assert (row.variation.status, row.spc_signal) == ("common_cause", "common_cause")
    assert row.assurance.status == "fail"  # 65 is above the upper limit of 63.16
    assert row.note == (
        "Red against target but within normal variation: 61.0% is inside the process limits "
        "(57.8% to 63.2%) around the average of 60.5%, so this result alone does not show a "
        "change in performance."
    )


def test_green_with_special_cause_concern_is_noted_in_words(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    row = scorecard_rows(people["clt"], organisation)["GREEN-CONCERN"]
    # then
    assert row.rag.status == "green"
    assert (row.variation.status, row.spc_signal) == ("concern_low", "concern")
    assert row.assurance.status == "pass"
    assert row.note == (
        "Green against target but showing special cause concern: 71.0% is below the lower "
        "process limit of 73.5%."
    )


def test_trackers_interim_targets_and_missing_results(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    rows = scorecard_rows(people["clt"], organisation)
    # then a tracker is not rated and says increased/decreased, never improved
    tracker = rows["TRACKER"]
    assert (tracker.rag.status, tracker.travel.status, tracker.note) == (
        "not_rated",
        "decreased",
        "",
    )
    assert tracker.target.text == "None: this KPI is a tracker"
    # an interim target is judged against the comparator; three points are too few for SPC
    interim = rows["INTERIM"]
    assert (interim.rag.status, interim.rag.label) == ("green", "Green (interim)")
    assert interim.variation.status == "insufficient_data" and interim.note == ""
    assert interim.variation.sentence == (
        "Not enough data for SPC icons: 3 quarters in a row; at least 15 are needed."
    )
    # a KPI with nothing for the quarter is listed, without a result
    missing = rows["NO-RESULT"]
    assert missing.latest is None and missing.rag.status == "no_result"
    assert missing.rag.sentence == "No result for 2024/25 Q2 has been recorded yet."


def test_monthly_and_annual_kpis_use_their_latest_period_in_the_quarter(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    rows = scorecard_rows(people["clt"], organisation)
    # then the latest month in the quarter, compared with the same month last year
    monthly = rows["MONTHLY"]
    assert monthly.latest is not None and monthly.comparator is not None
    assert (monthly.latest.period, monthly.latest.value) == ("August 2024", 56.0)
    assert (monthly.comparator.period, monthly.comparator.value) == ("August 2023", 44.0)
    assert monthly.travel.sentence == "Improved: 56.0% is up 12.0 points from 44.0% in August 2023."
    assert monthly.sparkline is not None
    assert (monthly.sparkline.first, monthly.sparkline.last) == ("September 2023", "August 2024")
    assert monthly.sparkline.values == tuple(float(v) for v in range(45, 57))
    # the latest financial year ending by the quarter's end, compared with the year before
    annual = rows["ANNUAL"]
    assert annual.latest is not None and annual.comparator is not None
    assert (annual.latest.period, annual.latest.text) == ("2023/24", "£1,350")
    assert (annual.comparator.period, annual.comparator.value) == ("2022/23", 1200.0)


def test_the_scorecard_agrees_with_each_kpis_own_judgement(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given
    rows = scorecard_rows(people["clt"], organisation)
    for reference in ("RED-COMMON", "GREEN-CONCERN", "TRACKER", "INTERIM", "MONTHLY"):
        kpi = council["kpis"][reference]
        row = rows[reference]
        assert row.latest is not None
        results = [
            r for r in Result.objects.filter(kpi=kpi).order_by("period_start")
            if r.period.kind == Period.parse(row.latest.period).kind
            and r.period <= Period.parse(row.latest.period)
        ]  # fmt: skip
        # when
        judgement = judge(kpi, results)
        # then
        assert judgement is not None
        assert (row.rag.status, row.rag.sentence) == (
            judgement.rag.status,
            judgement.rag.sentence,
        )
        assert row.travel.sentence == judgement.travel.sentence
        spc = judgement.spc
        assert spc is not None
        assert (row.variation.status, row.assurance.status) == (spc.variation, spc.assurance)
        assert row.assurance.sentence == spc.assurance_sentence


def test_rows_are_grouped_by_directorate_with_the_confirmed_highlight_item(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    card = scorecard_build(
        user=people["clt"], organisation=organisation, period=Q2, filters=ScorecardFilters()
    )
    # then
    assert [g.name for g in card.groups] == ["Adults and Health", "Resources"]
    assert [r.reference for r in card.groups[0].rows] == [
        "INTERIM",
        "MONTHLY",
        "NO-RESULT",
        "RED-COMMON",
    ]
    assert [r.reference for r in card.highlights] == ["RED-COMMON"]  # the proposed one is not
    item = card.highlights[0].highlight
    assert item is not None
    assert item.reasons == ("Turned red in 2024/25 Q2, from amber in 2024/25 Q1.",)
    assert item.reasons_for_result == "Staff vacancies in the reablement team."
    assert [(label, count) for _, label, count in card.rag_counts] == [
        ("Red", 1),
        ("Green", 4),
        ("Not rated", 1),
        ("No result", 1),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"directorate": "resources"}, {"GREEN-CONCERN", "TRACKER", "ANNUAL"}),
        ({"pillar": "inclusive-growth"}, {"GREEN-CONCERN"}),
        ({"board": "scrutiny-board-resources"}, {"GREEN-CONCERN"}),
        ({"rag": "red"}, {"RED-COMMON"}),
        ({"rag": "no_result"}, {"NO-RESULT"}),
        ({"spc": "concern"}, {"GREEN-CONCERN"}),
        ({"spc": "common_cause"}, {"RED-COMMON"}),
        ({"highlight": "yes"}, {"RED-COMMON"}),
        ({"directorate": "adults-and-health", "rag": "green"}, {"INTERIM", "MONTHLY"}),
    ],
)
def test_filters(
    organisation: Any,
    people: dict[str, Any],
    council: dict[str, Any],
    filters: dict[str, str],
    expected: set[str],
) -> None:
    # given / when
    rows = scorecard_rows(people["clt"], organisation, **filters)
    # then
    assert set(rows) == expected


def test_members_see_published_results_within_their_remit_only(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given the Q2 result of RED-COMMON signed off but not yet published
    result = Result.objects.get(kpi=council["kpis"]["RED-COMMON"], period_start=Q2.start)
    result.status = Result.Status.SIGNED_OFF
    result.save()
    # when
    officer = scorecard_rows(people["clt"], organisation)
    member = scorecard_rows(council["member"], organisation)
    # then the officer sees it, with its status
    assert officer["RED-COMMON"].latest is not None
    assert officer["RED-COMMON"].latest.status == "Signed off"
    # the member sees no result for the quarter, judged without it, and no highlight item
    row = member["RED-COMMON"]
    assert row.latest is None and row.rag.status == "no_result" and row.highlight is None
    # and nothing outside their board's remit
    assert "GREEN-CONCERN" not in member and "RED-COMMON" in member
    card = scorecard_build(
        user=council["member"], organisation=organisation, period=Q2, filters=ScorecardFilters()
    )
    assert (
        card.published_only
        and not scorecard_build(
            user=people["clt"], organisation=organisation, period=Q2, filters=ScorecardFilters()
        ).published_only
    )


def test_a_member_sees_the_previous_published_quarter_judged_as_it_was(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    row = scorecard_rows(council["member"], organisation)["RED-COMMON"]
    # then
    assert row.latest is not None and row.latest.value == 61.0
    assert row.highlight is not None  # published, so its commentary may be shown


def test_available_quarters_follow_what_the_person_may_see(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    officer = scorecard_periods(user=people["clt"], organisation=organisation)
    # then a year counts in the quarter it ends in; months in theirs
    assert officer[0] == Period.quarter(2024, 4)  # 2024/25 ends in 2024/25 Q4
    assert Period.quarter(2024, 3) in officer  # October 2024
    assert period_slug(officer[0]) == "2024-25-q4"
    assert Period.parse(period_slug(officer[0])) == officer[0]


def _bulk_council(organisation: Any, count: int) -> None:
    directorate = DirectorateFactory(organisation=organisation, name=f"Directorate {count}")
    pillar = PillarFactory(organisation=organisation)
    kpis = KPI.objects.bulk_create(
        [
            KPIFactory.build(
                organisation=organisation,
                reference=f"B{count}-{i:03d}",
                directorate=directorate,
                service=None,
                scrutiny_board=None,
            )  # fmt: skip
            for i in range(count)
        ]
    )
    KPI.pillars.through.objects.bulk_create(
        [KPI.pillars.through(kpi=k, pillar=pillar) for k in kpis]
    )
    Target.objects.bulk_create(
        [Target(kpi=k, financial_year=2024, kind="value", value=Decimal("60")) for k in kpis]
    )
    first = Q2.shift(-15)
    Result.objects.bulk_create(
        [
            Result(
                kpi=k,
                period_kind="quarter",
                period_start=first.shift(i).start,
                period_end=first.shift(i).end,
                value=Decimal(55 + (i * 7 + n) % 11),
                status=Result.Status.PUBLISHED,
            )  # fmt: skip
            for n, k in enumerate(kpis)
            for i in range(16)
        ]
    )
    cycle, _ = ReportingCycle.objects.get_or_create(
        organisation=organisation, financial_year=2024, quarter=2,
        defaults={"submission_deadline": "2024-10-25", "directorate_check_date": "2024-11-01"},
    )  # fmt: skip
    HighlightItem.objects.bulk_create(
        [HighlightItem(cycle=cycle, kpi=k, status="confirmed") for k in kpis[::5]]
    )


def test_the_page_query_count_does_not_grow_with_the_number_of_kpis(
    organisation: Any, performance_client: Any
) -> None:
    # given ten KPIs
    url = f"{reverse('scorecard:index')}?period=2024-25-q2"
    changed = f"{url}&changed=any"
    _bulk_council(organisation, 10)
    with CaptureQueriesContext(connection) as ten:
        response = performance_client.get(url)
    assert len(response.context["scorecard"].rows) == 10
    with CaptureQueriesContext(connection) as ten_changed:
        response = performance_client.get(changed)
    assert 0 < len(response.context["scorecard"].rows) < 10
    # when there are sixty
    _bulk_council(organisation, 50)
    with CaptureQueriesContext(connection) as sixty:
        response = performance_client.get(url)
    # then
    assert len(response.context["scorecard"].rows) == 60
    assert len(response.context["scorecard"].highlights) == 12
    assert len(sixty) == len(ten), [q["sql"] for q in sixty.captured_queries]
    # and with the filter on what changed since last quarter
    with CaptureQueriesContext(connection) as sixty_changed:
        response = performance_client.get(changed)
    assert 0 < len(response.context["scorecard"].rows) < 60
    assert len(sixty_changed) == len(ten_changed) == len(ten)
    # and the Excel download too
    excel = f"{reverse('scorecard:excel')}?period=2024-25-q2"
    with CaptureQueriesContext(connection) as workbook:
        performance_client.get(excel)
    assert len(workbook) == len(sixty)
