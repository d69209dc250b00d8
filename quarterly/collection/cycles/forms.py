"""Forms for the reporting timetable. Dates are one text input each, as "24 10 2025"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.results.rules import period_frequency_breach
from quarterly.core.dates import DateTextError, date_from_text
from quarterly.core.periods import Period, PeriodError, financial_year_label
from quarterly.organisation.models import Committee, Organisation

DATE_HINT = "For example, 24 10 2025"


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
        try:
            return date_from_text(str(value))
        except DateTextError as error:
            if error.unreal:
                raise ValidationError(f"The {self.noun} must be a real date.") from None
            raise ValidationError(
                f"Enter the {self.noun} as a date, for example 24 10 2025."
            ) from None


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


class ReleaseDateForm(forms.Form):
    """One KPI's expected national release date for one period, entered by hand."""

    kpi = forms.ChoiceField(
        label="KPI",
        error_messages={
            "required": "Choose the KPI.",
            "invalid_choice": "Choose a KPI from the list.",
        },
    )
    period = forms.CharField(
        label="Period",
        help_text='The period whose result is released, for example "2025/26" or "2025/26 Q2".',
        error_messages={"required": "Enter the period."},
    )
    release_date = DateTextField(label="Release date")
    source = forms.CharField(
        label="Source (optional)",
        required=False,
        max_length=200,
        help_text="Where the date comes from, for example the ONS release calendar.",
    )

    def __init__(self, *args: Any, kpis: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpis = {kpi.reference: kpi for kpi in kpis}
        self.fields["kpi"].choices = [("", "Choose a KPI")] + [
            (kpi.reference, f"{kpi.reference} {kpi.title}") for kpi in kpis
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kpi = self.kpis.get(data.get("kpi", ""))
        text = data.get("period")
        if kpi is None or not text:
            return data
        try:
            period = Period.parse(text)
        except PeriodError as error:
            self.add_error("period", str(error))
            return data
        breach = period_frequency_breach(frequency=kpi.frequency, period=period)
        if breach:
            self.add_error("period", breach)
        data["kpi_object"], data["period_object"] = kpi, period
        return data
