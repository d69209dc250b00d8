"""The administration pages' forms: each parses input for one service, which holds the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from quarterly.organisation.models import Committee, Organisation, Role

_ORDER = {"label": "Order", "min_value": 0, "max_value": 999, "initial": 0,
          "help_text": "Lower numbers come first."}  # fmt: skip


def _name(label: str = "Name", max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length,
        error_messages={"required": f"Enter the {label.lower()}."},
    )  # fmt: skip


class AdminForm(forms.Form):
    """Carries the record's version, so an edit of a record saved since is refused."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation


class PillarForm(AdminForm):
    name = _name(max_length=100)
    order = forms.IntegerField(**_ORDER)  # type: ignore[arg-type]


class PriorityForm(AdminForm):
    name = _name()
    pillar = forms.ModelChoiceField(
        queryset=None, empty_label="Choose a pillar",
        error_messages={"required": "Choose the pillar this priority comes under."},
    )  # fmt: skip
    order = forms.IntegerField(**_ORDER)  # type: ignore[arg-type]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pillar"].queryset = self.organisation.pillars.all()  # type: ignore[attr-defined]


class DirectorateForm(AdminForm):
    name = _name()


class ServiceForm(AdminForm):
    name = _name()
    directorate = forms.ModelChoiceField(
        queryset=None, empty_label="Choose a directorate",
        error_messages={"required": "Choose the directorate this service belongs to."},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = self.organisation.directorates.all()  # type: ignore[attr-defined]


class CommitteeForm(AdminForm):
    name = _name()
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Choose")] + list(Committee.Kind.choices),
        error_messages={"required": "Choose the kind of committee."},
    )  # fmt: skip
    directorate = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="None",
        help_text="For a Directorate Management Team, its directorate.",
    )  # fmt: skip
    remit = forms.CharField(
        label="Remit", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the committee looks at, in its own words.",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = self.organisation.directorates.all()  # type: ignore[attr-defined]


class PersonForm(AdminForm):
    first_name = _name("First name", 150)
    last_name = _name("Last name", 150)
    email = forms.EmailField(
        label="Email address", max_length=254,
        error_messages={"required": "Enter the email address.",
                        "invalid": "Enter an email address like name@council.example."},
    )  # fmt: skip
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    directorate = forms.ModelChoiceField(queryset=None, required=False, empty_label="None")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = self.organisation.directorates.all()  # type: ignore[attr-defined]


class RoleForm(AdminForm):
    role = forms.ChoiceField(
        label="Role", choices=[("", "Choose a role")] + list(Role.choices),
        error_messages={"required": "Choose the role."},
    )  # fmt: skip
    directorate = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All the council",
        label="Limited to directorate",
        help_text="A directorate intelligence team works for one directorate.",
    )  # fmt: skip
    committee = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="None", label="Committee",
        help_text="An elected member sits on a committee.",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directorate"].queryset = self.organisation.directorates.all()  # type: ignore[attr-defined]
        self.fields["committee"].queryset = self.organisation.committees.all()  # type: ignore[attr-defined]
