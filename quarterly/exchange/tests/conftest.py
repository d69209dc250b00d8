"""The small register the workbook tests share, and helpers to read and edit a workbook."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from quarterly.core.periods import Period
from quarterly.factories import (
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    PillarFactory,
    ResultFactory,
    ServiceFactory,
    TargetFactory,
)
from quarterly.register.models import Target


def _sheets(content: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}


@pytest.fixture
def register(organisation: Any) -> dict[str, Any]:
    """A small register exercising every kind of field and awkward text."""
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    pillar = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    zero = PillarFactory(organisation=organisation, name="Zero Carbon")
    officer = PersonFactory(organisation=organisation, email="officer@council.example")
    contact = PersonFactory(organisation=organisation, email="contact@council.example")
    percentage = KPIFactory(
        organisation=organisation, reference="AH-01", directorate=adults,
        service=ServiceFactory(directorate=adults, name="Adult Social Care"),
        accountable_officer=officer, pillars=[pillar, zero], baseline=Decimal("60.5"),
        baseline_period="2019/20", known_weaknesses="=HYPERLINK(\"http://evil\") is plain text here",
    )  # fmt: skip
    percentage.key_contacts.set([contact])
    budget = KPIFactory(
        organisation=organisation, reference="RES-02", directorate=resources, service=None,
        unit="currency", decimal_places=0, polarity="lower", frequency="annual",
        comparator="same_last_year", scrutiny_board=None, pillars=[],
    )  # fmt: skip
    tracker = KPIFactory(
        organisation=organisation, reference="RES-03", directorate=resources, service=None,
        unit="rate", rate_per=1000, polarity="none", frequency="monthly", decimal_places=2,
    )  # fmt: skip
    TargetFactory(kpi=percentage, financial_year=2024, value=Decimal("65"), tolerance=Decimal("2"))
    TargetFactory(
        kpi=budget, financial_year=2024, kind=Target.Kind.DIRECTION, value=None, tolerance=None,
        direction="decrease",
    )  # fmt: skip
    for index, (value, numerator) in enumerate(
        [("61.2", "612"), ("63.456789", "634.56789"), ("59", "590")]
    ):
        ResultFactory(
            kpi=percentage, period=Period.quarter(2024, 1).shift(index), value=Decimal(value),
            numerator=Decimal(numerator), denominator=Decimal(1000),
            lower_ci=Decimal(value) - 2, upper_ci=Decimal(value) + 2,
            commentary="-5 since last quarter; +2 expected" if index == 0 else "",
        )  # fmt: skip
    ResultFactory(kpi=budget, period=Period.financial_year(2023), value=Decimal("-1250000"))
    ResultFactory(kpi=tracker, period=Period.month(2024, 6), value=Decimal("12.75"), status="draft")
    return {"percentage": percentage, "budget": budget, "tracker": tracker}


def _edit(
    content: bytes,
    edits: list[tuple[str, int, str, Any]],
    append: dict[str, list[list[Any]]] | None = None,
) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet_name, row, header, value in edits:
        sheet = workbook[sheet_name]
        headers = [cell.value for cell in sheet[1]]
        sheet.cell(row=row, column=headers.index(header) + 1).value = value
    for sheet_name, rows in (append or {}).items():
        for row in rows:
            workbook[sheet_name].append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
