from __future__ import annotations

from django import forms

from quarterly.organisation.models import ReportingGuidance

_BODY = ReportingGuidance._meta.get_field("body")
_CONTACTS = ReportingGuidance._meta.get_field("contacts")


class GuidanceForm(forms.Form):
    """The "How performance is reported" page; limits come from the model."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    body = forms.CharField(
        label="How the council reports performance",
        max_length=_BODY.max_length,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=str(_BODY.help_text),
        error_messages={"required": "Enter how the council reports performance."},
    )
    contacts = forms.CharField(
        label="Contacts",
        required=False,
        max_length=_CONTACTS.max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=str(_CONTACTS.help_text),
    )
