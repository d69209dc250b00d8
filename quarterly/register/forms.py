from __future__ import annotations

from typing import Any

from django import forms

from quarterly.register.models import KPI, Frequency
from quarterly.register.selectors import KPIFilters


class KPIFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    directorate = forms.ChoiceField(required=False)
    service = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    pillar = forms.ChoiceField(required=False)
    priority = forms.ChoiceField(required=False)
    board = forms.ChoiceField(required=False, label="Scrutiny Board")
    frequency = forms.ChoiceField(required=False, choices=[("", "All")] + list(Frequency.choices))
    tracker = forms.ChoiceField(
        required=False,
        choices=[("", "All"), ("no", "Targeted KPIs only"), ("yes", "Trackers only")],
        label="Tracker",
    )
    status = forms.ChoiceField(
        required=False,
        initial="active",
        choices=[*KPI.Status.choices, ("", "All")],
    )

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["directorate"].choices = [("", "All")] + [
            (d.slug, d.name) for d in choices["directorates"]
        ]
        self.fields["service"].choices = [("", "All")] + [
            (s.pk, f"{s.name} ({s.directorate.name})") for s in choices["services"]
        ]
        self.fields["pillar"].choices = [("", "All")] + [
            (p.slug, p.name) for p in choices["pillars"]
        ]
        self.fields["priority"].choices = [("", "All")] + [
            (p.slug, p.name) for p in choices["priorities"]
        ]
        self.fields["board"].choices = [("", "All")] + [(b.slug, b.name) for b in choices["boards"]]

    def filters(self) -> KPIFilters:
        if not self.is_bound or not self.is_valid():
            return KPIFilters()
        data = {key: value for key, value in self.cleaned_data.items() if value is not None}
        if "status" not in self.data:
            data["status"] = "active"  # the register shows active KPIs unless asked otherwise
        return KPIFilters(**data)


class KPIStatusForm(forms.Form):
    """Move a KPI along its lifecycle, saying why."""

    status = forms.ChoiceField(
        label="New status", error_messages={"required": "Choose the new status."}
    )
    reason = forms.CharField(
        label="Why is the status changing?",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The history of changes records this reason.",
        error_messages={"required": "Enter the reason for the change of status."},
    )

    def __init__(self, *args: Any, moves: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Choose a status")] + moves
