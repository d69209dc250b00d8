"""The KPI page's history of changes follows the same rule as its results.

Values are over 59 with a decimal, so no timestamp's seconds can look like one.

Officers see every change. Elected members see changes to the KPI and its targets, and a result
only from the moment it is published: the values as published, then any revision of them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from quarterly.collection.models import HighlightItem
from quarterly.collection.submissions.services import (
    result_enter,
    result_publish,
    result_return,
    result_sign_off,
)
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.services import kpi_save

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2025, 1)


@pytest.fixture
def story(organisation: Any, people: dict[str, Any]) -> Any:
    """A result drafted, submitted, returned, corrected, signed off and published; a KPI edit."""
    directorate = DirectorateFactory(organisation=organisation, name="Adults and Health")
    kpi = KPIFactory(
        organisation=organisation, reference="AH-41", directorate=directorate,
        accountable_officer=people["officer"], title="People helped at home",
    )  # fmt: skip
    kpi.key_contacts.set([people["key_contact"]])
    RoleAssignment.objects.create(
        person=people["councillor"], role=Role.ELECTED_MEMBER, committee=kpi.scrutiny_board
    )
    cycle = ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)
    contact = people["key_contact"]

    def enter(value: str, commentary: str, *, submit: bool, version: int | None) -> Any:
        return result_enter(
            kpi=kpi, period=Q1, fields={"value": Decimal(value), "commentary": commentary},
            submit=submit, version=version, by=contact,
        )  # fmt: skip

    draft = enter("71.7", "Draft thinking about the dip", submit=False, version=None)
    submitted = enter("82.9", "Submitted explanation", submit=True, version=draft.version)
    returned = result_return(result=submitted, reason="Check the extract", by=people["officer"])
    corrected = enter("93.8", "Corrected explanation", submit=True, version=returned.version)
    signed = result_sign_off(result=corrected, by=people["officer"])
    result_publish(result=signed, by=people["performance"])
    kpi_save(kpi=kpi, fields={"title": "People helped to live at home"}, by=people["performance"])
    HighlightItem.objects.create(cycle=cycle, kpi=kpi, reasons=["Worsened twice: 71.7 then 82.9"])
    return kpi


def _history(client: Any) -> str:
    html = client.get(reverse("register:kpi-detail", args=["AH-41"])).content.decode()
    return html.split('id="history-heading"')[1]


def test_a_member_sees_the_published_values_and_nothing_before_them(
    client: Any, story: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["councillor"])
    # when
    history = _history(client)
    # then
    assert "Published AH-41 2025/26 Q1" in history
    assert "93.8" in history and "Corrected explanation" in history
    assert "People helped to live at home" in history  # the KPI's own change
    for unpublished in ("71.7", "82.9", "Draft thinking", "Submitted explanation", "Check the"):
        assert unpublished not in history, unpublished


def test_an_officer_sees_every_change(client: Any, story: Any, people: dict[str, Any]) -> None:
    # given
    client.force_login(people["clt"])
    # when
    history = _history(client)
    # then
    for change in ("71.7", "82.9", "Draft thinking", "Returned for correction: Check the extract"):
        assert change in history, change


def test_a_revision_of_a_published_value_shows_both_published_values_to_a_member(
    client: Any, story: Any, people: dict[str, Any]
) -> None:
    # given the performance team revises the published result through the register import
    from quarterly.collection.results.services import results_save_many

    results_save_many(
        rows=[(story, Q1, {"value": Decimal("94.1"), "status": "published"})],
        by=people["performance"],
        note="Register workbook import",
    )
    client.force_login(people["councillor"])
    # when
    history = _history(client)
    # then
    assert "93.8 → 94.1" in history
    assert "82.9" not in history
