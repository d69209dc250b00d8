"""The performance team adds and edits KPIs on GOV.UK pages, under the same rules as the workbook:
the same bad value gets the same message on the web page and in the import."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.exchange.formats.register_columns import SUPPORTING_SHEET
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.exchange.reading import WorkbookRejected
from quarterly.exchange.tests.conftest import _edit
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PillarFactory,
    ServiceFactory,
)
from quarterly.register.kpi_form import kpi_initial
from quarterly.register.models import KPI, Priority
from quarterly.register.services import kpi_version
from quarterly.reports.selectors import report_definition_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    ServiceFactory(directorate=resources, name="Parks")
    care = ServiceFactory(directorate=adults, name="Adult Social Care")
    health = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    Priority.objects.create(
        organisation=organisation, pillar=health, name="Age well", slug="age-well"
    )
    board = CommitteeFactory(organisation=organisation, name="Scrutiny Board (Adults)")
    kpi = KPIFactory(
        organisation=organisation, reference="AH-01", title="Reablement success", directorate=adults,
        service=care, scrutiny_board=board, pillars=[health],
    )  # fmt: skip
    return {"kpi": kpi, "adults": adults, "people": people, "organisation": organisation}


def _post_data(kpi: KPI, **changes: Any) -> dict[str, Any]:
    """What the edit page posts for `kpi` unchanged, with `changes`."""
    data = {key: value for key, value in kpi_initial(kpi, kpi_version(kpi)).items()}
    data.update(changes)
    return {
        key: ("" if value is None else value)
        for key, value in data.items()
        if value is not False  # an unticked checkbox is not posted
    }


# (workbook column, form field, bad value, other changes to both): each breaks one rule.
ONE_RULE_CASES = [
    ("Decimal places", "decimal_places", "9", {}),
    ("Decimal places", "decimal_places", "two", {}),
    ("Decimal places", "decimal_places", "2.5", {}),
    ("Rate per", "rate_per", "1000", {}),
    ("Rate per", "rate_per", "", {"Unit": ("unit", "Rate per N")}),
    ("Source URL", "source_url", "ftp://files.example/kpi.csv", {}),
    ("Source URL", "source_url", "not a web address", {}),
    ("Baseline", "baseline", "12,34", {}),
    ("Baseline", "baseline", "0.1234567", {}),
    ("Unit", "unit", "furlongs", {}),
    ("Directorate", "directorate", "Children's Services", {}),
    ("Service", "service", "Parks", {}),
    ("Pillars", "pillars", "Inclusive Growth", {}),
    ("Priorities", "priorities", "Live well", {}),
    ("Scrutiny Board", "scrutiny_board", "Scrutiny Board (Nowhere)", {}),
    ("Key contacts (emails)", "key_contacts", "nobody@elsewhere.example", {}),
    ("Title", "title", "T" * 301, {}),
    ("Comparator groups", "comparator_groups", "Nowhere Cities", {}),
    ("National indicator", "national_indicator", "N" * 101, {}),
]


@pytest.mark.parametrize(("column", "field", "value", "also"), ONE_RULE_CASES)
def test_a_web_edit_and_a_workbook_import_of_the_same_bad_value_give_the_same_message(
    client: Any, council: dict[str, Any], column: str, field: str, value: str, also: dict[str, Any]
) -> None:
    # given the same KPI, its workbook row and its edit page
    organisation, kpi = council["organisation"], council["kpi"]
    edits = [(SUPPORTING_SHEET, 2, column, value)]
    edits += [(SUPPORTING_SHEET, 2, header, text) for header, (_, text) in also.items()]
    workbook = _edit(register_export(organisation=organisation), edits)
    client.force_login(council["people"]["performance"])
    posted = _post_data(kpi, **{field: value}, **{key: text for key, text in also.values()})
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=workbook, by=None)
    page = client.post(reverse("register:kpi-edit", args=["AH-01"]), posted)
    # then both refuse it, in the same words
    imported = [p.message for p in rejected.value.problems if p.column == column]
    shown = page.context["form"].errors.get(field)
    assert page.status_code == 200
    assert imported and shown == imported, (imported, shown)
    assert shown[0] in page.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    kpi.refresh_from_db()
    assert not AuditEntry.objects.filter(kpi_id=kpi.pk, action="update").exists()


def test_the_performance_team_adds_a_kpi_which_starts_in_development(
    client: Any, council: dict[str, Any]
) -> None:
    # given
    client.force_login(council["people"]["performance"])
    data = {
        "reference": "AH-09", "title": "Delayed discharges", "definition": "Days delayed.",
        "directorate": "Adults and Health", "service": "Adult Social Care",
        "pillars": ["Health and Wellbeing"], "priorities": ["Age well"], "unit": "count",
        "decimal_places": "0", "polarity": "lower", "frequency": "monthly",
        "comparator": "previous", "measures": "council", "data_source": "NHS England",
        "assurance_type": "national_statistic", "key_contacts": "key_contact@council.example",
    }  # fmt: skip
    # when
    response = client.post(reverse("register:kpi-create"), data)
    # then
    kpi = KPI.objects.get(reference="AH-09")
    assert response.status_code == 302 and response["Location"] == kpi.get_absolute_url()
    assert kpi.status == KPI.Status.DEVELOPMENT
    assert [p.name for p in kpi.priorities.all()] == ["Age well"]
    assert [p.email for p in kpi.key_contacts.all()] == ["key_contact@council.example"]
    entry = AuditEntry.objects.get(kpi_id=kpi.pk)
    assert entry.action == "create" and entry.changes["priorities"] == [None, "Age well"]


def test_a_reference_already_used_is_refused_and_the_input_kept(
    client: Any, council: dict[str, Any]
) -> None:
    # given
    client.force_login(council["people"]["performance"])
    # when
    page = client.post(
        reverse("register:kpi-create"), {"reference": "ah-01", "title": "A second try"}
    )
    # then
    assert page.context["form"].errors["reference"] == [
        'Another KPI already has the reference "ah-01".'
    ]
    assert 'value="A second try"' in page.content.decode()
    assert KPI.objects.count() == 1


def test_an_edit_of_the_definition_is_audited_and_reported_and_a_stale_edit_is_refused(
    client: Any, council: dict[str, Any]
) -> None:
    # given two people open the edit page of the same KPI
    kpi = council["kpi"]
    client.force_login(council["people"]["performance"])
    opened = _post_data(kpi)
    before = kpi.updated_at
    # when the first changes the definition, and the second then saves from the same page
    first = client.post(
        reverse("register:kpi-edit", args=["AH-01"]),
        {**opened, "definition": "People at home 91 days after leaving hospital."},
    )
    second = client.post(
        reverse("register:kpi-edit", args=["AH-01"]), {**opened, "title": "Someone else's title"}
    )
    # then the first is saved and audited, the second refused with its input kept
    kpi.refresh_from_db()
    assert first.status_code == 302
    assert kpi.definition == "People at home 91 days after leaving hospital."
    assert kpi.title == "Reablement success"
    changes = report_definition_changes(kpi_ids=[kpi.pk], since=before)
    assert [text for _, _, text in changes] == ["People at home 91 days after leaving hospital."]
    shown = second.content.decode()
    assert "This KPI has changed since you opened this page" in shown
    assert 'value="Someone else&#x27;s title"' in shown


def test_an_unchanged_save_writes_nothing(client: Any, council: dict[str, Any]) -> None:
    # given
    kpi = council["kpi"]
    client.force_login(council["people"]["performance"])
    # when
    response = client.post(reverse("register:kpi-edit", args=["AH-01"]), _post_data(kpi))
    # then
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(kpi_id=kpi.pk, action="update").exists()
