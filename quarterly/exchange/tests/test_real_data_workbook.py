"""The register workbook carries results as they come (a gap with its reason, counts rounded
for disclosure control) and round-trips them; a KPI's "Counts rounded to" is one of its
columns. Row 2 of the data record is AH-01 2024/25 Q1 (61.2%, 612 of 1,000)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from quarterly.collection.results.models import Result
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.exchange.formats.register_columns import DATA_SHEET, SUPPORTING_SHEET
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.exchange.reading import WorkbookRejected
from quarterly.exchange.tests.conftest import _edit, _sheets
from quarterly.factories import ResultFactory
from quarterly.register.models import KPI
from quarterly.register.services import kpi_save

pytestmark = pytest.mark.django_db
Q4 = Period.quarter(2024, 4)
REASON = 'Suppressed to protect confidentiality (marked "c")'


def _problems(organisation: Any, content: bytes) -> dict[tuple[str, int | None, str | None], str]:
    with pytest.raises(WorkbookRejected) as rejected:
        register_import(organisation=organisation, source=content, by=None)
    return {(p.sheet, p.row, p.column): p.message for p in rejected.value.problems}


def _row(content: bytes, sheet: str, number: int) -> dict[str, Any]:
    rows = _sheets(content)[sheet]
    return dict(zip(rows[0], rows[number - 1], strict=True))


def test_a_period_with_no_value_round_trips_with_its_reason(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given a suppressed quarter
    ResultFactory(
        kpi=register["percentage"], period=Q4, value=None, missing_reason=REASON,
        numerator=None, denominator=Decimal(980),
    )  # fmt: skip
    # when the register is exported and imported again
    content = register_export(organisation=organisation)
    audit = AuditEntry.objects.count()
    summary = register_import(organisation=organisation, source=content, by=None)
    # then the row is written with an empty value and its reason, and nothing changes
    row = _row(content, DATA_SHEET, 5)
    assert (row["Period"], row["Value"], row["Denominator"]) == ("2024/25 Q4", None, 980)
    assert row["Reason a figure is missing"] == REASON
    assert (summary.results_created, summary.results_updated) == (0, 0)
    assert AuditEntry.objects.count() == audit
    gap = Result.objects.get(kpi=register["percentage"], period_start=Q4.start)
    assert (gap.value, gap.missing_reason) == (None, REASON)


def test_a_suppression_mark_in_the_workbook_is_stored_as_no_value(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given a quarter whose value and numerator the source withheld
    content = _edit(
        register_export(organisation=organisation), [],
        append={DATA_SHEET: [["AH-01", "2024/25 Q4", "[c]", "[c]", 980, None, None, "Published",
                              None, None, None]]},
    )  # fmt: skip
    # when
    summary = register_import(organisation=organisation, source=content, by=None)
    # then
    gap = Result.objects.get(kpi=register["percentage"], period_start=Q4.start)
    assert summary.results_created == 1
    assert (gap.value, gap.numerator, gap.denominator) == (None, None, 980)
    assert gap.missing_reason == (
        'Suppressed to protect confidentiality (marked "[c]"); '
        'Numerator suppressed to protect confidentiality (marked "[c]")'
    )


def test_a_value_disagreeing_with_its_counts_is_refused_unless_rounding_explains_it(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given 61.4% beside 612 of 1,000, and 45.2% beside them (without confidence limits)
    exported = _edit(
        register_export(organisation=organisation),
        [(DATA_SHEET, 2, "Lower confidence limit", None),
         (DATA_SHEET, 2, "Upper confidence limit", None)],
    )  # fmt: skip
    close = _edit(exported, [(DATA_SHEET, 2, "Value", 61.4)])
    far = _edit(exported, [(DATA_SHEET, 2, "Value", 45.2)])
    rounded = _edit(close, [(SUPPORTING_SHEET, 2, "Counts rounded to", 5)])
    # when / then without rounding both are refused, with both figures
    assert _problems(organisation, close) == {
        (DATA_SHEET, 2, "Value"): "Value 61.4 but numerator/denominator give 61.2 (612 ÷ 1000 × "
        "100). Correct the value or the counts. If the source rounds its counts, give the "
        "rounding (counts rounded to)."
    }
    assert (
        "Value 45.2 but numerator/denominator give 61.2"
        in _problems(organisation, far)[(DATA_SHEET, 2, "Value")]
    )
    # and counts rounded to 5, declared in the same workbook, explain 61.4 but not 45.2
    register_import(organisation=organisation, source=rounded, by=None)
    result = Result.objects.get(
        kpi=register["percentage"], period_start=Period.quarter(2024, 1).start
    )
    assert result.value == Decimal("61.4")
    assert KPI.objects.get(reference="AH-01").counts_rounded_to == 5
    assert (
        "between 60.8 and 61.6 with counts rounded to the nearest 5"
        in _problems(organisation, _edit(rounded, [(DATA_SHEET, 2, "Value", 45.2)]))[
            (DATA_SHEET, 2, "Value")
        ]
    )


def test_a_proportion_in_the_data_record_is_refused_by_the_kpis_history(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given AH-01's quarters are in the sixties, and a new quarter reads 0.6
    content = _edit(
        register_export(organisation=organisation), [],
        append={DATA_SHEET: [["AH-01", "2024/25 Q4", 0.6, None, None, None, None, "Published",
                              None, None, None]]},
    )  # fmt: skip
    # when
    problems = _problems(organisation, content)
    # then
    assert problems[(DATA_SHEET, 7, "Value")].startswith(
        "Value 0.6 looks like a proportion (0 to 1), not a percentage: this KPI's other results "
        "have a median of 61.2."
    )
    assert not Result.objects.filter(period_start=Q4.start).exists()


def test_counts_rounded_to_round_trips_and_an_older_workbook_keeps_it(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given AH-01's counts are rounded to 5
    kpi_save(kpi=register["percentage"], fields={"counts_rounded_to": 5}, by=None)
    exported = register_export(organisation=organisation)
    workbook = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = workbook[SUPPORTING_SHEET]
    sheet.delete_cols([c.value for c in sheet[1]].index("Counts rounded to") + 1)
    older = io.BytesIO()
    workbook.save(older)
    # when the workbook, then one without the column, then one with the cell emptied
    first = register_import(organisation=organisation, source=exported, by=None)
    register_import(organisation=organisation, source=older.getvalue(), by=None)
    kept = KPI.objects.get(reference="AH-01").counts_rounded_to
    emptied = _edit(exported, [(SUPPORTING_SHEET, 2, "Counts rounded to", None)])
    register_import(organisation=organisation, source=emptied, by=None)
    # then
    assert _row(exported, SUPPORTING_SHEET, 2)["Counts rounded to"] == 5
    assert first.results_updated == 0
    assert kept == 5
    assert KPI.objects.get(reference="AH-01").counts_rounded_to is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Counts are rounded to 1 or more; leave it empty if they are not."),
        (2_000_000, "Counts are rounded to at most 1,000,000."),
        ("five", '"five" is not a number.'),
    ],
)
def test_a_bad_rounding_is_refused_on_its_cell(
    organisation: Any, register: dict[str, Any], value: Any, message: str
) -> None:
    # given
    content = _edit(
        register_export(organisation=organisation),
        [(SUPPORTING_SHEET, 2, "Counts rounded to", value)],
    )
    # when / then
    assert message in _problems(organisation, content)[(SUPPORTING_SHEET, 2, "Counts rounded to")]
    assert KPI.objects.get(reference="AH-01").counts_rounded_to is None


def test_a_kpi_marked_standardised_in_the_workbook_takes_its_published_rate(
    organisation: Any, register: dict[str, Any]
) -> None:
    # given 45.2 beside 612 of 1,000, in a workbook that marks AH-01 a standardised rate
    exported = _edit(
        register_export(organisation=organisation),
        [(DATA_SHEET, 2, "Lower confidence limit", None),
         (DATA_SHEET, 2, "Upper confidence limit", None), (DATA_SHEET, 2, "Value", 45.2)],
    )  # fmt: skip
    standardised = _edit(exported, [(SUPPORTING_SHEET, 2, "Directly standardised rate", "Yes")])
    # when / then unmarked it is refused; marked it is stored with its counts
    assert (
        "Value 45.2 but numerator/denominator give 61.2"
        in (_problems(organisation, exported)[(DATA_SHEET, 2, "Value")])
    )
    register_import(organisation=organisation, source=standardised, by=None)
    result = Result.objects.get(
        kpi=register["percentage"], period_start=Period.quarter(2024, 1).start
    )
    assert (result.value, result.numerator, result.denominator) == (Decimal("45.2"), 612, 1000)
    assert KPI.objects.get(reference="AH-01").standardised_rate is True
