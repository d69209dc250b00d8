"""Upload forms: the file's size and type are checked before anything reads it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings


class RegisterUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Register workbook (.xlsx)",
        error_messages={"required": "Choose a register workbook to upload."},
    )

    def clean_workbook(self) -> Any:
        upload = self.cleaned_data["workbook"]
        if upload.size > settings.QUARTERLY_MAX_UPLOAD_BYTES:
            limit = settings.QUARTERLY_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file must be smaller than {limit} MB.")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("The file must be an Excel workbook (.xlsx).")
        return upload


class ResultsUploadForm(forms.Form):
    file = forms.FileField(
        label="Results file (.csv or .xlsx)",
        error_messages={"required": "Choose a CSV or Excel file of results to upload."},
    )
    submit = forms.BooleanField(
        label="Submit these results for sign-off (otherwise they are saved as drafts)",
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.QUARTERLY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {settings.QUARTERLY_MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)."
            )
        return upload


class ReleaseCalendarForm(forms.Form):
    file = forms.FileField(
        label="Release calendar (.csv or .xlsx)",
        error_messages={"required": "Choose a CSV or Excel file of release dates to upload."},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.QUARTERLY_MAX_UPLOAD_BYTES:
            limit = settings.QUARTERLY_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file must be smaller than {limit} MB.")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)."
            )
        return upload


class ComparatorGroupsForm(forms.Form):
    file = forms.FileField(
        label="Comparator groups (.csv or .xlsx)",
        error_messages={"required": "Choose a CSV or Excel file of comparator groups to upload."},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.QUARTERLY_MAX_UPLOAD_BYTES:
            limit = settings.QUARTERLY_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file must be smaller than {limit} MB.")
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)."
            )
        return upload
