"""The CLT Scorecard page and its Excel download, read back and checked against the data."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from quarterly.collection.models import Result
from quarterly.core.charts import ChartPoint, sparkline_svg
from quarterly.core.periods import Period
from quarterly.factories import ResultFactory
from quarterly.reports.scorecard_excel import COLUMNS, HEADER_ROW, HIGHLIGHTS_SHEET, SHEET
from quarterly.reports.tests.scorecard_council import build_council

pytestmark = pytest.mark.django_db
URL = "/scorecard/?period=2024-25-q2"


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


def test_the_page_shows_a_table_per_directorate_and_the_highlight_items(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given / when
    response = performance_client.get(URL)
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">CLT Scorecard: 2024/25 Q2</h1>' in html
    captions = re.findall(r'<caption class="govuk-table__caption[^"]*">([^<]*)</caption>', html)
    assert captions == [
        "Adults and Health: 4 KPIs, results for 2024/25 Q2",
        "Resources: 3 KPIs, results for 2024/25 Q2",
    ]
    assert '<strong class="govuk-tag app-tag--red">Red</strong>' in html
    assert "Red against target but within normal variation" in html
    assert 'id="highlight-red-common"' in html and "Recruitment campaign under way." in html
    assert '<option value="2024-25-q2" selected>2024/25 Q2</option>' in html
    assert "excel/?period=2024-25-q2" in html


def test_the_sparkline_is_an_image_named_by_its_first_and_last_results(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given / when
    html = performance_client.get(URL).content.decode()
    # then
    assert (
        'role="img" aria-label="RED-COMMON recent results: 12 results from 2021/22 Q3 (60.0%) '
        'to 2024/25 Q2 (61.0%)"'
    ) in html


def test_sparkline_svg_escapes_its_label_and_draws_a_flat_series() -> None:
    # given / when
    svg = sparkline_svg(
        [ChartPoint("<Q1>", -1200.0), ChartPoint("Q2", -1200.0)],
        title='A "quoted" KPI',
        unit_prefix="£",
        decimals=0,
    )
    # then
    assert 'aria-label="A &quot;quoted&quot; KPI: 2 results from &lt;Q1&gt; (-£1,200)' in svg
    assert 'd="M4.0,16.0 L116.0,16.0"' in svg
    assert sparkline_svg([], title="x") == ""


def test_the_default_quarter_is_the_latest_with_results(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given / when
    response = performance_client.get(reverse("scorecard:index"))
    # then
    assert response.context["scorecard"].period == Period.quarter(2024, 4)


def test_an_unknown_quarter_or_filter_is_reported_and_the_rest_still_applies(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given / when
    response = performance_client.get(
        reverse("scorecard:index"),
        {"period": "2030-31-q9", "rag": "purple", "pillar": "health-and-wellbeing"},
    )
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert "There is a problem" in html
    assert '<a href="#id_period">Choose a quarter from the list.</a>' in html
    assert '<a href="#id_rag">Choose a RAG rating from the list.</a>' in html
    card = response.context["scorecard"]
    assert card.period == Period.quarter(2024, 4) and card.filters.pillar == "health-and-wellbeing"


def test_the_nav_links_to_the_scorecard_for_those_who_can_read_it(
    client: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given / when
    client.force_login(council["member"])
    member = client.get(reverse("web:home")).content.decode()
    client.force_login(people["councillor"])  # an elected member with no committee
    other = client.get(reverse("web:home")).content.decode()
    # then
    assert 'href="/scorecard/"' in member and 'href="/scorecard/"' not in other


def _download(client: Any, query: str = "period=2024-25-q2") -> openpyxl.Workbook:
    response = client.get(f"{reverse('scorecard:excel')}?{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="clt-scorecard-leeds-2024-25-q2.xlsx"'
    )
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _row(sheet: Any, reference: str) -> dict[str, Any]:
    headers = [c.value for c in sheet[HEADER_ROW]]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        if row[0].value == reference:
            return {h: cell for h, cell in zip(headers, row, strict=True)}
    raise AssertionError(f"{reference} not found")


def test_the_excel_scorecard_reads_back_as_the_data(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given / when
    book = _download(performance_client)
    sheet = book[SHEET]
    # then the header block, header row, frozen panes and filter
    assert book.sheetnames == [SHEET, HIGHLIGHTS_SHEET]
    assert [sheet.cell(row=r, column=2).value for r in (2, 3)] == [
        "Leeds City Council",
        "2024/25 Q2",
    ]
    assert isinstance(sheet["B4"].value, dt.datetime)
    assert [c.value for c in sheet[HEADER_ROW]] == [h for h, _ in COLUMNS]
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:AI{sheet.max_row}"
    # directorate group rows, each before its KPIs
    assert sheet.cell(row=HEADER_ROW + 1, column=1).value == "Adults and Health"
    assert sheet.cell(row=HEADER_ROW + 1, column=2).value == "4 KPIs"
    # numbers are numbers in the KPI's unit, judgements are words, RAG has a fill
    red = _row(sheet, "RED-COMMON")
    assert (red["Result"].value, red["Result"].number_format) == (61, '#,##0.0"%"')
    assert (red["Comparator result"].value, red["Comparator period"].value) == (60, "2024/25 Q1")
    assert (red["Target"].value, red["Tolerance"].value) == (65, 2)
    assert red["RAG"].value == "Red" and red["RAG"].fill.fgColor.rgb == "00B0281A"
    assert red["Direction of travel"].value == "Improved"
    assert red["RAG and SPC note"].value.startswith("Red against target but within normal")
    assert red["Highlight item"].value == "Yes"
    assert red["Recent results (oldest first)"].value.startswith("2021/22 Q3 to 2024/25 Q2: 60.0")
    annual = _row(sheet, "ANNUAL")
    assert (annual["Result"].value, annual["Result"].number_format) == (1350, '"£"#,##0;-"£"#,##0')
    assert annual["Period"].value == "2023/24"
    missing = _row(sheet, "NO-RESULT")
    assert missing["RAG"].value == "No result" and missing["Result"].value is None
    # the highlight items sheet carries the commentary
    highlights = list(book[HIGHLIGHTS_SHEET].iter_rows(values_only=True))
    assert highlights[1][:2] == ("RED-COMMON", "Red-Common measure")
    assert highlights[1][7:9] == (
        "Staff vacancies in the reablement team.",
        "Recruitment campaign under way.",
    )


def test_the_excel_scorecard_escapes_formula_text_and_follows_the_filters(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given a KPI whose title a spreadsheet would run as a formula
    kpi = council["kpis"]["RED-COMMON"]
    kpi.title = '=HYPERLINK("http://evil.example")'
    kpi.save()
    # when
    book = _download(performance_client, "period=2024-25-q2&rag=red")
    sheet = book[SHEET]
    # then
    red = _row(sheet, "RED-COMMON")
    assert red["KPI"].value == '\'=HYPERLINK("http://evil.example")' and red["KPI"].data_type == "s"
    assert sheet["B5"].value == "RAG rating: Red"
    references = [r[0] for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert references == ["Adults and Health", "RED-COMMON"]


def test_members_download_published_results_only(client: Any, council: dict[str, Any]) -> None:
    # given / when
    client.force_login(council["member"])
    sheet = _download(client)[SHEET]
    # then
    assert sheet["B6"].value == "Published results only"
    references = {r[0] for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert "GREEN-CONCERN" not in references and "RED-COMMON" in references


def test_the_default_quarter_is_never_one_still_being_collected(
    performance_client: Any, council: dict[str, Any]
) -> None:
    # given a later quarter with only drafts and submitted results in it (its cycle is open)
    later = Period.quarter(2025, 1)
    quarterly = [k for k in council["kpis"].values() if k.frequency == "quarterly"][:2]
    for index, kpi in enumerate(quarterly):
        status = (Result.Status.DRAFT, Result.Status.SUBMITTED)[index]
        ResultFactory(kpi=kpi, period=later, value=Decimal("50"), status=status)
    # when
    response = performance_client.get(reverse("scorecard:index"))
    chosen = performance_client.get(reverse("scorecard:index"), {"period": "2025-26-q1"})
    # then it opens on the latest quarter with published results, and the later one is a choice
    assert response.context["scorecard"].period == Period.quarter(2024, 4)
    assert chosen.context["scorecard"].period == later
