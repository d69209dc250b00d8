"""The CLT Scorecard page and its Excel download: parse the filters, build, render."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.text import slugify

from quarterly.core import clock
from quarterly.core.charts import ChartPoint, sparkline_svg
from quarterly.core.periods import Period, PeriodKind
from quarterly.organisation.access import can_read_register, organisation_for_request, require
from quarterly.organisation.models import Organisation
from quarterly.register.presentation import RAG_TAGS
from quarterly.register.selectors import filter_choices
from quarterly.reports.scorecard import (
    CHANGED_FILTERS,
    COMPARED_FILTERS,
    RAG_WORDS,
    SPC_SIGNAL_WORDS,
    Scorecard,
    ScorecardFilters,
    ScorecardRow,
    period_slug,
)
from quarterly.reports.scorecard_excel import scorecard_workbook
from quarterly.reports.selectors import (
    scorecard_build,
    scorecard_default_period,
    scorecard_periods,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPC_CHOICES = [("", "All"), *SPC_SIGNAL_WORDS.items()]
CHOICE_ERRORS = {
    "period": "Choose a quarter from the list.",
    "directorate": "Choose a directorate from the list.",
    "pillar": "Choose a pillar from the list.",
    "board": "Choose a Scrutiny Board from the list.",
    "rag": "Choose a RAG rating from the list.",
    "spc": "Choose an SPC signal from the list.",
    "highlight": "Choose which KPIs to show from the list.",
    "compared": "Choose how the KPIs compare with other areas from the list.",
    "changed": "Choose what changed since last quarter from the list.",
}
# The scorecard's table gives SPC in short words; its "Why" gives the full sentences.
VARIATION_SHORT = {
    "common_cause": "Common cause",
    "improvement_high": "Improvement (high)",
    "improvement_low": "Improvement (low)",
    "concern_high": "Concern (high)",
    "concern_low": "Concern (low)",
    "neutral_high": "Special cause (high)",
    "neutral_low": "Special cause (low)",
    "insufficient_data": "Too few points",
    "no_value": "No value",
}
SPC_SIGNAL_SHORT = {
    "improvement": "improvement",
    "concern": "concern",
    "common_cause": "common cause",
}
ASSURANCE_SHORT = {
    "pass": "Meeting target",
    "fail": "Missing target",
    "hit_and_miss": "Hit and miss",
    "none": "No target",
    "insufficient_data": "Too few points",
}
HIGHLIGHT_CHOICES = [("", "All KPIs"), ("yes", "Highlight items only"), ("no", "Not highlighted")]


class ScorecardFilterForm(forms.Form):
    period = forms.ChoiceField(required=False, label="Quarter")
    directorate = forms.ChoiceField(required=False, label="Directorate")
    pillar = forms.ChoiceField(required=False, label="Pillar")
    board = forms.ChoiceField(required=False, label="Scrutiny Board")
    rag = forms.ChoiceField(
        required=False, label="RAG rating", choices=[("", "All")] + list(RAG_WORDS.items())
    )
    spc = forms.ChoiceField(required=False, label="SPC signal", choices=SPC_CHOICES)
    highlight = forms.ChoiceField(
        required=False, label="Highlight items", choices=HIGHLIGHT_CHOICES
    )
    compared = forms.ChoiceField(
        required=False,
        label="Compared with other areas",
        choices=[("", "All")] + list(COMPARED_FILTERS.items()),
    )
    changed = forms.ChoiceField(
        required=False,
        label="Changed since last quarter",
        choices=[("", "All")] + list(CHANGED_FILTERS.items()),
    )

    def __init__(
        self,
        *args: Any,
        periods: list[Period],
        choices: dict[str, Any],
        default: Period | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.periods = periods
        self.default = default if default in periods else (periods[0] if periods else None)
        self.fields["period"].choices = [(period_slug(p), p.label) for p in periods]
        self.fields["period"].initial = period_slug(self.default) if self.default else ""
        for name, key in (("directorate", "directorates"), ("pillar", "pillars")):
            self.fields[name].choices = [("", "All")] + [(o.slug, o.name) for o in choices[key]]
        self.fields["board"].choices = [("", "All")] + [(b.slug, b.name) for b in choices["boards"]]
        for name, message in CHOICE_ERRORS.items():
            self.fields[name].error_messages["invalid_choice"] = message

    def chosen_period(self) -> Period:
        """The chosen quarter; by default the latest with published results (or this quarter,
        if there are no results at all)."""
        chosen = self.data.get("period") if self.is_bound else None
        for period in self.periods:
            if period_slug(period) == chosen:
                return period
        if self.default is not None:
            return self.default
        return Period.containing(clock.today(), PeriodKind.QUARTER)

    def filters(self) -> ScorecardFilters:
        """The valid filters; an invalid one is shown in the error summary and ignored."""
        if not self.is_bound:
            return ScorecardFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k != "period" and v}
        return ScorecardFilters(**data)

    def described(self) -> str:
        """The filters in words, for the Excel header: "Directorate: Resources; RAG rating: Red"."""
        filters = self.filters()
        parts = []
        for name in (field.name for field in dataclasses.fields(ScorecardFilters)):
            value = getattr(filters, name)
            if value:
                label = dict(self.fields[name].choices)[value]  # type: ignore[attr-defined]
                parts.append(f"{self.fields[name].label}: {label}")
        return "; ".join(parts) or "None: every KPI you may read"


def _build(request: HttpRequest) -> tuple[ScorecardFilterForm, Scorecard, Organisation]:
    require(can_read_register(request.user))
    organisation = organisation_for_request(request)
    periods = scorecard_periods(user=request.user, organisation=organisation)
    form = ScorecardFilterForm(
        request.GET or None,
        periods=periods,
        choices=filter_choices(organisation=organisation),
        default=scorecard_default_period(user=request.user, organisation=organisation),
    )
    scorecard = scorecard_build(
        user=request.user,
        organisation=organisation,
        period=form.chosen_period(),
        filters=form.filters(),
    )
    return form, scorecard, organisation


@login_required
def index(request: HttpRequest) -> HttpResponse:
    form, scorecard, _organisation = _build(request)
    query = QueryDict(mutable=True)
    query["period"] = period_slug(scorecard.period)
    for name, value in vars(scorecard.filters).items():
        if value:
            query[name] = value
    groups = [
        {"name": group.name, "rows": [_shown(row) for row in group.rows]}
        for group in scorecard.groups
    ]
    return render(
        request,
        "scorecard/index.html",
        {
            "form": form,
            "scorecard": scorecard,
            "groups": groups,
            "counts": [
                (label, count, RAG_TAGS.get(status, "govuk-tag--grey"))
                for status, label, count in scorecard.rag_counts
            ],
            "highlights": [_shown(row) for row in scorecard.highlights],
            "excel_query": query.urlencode(),
            "previous_label": scorecard.period.previous().label,
            # the column only where some KPI is compared with other areas
            "compared_column": any(row.standing for row in scorecard.rows),
        },
    )


@login_required
def excel(request: HttpRequest) -> HttpResponse:
    form, scorecard, organisation = _build(request)
    content = scorecard_workbook(scorecard, generated=clock.today(), filters_text=form.described())
    response = HttpResponse(content, content_type=XLSX)
    name = f"clt-scorecard-{organisation.slug}-{period_slug(scorecard.period)}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _shown(row: ScorecardRow) -> dict[str, Any]:
    """What the template needs beyond the row: its tag colour and its sparkline."""
    spark = ""
    if row.sparkline is not None:
        values = row.sparkline.values
        points = [ChartPoint("", v) for v in values]
        points[0] = ChartPoint(row.sparkline.first, values[0])
        points[-1] = ChartPoint(row.sparkline.last, values[-1])
        spark = sparkline_svg(
            points,
            title=f"{row.reference} recent results",
            unit_prefix="£" if row.unit == "currency" else "",
            unit_suffix={"percentage": "%", "days": " days"}.get(row.unit, ""),
            decimals=row.decimal_places,
            width=96,
            height=28,
        )
    return {
        "row": row,
        "rag_class": RAG_TAGS.get(row.rag.status, "govuk-tag--grey"),
        "sparkline": spark,
        "anchor": f"highlight-{slugify(row.reference)}",
        "earlier_spc": SPC_SIGNAL_SHORT.get(row.earlier.spc_signal, "") if row.earlier else "",
        "target_parts": row.target.text.split(", "),  # a value target: "60.0%", "tolerance 2.0"
        "variation": VARIATION_SHORT.get(row.variation.status, row.variation.label),
        "assurance": ASSURANCE_SHORT.get(row.assurance.status, row.assurance.label),
    }
