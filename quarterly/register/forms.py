from __future__ import annotations

from typing import Any

from django import forms

from quarterly.organisation.models import Directorate, Organisation
from quarterly.register.models import KPI, Frequency, Pillar, Priority
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
        label="New status",
        error_messages={
            "required": "Choose the new status.",
            "invalid_choice": "Choose one of the statuses offered: the KPI cannot move to that "
            "one from where it is now.",
        },
    )
    reason = forms.CharField(
        label="Why is the status changing?",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The history of changes records this reason.",
        error_messages={
            "required": "Enter the reason for the change of status.",
            "max_length": "Enter a reason of 250 characters or fewer.",
        },
    )

    def __init__(self, *args: Any, moves: list[tuple[str, str]], **kwargs: Any) -> None:
        # The KPI's page has other forms with a "reason" (recalculation points): ids of its own
        # keep each label with its own field.
        kwargs.setdefault("auto_id", "kpi-status-%s")
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Choose a status")] + moves


class RemitForm(forms.Form):
    """What a committee oversees: pillars, priorities, directorates and single KPIs, each
    optional."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    pillars = forms.ModelMultipleChoiceField(
        queryset=Pillar.objects.none(), required=False, label="Pillars",
        widget=forms.CheckboxSelectMultiple,
        help_text="Every KPI linked to a pillar you choose is within the remit.",
    )  # fmt: skip
    priorities = forms.ModelMultipleChoiceField(
        queryset=Priority.objects.none(), required=False, label="Priorities",
        widget=forms.CheckboxSelectMultiple,
        help_text="Every KPI linked to a priority you choose is within the remit.",
    )  # fmt: skip
    directorates = forms.ModelMultipleChoiceField(
        queryset=Directorate.objects.none(), required=False, label="Directorates",
        widget=forms.CheckboxSelectMultiple,
        help_text="Every KPI of a directorate you choose is within the remit.",
    )  # fmt: skip
    kpis = forms.ModelMultipleChoiceField(
        queryset=KPI.objects.none(), required=False, label="Single KPIs",
        widget=forms.CheckboxSelectMultiple,
        help_text="KPIs within the remit whatever their pillar or directorate.",
        error_messages={"invalid_choice": "Choose KPIs from the list.",
                        "invalid_pk_value": "Choose KPIs from the list."},
    )  # fmt: skip

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pillars"].queryset = organisation.pillars.all()  # type: ignore[attr-defined]
        self.fields["directorates"].queryset = organisation.directorates.all()  # type: ignore[attr-defined]
        self.fields["priorities"].queryset = organisation.priorities.select_related("pillar")  # type: ignore[attr-defined]
        self.fields["kpis"].queryset = organisation.kpis.exclude(  # type: ignore[attr-defined]
            status=KPI.Status.RETIRED
        ).order_by("reference")
        for name in ("pillars", "directorates"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"Choose {name} from the list; one you chose no longer exists."
            )
