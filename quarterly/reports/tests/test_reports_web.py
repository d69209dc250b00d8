"""The performance team's report pages, publishing, restatements and the public pages."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document

from quarterly.collection.results.services import result_save
from quarterly.reports.models import PublishedReport, Report, ReportNarrative
from quarterly.reports.services import report_publish
from quarterly.reports.tests.test_reports_council import Q2, build_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organisation: Any) -> dict[str, Any]:
    return build_council(organisation)


CLT = "/reports/clt/2024-25-q2/council/"


@pytest.fixture
def team(client: Any, people: dict[str, Any], council: dict[str, Any]) -> Any:
    client.force_login(people["performance"])
    return client


def test_the_report_page_shows_the_compiled_report(team: Any) -> None:
    # when
    response = team.get(CLT)
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Quarterly performance report: 2024/25 Q2</h1>' in html
    assert '<th scope="row" class="govuk-table__header">AH-01</th>' in html
    assert "71.2%" in html


def test_choosing_a_report_goes_to_its_page_or_explains_the_problem(
    team: Any, council: dict[str, Any]
) -> None:
    # when
    chosen = team.get("/reports/", {"kind": "scrutiny", "period": "2024/25 Q2",
                                    "scope": f"board:{council['board'].slug}"})  # fmt: skip
    wrong = team.get("/reports/", {"kind": "scrutiny", "period": "Q7", "scope": "council"})
    # then
    assert chosen.status_code == 302
    assert chosen["Location"] == f"/reports/scrutiny/2024-25-q2/{council['board'].slug}/"
    html = wrong.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert "Cannot read &quot;Q7&quot; as a period" in html
    assert "Choose the board this report is for." in html


def test_the_team_writes_the_narrative_before_generating(team: Any) -> None:
    # given
    form = team.get(CLT + "narrative/")
    fingerprint = form.context["form"]["fingerprint"].value()
    # when
    response = team.post(CLT + "narrative/", {
        "fingerprint": fingerprint, "summary": "A good quarter overall.",
        "recommendations": "CLT is asked to note AH-02.",
    })  # fmt: skip
    # then
    assert response.status_code == 302 and response["Location"] == CLT
    stored = {n.section: n.text for n in ReportNarrative.objects.all()}
    assert stored["summary"] == "A good quarter overall."
    docx = team.get(CLT + "report.docx")
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "A good quarter overall." in paragraphs and "CLT is asked to note AH-02." in paragraphs


def test_the_narrative_form_reports_its_errors(team: Any) -> None:
    # given
    fingerprint = team.get(CLT + "narrative/").context["form"]["fingerprint"].value()
    # when the text is too long
    long = team.post(CLT + "narrative/", {"fingerprint": fingerprint, "summary": "x" * 10_001})
    # then
    html = long.content.decode()
    assert long.status_code == 200 and "govuk-error-summary" in html
    assert '<a href="#id_summary">“Brief summary” must be 10,000 characters or fewer.</a>' in html
    assert "govuk-textarea--error" in html
    assert not ReportNarrative.objects.exists()
    # and when someone else saved first
    team.post(CLT + "narrative/", {"fingerprint": fingerprint, "summary": "First."})
    stale = team.post(CLT + "narrative/", {"fingerprint": fingerprint, "summary": "Second."})
    assert (
        "Someone else changed this report&#x27;s text since you opened this page."
        in stale.content.decode()
    )
    assert ReportNarrative.objects.get(section="summary").text == "First."


def test_downloads_are_word_pdf_and_html(team: Any) -> None:
    for fmt, start in (("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")):
        response = team.get(CLT + f"report.{fmt}")
        assert response.status_code == 200
        assert response.content.startswith(start)
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="clt-2024-25-q2-council.{fmt}"'
        )


def test_publishing_freezes_the_report_and_the_next_one_notes_a_restatement(
    team: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given the Q2 report is published
    response = team.post(CLT + "publish/")
    published = PublishedReport.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/public/reports/{published.pk}/"
    )
    assert published.values["AH-01|2024/25 Q2"] == 71.2
    # when AH-01's Q2 result is revised afterwards
    ah1 = council["kpis"][0]
    result_save(kpi=ah1, period=Q2, fields={"value": Decimal("70.4")}, by=people["performance"])
    # then the next report notes the restatement
    again = team.get(CLT).content.decode()
    assert "AH-01 People helped to live at home: 2024/25 Q2 restated: 71.2% → 70.4%" in again
    # and the published report still shows exactly what it showed
    public = team.get(f"/public/reports/{published.pk}/").content.decode()
    assert "71.2%" in public and "70.4%" not in public and "restated:" not in public
    frozen = Report.from_dict(published.content)
    assert next(t for t in frozen.tables() if t.key == "kpis").rows[0][4] == "71.2%"


def test_published_reports_are_public_with_their_files_and_data(
    client: Any, people: dict[str, Any], council: dict[str, Any]
) -> None:
    # given
    published = report_publish(
        organisation=council["organisation"], kind="scrutiny", period=Q2,
        board=council["board"], directorate=None, by=people["performance"],
    )  # fmt: skip
    base = f"/public/reports/{published.pk}/"
    # when / then: listed and readable without signing in
    assert published.title in client.get("/public/reports/").content.decode()
    page = client.get(base).content.decode()
    assert "Scrutiny Board (Adults, Health and Active Lifestyles) performance report" in page
    assert f'href="{base}tables/kpi-ah-01-benchmarking.csv"' in page
    # the files generated at publication
    docx = client.get(base + "report.docx")
    assert docx.content == bytes(published.docx)
    assert docx["Content-Disposition"].endswith(
        'scrutiny-2024-25-q2-scrutiny-board-adults-health-and-active-lifestyles.docx"'
    )
    assert client.get(base + "report.pdf").content.startswith(b"%PDF")
    # each table as CSV and JSON
    rows = list(
        csv.reader(
            io.StringIO(client.get(base + "tables/kpi-ah-01-benchmarking.csv").content.decode())
        )
    )
    assert rows[0] == ["Area", "Value", "95% confidence interval", "Compared with England"]
    assert ["England", "68.0", "–", "–"] in rows
    data = json.loads(client.get(base + "tables/kpis.json").content)
    assert {"Reference": "AH-02"}.items() <= data["rows"][1].items()
    assert data["rows"][0]["Result"] == 71.2
    assert client.get(base + "tables/nothing.csv").status_code == 404
    assert client.get(base + "report.xlsx").status_code == 404


def test_the_report_command_writes_each_format(council: dict[str, Any], tmp_path: Path) -> None:
    # when
    for name in ("clt.docx", "annual.pdf", "board.html"):
        kind = {"clt": "clt", "annual": "annual", "board": "scrutiny"}[name.split(".")[0]]
        period = "2024/25" if kind == "annual" else "2024/25-Q2"
        extra = ["--board", council["board"].name] if kind == "scrutiny" else []
        call_command("report", kind, "--period", period, "--out", str(tmp_path / name), *extra)
    # then
    assert (tmp_path / "clt.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "annual.pdf").read_bytes().startswith(b"%PDF")
    assert "Scrutiny Board (Adults" in (tmp_path / "board.html").read_text()
    with pytest.raises(CommandError, match="No directorate is called 'Nowhere'"):
        call_command("report", "dmt", "--period", "2024/25-Q2", "--directorate", "Nowhere",
                     "--out", str(tmp_path / "x.docx"))  # fmt: skip
    with pytest.raises(CommandError, match="needs a directorate"):
        call_command("report", "dmt", "--period", "2024/25-Q2", "--out", str(tmp_path / "x.docx"))


def test_the_report_choice_starts_on_the_latest_quarter_with_published_results(
    team: Any,
) -> None:
    # given 2024/25 Q2's results published, and only a draft in a later quarter
    # when
    html = team.get(reverse("reports:index")).content.decode()
    # then
    assert 'name="period" type="text" value="2024/25 Q2"' in html
