"""Each KPI names its comparator groups and the national indicator that feeds it: on the KPI form,
in the register workbook (both ways) and on the KPI's page."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.exchange.formats.register_columns import SUPPORTING_SHEET
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.exchange.tests.conftest import _edit
from quarterly.factories import KPIFactory
from quarterly.places.services import places_load_builtins
from quarterly.register.kpi_form import kpi_initial
from quarterly.register.services import kpi_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi(organisation: Any, people: dict[str, Any]) -> Any:
    places_load_builtins(today=dt.date(2026, 1, 15))
    return KPIFactory(organisation=organisation, reference="AH-26")


def _posted(kpi: Any, **changes: Any) -> dict[str, Any]:
    data = {**kpi_initial(kpi, kpi_version(kpi)), **changes}
    return {k: ("" if v is None else v) for k, v in data.items() if v is not False}


def test_the_form_offers_the_councils_groups_and_saves_the_chosen_ones(
    performance_client: Any, kpi: Any
) -> None:
    # given
    url = reverse("register:kpi-edit", args=["AH-26"])
    offered = performance_client.get(url).content.decode()
    chosen = ["Core Cities", "Oflog nearest neighbours of Leeds"]
    # when
    response = performance_client.post(
        url, _posted(kpi, comparator_groups=chosen, national_indicator="fingertips:93014")
    )
    # then
    assert response.status_code == 302
    assert "Yorkshire and The Humber" in offered and "nearest neighbours of Bradford" not in offered
    kpi.refresh_from_db()
    assert sorted(g.name for g in kpi.comparator_groups.all()) == chosen
    assert kpi.national_indicator == "fingertips:93014"
    entry = AuditEntry.objects.get(kpi_id=kpi.pk, action="update")
    assert entry.changes["comparator_groups"] == [None, ", ".join(chosen)]
    page = performance_client.get(kpi.get_absolute_url()).content.decode()
    assert "Oflog nearest neighbours of Leeds" in page and "fingertips:93014" in page


def test_the_workbook_exports_and_imports_the_groups_and_indicator(
    organisation: Any, kpi: Any
) -> None:
    # given a workbook naming two groups, one in another case
    content = _edit(
        register_export(organisation=organisation),
        [(SUPPORTING_SHEET, 2, "Comparator groups", "england; core cities"),
         (SUPPORTING_SHEET, 2, "National indicator", "fingertips:93014")],
    )  # fmt: skip
    # when
    register_import(organisation=organisation, source=content, by=None)
    exported = openpyxl.load_workbook(io.BytesIO(register_export(organisation=organisation)))[
        SUPPORTING_SHEET
    ]
    # then
    kpi.refresh_from_db()
    assert sorted(g.name for g in kpi.comparator_groups.all()) == ["Core Cities", "England"]
    headers = [cell.value for cell in exported[1]]
    row = [cell.value for cell in exported[2]]
    assert row[headers.index("Comparator groups")] in {
        "England; Core Cities",
        "Core Cities; England",
    }
    assert row[headers.index("National indicator")] == "fingertips:93014"


def test_the_form_saves_the_breakdown_compared_and_the_standardised_rate_flag(
    performance_client: Any, kpi: Any
) -> None:
    # given
    url = reverse("register:kpi-edit", args=["AH-26"])
    form = performance_client.get(url).content.decode()
    # when
    response = performance_client.post(
        url, _posted(kpi, national_sex="Male", national_age="All ages", standardised_rate="on")
    )
    # then
    assert "Sex compared (optional)" in form and "Directly standardised rate" in form
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.national_sex, kpi.national_age, kpi.standardised_rate) == ("Male", "All ages", True)
    entry = AuditEntry.objects.get(kpi_id=kpi.pk, action="update")
    assert entry.changes["national_sex"] == [None, "Male"]
    page = performance_client.get(kpi.get_absolute_url()).content.decode()
    assert "(compared for Male, All ages)" in page and "a directly standardised rate" in page
    # and clearing them keeps today's rule
    performance_client.post(url, _posted(kpi, national_sex="", national_age=""))
    kpi.refresh_from_db()
    assert (kpi.national_sex, kpi.national_age) == ("", "")


def test_the_workbook_round_trips_the_breakdown_and_flag_and_an_older_one_keeps_them(
    organisation: Any, kpi: Any
) -> None:
    # given a workbook setting AH-26 to males and a standardised rate
    content = _edit(
        register_export(organisation=organisation),
        [(SUPPORTING_SHEET, 2, "National sex compared", "Male"),
         (SUPPORTING_SHEET, 2, "National age band compared", "65+ yrs"),
         (SUPPORTING_SHEET, 2, "Directly standardised rate", "Yes")],
    )  # fmt: skip
    # when it is imported, exported, and an export without those columns imported again
    register_import(organisation=organisation, source=content, by=None)
    exported = register_export(organisation=organisation)
    book = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = book[SUPPORTING_SHEET]
    headers = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[2]]
    for header in ("National sex compared", "National age band compared",
                   "Directly standardised rate"):  # fmt: skip
        sheet.delete_cols([c.value for c in sheet[1]].index(header) + 1)
    older = io.BytesIO()
    book.save(older)
    register_import(organisation=organisation, source=older.getvalue(), by=None)
    # then
    assert row[headers.index("National sex compared")] == "Male"
    assert row[headers.index("National age band compared")] == "65+ yrs"
    assert row[headers.index("Directly standardised rate")] == "Yes"
    kpi.refresh_from_db()
    assert (kpi.national_sex, kpi.national_age, kpi.standardised_rate) == ("Male", "65+ yrs", True)
