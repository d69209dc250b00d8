"""Form fields that read what a person types exactly as an uploaded workbook's cells are read
(`core.numbers`, `core.answers`), so a web form and an import give the same message for the same
bad value."""

from __future__ import annotations

from typing import Any

from django import forms

from quarterly.core.answers import AnswerError, parse_choice, parse_list
from quarterly.core.numbers import NumberError, parse_number, parse_whole_number


class NumberField(forms.CharField):
    """A number, as `core.numbers.parse_number` reads it; empty is None."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_number(text)
        except NumberError as error:
            raise forms.ValidationError(str(error), code=error.code) from None


class WholeNumberField(NumberField):
    """A whole number of 0 or more, as `core.numbers.parse_whole_number` reads it."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value: Any) -> Any:
        text = forms.CharField.to_python(self, value)
        if not text:
            return None
        try:
            return parse_whole_number(text)
        except NumberError as error:
            raise forms.ValidationError(str(error), code=error.code) from None


class AnswerChoiceField(forms.ChoiceField):
    """One of a fixed list of choices, by value or label, as `core.answers.parse_choice` reads
    it (the first, empty choice is the prompt)."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        try:
            return parse_choice(text, [(str(v), str(label)) for v, label in self.choices if v])
        except AnswerError as error:
            raise forms.ValidationError(str(error)) from None

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)  # the value was checked against the choices above


class NameField(forms.ChoiceField):
    """A record picked by name from a list; the form resolves the name with the domain's own
    rule, which also gives the message for a name that is not there."""

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


class NamesField(forms.MultipleChoiceField):
    """Records picked by name (checkboxes); the form resolves each name, as `NameField`."""

    widget = forms.CheckboxSelectMultiple

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


class ListField(forms.CharField):
    """Items typed one per line (or separated by semicolons), as a workbook's list cell."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return parse_list(super().to_python(value) or "")
