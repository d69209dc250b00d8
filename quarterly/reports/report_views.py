"""The performance team's report pages: choose, read, write the narrative, download, publish.

The two writes (`narrative_save`, `report_publish`) sit at the top of this module as services,
each atomic and audited; views only parse input, call them and render.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from quarterly.core.audit import audit_record
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period, PeriodError
from quarterly.organisation.access import can_build_reports, organisation_for_request, require
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.reports.compiler import ReportError, report_compile, report_period
from quarterly.reports.models import (
    NARRATIVE_KEYS,
    SECTIONS,
    PublishedReport,
    Report,
    ReportKind,
    ReportNarrative,
    narrative_defaults,
)
from quarterly.reports.render_docx import report_docx
from quarterly.reports.render_pdf import report_html, report_pdf

MAX_NARRATIVE = 10_000
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}

# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


@transaction.atomic
def narrative_save(
    *,
    organisation: Organisation,
    kind: str,
    period: Period,
    board: Committee | None,
    directorate: Directorate | None,
    texts: Mapping[str, str],
    by: Any,
) -> int:
    """Store the report's narrative sections; returns how many changed. Each change is audited."""
    unknown = set(texts) - set(NARRATIVE_KEYS)
    if unknown:
        raise ValidationError(f"There is no section called {', '.join(sorted(unknown))}.")
    scope = {"board": board, "directorate": directorate}
    stored = {
        n.section: n
        for n in narrative_rows(organisation=organisation, kind=kind, period=period, **scope)
        .select_for_update()
    }  # fmt: skip
    changed = 0
    for section, text in texts.items():
        text = text.replace("\r\n", "\n").strip()
        row = stored.get(section)
        if row is not None and row.text == text:
            continue
        before = row.text if row is not None else None
        if row is None:
            row = ReportNarrative(
                organisation=organisation, kind=kind, period_label=period.label, section=section,
                **scope,
            )  # fmt: skip
        row.text, row.updated_by = text, by
        row.full_clean()
        row.save()
        audit_record(
            actor=by,
            target=row,
            action=AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE,
            changes={"text": [before, text]},
        )
        changed += 1
    return changed


def report_publish(
    *,
    organisation: Organisation,
    kind: str,
    period: Period,
    board: Committee | None,
    directorate: Directorate | None,
    by: Any,
) -> PublishedReport:
    """Compile the report, generate its files and freeze all three exactly as they are now."""
    scope = {"board": board, "directorate": directorate}
    narrative = narrative_texts(organisation=organisation, kind=kind, period=period, **scope)
    report = report_compile(
        kind=kind, period=period, organisation=organisation, narrative=narrative, **scope
    )
    docx, pdf = report_docx(report), report_pdf(report)
    period = report_period(kind, period)
    with transaction.atomic():
        published = PublishedReport.objects.create(
            organisation=organisation, kind=kind, period_label=period.label,
            period_kind=period.kind.value, period_start=period.start, scope=report.scope,
            scope_name=report.scope_name, title=report.title, content=report.to_dict(),
            values=report.values, docx=docx, pdf=pdf, published_by=by,
            published_at=timezone.now(), **scope,
        )  # fmt: skip
        audit_record(
            actor=by,
            target=published,
            action=AuditEntry.Action.CREATE,
            changes={"published": [None, report.title]},
        )
    return published


# --------------------------------------------------------------------------------------------
# Selectors: the narrative as stored
# --------------------------------------------------------------------------------------------


def narrative_rows(
    *,
    organisation: Organisation,
    kind: str,
    period: Period,
    board: Committee | None = None,
    directorate: Directorate | None = None,
) -> QuerySet[ReportNarrative]:
    return ReportNarrative.objects.filter(
        organisation=organisation, kind=kind, period_label=report_period(kind, period).label,
        board=board, directorate=directorate,
    )  # fmt: skip


def narrative_texts(**scope: Any) -> dict[str, str]:
    """The narrative the performance team has written for a report, by section."""
    return {n.section: n.text for n in narrative_rows(**scope)}


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
    if kind == ReportKind.SCRUTINY:
        board = organisation.committees.filter(
            kind=Committee.Kind.SCRUTINY_BOARD, slug=slug
        ).first()
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
        label="Board or directorate",
        required=False,
        help_text="For a Scrutiny Board or a Directorate Management Team report.",
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        boards = organisation.committees.filter(kind=Committee.Kind.SCRUTINY_BOARD)
        self.fields["scope"].choices = [("council", "The whole council")] + [
            (f"board:{b.slug}", b.name) for b in boards
        ] + [(f"directorate:{d.slug}", d.name) for d in organisation.directorates.all()]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, text = data.get("kind"), data.get("period")
        if kind and text:
            try:
                data["chosen"] = report_period(kind, Period.parse(text))
            except (PeriodError, ReportError) as error:
                self.add_error("period", str(error))
        wanted = {"scrutiny": "board:", "dmt": "directorate:"}.get(kind or "", "council")
        if kind and not (data.get("scope") or "council").startswith(wanted):
            self.add_error("scope", f"Choose the {'whole council' if wanted == 'council' else wanted[:-1]} this report is for.")  # fmt: skip
        return data


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require(can_build_reports(request.user))
    organisation = organisation_for_request(request)
    form = ReportChoiceForm(request.GET or None, organisation=organisation)
    if request.GET and form.is_valid():
        scope = (form.cleaned_data.get("scope") or "council").partition(":")[2] or "council"
        return redirect(
            "reports:report",
            kind=form.cleaned_data["kind"],
            period=period_slug(form.cleaned_data["chosen"]),
            scope=scope,
        )
    published = PublishedReport.objects.filter(organisation=organisation).defer(
        "content", "values", "docx", "pdf"
    )[:50]
    return render(request, "reports/index.html", {"form": form, "published": published})


@login_required
def report_page(request: HttpRequest, kind: str, period: str, scope: str) -> HttpResponse:
    args = _report_args(request, kind, period, scope)
    report = _compiled(args)
    earlier = PublishedReport.objects.filter(
        organisation=args["organisation"], kind=kind, scope=report.scope,
        period_label=args["period"].label,
    ).defer("content", "values", "docx", "pdf")  # fmt: skip
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


def _fingerprint(texts: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:32]


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
    headings = {key: heading.format(pillars="council's") for key, heading in SECTIONS}
    form = NarrativeForm(
        request.POST or None,
        headings=headings,
        initial={**current, "fingerprint": _fingerprint(stored)},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["fingerprint"] != _fingerprint(stored):
            form.add_error(
                None,
                "Someone else changed this report's text since you opened this page. Your "
                "changes have not been saved: copy them, reload the page and make them again.",
            )
        else:
            texts = {key: form.cleaned_data[key] for key in NARRATIVE_KEYS}
            narrative_save(**args, texts=texts, by=request.user)
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
