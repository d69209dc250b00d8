"""Forms for proposing and agreeing targets, and recording the yearly review of the KPI list.
They parse input; the rules (and their messages) are the models' and the services'."""

from __future__ import annotations

from typing import Any

from django import forms

from quarterly.core.numbers import NumberError, parse_number
from quarterly.core.periods import financial_year_label
from quarterly.register.models import KPIListReview, TargetProposal

_RATIONALE = TargetProposal._meta.get_field("rationale")
_COMMENT = TargetProposal._meta.get_field("comment")
_AGREED_BY = KPIListReview._meta.get_field("agreed_by")
_NOTES = KPIListReview._meta.get_field("notes")


class _NumberField(forms.DecimalField):
    """A number read as results are read (`core.numbers.parse_number`)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return parse_number(str(value))
        except NumberError as error:
            raise forms.ValidationError(
                self.error_messages[error.code], code=error.code, params={"max": 6}
            ) from None


def _number(label: str, *, hint: str, name: str) -> forms.DecimalField:
    return _NumberField(
        label=label,
        required=False,
        max_digits=18,
        decimal_places=6,
        help_text=hint,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}
        ),
        error_messages={
            "invalid": f"The {name} must be a number, like 61.2.",
            "max_digits": f"The {name} is too long.",
            "max_decimal_places": f"The {name} can have at most 6 decimal places.",
        },
    )


def _years(years: list[int]) -> list[tuple[int, str]]:
    return [(y, financial_year_label(y)) for y in years]


class TargetProposalForm(forms.Form):
    """A KPI's proposed target for a year: a value with its tolerance, or a direction."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    financial_year = forms.TypedChoiceField(
        label="Financial year", coerce=int,
        error_messages={"required": "Choose the financial year.",
                        "invalid_choice": "Choose one of the financial years listed."},
    )  # fmt: skip
    value = _number(
        "Target value", name="target value",
        hint="In the KPI's unit. Leave empty for an interim direction target.",
    )  # fmt: skip
    tolerance = _number(
        "Tolerance", name="tolerance",
        hint="How far the result may miss the target and still be amber, in the KPI's unit.",
    )  # fmt: skip
    direction = forms.ChoiceField(
        label="Or an interim direction",
        required=False,
        choices=[("", "None: a value target")] + list(TargetProposal.Direction.choices),
        help_text="Only where no value can be agreed yet.",
    )
    rationale = forms.CharField(
        label="Why this target?",
        max_length=_RATIONALE.max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=str(_RATIONALE.help_text),
        error_messages={"required": "Enter why this target is right, for the DMT to agree it."},
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["financial_year"].choices = _years(years)  # type: ignore[attr-defined]


class TargetSendBackForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    comment = forms.CharField(
        label="What should the owner change?",
        max_length=_COMMENT.max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the target is being sent back, so its owner knows what to change."
        },
    )


class KPIListReviewForm(forms.Form):
    financial_year = forms.TypedChoiceField(
        label="The KPI list for", coerce=int,
        error_messages={"required": "Choose the financial year."},
    )  # fmt: skip
    agreed_on = forms.DateField(
        label="Date agreed",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="For example, 27/3/2026.",
        error_messages={
            "required": "Enter the date the list was agreed.",
            "invalid": "Enter the date the list was agreed as day/month/year, like 27/3/2026.",
        },
    )
    agreed_by = forms.CharField(
        label="Agreed by",
        max_length=_AGREED_BY.max_length,
        help_text=str(_AGREED_BY.help_text),
        error_messages={"required": "Enter who agreed the list."},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=_NOTES.max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the review decided. What changed since the previous review is added "
        "from the records.",
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["financial_year"].choices = _years(years)  # type: ignore[attr-defined]
