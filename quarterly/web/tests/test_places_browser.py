"""The performance team uploads the council's comparator groups in the browser: a bad file's
problems are listed with the GOV.UK error summary, then a good file is saved; axe finds nothing
on either page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from quarterly.benchmarking.models import NationalValue
from quarterly.places.models import ComparatorGroup
from quarterly.places.services import places_load_builtins
from quarterly.web.tests.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_comparator_groups_are_uploaded_after_a_bad_file_is_refused(
    page: Page, live_server: Any, organisation: Any, people: dict[str, Any], tmp_path: Any
) -> None:
    # given the built-in groups and two files
    places_load_builtins(today=dt.date(2026, 1, 15))
    bad = tmp_path / "bad.csv"
    bad.write_text("group,area_code\nPeers,E08999999\nCore Cities,E08000035\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("group,area_code\nPeers,E08000035\nPeers,E08000032\n", encoding="utf-8")
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/register/admin/")
    page.get_by_role("link", name="Comparator groups").click()
    assert_accessible(page)
    page.get_by_role("link", name="Upload the council's own comparator groups").click()
    assert_accessible(page)
    # when a bad file is uploaded
    page.get_by_label("Comparator groups (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload comparator groups").click()
    # then every problem is listed and nothing is saved
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The comparator groups were not saved"
    )
    table = page.locator("#problem-table")
    expect(table).to_contain_text("There is no area with the code E08999999.")
    expect(table).to_contain_text('"Core Cities" is one of Quarterly\'s built-in groups')
    assert_accessible(page)
    assert not ComparatorGroup.objects.filter(name="Peers").exists()
    # when the good file is uploaded
    page.get_by_label("Comparator groups (.csv or .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Upload comparator groups").click()
    # then the group is listed with its members
    expect(page.locator("body")).to_contain_text("Comparator groups: 1 added")
    row = page.locator("#peers")
    row.get_by_text("The areas in Peers").click()
    expect(row).to_contain_text("Bradford (E08000032)")
    assert_accessible(page)


def test_national_values_are_uploaded_after_a_bad_file_is_refused(
    page: Page, live_server: Any, organisation: Any, people: dict[str, Any], tmp_path: Any
) -> None:
    # given a long CSV with a value that is no number and a period no dataset writes
    header = "indicator,area_code,area_name,period,value,count,denominator,lower95,upper95,"
    header += "lower998,upper998,polarity,note\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header
        + "A1,E08000035,Leeds,2023/24,about ten,,,,,,,lower,\n"
        + "A1,E08000032,Bradford,Spring 2023,12.5,,,,,,,lower,\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.csv"
    good.write_text(
        header
        + "A1,E08000035,Leeds,2023/24,10.5,21,200,9.1,11.9,,,lower,\n"
        + "A1,E08000032,Bradford,2023-24,*,,,,,,,lower,suppressed\n",
        encoding="utf-8",
    )
    sign_in(page, live_server, "performance@council.example")
    page.goto(f"{live_server.url}/places/groups/")
    page.get_by_role("link", name="Upload national values").click()
    assert_accessible(page)
    # when the bad file is uploaded
    page.get_by_label("What the file is").select_option("long")
    page.get_by_label("National dataset (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload national values").click()
    # then its problems are listed, row by row, and nothing is saved
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The national values were not saved"
    )
    expect(page.locator("#problem-table")).to_contain_text("about ten")
    expect(page.locator("#problem-table")).to_contain_text("Spring 2023")
    assert_accessible(page)
    assert not NationalValue.objects.exists()
    # when the good file is uploaded
    page.get_by_label("What the file is").select_option("long")
    page.get_by_label("National dataset (.csv or .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Upload national values").click()
    # then both rows are held: Leeds's value, and Bradford's as suppressed, never as 0
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 added")
    assert_accessible(page)
    leeds = NationalValue.objects.get(area_code="E08000035")
    bradford = NationalValue.objects.get(area_code="E08000032")
    assert (str(leeds.value), leeds.period.label) == ("10.500000", "2023/24")
    assert bradford.value is None and bradford.missing_reason
