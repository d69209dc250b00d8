"""Forms for a board's information request and its owner's answer; limits come from the model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from quarterly.collection.cycles.forms import DATE_HINT, DateTextField
from quarterly.collection.information.models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH


class InformationRequestForm(forms.Form):
    kpi = forms.ModelChoiceField(
        queryset=None, label="KPI", empty_label="Choose a KPI",
        help_text="A KPI within the board's remit. Its accountable officer is asked.",
        error_messages={"required": "Choose the KPI the board is asking about.",
                        "invalid_choice": "Choose a KPI from the list."},
    )  # fmt: skip
    question = forms.CharField(
        label="What does the board want to know?",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter the question the board is asking.",
            "max_length": f"The question must be {QUESTION_MAX_LENGTH:,} characters or fewer.",
        },
    )
    due_date = DateTextField(
        label="Due date", help_text=f"When the board needs the answer. {DATE_HINT}"
    )

    def __init__(self, *args: Any, kpis: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kpi"]
        field.queryset = kpis  # type: ignore[attr-defined]
        field.label_from_instance = lambda kpi: f"{kpi.reference} {kpi.title}"  # type: ignore[attr-defined]


class InformationAnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label="Your answer",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="The board reads this in its next report.",
        error_messages={
            "required": "Enter your answer to the board's question.",
            "max_length": f"The answer must be {ANSWER_MAX_LENGTH:,} characters or fewer.",
        },
    )
