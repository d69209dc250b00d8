"""A KPI's lifecycle: in development -> proposed -> active -> retired, each move with a reason."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.factories import KPIFactory
from quarterly.register.models import KPI
from quarterly.register.services import kpi_status_change

pytestmark = pytest.mark.django_db


def test_a_kpi_moves_through_its_life_and_each_move_is_audited_with_its_reason(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given a KPI being developed
    kpi = KPIFactory(organisation=organisation, reference="NEW-1", status=KPI.Status.DEVELOPMENT)
    by = people["performance"]
    # when
    for to, reason in (("proposed", "Ready for the DMT"), ("active", "Agreed by the DMT"),
                       ("retired", "Replaced by NEW-2")):  # fmt: skip
        kpi = kpi_status_change(kpi=kpi, to=to, reason=reason, by=by)
    # then
    assert kpi.status == KPI.Status.RETIRED
    notes = list(
        AuditEntry.objects.filter(kpi_id=kpi.pk).order_by("at").values_list("note", flat=True)
    )
    assert notes[-3:] == [
        "Status changed to proposed: Ready for the DMT",
        "Status changed to active: Agreed by the DMT",
        "Status changed to retired: Replaced by NEW-2",
    ]


@pytest.mark.parametrize(
    ("start", "to", "reason", "field"),
    [
        ("development", "retired", "Never used", "status"),
        ("active", "proposed", "Oops", "status"),
        ("active", "retired", "  ", "reason"),
    ],
)
def test_a_move_out_of_order_or_without_a_reason_is_refused(
    organisation: Any, people: dict[str, Any], start: str, to: str, reason: str, field: str
) -> None:
    # given
    kpi = KPIFactory(organisation=organisation, status=start)
    # when / then
    with pytest.raises(ValidationError) as error:
        kpi_status_change(kpi=kpi, to=to, reason=reason, by=people["performance"])
    assert field in error.value.message_dict
    kpi.refresh_from_db()
    assert kpi.status == start


def test_the_performance_team_retires_a_kpi_from_its_page(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given
    KPIFactory(organisation=organisation, reference="OLD-1")
    client.force_login(people["performance"])
    page = client.get(reverse("register:kpi-detail", args=["OLD-1"])).content.decode()
    # when
    refused = client.post(
        reverse("register:kpi-status", args=["OLD-1"]), {"status": "retired"}, follow=True
    )
    done = client.post(
        reverse("register:kpi-status", args=["OLD-1"]),
        {"status": "retired", "reason": "The service was transferred"},
        follow=True,
    )
    # then
    assert "Change this KPI's status" in page and '<option value="retired">' in page
    assert "Enter the reason for the change of status." in refused.content.decode()
    assert "OLD-1 is now retired." in done.content.decode()
    assert KPI.objects.get(reference="OLD-1").status == KPI.Status.RETIRED


def test_only_the_performance_team_is_offered_the_change(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given
    KPIFactory(organisation=organisation, reference="OLD-2")
    client.force_login(people["clt"])
    # when
    page = client.get(reverse("register:kpi-detail", args=["OLD-2"])).content.decode()
    # then
    assert "change-status" not in page


def test_each_field_on_the_kpi_page_has_an_id_of_its_own(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given the performance team's page, with its status and recalculation forms
    KPIFactory(organisation=organisation, reference="OLD-3")
    client.force_login(people["performance"])
    # when
    page = client.get(reverse("register:kpi-detail", args=["OLD-3"])).content.decode()
    # then no two elements share an id, so each label leads to its own field
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "kpi-status-reason" in ids and "id_reason" in ids
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []


@pytest.mark.parametrize(
    ("status", "shown", "opened"),
    [("development", True, True), ("proposed", True, True), ("active", False, False)],
)
def test_a_kpi_not_yet_active_says_so_at_the_top_and_leads_to_its_status(
    client: Any, organisation: Any, people: dict[str, Any], status: str, shown: bool, opened: bool
) -> None:
    # given
    kpi = KPIFactory(organisation=organisation, reference="NEW-3", status=status)
    client.force_login(people["performance"])
    # when
    page = client.get(reverse("register:kpi-detail", args=["NEW-3"])).content.decode()
    # then
    assert ('id="not-yet-active"' in page) is shown
    assert (f">{kpi.get_status_display()}</strong> Not yet reported" in page) is shown
    assert ('<a class="govuk-link" href="#change-status">Change its status</a>' in page) is shown
    assert ('id="change-status" open>' in page) is opened


def test_a_refused_change_of_status_shows_the_error_summary_and_keeps_the_reason(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given
    KPIFactory(organisation=organisation, reference="OLD-4")
    client.force_login(people["performance"])
    reason = "The service was transferred to the NHS. " * 7  # 280 characters: too long
    # when
    response = client.post(
        reverse("register:kpi-status", args=["OLD-4"]), {"status": "retired", "reason": reason}
    )
    # then the page again, the error in the GOV.UK summary leading to the field, nothing lost
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert '<a href="#kpi-status-reason">Enter a reason of 250 characters or fewer.</a>' in page
    assert reason.strip() in page
    assert '<option value="retired" selected>' in page
    assert 'id="change-status" open>' in page
    assert KPI.objects.get(reference="OLD-4").status == KPI.Status.ACTIVE
