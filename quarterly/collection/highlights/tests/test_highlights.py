"""Highlight items: the rules that propose them, the decisions, and the commentary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quarterly.benchmarking.models import ENGLAND, BenchmarkValue
from quarterly.benchmarking.selectors import england_values
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.highlights.models import HighlightItem
from quarterly.collection.highlights.services import (
    highlight_commentary_submit,
    highlight_confirm,
    highlight_dismiss,
    highlight_request_commentary,
    highlights_propose,
    highlights_request_commentary,
)
from quarterly.collection.results.models import Result
from quarterly.collection.submissions.services import result_enter
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import (
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    ResultFactory,
    TargetFactory,
)
from quarterly.organisation.models import Role

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2025, 1)
S = Result.Status


@pytest.fixture
def cycle(organisation: Any) -> ReportingCycle:
    return ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 28), directorate_check_date=dt.date(2025, 8, 4),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip


@pytest.fixture
def adults(organisation: Any) -> Any:
    return DirectorateFactory(organisation=organisation, name="Adults and Health")


def _kpi(organisation: Any, directorate: Any, reference: str, **fields: Any) -> Any:
    return KPIFactory(
        organisation=organisation, directorate=directorate, reference=reference, **fields
    )


def _series(kpi: Any, values: list[str], *, last: Period = Q1, status: str = S.SUBMITTED) -> None:
    """Quarterly results ending at `last`; the earlier ones published, the last `status`."""
    first = last.shift(-(len(values) - 1))
    for index, value in enumerate(values):
        ResultFactory(
            kpi=kpi,
            period=first.shift(index),
            value=Decimal(value),
            status=status if index == len(values) - 1 else S.PUBLISHED,
        )


def _reasons(cycle: ReportingCycle) -> dict[str, list[str]]:
    return {item.kpi.reference: item.reasons for item in HighlightItem.objects.filter(cycle=cycle)}


def test_a_kpi_that_turned_red_is_proposed_saying_so(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given green at 2024/25 Q4 and red at 2025/26 Q1
    kpi = _kpi(organisation, adults, "AH-01")
    for year in (2024, 2025):
        TargetFactory(kpi=kpi, financial_year=year, value=Decimal("65"), tolerance=Decimal("2"))
    _series(kpi, ["66", "60"])
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {
        "AH-01": [
            "Turned red in 2025/26 Q1, from green in 2024/25 Q4: 60.0% is 5.0 points below the "
            "65% target, beyond the 2-point tolerance."
        ]
    }


def test_a_kpi_already_red_at_its_comparator_is_not_proposed_as_turned_red(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given red at both 2024/25 Q4 and 2025/26 Q1, but better now
    kpi = _kpi(organisation, adults, "AH-01")
    for year in (2024, 2025):
        TargetFactory(kpi=kpi, financial_year=year, value=Decimal("65"), tolerance=Decimal("2"))
    _series(kpi, ["58", "60"])
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {}


def test_a_kpi_that_worsened_two_periods_running_is_proposed(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given no target, falling for two quarters (higher is better)
    kpi = _kpi(organisation, adults, "AH-02")
    _series(kpi, ["70", "68", "66"])
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {
        "AH-02": [
            "Worsened two periods running: 2024/25 Q4 was 68.0% against 70.0% in 2024/25 Q3, "
            "and 2025/26 Q1 is 66.0% against 68.0% in 2024/25 Q4."
        ]
    }


def test_worsening_once_or_a_tracker_falling_is_not_proposed(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given one KPI that worsened only once, and a tracker that fell twice
    _series(_kpi(organisation, adults, "AH-03"), ["68", "70", "66"])
    _series(_kpi(organisation, adults, "AH-04", polarity="none"), ["70", "68", "66"])
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {}


def test_special_cause_variation_at_the_latest_point_is_proposed(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given nineteen stable quarters, then one far above the upper process limit
    kpi = _kpi(organisation, adults, "AH-05")
    _series(kpi, ["50", "51"] * 9 + ["50", "60"])
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {
        "AH-05": [
            "Special cause improvement: the latest value, 60.0%, is above the upper process "
            "limit of 53.6%."
        ]
    }


def test_a_result_significantly_worse_than_england_is_proposed(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given a rate whose 95% interval lies above England's value (lower is better)
    kpi = _kpi(organisation, adults, "AH-06", unit="rate", rate_per=100000, polarity="lower")
    ResultFactory(
        kpi=kpi, period=Q1, value=Decimal("124.2"), lower_ci=Decimal("116.4"),
        upper_ci=Decimal("132.3"), status=S.SIGNED_OFF,
    )  # fmt: skip
    # and another whose interval includes England's value, and one with no interval
    similar = _kpi(organisation, adults, "AH-07", unit="rate", rate_per=100000, polarity="lower")
    ResultFactory(
        kpi=similar, period=Q1, value=Decimal("98"), lower_ci=Decimal("90"),
        upper_ci=Decimal("106"), status=S.SIGNED_OFF,
    )  # fmt: skip
    no_interval = _kpi(
        organisation, adults, "AH-08", unit="rate", rate_per=100000, polarity="lower"
    )
    ResultFactory(kpi=no_interval, period=Q1, value=Decimal("124.2"), status=S.SIGNED_OFF)
    for each in (kpi, similar, no_interval):
        BenchmarkValue.objects.create(
            kpi=each, period_kind=Q1.kind.value, period_start=Q1.start, area_code=ENGLAND,
            area_name="England", value=Decimal("94.7"), source="OHID Fingertips",
        )  # fmt: skip
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {
        "AH-06": [
            "2025/26 Q1: Worse than England (95% confidence): 124.2 per 100,000 (95% CI 116.4 per "
            "100,000 to 132.3 per 100,000) against 94.7 per 100,000."
        ]
    }


def test_drafts_and_returned_results_are_not_yet_judged(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given results that would turn red, but are not yet submitted
    for reference, status in (("AH-01", S.DRAFT), ("AH-02", S.RETURNED)):
        kpi = _kpi(organisation, adults, reference)
        for year in (2024, 2025):
            TargetFactory(kpi=kpi, financial_year=year, value=Decimal("65"))
        _series(kpi, ["66", "60"], status=status)
    # when
    highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
    # then
    assert _reasons(cycle) == {}


def test_proposing_again_duplicates_nothing_and_keeps_decisions(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given three KPIs the rules propose, one confirmed and one dismissed
    by = people["performance"]
    kpis = [_kpi(organisation, adults, f"AH-0{n}") for n in (1, 2, 3)]
    for kpi in kpis:
        _series(kpi, ["70", "68", "66"])
    first = highlights_propose(cycle=cycle, by=by, england_values=england_values)
    items = {i.kpi.reference: i for i in HighlightItem.objects.filter(cycle=cycle)}
    highlight_confirm(item=items["AH-01"], by=by)
    highlight_dismiss(item=items["AH-02"], by=by)
    # when nothing changes, and then the data change so no rule proposes any of them
    again = highlights_propose(cycle=cycle, by=by, england_values=england_values)
    for kpi in kpis:
        Result.objects.filter(kpi=kpi, period_start=Q1.start).delete()
        ResultFactory(kpi=kpi, period=Q1, value=Decimal("69"), status=S.SUBMITTED)
    changed = highlights_propose(cycle=cycle, by=by, england_values=england_values)
    # then
    assert (first.added, again.added, again.unchanged) == (3, 0, 3)
    assert (changed.updated, changed.withdrawn) == (2, 1)
    stored = {i.kpi.reference: (i.status, i.reasons) for i in HighlightItem.objects.all()}
    assert stored == {"AH-01": ("confirmed", []), "AH-02": ("dismissed", [])}
    assert "1 withdrawn because no rule proposes it now" in str(changed)


def test_proposing_reads_in_bulk_whatever_the_number_of_kpis(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given
    def council(count: int) -> int:
        HighlightItem.objects.all().delete()
        for n in range(count):
            kpi = _kpi(organisation, adults, f"X-{count}-{n}")
            TargetFactory(kpi=kpi, financial_year=2025, value=Decimal("65"))
            _series(kpi, ["70", "68", "66"])
        with CaptureQueriesContext(connection) as queries:
            highlights_propose(cycle=cycle, by=people["performance"], england_values=england_values)
        return len(queries.captured_queries)

    # when
    five = council(5)
    thirty = council(25)
    # then
    assert HighlightItem.objects.count() == 30
    assert thirty == five


def test_confirming_and_dismissing_follow_the_states_and_are_audited(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given
    by = people["performance"]
    item = HighlightItem.objects.create(cycle=cycle, kpi=_kpi(organisation, adults, "AH-01"))
    # when
    confirmed = highlight_confirm(item=item, by=by)
    with pytest.raises(ValidationError) as twice:
        highlight_confirm(item=confirmed, by=by)
    dismissed = highlight_dismiss(item=confirmed, by=by)
    # then
    assert (confirmed.status, dismissed.status, dismissed.decided_by) == (
        "confirmed",
        "dismissed",
        by,
    )
    assert "AH-01 is confirmed, so it cannot be confirmed." in twice.value.messages
    notes = list(AuditEntry.objects.filter(kpi_id=item.kpi_id).values_list("note", flat=True))
    assert notes == ["Highlight item dismissed", "Highlight item confirmed"]


def test_requesting_commentary_emails_each_key_contact_once(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any], mailoutbox: Any
) -> None:
    # given two confirmed items with the same key contact, and one only proposed
    amira = people["key_contact"]
    items = []
    for n, status in ((1, "confirmed"), (2, "confirmed"), (3, "proposed")):
        kpi = _kpi(organisation, adults, f"AH-0{n}", title=f"Indicator {n}")
        kpi.key_contacts.set([amira])
        items.append(
            HighlightItem.objects.create(
                cycle=cycle, kpi=kpi, status=status, reasons=[f"Reason {n}"]
            )
        )
    # when
    done = highlights_request_commentary(items=items, by=people["performance"])
    # then
    assert [m.to for m in mailoutbox] == [[amira.email]]
    email = mailoutbox[0]
    assert email.subject == "Commentary requested for 2 2025/26 Q1 highlight items"
    assert email.reply_to == [people["performance"].email]
    assert "- AH-01 Indicator 1\n  Why: Reason 1\n" in email.body
    assert f"/highlights/{items[1].pk}/commentary/" in email.body
    assert "AH-03" not in email.body
    assert done.skipped == ("AH-03 is proposed, not confirmed.",)
    requested = HighlightItem.objects.filter(commentary_requested_at__isnull=False)
    assert sorted(i.kpi.reference for i in requested) == ["AH-01", "AH-02"]


def test_commentary_cannot_be_requested_without_a_key_contact_to_email(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any], mailoutbox: Any
) -> None:
    # given
    kpi = _kpi(organisation, adults, "AH-01")
    kpi.key_contacts.set([PersonFactory(organisation=organisation, email="")])
    item = HighlightItem.objects.create(cycle=cycle, kpi=kpi, status="confirmed")
    # when
    with pytest.raises(ValidationError) as refused:
        highlight_request_commentary(item=item, by=people["performance"])
    # then
    assert refused.value.messages == [
        "AH-01 has no key contact with an email address: add one in the register."
    ]
    assert mailoutbox == []


def test_the_key_contact_submits_both_parts_of_the_commentary(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given
    item = HighlightItem.objects.create(
        cycle=cycle, kpi=_kpi(organisation, adults, "AH-01"), status="confirmed"
    )
    # when
    with pytest.raises(ValidationError) as empty:
        highlight_commentary_submit(
            item=item, reasons_for_result=" ", actions_being_taken="", by=people["key_contact"]
        )
    saved = highlight_commentary_submit(
        item=item, reasons_for_result="Fewer referrals.", actions_being_taken="A new pathway.",
        by=people["key_contact"],
    )  # fmt: skip
    # then
    assert empty.value.message_dict == {
        "reasons_for_result": ["Enter the reasons for the result."],
        "actions_being_taken": ["Enter the actions being taken."],
    }
    assert saved.commentary_received_at is not None
    assert (saved.reasons_for_result, saved.actions_being_taken) == (
        "Fewer referrals.",
        "A new pathway.",
    )


def test_a_confirmed_highlight_item_needs_commentary_when_its_result_is_submitted(
    organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given
    kpi = _kpi(organisation, adults, "AH-01")
    HighlightItem.objects.create(cycle=cycle, kpi=kpi, status="confirmed")
    # when
    with pytest.raises(ValidationError) as refused:
        result_enter(
            kpi=kpi, period=Q1, fields={"value": Decimal("61")}, submit=True, version=None,
            by=people["key_contact"],
        )  # fmt: skip
    # then
    assert "highlight item" in refused.value.message_dict["commentary"][0]


# Pages -----------------------------------------------------------------------------------------


@pytest.fixture
def confirmed(organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]) -> Any:
    kpi = _kpi(organisation, adults, "AH-01", title="Reablement success rate")
    kpi.key_contacts.set([people["key_contact"]])
    return HighlightItem.objects.create(
        cycle=cycle, kpi=kpi, status="confirmed", reasons=["Turned red in 2025/26 Q1."]
    )


def test_the_performance_team_proposes_and_confirms_from_the_list(
    client: Any, organisation: Any, adults: Any, cycle: ReportingCycle, people: dict[str, Any]
) -> None:
    # given
    kpi = _kpi(organisation, adults, "AH-02", title="Falling measure")
    _series(kpi, ["70", "68", "66"])
    client.force_login(people["performance"])
    # when
    proposed = client.post("/highlights/propose/", follow=True)
    item = HighlightItem.objects.get(kpi=kpi)
    confirmed = client.post(f"/highlights/{item.pk}/confirm/", follow=True)
    # then
    assert "Highlight items proposed: 1 new." in proposed.content.decode()
    html = confirmed.content.decode()
    assert "AH-02 Falling measure is now a highlight item." in html
    assert "Worsened two periods running" in html
    assert "Request commentary<span" in html
    assert HighlightItem.objects.get(pk=item.pk).status == "confirmed"


def test_the_commentary_form_shows_errors_then_saves(
    client: Any, confirmed: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    url = f"/highlights/{confirmed.pk}/commentary/"
    # when
    invalid = client.post(url, {"reasons_for_result": "", "actions_being_taken": ""})
    valid = client.post(
        url, {"reasons_for_result": "Staff shortages.", "actions_being_taken": "Recruiting."}
    )
    # then
    html = invalid.content.decode()
    assert invalid.status_code == 200
    assert "<title>Error: " in html and "There is a problem" in html
    assert '<a href="#id_reasons_for_result">Enter the reasons for the result.</a>' in html
    assert '<a href="#id_actions_being_taken">Enter the actions being taken.</a>' in html
    assert valid.status_code == 302 and valid["Location"] == "/highlights/mine/"
    confirmed.refresh_from_db()
    assert confirmed.reasons_for_result == "Staff shortages."
    assert confirmed.commentary_received_at is not None


def test_a_key_contact_sees_their_items_and_a_link_from_my_kpis(
    client: Any, confirmed: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    # when
    mine = client.get("/highlights/mine/").content.decode()
    my_kpis = client.get("/results/").content.decode()
    # then
    assert "AH-01 Reablement success rate" in mine and "Write commentary" in mine
    assert "Your commentary is needed on 1 highlight item for 2025/26 Q1." in my_kpis
    assert 'href="/highlights/mine/"' in my_kpis


def test_another_directorates_key_contact_cannot_write_the_commentary(
    client: Any, organisation: Any, confirmed: Any
) -> None:
    # given a key contact who is not the KPI's
    stranger = PersonFactory(organisation=organisation, role=Role.KEY_CONTACT)
    client.force_login(stranger)
    # when
    response = client.get(f"/highlights/{confirmed.pk}/commentary/")
    # then
    assert response.status_code == 404
