"""Upload forms: the file's size and type are checked before anything reads it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from quarterly.core.form_fields import WholeNumberField
from quarterly.register.models import COUNTS_ROUNDED_MAX

SPREADSHEET_TYPES = (".csv", ".xlsx")
SPREADSHEET_TYPES_WORDS = "a CSV file (.csv) or an Excel workbook (.xlsx)"


def checked_upload(upload: Any, *, endings: tuple[str, ...], words: str) -> Any:
    """The upload, if it is small enough and of one of the types `endings`, named in `words`."""
    if upload.size > settings.QUARTERLY_MAX_UPLOAD_BYTES:
        limit = settings.QUARTERLY_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise forms.ValidationError(f"The file must be smaller than {limit} MB.")
    if not upload.name.lower().endswith(endings):
        raise forms.ValidationError(f"The file must be {words}.")
    return upload


class SpreadsheetUploadForm(forms.Form):
    """A CSV or Excel file to import; a subclass names what it holds."""

    label = "File (.csv or .xlsx)"
    missing = "Choose a CSV or Excel file to upload."

    file = forms.FileField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.label
        self.fields["file"].error_messages["required"] = self.missing

    def clean_file(self) -> Any:
        return checked_upload(
            self.cleaned_data["file"], endings=SPREADSHEET_TYPES, words=SPREADSHEET_TYPES_WORDS
        )


class RegisterUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Register workbook (.xlsx)",
        error_messages={"required": "Choose a register workbook to upload."},
    )

    def clean_workbook(self) -> Any:
        return checked_upload(
            self.cleaned_data["workbook"], endings=(".xlsx",), words="an Excel workbook (.xlsx)"
        )


class ResultsUploadForm(SpreadsheetUploadForm):
    label = "Results file (.csv or .xlsx)"
    missing = "Choose a CSV or Excel file of results to upload."

    submit = forms.BooleanField(
        label="Submit these results for sign-off (otherwise they are saved as drafts)",
        required=False,
    )
    counts_rounded_to = WholeNumberField(
        label="Counts in this file are rounded to the nearest (optional)",
        required=False,
        help_text="Where the source rounds its numerators and denominators to protect "
        "confidentiality, for example 5. Values are then checked against the counts within "
        "that rounding. Leave it empty to use each KPI's own setting.",
    )

    def clean_counts_rounded_to(self) -> int | None:
        rounded_to: int | None = self.cleaned_data.get("counts_rounded_to")
        if rounded_to is not None and not 1 <= rounded_to <= COUNTS_ROUNDED_MAX:
            raise forms.ValidationError(
                f"Counts are rounded to between 1 and {COUNTS_ROUNDED_MAX:,}; leave it empty if "
                "they are not rounded."
            )
        return rounded_to


class ReleaseCalendarForm(SpreadsheetUploadForm):
    label = "Release calendar (.csv or .xlsx)"
    missing = "Choose a CSV or Excel file of release dates to upload."


class NationalValuesForm(SpreadsheetUploadForm):
    label = "National dataset (.csv or .xlsx)"
    missing = "Choose a CSV or Excel file of national values to upload."

    format = forms.ChoiceField(
        label="What the file is",
        choices=[
            ("fingertips", "A Fingertips \u201call data\u201d export, as downloaded"),
            ("long", "A long CSV file (indicator, area_code, period, value, ...)"),
            ("oflog", "An Oflog adult social care download, as downloaded"),
            ("lginform", "An LG Inform-style long file (indicator, measure, unit, value, ...)"),
        ],
        error_messages={
            "required": "Choose what the file is: a Fingertips export, a long CSV file, an Oflog "
            "download or an LG Inform-style file."
        },
    )


class ComparatorGroupsForm(SpreadsheetUploadForm):
    label = "Comparator groups (.csv or .xlsx)"
    missing = "Choose a CSV or Excel file of comparator groups to upload."
