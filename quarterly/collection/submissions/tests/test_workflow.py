from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.results.models import Result
from quarterly.collection.submissions.selectors import period_slug
from quarterly.collection.submissions.services import (
    StaleResult,
    WrongState,
    result_enter,
    result_publish,
    result_return,
    result_sign_off,
)
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory

Q1 = Period.quarter(2025, 1)


@pytest.fixture
def kpi(organisation: Any, people: dict[str, Any], cycle: ReportingCycle) -> Any:
    """A KPI whose 2025/26 Q1 cycle is open."""
    directorate = DirectorateFactory(organisation=organisation, name="Adults and Health")
    kpi = KPIFactory(
        organisation=organisation,
        reference="AH-01",
        directorate=directorate,
        accountable_officer=people["officer"],
    )
    kpi.key_contacts.set([people["key_contact"]])
    return kpi


@pytest.fixture
def cycle(organisation: Any) -> ReportingCycle:
    return ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 25), directorate_check_date=dt.date(2025, 8, 1),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip


def _fields(value: str = "61.5", **extra: Any) -> dict[str, Any]:
    return {
        "value": Decimal(value),
        "numerator": None,
        "denominator": None,
        "commentary": "",
        "data_quality_note": "",
        **extra,
    }


@pytest.mark.django_db
def test_the_whole_life_of_a_result_is_audited(kpi: Any, people: dict[str, Any]) -> None:
    # given a key contact's draft
    draft = result_enter(
        kpi=kpi, period=Q1, fields=_fields(), submit=False, version=None, by=people["key_contact"]
    )
    # when it is submitted, returned, corrected, signed off and published
    submitted = result_enter(
        kpi=kpi,
        period=Q1,
        fields=_fields("62.5"),
        submit=True,
        version=draft.version,
        by=people["key_contact"],
    )
    returned = result_return(
        result=submitted, reason="Check the denominator", by=people["directorate"]
    )
    corrected = result_enter(
        kpi=kpi,
        period=Q1,
        fields=_fields("60.5"),
        submit=True,
        version=returned.version,
        by=people["key_contact"],
    )
    signed = result_sign_off(result=corrected, by=people["officer"])
    published = result_publish(result=signed, by=people["performance"])
    # then
    assert published.status == Result.Status.PUBLISHED and published.value == Decimal("60.5")
    assert published.signed_off_by == people["officer"] and published.returned_reason == ""
    notes = list(
        AuditEntry.objects.filter(kpi_id=kpi.pk).order_by("at", "id").values_list("note", flat=True)
    )
    assert notes == [
        "Saved as draft", "Submitted for sign-off", "Returned for correction: Check the denominator",
        "Submitted for sign-off", "Signed off", "Published",
    ]  # fmt: skip


@pytest.mark.django_db
def test_a_stale_version_saves_nothing(kpi: Any, people: dict[str, Any]) -> None:
    # given two people opened version 1
    first = result_enter(
        kpi=kpi, period=Q1, fields=_fields(), submit=False, version=None, by=people["key_contact"]
    )
    result_enter(
        kpi=kpi,
        period=Q1,
        fields=_fields("70"),
        submit=False,
        version=first.version,
        by=people["directorate"],
    )
    # when the second saves from the version they opened
    with pytest.raises(StaleResult):
        result_enter(
            kpi=kpi,
            period=Q1,
            fields=_fields("80"),
            submit=False,
            version=first.version,
            by=people["key_contact"],
        )
    # then the first save stands
    assert Result.objects.get().value == Decimal("70")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("unit", "fields", "field", "message"),
    [
        ("percentage", _fields("101"), "value", "between 0 and 100"),
        ("count", _fields("2.5"), "value", "whole number"),
        ("count", _fields("-1"), "value", "cannot be negative"),
        (
            "percentage",
            _fields("50", numerator=Decimal(6), denominator=Decimal(5)),
            "numerator",
            "cannot be larger",
        ),
    ],
)
def test_values_are_checked_against_the_unit(
    kpi: Any, people: dict[str, Any], unit: str, fields: dict[str, Any], field: str, message: str
) -> None:
    # given
    kpi.unit = unit
    # when
    with pytest.raises(ValidationError) as error:
        result_enter(
            kpi=kpi, period=Q1, fields=fields, submit=False, version=None, by=people["key_contact"]
        )
    # then
    assert message in " ".join(error.value.message_dict[field])


@pytest.mark.django_db
def test_future_periods_are_refused(kpi: Any, people: dict[str, Any]) -> None:
    # given
    future = Period.quarter(2199, 1)
    # when / then
    with pytest.raises(ValidationError, match="future periods"):
        result_enter(
            kpi=kpi,
            period=future,
            fields=_fields(),
            submit=False,
            version=None,
            by=people["key_contact"],
        )


@pytest.mark.django_db
def test_each_transition_checks_its_source_state(kpi: Any, people: dict[str, Any]) -> None:
    # given a draft
    draft = result_enter(
        kpi=kpi, period=Q1, fields=_fields(), submit=False, version=None, by=people["key_contact"]
    )
    # when / then
    with pytest.raises(WrongState, match="only a result that is submitted can be signed off"):
        result_sign_off(result=draft, by=people["officer"])
    with pytest.raises(WrongState):
        result_publish(result=draft, by=people["performance"])
    with pytest.raises(ValidationError):
        result_return(result=draft, reason="  ", by=people["directorate"])
    signed = result_sign_off(
        result=result_enter(
            kpi=kpi,
            period=Q1,
            fields=_fields(),
            submit=True,
            version=draft.version,
            by=people["key_contact"],
        ),
        by=people["officer"],
    )
    with pytest.raises(WrongState, match="ask the directorate team to return it"):
        result_enter(
            kpi=kpi,
            period=Q1,
            fields=_fields("1"),
            submit=False,
            version=signed.version,
            by=people["key_contact"],
        )


@pytest.mark.django_db
def test_my_kpis_lists_due_and_returned_items(
    client: Any, kpi: Any, cycle: Any, people: dict[str, Any]
) -> None:
    # given a returned result in another period and nothing yet for Q1
    other = KPIFactory(
        organisation=kpi.organisation, reference="AH-02", directorate=kpi.directorate
    )
    other.key_contacts.set([people["key_contact"]])
    submitted = result_enter(
        kpi=other, period=Q1, fields=_fields(), submit=True, version=None, by=people["key_contact"]
    )
    result_return(result=submitted, reason="Wrong quarter's figure", by=people["directorate"])
    client.force_login(people["key_contact"])
    # when
    html = client.get(reverse("collection:my-kpis")).content.decode()
    # then
    assert (
        "Returned to you for correction" in html and "Reason: Wrong quarter&#x27;s figure" in html
    )
    assert "AH-01" in html and "Enter result" in html


@pytest.mark.django_db
def test_entry_form_submits_and_shows_stale_message(
    client: Any, kpi: Any, cycle: Any, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["AH-01", period_slug(Q1)])
    # when the form is submitted
    response = client.post(
        url, {"value": "61.2", "commentary": "On track", "version": "", "submit": "1"}
    )
    # then
    assert response.status_code == 302
    result = Result.objects.get(kpi=kpi)
    assert result.status == Result.Status.SUBMITTED and result.submitted_by == people["key_contact"]
    # when someone posts from the page they opened before the submission
    result_return(result=result, reason="Recheck", by=people["directorate"])
    stale = client.post(url, {"value": "99", "version": str(result.version), "draft": "1"})
    # then nothing is saved and they are told why
    assert "changed since you opened this page" in stale.content.decode()
    assert Result.objects.get(kpi=kpi).value == Decimal("61.2")


@pytest.mark.django_db
def test_entry_form_shows_govuk_errors(client: Any, kpi: Any, people: dict[str, Any]) -> None:
    # given
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["AH-01", period_slug(Q1)])
    # when
    html = client.post(url, {"value": "lots", "version": "", "draft": "1"}).content.decode()
    # then
    assert (
        'class="govuk-error-summary"' in html
        and "The result must be a number, like 61.2, or the source" in html
    )
    assert Result.objects.count() == 0


@pytest.mark.django_db
def test_people_without_the_kpi_get_404(client: Any, kpi: Any, people: dict[str, Any]) -> None:
    # given a councillor and a CLT reader
    url = reverse("collection:result-edit", args=["AH-01", period_slug(Q1)])
    for name in ("councillor", "clt"):
        client.force_login(people[name])
        # when / then
        assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("collection:result-edit", args=["AH-01", "quarter.2025-05-01"])
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_red_result_needs_commentary_before_it_is_submitted(
    kpi: Any, people: dict[str, Any]
) -> None:
    # given a 65% target with a 2-point tolerance for 2025/26
    from quarterly.factories import TargetFactory

    TargetFactory(kpi=kpi, financial_year=2025, value=Decimal("65"), tolerance=Decimal("2"))
    # when a red result is submitted without commentary
    with pytest.raises(ValidationError) as error:
        result_enter(
            kpi=kpi,
            period=Q1,
            fields=_fields("50"),
            submit=True,
            version=None,
            by=people["key_contact"],
        )
    # then the reason is given, and a draft or an explained result is accepted
    assert "red against its target" in error.value.message_dict["commentary"][0]
    assert "50.0% is 15.0 points below the 65% target" in error.value.message_dict["commentary"][0]
    draft = result_enter(
        kpi=kpi,
        period=Q1,
        fields=_fields("50"),
        submit=False,
        version=None,
        by=people["key_contact"],
    )
    explained = result_enter(
        kpi=kpi, period=Q1, fields=_fields("50", commentary="Two teams merged mid-quarter."),
        submit=True, version=draft.version, by=people["key_contact"],
    )  # fmt: skip
    assert explained.status == Result.Status.SUBMITTED
