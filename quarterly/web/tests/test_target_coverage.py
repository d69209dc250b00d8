"""Target coverage: value targets, direction only, trackers and gaps, by directorate and pillar."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from quarterly.factories import DirectorateFactory, KPIFactory, PillarFactory, TargetFactory
from quarterly.register.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(organisation: Any) -> None:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    health = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    growth = PillarFactory(organisation=organisation, name="Inclusive Growth")
    valued = KPIFactory(organisation=organisation, reference="AH-01", directorate=adults,
                        pillars=[health])  # fmt: skip
    TargetFactory(kpi=valued, financial_year=2025, value=Decimal("70"))
    direction = KPIFactory(organisation=organisation, reference="AH-02", directorate=adults,
                           pillars=[health, growth])  # fmt: skip
    TargetFactory(kpi=direction, financial_year=2025, kind=Target.Kind.DIRECTION, value=None,
                  tolerance=None, direction="increase")  # fmt: skip
    KPIFactory(organisation=organisation, reference="RS-01", directorate=resources,
               polarity="none", pillars=[growth])  # fmt: skip
    gap = KPIFactory(organisation=organisation, reference="RS-02", directorate=resources,
                     pillars=[growth])  # fmt: skip
    TargetFactory(kpi=gap, financial_year=2024)  # last year's only: a gap in 2025/26
    KPIFactory(organisation=organisation, reference="RS-09", directorate=resources,
               status="retired", pillars=[])  # fmt: skip


def _rows(html: str, table: str) -> dict[str, list[str]]:
    body = html.split(f'id="{table}"')[1].split("</table>")[0]
    return {
        name: re.findall(r'numeric">(\d+)</td>', cells)
        for name, cells in re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', body
        )
    }


def test_coverage_counts_each_kind_by_directorate_and_pillar_and_lists_the_gaps(
    client: Any, people: dict[str, Any], register: None
) -> None:
    # given
    client.force_login(people["clt"])
    # when
    html = client.get(reverse("register:target-coverage"), {"year": "2025"}).content.decode()
    # then columns are value target, direction only, tracker, no target, KPIs
    assert _rows(html, "directorates") == {
        "Adults and Health": ["1", "1", "0", "0", "2"],
        "Resources": ["0", "0", "1", "1", "2"],
    }
    assert _rows(html, "pillars") == {
        "Health and Wellbeing": ["1", "1", "0", "0", "2"],
        "Inclusive Growth": ["0", "1", "1", "1", "3"],
    }
    gaps = html.split('id="gaps"')[1]
    assert "RS-02" in gaps and "AH-01" not in gaps and "RS-09" not in gaps
