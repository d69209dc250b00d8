"""The performance team's report pages: choose, read, write the narrative, download, publish.

Views only parse input, call a selector or a service (`reports.services`: the narrative and
publishing, each atomic and audited) and render.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from quarterly.core.periods import Period, PeriodError
from quarterly.organisation.access import can_build_reports, organisation_for_request, require
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.reports.compiler import report_compile
from quarterly.reports.models import (
    COMMITTEE_OF_KIND,
    NARRATIVE_KEYS,
    SECTIONS,
    Report,
    ReportKind,
    narrative_defaults,
)
from quarterly.reports.render_docx import report_docx
from quarterly.reports.render_pdf import report_html, report_pdf
from quarterly.reports.rules import ReportError, narrative_fingerprint, report_period
from quarterly.reports.selectors import (
    narrative_texts,
    published_report_list,
    published_reports_of,
    scorecard_default_period,
)
from quarterly.reports.services import StaleNarrative, narrative_save, report_publish

MAX_NARRATIVE = 10_000
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}

# --------------------------------------------------------------------------------------------
# Reading the URL
# --------------------------------------------------------------------------------------------


def period_slug(period: Period) -> str:
    return period.label.lower().replace("/", "-").replace(" ", "-")


def _period(slug: str) -> Period:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-q([1-4]))?", slug)
    if match is None:
        raise Http404
    try:
        year = Period.parse(f"{match[1]}/{match[2]}")
        return Period.quarter(year.fy, int(match[3])) if match[3] else year
    except PeriodError:
        raise Http404 from None


def _scope(
    organisation: Organisation, kind: str, slug: str
) -> tuple[Committee | None, Directorate | None]:
    if kind in COMMITTEE_OF_KIND:
        board = organisation.committees.filter(kind=COMMITTEE_OF_KIND[kind], slug=slug).first()
        if board is None:
            raise Http404
        return board, None
    if kind == ReportKind.DMT:
        directorate = organisation.directorates.filter(slug=slug).first()
        if directorate is None:
            raise Http404
        return None, directorate
    if slug != "council":
        raise Http404
    return None, None


def _report_args(request: HttpRequest, kind: str, period: str, scope: str) -> dict[str, Any]:
    """The checked arguments for a report, from its URL; 404 for anyone but the team."""
    require(can_build_reports(request.user))
    organisation = organisation_for_request(request)
    board, directorate = _scope(organisation, kind, scope)
    try:
        chosen = report_period(kind, _period(period))
    except ReportError:
        raise Http404 from None
    return {
        "organisation": organisation,
        "kind": kind,
        "period": chosen,
        "board": board,
        "directorate": directorate,
    }


def report_url(name: str, args: Mapping[str, Any], **extra: str) -> str:
    scope = args["board"] or args["directorate"]
    return reverse(
        f"reports:{name}",
        kwargs={
            "kind": args["kind"],
            "period": period_slug(args["period"]),
            "scope": scope.slug if scope else "council",
            **extra,
        },
    )


def _compiled(args: Mapping[str, Any]) -> Report:
    narrative = narrative_texts(**args)
    return report_compile(**args, narrative=narrative)


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


class ReportChoiceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Report", choices=ReportKind.choices, widget=forms.Select,
        error_messages={"required": "Choose a report."},
    )  # fmt: skip
    period = forms.CharField(
        label="Period",
        help_text='A quarter, such as "2024/25 Q2"; for the annual report, a year: "2024/25".',
        error_messages={"required": 'Enter a period, such as "2024/25 Q2".'},
    )
    scope = forms.ChoiceField(
        label="Committee or directorate",
        required=False,
        help_text="For a committee's report (Scrutiny Board, Health and Wellbeing Board, "
        "Community Committee, Full Council, Executive members' digest) or a Directorate "
        "Management Team report.",
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committee_kinds = {
            c.slug: c.kind
            for c in organisation.committees.filter(kind__in=COMMITTEE_OF_KIND.values())
        }
        committees = organisation.committees.filter(kind__in=COMMITTEE_OF_KIND.values())
        self.fields["scope"].choices = [("council", "The whole council")] + [
            (f"board:{c.slug}", c.name) for c in committees.order_by("kind", "name")
        ] + [(f"directorate:{d.slug}", d.name) for d in organisation.directorates.all()]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, text = data.get("kind"), data.get("period")
        if kind and text:
            try:
                data["chosen"] = report_period(kind, Period.parse(text))
            except (PeriodError, ReportError) as error:
                self.add_error("period", str(error))
        scope = data.get("scope") or "council"
        committee = COMMITTEE_OF_KIND.get(kind)  # type: ignore[call-overload]
        if committee is not None:
            if self.committee_kinds.get(scope.partition("board:")[2]) != committee:
                word = "board" if committee.label.endswith("Board") else "committee"
                self.add_error("scope", f"Choose the {word} this report is for.")
        elif kind == ReportKind.DMT and not scope.startswith("directorate:"):
            self.add_error("scope", "Choose the directorate this report is for.")
        elif kind and kind != ReportKind.DMT and scope != "council":
            self.add_error("scope", "Choose the whole council: this report is for it.")
        return data


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(can_build_reports(request.user))
    organisation = organisation_for_request(request)
    latest = scorecard_default_period(user=request.user, organisation=organisation)
    form = ReportChoiceForm(
        request.GET or None,
        organisation=organisation,
        initial={"period": latest.label} if latest else {},
    )
    if request.GET and form.is_valid():
        scope = (form.cleaned_data.get("scope") or "council").partition(":")[2] or "council"
        return redirect(
            "reports:report",
            kind=form.cleaned_data["kind"],
            period=period_slug(form.cleaned_data["chosen"]),
            scope=scope,
        )
    published = published_report_list(organisation=organisation)
    return render(request, "reports/index.html", {"form": form, "published": published})


@login_required
def report_page(request: HttpRequest, kind: str, period: str, scope: str) -> HttpResponse:
    args = _report_args(request, kind, period, scope)
    report = _compiled(args)
    earlier = published_reports_of(
        organisation=args["organisation"], kind=kind, scope=report.scope, period=args["period"]
    )
    links = {name: report_url("download", args, fmt=name) for name in CONTENT_TYPES}
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "downloads": links,
            "narrative_url": report_url("narrative", args),
            "publish_url": report_url("publish", args),
            "earlier": earlier,
        },
    )


class NarrativeForm(forms.Form):
    """The report's narrative sections, with a fingerprint of what the page was opened on."""

    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, headings: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, heading in headings.items():
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                max_length=MAX_NARRATIVE,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={
                    "max_length": f"“{heading}” must be {MAX_NARRATIVE:,} characters or fewer."
                },
            )


@login_required
def narrative_edit(request: HttpRequest, kind: str, period: str, scope: str) -> HttpResponse:
    args = _report_args(request, kind, period, scope)
    stored = narrative_texts(**args)
    scope_name = str(args["board"] or args["directorate"] or "")
    current = {
        **narrative_defaults(kind=kind, period=args["period"], scope_name=scope_name),
        **stored,
    }
    headings = {key: heading.format(pillars="council's pillars") for key, heading in SECTIONS}
    form = NarrativeForm(
        request.POST or None,
        headings=headings,
        initial={**current, "fingerprint": narrative_fingerprint(stored)},
    )
    if request.method == "POST" and form.is_valid():
        texts = {key: form.cleaned_data[key] for key in NARRATIVE_KEYS}
        try:
            narrative_save(
                **args, texts=texts, by=request.user, fingerprint=form.cleaned_data["fingerprint"]
            )
        except StaleNarrative as stale:
            form.add_error(None, str(stale))
        else:
            messages.success(request, "The report's text has been saved.")
            return redirect(report_url("report", args))
    return render(
        request,
        "reports/narrative.html",
        {"form": form, "args": args, "report_url": report_url("report", args)},
    )


@login_required
def download(request: HttpRequest, kind: str, period: str, scope: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    args = _report_args(request, kind, period, scope)
    report = _compiled(args)
    render_as = {"docx": report_docx, "pdf": report_pdf, "html": report_html}[fmt]
    body = render_as(report)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"{kind}-{period_slug(args['period'])}-{report.scope}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, kind: str, period: str, scope: str) -> HttpResponse:
    args = _report_args(request, kind, period, scope)
    args.pop("organisation")
    published = report_publish(
        organisation=organisation_for_request(request), **args, by=request.user
    )
    messages.success(request, f"“{published.title}” has been published.")
    return redirect(published)
