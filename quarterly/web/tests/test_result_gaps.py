"""A period with no value (suppressed, not available, a zero denominator) is shown as a gap
with its reason wherever a result is shown, never as 0; people enter one with the form; a KPI
records the rounding of its counts."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.results.judgement import judge
from quarterly.collection.results.models import Result
from quarterly.collection.results.services import result_save
from quarterly.collection.submissions.selectors import period_slug
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ResultFactory, TargetFactory
from quarterly.register.kpi_form import kpi_initial
from quarterly.register.models import KPI
from quarterly.register.services import kpi_version

pytestmark = pytest.mark.django_db
Q1 = Period.quarter(2025, 1)
GAP = Period.quarter(2024, 3)
REASON = 'Suppressed to protect confidentiality (marked "c")'


@pytest.fixture
def kpi(organisation: Any, people: dict[str, Any]) -> KPI:
    """AH-01, 2023/24 Q1 to 2024/25 Q4 in the sixties but 2024/25 Q3, which was suppressed;
    its 2025/26 Q1 cycle is open."""
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    kpi = KPIFactory(
        organisation=organisation, reference="AH-01", directorate=adults,
        accountable_officer=people["officer"],
    )  # fmt: skip
    kpi.key_contacts.set([people["key_contact"]])
    TargetFactory(kpi=kpi, financial_year=2024, value=Decimal("60"), tolerance=Decimal("2"))
    for index, value in enumerate(["60.1", "61.0", "59.8", "60.4", "61.2", "60.7", None, "62.0"]):
        period = Period.quarter(2023, 1).shift(index)
        if value is None:
            ResultFactory(kpi=kpi, period=period, value=None, missing_reason=REASON)
        else:
            ResultFactory(kpi=kpi, period=period, value=Decimal(value))
    ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1,
        submission_deadline=dt.date(2025, 7, 25), directorate_check_date=dt.date(2025, 8, 1),
        status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    return kpi


def test_the_kpi_page_shows_a_gap_with_its_reason_and_judges_around_it(
    performance_client: Any, kpi: KPI
) -> None:
    # when
    response = performance_client.get(reverse("register:kpi-detail", args=["AH-01"]))
    # then the results table says there is no value and why, and never shows 0
    html = response.content.decode()
    row = html[html.index(">2024/25 Q3<") : html.index(">2024/25 Q4<")]
    assert "No value" in row and REASON.replace('"', "&quot;") in row
    assert ">0.0%<" not in row and ">0%<" not in row
    # and the trend chart breaks its line there, saying so
    chart = str(response.context["chart"])
    line = chart[chart.index('class="app-chart__line" d="') :].split('"')[3]
    assert line.count("M") == 2
    assert "with 1 period with no value shown as a gap" in chart
    assert "A break in the line is a period with no value" in html
    # and SPC keeps the gap in its place among the eight quarters, with no point there
    judgement = response.context["judgement"]
    assert judgement.value == 62.0 and len(judgement.spc_periods) == 8
    gap = judgement.spc_periods.index(GAP)
    assert math.isnan(judgement.spc.values[gap]) and judgement.spc.point_type[gap] == "common_cause"
    assert not math.isnan(judgement.spc.values[gap - 1]) and not math.isnan(
        judgement.spc.values[gap + 1]
    )


def test_a_latest_period_with_no_value_is_not_rated_and_says_why(kpi: KPI) -> None:
    # given
    ResultFactory(kpi=kpi, period=Period.quarter(2025, 1), value=None, missing_reason="[x]")
    # when
    judgement = judge(kpi, list(kpi.results.order_by("period_start")))
    # then
    assert judgement is not None and judgement.value is None
    assert judgement.missing_reason == "[x]"
    assert (judgement.rag.status, judgement.rag.sentence) == (
        "not_rated", "Not rated: there is no value for 2025/26 Q1 ([x]).",
    )  # fmt: skip
    assert judgement.travel.sentence == "Not comparable: there is no value for 2025/26 Q1 ([x])."
    # SPC keeps the latest quarter as a gap at the end of the series: no judgement of it
    assert judgement.spc is not None and judgement.spc_periods[-1] == Period.quarter(2025, 1)


def test_the_kpi_list_and_open_data_show_the_gap_and_its_reason(
    client: Any, performance_client: Any, kpi: KPI
) -> None:
    # given the gap is the latest result
    Result.objects.filter(kpi=kpi, period_start=Period.quarter(2024, 4).start).delete()
    # when
    listed = performance_client.get(reverse("register:kpi-list")).content.decode()
    data = client.get(reverse("public:kpi-data", args=["AH-01", "json"])).json()
    csv = client.get(reverse("public:kpi-data", args=["AH-01", "csv"])).content.decode()
    # then
    assert f"No value: {REASON} (2024/25 Q3)".replace('"', "&quot;") in listed
    gap = next(r for r in data["results"] if r["period"] == "2024/25 Q3")
    assert (gap["value"], gap["missing_reason"]) == (None, REASON)
    assert "missing_reason" in csv.splitlines()[0]
    assert '2024/25 Q3,,"Suppressed to protect confidentiality (marked ""c"")"' in csv


def test_a_key_contact_enters_a_suppressed_result_with_the_form(
    client: Any, kpi: KPI, people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["AH-01", period_slug(Q1)])
    # when the mark is entered, then the page is opened again
    response = client.post(url, {"value": "[c]", "numerator": "", "denominator": "980",
                                 "version": "", "draft": "1"})  # fmt: skip
    reopened = client.get(url)
    # then it is stored as no value with the mark's reason, and the form shows the reason
    assert response.status_code == 302
    result = Result.objects.get(kpi=kpi, period_start=Q1.start)
    assert (result.value, result.denominator) == (None, 980)
    assert result.missing_reason == 'Suppressed to protect confidentiality (marked "[c]")'
    assert reopened.context["form"].initial["missing_reason"] == result.missing_reason


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"value": "", "missing_reason": ""}, "value", "Enter a value. If the figure is withheld"),
        ({"value": "45.2", "numerator": "400", "denominator": "1000"}, "value",
         "Value 45.2 but numerator/denominator give 40.0"),
        ({"value": "0.62"}, "value", "Value 0.62 looks like a proportion (0 to 1)"),
        ({"value": "40", "numerator": "400", "denominator": "1000",
          "missing_reason": "Suppressed"}, "missing_reason", "no figure is missing"),
    ],
)  # fmt: skip
def test_the_form_refuses_what_the_upload_refuses(
    client: Any, kpi: KPI, people: dict[str, Any], posted: dict[str, str], field: str, message: str
) -> None:
    # given
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["AH-01", period_slug(Q1)])
    # when
    response = client.post(url, {"version": "", "draft": "1", **posted})
    # then
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Result.objects.filter(kpi=kpi, period_start=Q1.start).exists()


def test_the_officer_signing_off_sees_the_gap_and_its_reason(
    client: Any, kpi: KPI, people: dict[str, Any]
) -> None:
    # given a key contact submitted a zero-denominator quarter
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["AH-01", period_slug(Q1)])
    client.post(url, {"value": "", "numerator": "0", "denominator": "0", "version": "",
                      "submit": "1", "commentary": "No referrals this quarter."})  # fmt: skip
    # when the accountable officer opens My KPIs
    client.force_login(people["officer"])
    html = client.get(reverse("collection:my-kpis")).content.decode()
    # then
    assert "No value: The denominator is 0" in html
    assert Result.objects.get(kpi=kpi, period_start=Q1.start).denominator == 0


def test_the_database_keeps_no_value_without_a_reason_out(kpi: KPI) -> None:
    # given / when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.filter(kpi=kpi, period_start=GAP.start).update(missing_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.filter(kpi=kpi, period_start=Period.quarter(2024, 4).start).update(
            denominator=0
        )


def test_the_kpi_form_records_the_rounding_of_its_counts(performance_client: Any, kpi: KPI) -> None:
    # given
    url = reverse("register:kpi-edit", args=["AH-01"])
    data = {k: ("" if v is None else v) for k, v in kpi_initial(kpi, kpi_version(kpi)).items()
            if v is not False}  # fmt: skip
    # when 0 is tried, then 5
    refused = performance_client.post(url, {**data, "counts_rounded_to": "0"})
    saved = performance_client.post(url, {**data, "counts_rounded_to": "5"})
    # then
    assert "Counts are rounded to 1 or more" in refused.content.decode()
    assert saved.status_code == 302
    kpi.refresh_from_db()
    assert kpi.counts_rounded_to == 5
    entry = AuditEntry.objects.filter(kpi_id=kpi.pk).order_by("-pk").first()
    assert entry is not None and json.dumps(entry.changes["counts_rounded_to"]) == '[null, "5"]'


def test_a_value_published_later_fills_the_gap_and_drops_its_reason(kpi: KPI) -> None:
    # given the suppressed quarter, when its value is published later
    result_save(kpi=kpi, period=GAP, fields={"value": Decimal("60.9")}, by=None)
    # then
    filled = Result.objects.get(kpi=kpi, period_start=GAP.start)
    assert (filled.value, filled.missing_reason) == (Decimal("60.9"), "")
    assert judge(kpi, list(kpi.results.order_by("period_start"))).spc_periods[-2] == GAP  # type: ignore[union-attr]


def test_a_standardised_rate_is_entered_as_published_with_its_counts_unchecked(
    client: Any, organisation: Any, people: dict[str, Any], kpi: KPI
) -> None:
    # given AH-02, a directly standardised rate per 100,000: 512.3, from 402 deaths in 81,300
    # people (the crude rate would be 494.5)
    rate = KPIFactory(
        organisation=organisation, reference="AH-02", directorate=kpi.directorate,
        unit="rate", rate_per=100000,
    )  # fmt: skip
    rate.key_contacts.set([people["key_contact"]])
    client.force_login(people["key_contact"])
    url = reverse("collection:result-edit", args=["AH-02", period_slug(Q1)])
    posted = {"value": "512.3", "numerator": "402", "denominator": "81300", "version": "",
              "draft": "1"}  # fmt: skip
    # when it is not flagged as a standardised rate, and then when it is
    refused = client.post(url, posted)
    KPI.objects.filter(pk=rate.pk).update(standardised_rate=True)
    saved = client.post(url, posted)
    # then the counts are stored with the published rate
    assert saved.status_code == 302
    result = Result.objects.get(kpi=rate, period_start=Q1.start)
    assert (result.value, result.numerator, result.denominator) == (Decimal("512.3"), 402, 81300)
    assert refused.status_code == 200
    assert "Value 512.3 but numerator/denominator give 494.5" in " ".join(
        refused.context["form"].errors["value"]
    )
