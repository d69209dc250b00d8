"""Exporting the KPI Register and importing it back keeps every character and writes only changes."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from quarterly.collection.models import Result
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.demo.loader import demo_load
from quarterly.exchange.formats.register_columns import DATA_SHEET, SUPPORTING_SHEET, TARGETS_SHEET
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.factories import (
    KPIFactory,
    PersonFactory,
    PillarFactory,
    ResultFactory,
    TargetFactory,
)
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI, Target
from quarterly.register.services import kpi_save

pytestmark = pytest.mark.django_db


def _stored(organisation: Organisation) -> dict[str, Any]:
    """Everything an import could touch, with the fields that show a write."""
    return {
        "kpis": {
            k.pk: (k.updated_at, k.title, k.definition, k.known_weaknesses)
            for k in KPI.objects.filter(organisation=organisation)
        },
        "targets": {
            t.pk: (t.updated_at, t.value, t.tolerance, t.direction)
            for t in Target.objects.filter(kpi__organisation=organisation)
        },
        "results": {
            r.pk: (r.updated_at, r.version, r.value, r.commentary, r.data_quality_note)
            for r in Result.objects.filter(kpi__organisation=organisation)
        },
        "audit": AuditEntry.objects.count(),
    }


def _awkward_kpi(organisation: Organisation) -> KPI:
    """A KPI whose text a spreadsheet would mangle or run, with a negative result."""
    contact = PersonFactory(organisation=organisation, email="contact@council.example")
    kpi = KPIFactory(
        organisation=organisation, reference="ZZ-01", title="=1+1 people helped", unit="score",
        definition="'Quoted' from the national definition", data_source="@Service records",
        known_weaknesses="-5% undercount in winter", baseline=Decimal("-2.5"),
    )  # fmt: skip
    kpi.key_contacts.set([contact])
    TargetFactory(kpi=kpi, financial_year=2024, value=Decimal("-1"), tolerance=Decimal("0.5"))
    ResultFactory(
        kpi=kpi, period=Period.quarter(2024, 1), value=Decimal("-3.25"),
        commentary="'-5% on last year", data_quality_note="+2 late returns included",
    )  # fmt: skip
    ResultFactory(kpi=kpi, period=Period.quarter(2024, 2), value=Decimal("4"), commentary="''")
    return kpi


def test_an_unchanged_export_imported_back_writes_nothing() -> None:
    # given the demo council and a KPI with awkward text and negative numbers
    demo_load(progress=False)
    organisation = Organisation.objects.get(slug="leeds")
    _awkward_kpi(organisation)
    workbook = register_export(organisation=organisation)
    before = _stored(organisation)
    # when the workbook is imported over the data it came from
    summary = register_import(organisation=organisation, source=workbook, by=None)
    # then no KPI, target or result is written, versioned or audited
    after = _stored(organisation)
    assert len(before["kpis"]) > 90 and len(before["targets"]) > 205
    assert after == before
    assert (summary.results_created, summary.results_updated) == (0, 0)
    commentary = Result.objects.get(kpi__reference="ZZ-01", value=Decimal("-3.25")).commentary
    assert commentary == "'-5% on last year"


def _edit(content: bytes, sheet_name: str, reference: str, header: str, value: Any) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book[sheet_name]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == reference)
    row[headers.index(header)].value = value
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_an_import_writes_and_audits_only_the_rows_that_changed(organisation: Any) -> None:
    # given two KPIs, each with a target and a result, exported
    changed = _awkward_kpi(organisation)
    same = KPIFactory(organisation=organisation, reference="AA-01")
    TargetFactory(kpi=same, financial_year=2024)
    ResultFactory(kpi=same, period=Period.quarter(2024, 1), commentary="Steady.")
    content = register_export(organisation=organisation)
    # and one KPI's title, target and latest result then changed in the workbook
    content = _edit(content, SUPPORTING_SHEET, "ZZ-01", "Title", "'=2+2 people helped")
    content = _edit(content, SUPPORTING_SHEET, "ZZ-01", "Key contacts (emails)", None)
    content = _edit(content, TARGETS_SHEET, "ZZ-01", "Target value", -2)
    content = _edit(content, DATA_SHEET, "ZZ-01", "Commentary", "''-6% on last year")
    before = _stored(organisation)
    # when
    register_import(organisation=organisation, source=content, by=None)
    # then the other KPI's rows are untouched
    after = _stored(organisation)
    target, result = (
        changed.targets.get(),
        changed.results.get(period_start=Period.quarter(2024, 1).start),
    )
    assert after["kpis"][same.pk] == before["kpis"][same.pk]
    assert after["targets"][same.targets.get().pk] == before["targets"][same.targets.get().pk]
    assert after["results"][same.results.get().pk] == before["results"][same.results.get().pk]
    # and each changed row is written once, with its new value, and audited
    assert after["kpis"][changed.pk][1] == "=2+2 people helped"
    assert after["kpis"][changed.pk][0] > before["kpis"][changed.pk][0]
    assert after["targets"][target.pk][1] == Decimal("-2")
    assert after["targets"][target.pk][0] > before["targets"][target.pk][0]
    assert after["results"][result.pk][1:4] == (2, Decimal("-3.25"), "'-6% on last year")
    assert after["results"][result.pk][0] > before["results"][result.pk][0]
    audited = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE)
    assert sorted(audited.values_list("target_id", "target_type__model")) == sorted(
        [(changed.pk, "kpi"), (target.pk, "target"), (result.pk, "result")]
    )
    assert after["audit"] == before["audit"] + 3
    assert set(audited.get(target_type__model="kpi").changes) == {"title", "key_contacts"}
    assert not changed.key_contacts.exists()


def test_a_kpi_is_written_when_only_its_pillars_change(organisation: Any) -> None:
    # given
    kpi = KPIFactory(organisation=organisation)
    pillars = list(kpi.pillars.all())
    stamp = KPI.objects.get(pk=kpi.pk).updated_at
    # when the same pillars are given again
    kpi_save(kpi=KPI.objects.get(pk=kpi.pk), fields={}, pillars=pillars, by=None)
    # then nothing is written
    assert KPI.objects.get(pk=kpi.pk).updated_at == stamp
    assert not AuditEntry.objects.exists()
    # when another pillar is added
    extra = PillarFactory(organisation=organisation, name="Zero Carbon")
    kpi_save(kpi=KPI.objects.get(pk=kpi.pk), fields={}, pillars=[*pillars, extra], by=None)
    # then the KPI is written and the change recorded
    assert KPI.objects.get(pk=kpi.pk).updated_at > stamp
    assert AuditEntry.objects.get().changes == {
        "pillars": ["Health and Wellbeing", "Health and Wellbeing, Zero Carbon"]
    }
