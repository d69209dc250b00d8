"""Forms for the reporting timetable. Dates are one text input each, as "24 10 2025"."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.core.periods import Period, financial_year_label
from quarterly.organisation.models import Committee, Organisation

DATE_HINT = "For example, 24 10 2025"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),  # fmt: skip
        start=1,
    )
    for name in names
}


def parse_date_text(text: str) -> tuple[int, int, int] | None:
    """Read "24 10 2025", "24/10/2025", "24 October 2025" or "2025-10-24" as (year, month, day).

    Returns None when the text is not written as a date at all; the caller checks the date exists.
    """
    parts = [p for p in re.split(r"[\s/.,\-]+", text.strip().lower()) if p]
    if len(parts) != 3:
        return None
    if len(parts[0]) == 4 and parts[0].isdigit():
        parts = [parts[2], parts[1], parts[0]]  # ISO order, as a browser or a script writes it
    day, month, year = parts
    if not month.isdigit():
        if month not in _MONTHS:
            return None
        month = str(_MONTHS[month])
    if not (day.isdigit() and year.isdigit() and len(year) == 4):
        return None
    return int(year), int(month), int(day)


class DateTextField(forms.Field):
    """A date typed into one text input, as the GOV.UK hint "For example, 24 10 2025" invites."""

    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self.noun = label[0].lower() + label[1:]
        kwargs.setdefault("help_text", DATE_HINT)
        kwargs.setdefault("error_messages", {"required": f"Enter the {self.noun}."})
        super().__init__(label=label, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return f"{value.day} {value.month} {value.year}"
        return value

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        parts = parse_date_text(str(value))
        if parts is None:
            raise ValidationError(f"Enter the {self.noun} as a date, for example 24 10 2025.")
        try:
            return dt.date(*parts)
        except ValueError:
            raise ValidationError(f"The {self.noun} must be a real date.") from None


class CycleForm(forms.Form):
    submission_deadline = DateTextField(
        label="Submission deadline",
        help_text=f"When key contacts' results are due. {DATE_HINT}",
    )
    directorate_check_date = DateTextField(
        label="Directorate check date",
        help_text=f"When directorate teams finish checking and signing off. {DATE_HINT}",
    )


class MeetingForm(forms.Form):
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(),
        empty_label="Choose a committee",
        error_messages={
            "required": "Choose the committee.",
            "invalid_choice": "Choose one of the council's committees.",
        },
    )
    cycle = forms.ModelChoiceField(
        queryset=ReportingCycle.objects.none(),
        required=False,
        label="Results it receives",
        empty_label="Not a quarter's results",
        error_messages={"invalid_choice": "Choose one of this year's quarters."},
    )
    date = DateTextField(label="Date")
    title = forms.CharField(
        max_length=200,
        help_text="For example: Quarter 2 performance report.",
        error_messages={
            "required": "Enter a title for the meeting, for example Quarter 2 performance report.",
            "max_length": "The title must be 200 characters or fewer.",
        },
    )

    def __init__(
        self, *args: Any, organisation: Organisation, financial_year: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.financial_year = financial_year
        self.fields["committee"].queryset = Committee.objects.filter(
            organisation=organisation
        ).order_by("kind", "name")
        self.fields["cycle"].queryset = ReportingCycle.objects.filter(
            organisation=organisation, financial_year=financial_year
        ).order_by("quarter")
        self.fields["cycle"].label_from_instance = lambda cycle: cycle.period.label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        date = data.get("date")
        year = Period.financial_year(self.financial_year)
        if "cycle" in data and data.get("cycle") is None and date and not year.contains(date):
            self.add_error(
                "date",
                f"A meeting that does not receive a quarter's results must fall within "
                f"{financial_year_label(self.financial_year)} (1 April {year.start.year} to "
                f"31 March {year.end.year}).",
            )
        return data


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, against the field it names."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
