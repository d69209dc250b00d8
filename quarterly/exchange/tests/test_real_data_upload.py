"""The bulk upload (page and `quarterly import-results`) takes results as national statistics
publish them: suppressed, with zero denominators, with rounded counts. Each kind of bad input
gets its own message on its row, and changes nothing (all or nothing)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quarterly.collection.results.models import Result
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory, ResultFactory
from quarterly.register.services import kpi_save

pytestmark = pytest.mark.django_db
HEADER = "Reference,Period,Value,Numerator,Denominator,Reason a figure is missing\n"
GOOD = "RES-03,2025/26 Q1,7,,,\n"


@pytest.fixture
def kpis(organisation: Any, people: dict[str, Any]) -> dict[str, Any]:
    """A percentage KPI with four quarters in the forties, a rate per 100,000 and a count."""
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    percentage = KPIFactory(organisation=organisation, reference="RES-01", directorate=directorate)
    rate = KPIFactory(
        organisation=organisation, reference="RES-02", directorate=directorate, unit="rate",
        rate_per=100000, decimal_places=1,
    )  # fmt: skip
    count = KPIFactory(
        organisation=organisation, reference="RES-03", directorate=directorate, unit="count",
        decimal_places=0,
    )  # fmt: skip
    for kpi in (percentage, rate, count):
        kpi.key_contacts.set([people["key_contact"]])
    for index, value in enumerate(["44.0", "45.5", "46.0", "47.5"]):
        ResultFactory(kpi=percentage, period=Period.quarter(2024, 1).shift(index), value=value)
    ReportingCycleFactory(organisation=organisation, financial_year=2025, quarter=1)
    return {"percentage": percentage, "rate": rate}


def _upload(client: Any, rows: str, **data: Any) -> Any:
    upload = SimpleUploadedFile("results.csv", (HEADER + rows).encode(), content_type="text/csv")
    return client.post(reverse("collection:upload"), {"file": upload, **data})


def _problems(response: Any) -> str:
    assert response.status_code == 200, "the file should have been refused"
    return " ".join(str(p) for p in response.context["problems"])


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "reason"),
    [
        ("c", "", "", 'Suppressed to protect confidentiality (marked "c")'),
        ("[X]", "", "", 'Not available (marked "[X]")'),
        ("..", "", "", 'Not available (marked "..")'),
        ("[z]", "", "", 'Not applicable (marked "[z]")'),
        ("", "*", "1000", 'Numerator suppressed (marked "*")'),
        ("", "[c]", "[c]", 'Numerator suppressed to protect confidentiality (marked "[c]"); '
                          'Denominator suppressed to protect confidentiality (marked "[c]")'),
        ("", "0", "0", "The denominator is 0"),
        ("0", "0", "0", "The denominator is 0"),
        ("", "", "", "Not yet published by NHS England"),
    ],
)  # fmt: skip
def test_a_suppressed_or_zero_denominator_row_is_stored_as_no_value_with_its_reason(
    client: Any, kpis: dict[str, Any], people: dict[str, Any],
    value: str, numerator: str, denominator: str, reason: str,
) -> None:  # fmt: skip
    # given a row as the source publishes it (the last with only a reason typed)
    client.force_login(people["key_contact"])
    typed = reason if not (value or numerator) else ""
    # when
    response = _upload(client, f"RES-01,2025/26 Q1,{value},{numerator},{denominator},{typed}\n")
    # then it is stored as no value, never 0, with its reason; the counts are kept as given
    assert response.status_code == 302, response.context and response.context["problems"]
    result = Result.objects.get(kpi=kpis["percentage"], period_start=Period.quarter(2025, 1).start)
    assert result.value is None
    assert result.missing_reason == reason
    assert result.denominator == (Decimal(denominator) if denominator.isdigit() else None)
    entry = AuditEntry.objects.filter(target_id=result.pk, kpi_id=result.kpi_id).get()
    assert entry.changes["missing_reason"] == [None, reason]


def test_a_published_value_beside_a_withheld_count_keeps_both_and_says_which(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    # when
    response = _upload(client, "RES-01,2025/26 Q1,45.2,c,1000,\n")
    # then
    assert response.status_code == 302
    result = Result.objects.get(kpi=kpis["percentage"], period_start=Period.quarter(2025, 1).start)
    assert (result.value, result.numerator, result.denominator) == (Decimal("45.2"), None, 1000)
    assert result.missing_reason == 'Numerator suppressed to protect confidentiality (marked "c")'


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        # value and counts disagree beyond rounding: both figures
        ("RES-01,2025/26 Q1,45.2,400,1000,", "Value",
         "Value 45.2 but numerator/denominator give 40.0 (400 ÷ 1000 × 100)."),
        ("RES-02,2025/26 Q1,12.3,100,81300,", "Value",
         "Value 12.3 but numerator/denominator give 123.0 (100 ÷ 81300 × 100000)."),
        # a proportion sent to a percentage KPI: by its counts, and by its history
        ("RES-01,2025/26 Q1,0.452,452,1000,", "Value",
         "Value 0.452 looks like a proportion (0 to 1), not a percentage: numerator/denominator "
         "give 45.2%. Enter percentages from 0 to 100: multiply by 100 (45.2)."),
        ("RES-01,2025/26 Q1,0.46,,,", "Value",
         "Value 0.46 looks like a proportion (0 to 1), not a percentage: this KPI's other "
         "results have a median of 45.8."),
        # a value beside a zero denominator
        ("RES-01,2025/26 Q1,12.5,0,0,", "Value",
         "Value 12.5 but the denominator is 0, so numerator/denominator give no figure."),
        # an annual period for a quarterly KPI
        ("RES-01,2025/26,40.0,,,", "Period",
         'This KPI is reported quarterly, so its period must be a quarter ("2024/25 Q2"), not '
         "2025/26."),
        # no value, no mark, no reason
        ("RES-01,2025/26 Q1,,,,", "Value",
         "Enter a value. If the figure is withheld or not available, enter the source's mark"),
        # a mark no source uses
        ("RES-01,2025/26 Q1,n/a,,,", "Value", '"n/a" is not a number. Write a number, or the mark'),
    ],
)  # fmt: skip
def test_each_bad_input_class_has_its_own_message_and_changes_nothing(
    client: Any, kpis: dict[str, Any], people: dict[str, Any], row: str, column: str, message: str
) -> None:
    # given a file with one good row and one bad
    client.force_login(people["key_contact"])
    results, audit = Result.objects.count(), AuditEntry.objects.count()
    # when
    response = _upload(client, GOOD + row + "\n")
    # then the bad row's message names its row and column
    problems = response.context["problems"] if response.status_code == 200 else []
    assert [(p.row, p.column) for p in problems] == [(3, column)], problems
    assert message in problems[0].message
    # and nothing changed, not even the good row
    assert (Result.objects.count(), AuditEntry.objects.count()) == (results, audit)


def test_counts_rounded_by_the_source_are_accepted_once_the_rounding_is_declared(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given counts rounded to the nearest 5 (10 / 20 may be 7.5 / 22.5 up to 12.5 / 17.5)
    client.force_login(people["key_contact"])
    rows = "RES-01,2025/26 Q1,57.1,10,20,\n"
    # when uploaded without saying so, then with the page's setting
    refused = _upload(client, rows)
    accepted = _upload(client, rows, counts_rounded_to="5")
    # then
    assert "Value 57.1 but numerator/denominator give 50.0" in _problems(refused)
    assert accepted.status_code == 302
    assert Result.objects.get(period_start=Period.quarter(2025, 1).start).value == Decimal("57.1")


def test_beyond_the_declared_rounding_a_row_is_refused_with_the_range(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given the KPI itself declares its counts rounded to 5
    kpi_save(kpi=kpis["percentage"], fields={"counts_rounded_to": 5}, by=None)
    client.force_login(people["key_contact"])
    # when
    response = _upload(client, "RES-01,2025/26 Q1,75.0,10,20,\n")
    # then
    assert (
        "Value 75 but numerator/denominator give 50.0 (10 ÷ 20 × 100; between 33.3 and 71.4 "
        "with counts rounded to the nearest 5)" in _problems(response)
    )
    assert not Result.objects.filter(period_start=Period.quarter(2025, 1).start).exists()


def test_the_page_refuses_a_rounding_of_0(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given
    client.force_login(people["key_contact"])
    # when
    response = _upload(client, GOOD, counts_rounded_to="0")
    # then
    assert response.status_code == 200
    assert "Counts are rounded to between 1 and 1,000,000" in response.content.decode()
    assert not Result.objects.filter(period_start=Period.quarter(2025, 1).start).exists()


def test_the_command_takes_the_rounding_and_refuses_without_it(
    kpis: dict[str, Any], people: dict[str, Any], tmp_path: Any, capsys: Any
) -> None:
    # given a file of rounded counts, one row suppressed
    path = tmp_path / "results.csv"
    path.write_text(HEADER + "RES-01,2025/26 Q1,57.1,10,20,\nRES-02,2025/26 Q1,[c],,,\n")
    # when imported without the rounding
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_results", str(path), "--as", "key_contact@council.example")
    refused = capsys.readouterr().err
    # then with it
    call_command(
        "import_results", str(path), "--as", "key_contact@council.example",
        "--counts-rounded-to", "5", "--submit",
    )  # fmt: skip
    # then
    assert 'CSV file, row 2, column "Value": Value 57.1 but numerator/denominator give' in refused
    assert "2 result(s)" in capsys.readouterr().out
    gap = Result.objects.get(kpi=kpis["rate"])
    assert (gap.value, gap.status) == (None, Result.Status.SUBMITTED)
    assert gap.missing_reason == 'Suppressed to protect confidentiality (marked "[c]")'


def test_the_command_enters_only_what_the_person_may_enter(
    organisation: Any, kpis: dict[str, Any], people: dict[str, Any], tmp_path: Any
) -> None:
    # given someone who enters no results, and someone unknown
    path = tmp_path / "results.csv"
    path.write_text(HEADER + GOOD)
    # when / then
    with pytest.raises(CommandError, match="problem"):
        call_command("import_results", str(path), "--as", "councillor@council.example")
    with pytest.raises(CommandError, match="no active person"):
        call_command("import_results", str(path), "--as", "nobody@council.example")
    with pytest.raises(CommandError, match="between 1 and"):
        call_command(
            "import_results", str(path), "--as", "key_contact@council.example",
            "--counts-rounded-to", "0",
        )  # fmt: skip
    assert not Result.objects.filter(period_start=Period.quarter(2025, 1).start).exists()


def test_a_standardised_rate_is_uploaded_as_published_with_its_counts(
    client: Any, kpis: dict[str, Any], people: dict[str, Any]
) -> None:
    # given RES-02 holds a directly standardised rate: 512.3 per 100,000 from 402 in 81,300
    kpi_save(kpi=kpis["rate"], fields={"standardised_rate": True}, by=None)
    client.force_login(people["key_contact"])
    # when
    response = _upload(client, "RES-02,2025/26 Q1,512.3,402,81300,\n")
    # then it is stored as given; the other checks still hold (a negative count is refused)
    assert response.status_code == 302
    result = Result.objects.get(kpi=kpis["rate"], period_start=Period.quarter(2025, 1).start)
    assert (result.value, result.numerator, result.denominator) == (Decimal("512.3"), 402, 81300)
    assert "The numerator cannot be negative." in _problems(
        _upload(client, "RES-02,2025/26 Q1,512.3,-4,81300,\n")
    )
