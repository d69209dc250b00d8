"""The Oflog adult social care download and LG Inform-style long files, imported exactly as their
publishers wrote them (real rows, copied verbatim into `data/national/`): every row stored as
published, a second import changing nothing, and every bad row refused with its own message."""

from __future__ import annotations

import csv
import gzip
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from quarterly.benchmarking.models import NationalIndicator, NationalValue
from quarterly.benchmarking.services import national_indicator_polarity_set
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.exchange import reading
from quarterly.exchange.formats.national_fingertips import national_fingertips_import
from quarterly.exchange.formats.national_lginform import lginform_code, national_lginform_import
from quarterly.exchange.formats.national_oflog import national_oflog_import
from quarterly.exchange.reading import WorkbookRejected

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "national"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _import(name: str, content: bytes | None = None) -> Any:
    read = national_oflog_import if name.startswith("oflog") else national_lginform_import
    return read(name=name, content=content or (DATA / name).read_bytes(), by=None)


def _state() -> tuple[int, int, int]:
    return (
        NationalIndicator.objects.count(), NationalValue.objects.count(),
        AuditEntry.objects.count(),
    )  # fmt: skip


def _d(text: str) -> Decimal | None:
    return Decimal(text).quantize(Decimal("0.000001")) if text not in ("", "NA") else None


def test_the_oflog_download_is_stored_row_for_row_then_a_second_import_changes_nothing() -> None:
    # given
    rows = _rows("oflog_asc.csv")
    # when
    first = _import("oflog_asc.csv")
    after_first = _state()
    second = _import("oflog_asc.csv")
    # then
    assert (first.added, first.changed) == (len(rows), 0)
    assert (second.added, second.changed, second.unchanged) == (0, 0, len(rows))
    assert _state() == after_first
    stored = {(v.indicator.code, v.area_code, v.period): v for v in NationalValue.objects.all()}
    for row in rows:
        value = stored[(row["Code"], row["Local authority code"],
                        Period.parse_national(row["Financial year"]))]  # fmt: skip
        assert value.value == _d(row["Value"])  # a published 0 stays 0, a blank is no value
        assert value.missing_reason == ("" if row["Value"] else "No value published")
        assert (value.area_name, value.area_type) == (
            row["Local authority name"], row["Entity_Name"]
        )  # fmt: skip
    indicators = {i.code: i for i in NationalIndicator.objects.filter(source="oflog")}
    assert (
        indicators["ASC3"].name
        == "Outcome, Ease of finding information about services : service users"
    )
    # desc and DESC are higher is better; None and blank state nothing
    assert {code: i.polarity for code, i in indicators.items()} == {
        "ASC1": "higher", "ASC2": "higher", "ASC3": "higher", "ASC4": "higher",
        "ASC5": "higher", "ASC6": "", "ASC7": "",
    }  # fmt: skip


def test_a_polarity_recorded_for_a_measure_oflog_does_not_rank_is_kept_on_reimport() -> None:
    # given
    _import("oflog_asc.csv")
    turnover = NationalIndicator.objects.get(source="oflog", code="ASC7")
    national_indicator_polarity_set(indicator=turnover, polarity="lower", by=None)
    # when
    saved = _import("oflog_asc.csv")
    # then
    assert (saved.added, saved.changed) == (0, 0)
    turnover.refresh_from_db()
    assert turnover.polarity == "lower"
    assert AuditEntry.objects.filter(note="National indicator polarity recorded").count() == 1


def test_a_polarity_recorded_for_a_fingertips_indicator_is_kept_on_reimport() -> None:
    # given Fingertips' export, which states no polarity
    export = DATA.parents[3] / "assessment/tests/data/fingertips_campylobacter_countyua.csv"
    national_fingertips_import(name="export.csv", content=export.read_bytes(), by=None)
    campylobacter = NationalIndicator.objects.get(source="fingertips", code="93356")
    assert campylobacter.polarity == ""
    national_indicator_polarity_set(indicator=campylobacter, polarity="lower", by=None)
    # when
    saved = national_fingertips_import(name="export.csv", content=export.read_bytes(), by=None)
    # then
    assert (saved.added, saved.changed) == (0, 0)
    campylobacter.refresh_from_db()
    assert campylobacter.polarity == "lower"


def test_the_2024_compilation_reads_its_breakdowns_pooled_periods_and_missing_values() -> None:
    # given
    rows = _rows("lginform_2024.csv")
    # when
    first = _import("lginform_2024.csv")
    second = _import("lginform_2024.csv")
    # then
    assert (first.added, second.added, second.changed) == (len(rows), 0, 0)
    hle = NationalValue.objects.filter(indicator__code="healthy-life-expectancy-at-birth")
    leeds = {v.sex: v for v in hle.filter(area_code="E08000035")}
    assert leeds["Male"].value == Decimal("62.2") and leeds["Female"].value == Decimal("64.1")
    assert leeds["Male"].period == Period.calendar_year(2018)  # "2016 - 18", stored as its end
    assert leeds["Male"].note == "Pooled years 2016 to 2018"
    assert (leeds["Male"].compared_to_england, leeds["Male"].area_type) == ("Similar", "UA")
    scilly = hle.get(area_code="E06000053", sex="Male")
    assert (scilly.value, scilly.missing_reason) == (
        None,
        "Not available (NA); Pooled years 2016 to 2018",
    )
    mortality = NationalValue.objects.filter(
        indicator__name__startswith="Under 75", area_code="E08000035"
    )
    assert {v.sex: v.value for v in mortality} == {
        "Male": Decimal("217.2"), "Female": Decimal("114.3"), "Persons": Decimal("164.4")
    }  # fmt: skip
    quintiles = NationalValue.objects.filter(category_type="Inequality")
    assert quintiles.count() == 5
    most = quintiles.get(category="Most deprived quintile")
    assert (most.value, most.period, most.sex) == (
        Decimal("12.6"), Period.financial_year(2022), "Persons"
    )  # fmt: skip
    assert NationalValue.objects.filter(area_code__startswith="E05").count() == 2
    indicator = NationalIndicator.objects.get(code=lginform_code(rows[6]["indicator"]))
    assert (indicator.source, indicator.name, indicator.polarity) == (
        "lginform",
        rows[6]["indicator"],
        "",
    )
    assert indicator.unit_note == "Age-standardised rate"
    assert NationalIndicator.objects.get(code="healthy-life-expectancy-at-birth").unit_note == (
        "Life expectancy, Years"
    )  # fmt: skip


def test_the_2020_compilations_read_significance_sex_in_group_and_months_as_first_days() -> None:
    # when
    saved = [_import(name) for name in ("lginform_2020.csv", "lginform_2020_group.csv",
                                        "lginform_dtoc.csv")]  # fmt: skip
    again = [_import(name) for name in ("lginform_2020.csv", "lginform_2020_group.csv",
                                        "lginform_dtoc.csv")]  # fmt: skip
    # then
    assert [s.added for s in saved] == [12, 4, 4]
    assert [(s.added, s.changed) for s in again] == [(0, 0)] * 3
    falls = NationalValue.objects.get(
        indicator__code=lginform_code(_rows("lginform_2020.csv")[0]["indicator"]),
        area_code="E08000035", period_start=Period.financial_year(2017).start,
    )  # fmt: skip
    assert (falls.value, falls.compared_to_england, falls.sex) == (
        Decimal("2401"),
        "Worse",
        "Persons",
    )
    cancer = NationalValue.objects.get(
        indicator__name__startswith="Under 75 mortality rate from cancer", area_code="E08000035",
        period_start=Period.calendar_year(2017).start,
    )  # fmt: skip
    assert (cancer.value, cancer.note) == (Decimal("90.7"), "Pooled years 2015 to 2017")
    hle = NationalValue.objects.get(indicator__code="healthy-life-expectancy-at-birth",
                                    area_code="E08000035", sex="Female")  # fmt: skip
    assert (hle.value, hle.period) == (Decimal("63"), Period.calendar_year(2016))
    dtoc = NationalValue.objects.get(
        area_code="E08000009", period_start=Period.month(2017, 4).start
    )
    assert (dtoc.value, dtoc.period.kind.value, dtoc.sex) == (Decimal("27.6"), "month", "")


def test_a_long_indicator_name_gets_a_code_a_kpi_can_name() -> None:
    # given the longest name in the compilations (99 characters)
    name = (
        "Children with free school meal status achieving a good level of development at the end "
        "of reception"
    )
    # when
    code = lginform_code(name)
    # then
    assert len(f"lginform:{code}") <= 100
    assert code.startswith("children-with-free-school-meal-status") and code != lginform_code(
        name + "s"
    )
    assert lginform_code("Alcohol related mortality") == "alcohol-related-mortality"


OFLOG_HEADER = (DATA / "oflog_asc.csv").read_text(encoding="utf-8").splitlines()[0]
OFLOG_GOOD = (
    "2016-17,E08000035,Leeds,LA_Raw,Metropolitan Districts,Yorkshire and The Humber,"
    '"Outcome, ASC Carer Quality of Life",ASC1,7.4,7.6,-0.666666667,desc'
)
LGINFORM_HEADER = (DATA / "lginform_2020.csv").read_text(encoding="utf-8").splitlines()[0]
LGINFORM_GOOD = (
    "E08000035,Leeds,2017/18,2401,Emergency hospital admissions due to falls in people aged 65 "
    'and over,"Age standardised rate per 100,000",Persons,Worse'
)


@pytest.mark.parametrize(
    ("name", "bad", "column", "message"),
    [
        ("oflog.csv", OFLOG_GOOD.replace(",desc", ",up"), "rank_order",
         '"up" is not one of: desc, asc, None.'),
        ("oflog.csv", OFLOG_GOOD.replace("2016-17,", "2018-19,").replace(",desc", ",asc"),
         "rank_order", 'Indicator ASC1 is "higher" on an earlier row'),
        ("oflog.csv", OFLOG_GOOD.replace("2016-17,", "2016-18,"), "Financial year",
         "National periods are read in these forms"),
        ("oflog.csv", OFLOG_GOOD.replace(",7.4,", ",n/a,"), "Value", '"n/a" is not a number.'),
        ("oflog.csv", OFLOG_GOOD.replace("E08000035", "LEEDS"), "Local authority code",
         '"LEEDS" is not an ONS area code'),
        ("lginform.csv", LGINFORM_GOOD.replace("2017/18", "2016 - 30"), "period",
         "it spans several years"),
        ("lginform.csv", LGINFORM_GOOD.replace("2017/18", "2018/19 - 21/23"), "period",
         "its financial years do not follow on"),
        ("lginform.csv", LGINFORM_GOOD.replace("2017/18", "2017-02-30"), "period",
         'Cannot read "2017-02-30" as a period'),
        ("lginform.csv", LGINFORM_GOOD.replace(",2401,", ",two,"), "value",
         '"two" is not a number.'),
        ("lginform.csv", LGINFORM_GOOD, None, "This row repeats row 2"),
    ],
)  # fmt: skip
def test_each_bad_row_gets_its_message_and_nothing_is_written(
    name: str, bad: str, column: str | None, message: str
) -> None:
    # given a good first row, then the bad one
    header, good = (OFLOG_HEADER, OFLOG_GOOD) if name.startswith("oflog") else (
        LGINFORM_HEADER, LGINFORM_GOOD
    )  # fmt: skip
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import(name, f"{header}\n{good}\n{bad}\n".encode())
    # then
    problems = rejected.value.problems
    assert len(problems) == 1, problems
    assert (problems[0].row, problems[0].column) == (3, column)
    assert message in problems[0].message
    assert _state() == (0, 0, 0)


@pytest.mark.parametrize(
    ("name", "header", "missing"),
    [
        ("oflog.csv", OFLOG_HEADER.replace(",Code,", ",Measure code,"), "Code"),
        ("lginform.csv", LGINFORM_HEADER.replace(",indicator,", ",name,"), "indicator"),
    ],
)
def test_a_file_without_a_required_column_is_refused(name: str, header: str, missing: str) -> None:
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import(
            name,
            f"{header}\n{OFLOG_GOOD if name.startswith('oflog') else LGINFORM_GOOD}\n".encode(),
        )
    # then
    assert [(p.row, p.column, p.message) for p in rejected.value.problems] == [
        (1, missing, "This column is missing from the header row.")
    ]
    assert _state() == (0, 0, 0)


def test_the_command_reads_each_format_gzipped_with_a_progress_bar(tmp_path: Path) -> None:
    # given
    gzipped = tmp_path / "oflog_asc.csv.gz"
    gzipped.write_bytes(gzip.compress((DATA / "oflog_asc.csv").read_bytes()))
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"not gzip at all")
    outputs = []
    # when
    for path, form in (
        (gzipped, "oflog"),
        (DATA / "lginform_2024.csv", "lginform"),
        (gzipped, "oflog"),
    ):
        out, err = StringIO(), StringIO()
        call_command("import_benchmarks", str(path), "--format", form, stdout=out, stderr=err)
        outputs.append((out.getvalue().strip(), err.getvalue()))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_benchmarks", str(broken), "--format", "oflog", stderr=StringIO())
    # then
    oflog, lginform = len(_rows("oflog_asc.csv")), len(_rows("lginform_2024.csv"))
    assert outputs[0][0] == f"National values: {oflog} added, 0 changed, 0 unchanged."
    assert f"{oflog}/{oflog}" in outputs[0][1]
    assert outputs[1][0] == f"National values: {lginform} added, 0 changed, 0 unchanged."
    assert outputs[2][0] == f"National values: 0 added, 0 changed, {oflog} unchanged."
    assert NationalValue.objects.count() == oflog + lginform


def test_a_gzipped_file_that_expands_too_far_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a limit smaller than the file
    monkeypatch.setattr(reading, "MAX_EXPANDED_BYTES", 100)
    content = gzip.compress((DATA / "oflog_asc.csv").read_bytes())
    # when
    with pytest.raises(WorkbookRejected) as rejected:
        _import("oflog_asc.csv.gz", content)
    # then
    assert [p.message for p in rejected.value.problems] == [
        "The file expands to more data than allowed."
    ]
    assert _state() == (0, 0, 0)


def test_the_upload_page_offers_and_reads_the_oflog_and_lginform_formats(
    performance_client: Any,
) -> None:
    # given
    url = reverse("places:national-upload")
    good = SimpleUploadedFile("asc.csv", (DATA / "oflog_asc.csv").read_bytes())
    bad = f"{LGINFORM_HEADER}\n{LGINFORM_GOOD.replace('2401', 'two')}\n".encode()
    # when
    page = performance_client.get(url).content.decode()
    oflog = performance_client.post(url, {"format": "oflog", "file": good}, follow=True)
    refused = performance_client.post(
        url, {"format": "lginform", "file": SimpleUploadedFile("x.csv", bad)}
    )
    # then
    assert 'value="oflog"' in page and 'value="lginform"' in page
    assert f"National values: {len(_rows('oflog_asc.csv'))} added" in oflog.content.decode()
    assert "The national values were not saved" in refused.content.decode()
    assert "&quot;two&quot; is not a number" in refused.content.decode()
