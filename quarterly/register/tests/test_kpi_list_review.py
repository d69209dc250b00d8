"""The yearly review of the KPI list: what changed since the previous review, and the coverage
gaps by service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from quarterly.core.models import AuditEntry
from quarterly.factories import DirectorateFactory, KPIFactory, PersonFactory, ServiceFactory
from quarterly.organisation.models import Role, RoleAssignment
from quarterly.register.models import KPI, KPIListReview
from quarterly.register.reviews import coverage_gaps, kpi_list_review_record
from quarterly.register.services import kpi_save, kpi_status_change, target_set
from quarterly.register.target_agreement import target_propose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(settings: Any) -> None:
    settings.QUARTERLY_TODAY = dt.date(2026, 3, 27)  # in 2025/26


def _kpi(organisation: Any, reference: str, by: Any, **fields: Any) -> KPI:
    """A KPI made through the service, so the audit trail knows it was added."""
    template = KPIFactory.build(organisation=organisation, reference=reference, **fields)
    values = {f.name: getattr(template, f.name) for f in KPI._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at"}}  # fmt: skip
    return kpi_save(kpi=KPI(), fields=values, by=by)


def test_a_review_records_what_changed_since_the_previous_one(organisation: Any) -> None:
    # given a first review, after which one KPI is added, one retired, one redefined and one
    # given a new target
    perf = PersonFactory(organisation=organisation, role=Role.PERFORMANCE_TEAM)
    directorate = DirectorateFactory(organisation=organisation)
    service = ServiceFactory(directorate=directorate)
    common = {"directorate": directorate, "service": service, "scrutiny_board": None}
    old = _kpi(organisation, "OLD-1", perf, title="Old measure", **common)
    kept = _kpi(organisation, "KEPT-1", perf, title="Kept measure", **common)
    first = kpi_list_review_record(
        organisation=organisation, financial_year=2025, agreed_on=dt.date(2025, 3, 20),
        agreed_by="CLT", by=perf,
    )  # fmt: skip
    assert first.changes["added"] == ["KEPT-1 Kept measure", "OLD-1 Old measure"]
    new = _kpi(organisation, "NEW-1", perf, title="New measure", **common)
    kpi_status_change(kpi=old, to=KPI.Status.RETIRED, reason="Replaced by NEW-1", by=perf)
    kpi_save(kpi=kept, fields={"definition": "A sharper definition."}, by=perf)
    target_set(kpi=kept, financial_year=2026, value=Decimal("80"), by=perf)
    # when the next year's review is recorded
    review = kpi_list_review_record(
        organisation=organisation, financial_year=2026, agreed_on=dt.date(2026, 3, 26),
        agreed_by="CLT and the Scrutiny Board Chairs", notes="Keep the list short.", by=perf,
    )  # fmt: skip
    # then it names exactly what changed since the first, as it stood then
    assert review.changes == {
        "added": [f"{new.reference} New measure"],
        "retired": ["OLD-1 Old measure"],
        "definitions": ["KEPT-1 Kept measure"],
        "targets": ["KEPT-1 Kept measure"],
    }
    assert review.changes_since == first.created_at
    entry = AuditEntry.objects.get(target_id=review.pk, note="KPI list review recorded")
    assert (
        entry.actor == perf and entry.changes["agreed_by"][1] == "CLT and the Scrutiny Board Chairs"
    )


def test_a_review_is_refused_twice_for_a_year_or_in_the_future(organisation: Any) -> None:
    # given
    perf = PersonFactory(organisation=organisation, role=Role.PERFORMANCE_TEAM)
    kpi_list_review_record(
        organisation=organisation, financial_year=2026, agreed_on=dt.date(2026, 3, 26),
        agreed_by="CLT", by=perf,
    )  # fmt: skip
    # when / then
    with pytest.raises(ValidationError) as error:
        kpi_list_review_record(
            organisation=organisation, financial_year=2026, agreed_on=dt.date(2026, 3, 28),
            agreed_by="CLT", by=perf,
        )  # fmt: skip
    assert "already recorded" in error.value.message_dict["financial_year"][0]
    assert "today or in the past" in error.value.message_dict["agreed_on"][0]
    assert KPIListReview.objects.count() == 1


def test_coverage_gaps_by_service(organisation: Any) -> None:
    # given a directorate with three services: one with an agreed target, one whose KPI has
    # only a proposal, one with no KPI; and a tracker (no target by design)
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    owner = PersonFactory(organisation=organisation)
    RoleAssignment.objects.create(person=owner, role=Role.ACCOUNTABLE_OFFICER)
    covered, proposed, empty = (ServiceFactory(directorate=adults, name=n) for n in ("A", "B", "C"))
    agreed = KPIFactory(organisation=organisation, directorate=adults, service=covered)
    target_set(kpi=agreed, financial_year=2025, value=Decimal("60"), by=None)
    pending = KPIFactory(organisation=organisation, directorate=adults, service=proposed,
                         accountable_officer=owner)  # fmt: skip
    proposal = target_propose(kpi=pending, financial_year=2025, value=Decimal("50"),
                              rationale="Steady.", by=owner)  # fmt: skip
    KPIFactory(organisation=organisation, directorate=adults, service=covered, polarity="none")
    KPIFactory(organisation=organisation, directorate=adults, service=empty,
               status=KPI.Status.RETIRED)  # fmt: skip
    # when
    [gaps] = coverage_gaps(organisation=organisation, financial_year=2025)
    # then
    assert [s.name for s in gaps.services_without_kpis] == ["C"]
    assert gaps.kpis_without_target == [(pending, proposal)]
