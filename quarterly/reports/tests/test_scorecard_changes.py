"""The scorecard's "Changed since last quarter": each row against the previous quarter's row.

Besides the council of scorecard_council (where nothing changes from 2024/25 Q1 to Q2: see its
docstring), two KPIs change:

- TURNED-RED: 64% in Q1 (amber: 1 point below the 65% target, within the 2-point tolerance),
  61% in Q2 (red); two points, too few for SPC.
- SPC-JUMP: 60, 61, 60, ... for 15 quarters to Q1 (common cause), then 70% in Q2 against a 50%
  target, green throughout. Mean 61.1, the one 9-point moving range is screened out, so the
  limits are 61.1 ± 2.66 and 70% is above the upper one: special cause improvement.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from quarterly.factories import KPIFactory, ResultFactory, TargetFactory
from quarterly.reports.scorecard import ScorecardFilters
from quarterly.reports.scorecard_excel import HEADER_ROW, SHEET
from quarterly.reports.selectors import scorecard_build
from quarterly.reports.tests.scorecard_council import Q2, build_council, quarters, scorecard_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    built = build_council(organisation)

    def kpi(reference: str, values: list[int], target: int) -> None:
        made = KPIFactory(
            organisation=organisation, reference=reference, directorate=built["adults"],
            scrutiny_board=built["board"], pillars=[built["health"]],
        )  # fmt: skip
        TargetFactory(kpi=made, financial_year=2024, value=Decimal(target), tolerance=Decimal(2))
        quarters(made, [Decimal(v) for v in values])

    kpi("TURNED-RED", [64, 61], 65)
    kpi("SPC-JUMP", [60 + i % 2 for i in range(15)] + [70], 50)
    return built


def test_each_row_knows_its_judgement_in_the_previous_quarters_scorecard(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    now = scorecard_rows(people["clt"], organisation)
    before = {
        row.reference: row
        for row in scorecard_build(
            user=people["clt"], organisation=organisation, period=Q2.previous(),
            filters=ScorecardFilters(),
        ).rows
    }  # fmt: skip
    # then every row carries exactly what the 2024/25 Q1 scorecard shows for its KPI
    assert set(now) == set(before)
    for reference, row in now.items():
        assert row.earlier is not None and row.earlier.period == "2024/25 Q1"
        assert (row.earlier.rag, row.earlier.spc_signal) == (
            before[reference].rag.status,
            before[reference].spc_signal,
        ), reference
    # and the two that changed say how
    red, jump = now["TURNED-RED"], now["SPC-JUMP"]
    assert red.earlier is not None and jump.earlier is not None
    assert (red.earlier.rag_label, red.rag.label) == ("Amber", "Red")
    assert (red.rag_changed, red.spc_changed) == (True, False)
    assert (jump.earlier.spc_signal, jump.spc_signal) == ("common_cause", "improvement")
    assert (jump.rag_changed, jump.spc_changed) == (False, True)


def test_a_first_or_a_missing_result_is_not_a_change(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given a KPI whose first result is for 2024/25 Q2
    first = KPIFactory(organisation=organisation, reference="FIRST")
    TargetFactory(kpi=first, financial_year=2024, value=Decimal(50), tolerance=Decimal(2))
    ResultFactory(kpi=first, period=Q2, value=Decimal(40))
    # when
    rows = scorecard_rows(people["clt"], organisation)
    # then it was not in Q1's scorecard with a result, and NO-RESULT has none in Q2
    assert rows["FIRST"].earlier is not None and rows["FIRST"].earlier.rag == "no_result"
    no_result = rows["NO-RESULT"]
    assert no_result.earlier is not None and no_result.earlier.rag == "not_rated"  # no target
    for reference in ("FIRST", "NO-RESULT"):
        assert not rows[reference].rag_changed and not rows[reference].spc_changed


@pytest.mark.parametrize(
    ("changed", "expected"),
    [("rag", {"TURNED-RED"}), ("spc", {"SPC-JUMP"}), ("any", {"TURNED-RED", "SPC-JUMP"})],
)
def test_the_changed_filter(
    organisation: Any,
    people: dict[str, Any],
    council: dict[str, Any],
    changed: str,
    expected: set[str],
) -> None:
    # given / when
    rows = scorecard_rows(people["clt"], organisation, changed=changed)
    # then
    assert set(rows) == expected


def test_a_member_compares_with_what_they_could_see_last_quarter(
    organisation: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given RED-COMMON's Q1 result is not published, so a member's Q1 scorecard lacks it
    result = council["kpis"]["RED-COMMON"].results.get(period_start=Q2.previous().start)
    result.status = "signed_off"
    result.save()
    # when
    member = scorecard_rows(council["member"], organisation)
    officer = scorecard_rows(people["clt"], organisation)
    # then the member's row has no earlier result to compare with; the officer's has
    assert member["RED-COMMON"].earlier is not None
    assert member["RED-COMMON"].earlier.rag == "no_result"
    assert officer["RED-COMMON"].earlier is not None
    assert officer["RED-COMMON"].earlier.rag == "red"


def test_the_page_marks_what_changed_and_the_excel_says_so(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given / when
    query = {"period": "2024-25-q2", "changed": "any"}
    html = performance_client.get(reverse("scorecard:index"), query).content.decode()
    excel = performance_client.get(reverse("scorecard:excel"), query)
    # then
    assert (
        'Was Amber<span class="govuk-visually-hidden"> in 2024/25 Q1</span>' in html
        and 'Was common cause<span class="govuk-visually-hidden"> in 2024/25 Q1' in html
    )
    assert '<option value="any" selected>RAG rating or SPC signal changed</option>' in html
    assert excel.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(excel.content))[SHEET]
    assert sheet["B5"].value == "Changed since last quarter: RAG rating or SPC signal changed"
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(values_only=True)}
    assert rows["TURNED-RED"]["RAG last quarter"] == "Amber"
    assert rows["TURNED-RED"]["Changed since last quarter"] == "RAG rating"
    assert rows["SPC-JUMP"]["SPC signal last quarter"] == "Common cause variation"
    assert rows["SPC-JUMP"]["Changed since last quarter"] == "SPC signal"
    # and a choice that is not offered is named in the error summary
    bad = performance_client.get(reverse("scorecard:index"), {"changed": "rag-and-spc"})
    assert "Choose what changed since last quarter from the list." in bad.content.decode()
