from __future__ import annotations

from django import forms


def _text(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=5000,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "max_length": f"The {label.lower()} must be 5,000 characters or fewer.",
        },
    )


class HighlightCommentaryForm(forms.Form):
    """A key contact's commentary on a highlight item, as the performance report prints it."""

    reasons_for_result = _text(
        "Reasons for the result",
        "Why the result is what it is: what changed, and anything the figure does not show.",
    )
    actions_being_taken = _text(
        "Actions being taken",
        "What the service is doing about it, who is doing it and by when.",
    )
