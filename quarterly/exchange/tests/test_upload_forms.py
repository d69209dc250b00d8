"""Upload forms refuse a file too large or of the wrong type, before anything reads it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quarterly.exchange.forms import (
    ComparatorGroupsForm,
    RegisterUploadForm,
    ReleaseCalendarForm,
    ResultsUploadForm,
)


@pytest.mark.parametrize(
    "form_class", [ResultsUploadForm, ReleaseCalendarForm, ComparatorGroupsForm]
)
def test_a_spreadsheet_upload_takes_csv_or_xlsx_and_says_what_is_missing(form_class: type) -> None:
    # given / when
    empty = form_class(data={}, files={})
    wrong = form_class(data={}, files={"file": SimpleUploadedFile("groups.txt", b"a,b\n")})
    right = form_class(data={}, files={"file": SimpleUploadedFile("groups.CSV", b"a,b\n")})
    # then
    assert empty.errors["file"] == [form_class.missing]
    assert wrong.errors["file"] == [
        "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)."
    ]
    assert right.is_valid()


def test_an_upload_over_the_limit_is_refused_with_the_limit(settings: object) -> None:
    # given a limit of 1 MB
    settings.QUARTERLY_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    big = SimpleUploadedFile("register.xlsx", b"x" * (1024 * 1024 + 1))
    # when
    form = RegisterUploadForm(data={}, files={"workbook": big})
    # then
    assert form.errors["workbook"] == ["The file must be smaller than 1 MB."]


def test_the_register_takes_only_a_workbook() -> None:
    form = RegisterUploadForm(data={}, files={"workbook": SimpleUploadedFile("r.csv", b"a\n")})
    assert form.errors["workbook"] == ["The file must be an Excel workbook (.xlsx)."]
