from __future__ import annotations

from typing import Any

from django import forms

from quarterly.collection.results.gaps import figures_resolve
from quarterly.collection.results.models import (
    COMMENTARY_MAX_LENGTH,
    DATA_QUALITY_NOTE_MAX_LENGTH,
    MISSING_REASON_MAX_LENGTH,
)
from quarterly.core.numbers import NumberError, parse_number
from quarterly.core.suppression import SUPPRESSION_MARKS_WORDS, Suppressed, suppression_mark


class NumberField(forms.DecimalField):
    """A figure read exactly as the bulk upload reads it: a number (`core.numbers.parse_number`),
    or the mark a source writes for a figure it withheld (`core.suppression`)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        mark = suppression_mark(str(value))
        if mark is not None:
            return mark
        try:
            return parse_number(str(value))
        except NumberError as error:
            raise forms.ValidationError(
                self.error_messages[error.code], code=error.code, params={"max": 6}
            ) from None

    def validate(self, value: Any) -> None:
        if not isinstance(value, Suppressed):
            super().validate(value)

    def run_validators(self, value: Any) -> None:
        if not isinstance(value, Suppressed):
            super().run_validators(value)


def _number(label: str, *, required: bool = False, hint: str = "") -> forms.DecimalField:
    return NumberField(
        label=label,
        required=required,
        max_digits=18,
        decimal_places=6,
        help_text=hint,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "autocomplete": "off"}
        ),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"The {label.lower()} must be a number, like 61.2, or the source's mark "
            f"for a figure it withheld ({SUPPRESSION_MARKS_WORDS}).",
            "max_digits": f"The {label.lower()} is too long.",
            "max_decimal_places": f"The {label.lower()} can have at most 6 decimal places.",
        },
    )


class ResultEntryForm(forms.Form):
    """A key contact's result for one KPI and period."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    value = _number(
        "Result",
        hint="If the source withheld the figure or it is not available, enter its mark "
        f"({SUPPRESSION_MARKS_WORDS}), or leave this empty and give the reason below.",
    )
    numerator = _number(
        "Numerator",
        hint="Where the result is a rate or percentage: the count it is calculated from.",
    )
    denominator = _number("Denominator", hint="The total the numerator is out of.")
    missing_reason = forms.CharField(
        label="Reason a figure is missing",
        required=False,
        max_length=MISSING_REASON_MAX_LENGTH,
        help_text="Where there is no result, or its numerator or denominator was withheld: why. "
        "The period is shown as a gap with this reason, never as 0.",
    )
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        max_length=COMMENTARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The reasons for the result and the actions being taken. Required when the result is red or a highlight item.",
    )
    data_quality_note = forms.CharField(
        label="Data-quality note",
        required=False,
        max_length=DATA_QUALITY_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything that limits how far the figure can be relied on.",
    )

    def __init__(self, *args: Any, correcting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if correcting:
            self.fields["correction_reason"] = forms.CharField(
                label="Why are you correcting this result outside its cycle?",
                max_length=250,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="The history of changes records this reason with the correction.",
                error_messages={
                    "required": "Enter the reason for correcting this result outside its cycle."
                },
            )

    def values(self) -> dict[str, Any]:
        """The result's fields; a mark or a zero denominator becomes no value with its reason
        (`results.gaps`), as the bulk upload stores it."""
        data = self.cleaned_data
        return {
            **figures_resolve(
                value=data.get("value"),
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
                reason=data.get("missing_reason", ""),
            ),  # fmt: skip
            "commentary": data.get("commentary", ""),
            "data_quality_note": data.get("data_quality_note", ""),
        }


class ReturnForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why are you returning this result?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The key contact sees this and corrects the result.",
        error_messages={
            "required": "Enter the reason for returning this result, so the key contact knows what to correct."
        },
    )
