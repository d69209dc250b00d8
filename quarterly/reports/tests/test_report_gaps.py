"""A quarter with no value (suppressed at source) on the CLT Scorecard, its Excel download and
in committee reports: shown as "No value" with its reason, not rated, never 0.

The council is `scorecard_council`'s / `test_reports_council`'s; AH-01's 2024/25 Q2 (71.2%) is
made a gap here."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from quarterly.collection.results.judgement import judge
from quarterly.collection.results.services import result_save
from quarterly.factories import ResultFactory
from quarterly.reports.compiler import report_compile
from quarterly.reports.scorecard import ScorecardFilters
from quarterly.reports.scorecard_excel import scorecard_workbook
from quarterly.reports.selectors import scorecard_build
from quarterly.reports.services import report_publish
from quarterly.reports.tests.test_reports_council import Q2, build_council

pytestmark = pytest.mark.django_db
REASON = 'Suppressed to protect confidentiality (marked "c")'
NO_VALUE = {"value": None, "numerator": None, "denominator": None, "missing_reason": REASON}


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


def _gap(council: dict[str, Any], by: Any) -> None:
    result_save(kpi=council["kpis"][0], period=Q2, fields=NO_VALUE, by=by)


def test_the_scorecard_shows_the_gap_with_its_reason(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given
    _gap(council, people["performance"])
    # when
    card = scorecard_build(
        user=people["clt"], organisation=organisation, period=Q2, filters=ScorecardFilters()
    )
    row = next(r for r in card.rows if r.reference == "AH-01")
    sheet = openpyxl.load_workbook(
        io.BytesIO(scorecard_workbook(card, generated=Q2.end, filters_text="")), read_only=True
    ).active
    # then
    assert row.latest is not None
    assert (row.latest.period, row.latest.value, row.latest.text) == (
        "2024/25 Q2", None, f"No value: {REASON}",
    )  # fmt: skip
    assert (row.rag.status, row.rag.sentence) == (
        "not_rated", f"Not rated: there is no value for 2024/25 Q2 ({REASON}).",
    )  # fmt: skip
    assert row.travel.status == "not_comparable"
    assert (row.variation.status, row.variation.label) == ("no_value", "No value")
    assert row.spc_signal == "" and row.note == ""
    assert row.sparkline is not None and row.sparkline.last == "2024/25 Q1"
    assert row.sparkline.values[-1] == 70.2
    cells = [c for r in sheet.iter_rows(values_only=True) for c in r]
    assert f"No value: {REASON}" in cells


def test_a_report_shows_the_gap_and_notes_the_restatement(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given the Q2 report was published with 71.2%, then the quarter was suppressed
    published = report_publish(
        organisation=organisation, kind="clt", period=Q2, board=None, directorate=None,
        by=people["performance"],
    )  # fmt: skip
    _gap(council, people["performance"])
    # when
    report = report_compile(kind="clt", period=Q2, organisation=organisation, narrative={})
    # then its KPI table says there is no value and why
    table = next(t for t in report.tables() if t.key == "kpis")
    row = dict(zip(table.columns, next(r for r in table.rows if r[0] == "AH-01"), strict=True))
    assert row["Result"] == f"No value: {REASON}"
    assert row["RAG rating"] == "Not rated"
    # and the restatement is noted, and the report remembers the gap as no value
    text = " ".join(str(getattr(block, "items", "")) for s in report.sections for block in s.blocks)
    assert f"2024/25 Q2 restated: 71.2% → No value: {REASON}" in text
    assert published.values["AH-01|2024/25 Q2"] == 71.2
    assert report.values["AH-01|2024/25 Q2"] is None


def test_the_scorecard_and_the_kpi_page_agree_on_spc_around_a_gap_in_the_middle(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given AH-01's twenty quarters to 2024/25 Q2, one in the middle with no value
    kpi = council["kpis"][0]
    # (its neighbours far apart: a moving range bridging the gap would widen the limits)
    earlier = ["64", "65", "63", "66", "62", "65", "66", "64", "65", "63", "64", "66", "65", "64"]
    for offset, value in enumerate(earlier, start=6):
        ResultFactory(kpi=kpi, period=Q2.shift(-offset), value=value)
    gap = Q2.shift(-11)
    result_save(kpi=kpi, period=gap, fields=NO_VALUE, by=people["performance"])
    # when
    card = scorecard_build(
        user=people["clt"], organisation=organisation, period=Q2, filters=ScorecardFilters()
    )
    row = next(r for r in card.rows if r.reference == "AH-01")
    judgement = judge(kpi, list(kpi.results.order_by("period_start")))
    # then the KPI page's SPC keeps the gap in its place, and the scorecard judges alike
    assert judgement is not None and judgement.spc is not None
    assert len(judgement.spc_periods) == 20 and gap in judgement.spc_periods
    assert row.variation.status == judgement.spc.variation
    assert row.assurance.status == judgement.spc.assurance
    upper = f"upper process limit of {judgement.spc.upper_limit[-1]:.1f}%"
    assert upper in row.variation.sentence
