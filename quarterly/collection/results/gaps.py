"""A result with no value: turning figures as they come into the fields a Result stores.

The entry form, the bulk upload and the register workbook read each of value, numerator and
denominator as a number, a suppression mark (`core.suppression`) or nothing, and pass them
here, so all three store a gap the same way:

- A mark in the value stores no value, with the mark's reason ('Suppressed to protect
  confidentiality (marked "c")').
- A mark in the numerator or denominator stores that count as empty, with its reason; with no
  value given either, that reason is why there is no value. Beside a published value, the reason
  says which count was withheld.
- A denominator of 0 gives no figure: the value is stored as none ("The denominator is 0")
  when it is empty or 0 (a spreadsheet's 0 ÷ 0 written as 0); the 0 denominator is kept.
  Any other value beside a zero denominator is refused by the rules (`rules.result_breaches`).
- A reason typed by a person (the form's or the file's "Reason a figure is missing") is kept as
  written in place of the marks' words; the workbook writes a gap back that way, so it
  round-trips.

Nothing is invented: a gap is never stored as 0, and a value is never computed from counts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from quarterly.core.suppression import Suppressed

Figure = Decimal | Suppressed | None
ZERO_DENOMINATOR = "The denominator is 0"
FIGURES = ("value", "numerator", "denominator")


def figures_resolve(
    *, value: Figure, numerator: Figure, denominator: Figure, reason: str = ""
) -> dict[str, Any]:
    """The stored fields (value, numerator, denominator, missing_reason) for figures as given."""
    given = {"value": value, "numerator": numerator, "denominator": denominator}
    fields: dict[str, Any] = {}
    reasons: list[str] = []
    for name in FIGURES:
        figure = given[name]
        if isinstance(figure, Suppressed):
            reasons.append(figure.reason("" if name == "value" else name.capitalize()))
            fields[name] = None
        else:
            fields[name] = figure
    if (
        fields["denominator"] == 0
        and not isinstance(value, Suppressed)
        and (fields["value"] is None or fields["value"] == 0)
    ):
        fields["value"] = None
        reasons.insert(0, ZERO_DENOMINATOR)
    fields["missing_reason"] = reason.strip() or "; ".join(reasons)
    return fields
