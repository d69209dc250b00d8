"""The reports' writes: the performance team's narrative, and publishing. Each is atomic and
audited; views and commands only parse input, call them and render."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quarterly.collection.information.services import information_requests_mark_reported
from quarterly.core.audit import audit_record
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.organisation.models import Committee, Directorate, Organisation
from quarterly.reports.compiler import report_compile
from quarterly.reports.models import (
    NARRATIVE_KEYS,
    PublishedReport,
    ReportKind,
    ReportNarrative,
)
from quarterly.reports.render_docx import report_docx
from quarterly.reports.render_pdf import report_pdf
from quarterly.reports.rules import narrative_fingerprint, report_period
from quarterly.reports.selectors import narrative_rows, narrative_texts


class StaleNarrative(Exception):
    """Someone else changed the report's text after this person opened it."""

    message = (
        "Someone else changed this report's text since you opened this page. Your changes have "
        "not been saved: copy them, reload the page and make them again."
    )


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
    fingerprint: str | None = None,
) -> int:
    """Store the report's narrative sections; returns how many changed. Each change is audited.

    With `fingerprint` (`narrative_fingerprint` of the stored text the editor opened), refuse
    with `StaleNarrative` if someone else has saved since.
    """
    unknown = set(texts) - set(NARRATIVE_KEYS)
    if unknown:
        raise ValidationError(f"There is no section called {', '.join(sorted(unknown))}.")
    scope = {"board": board, "directorate": directorate}
    stored = {
        n.section: n
        for n in narrative_rows(organisation=organisation, kind=kind, period=period, **scope)
        .select_for_update()
    }  # fmt: skip
    opened = {section: row.text for section, row in stored.items()}
    if fingerprint is not None and fingerprint != narrative_fingerprint(opened):
        raise StaleNarrative(StaleNarrative.message)
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
    """Compile the report, generate its files and freeze all three exactly as they are now.

    A Scrutiny Board's report carries the board's new answers to its information requests;
    once published, they are marked as reported, so the next report does not repeat them.

    Only the write is atomic: compiling and rendering the PDF take seconds, and on SQLite a
    transaction holds the database's write lock from its start, so holding one while rendering
    would keep every other writer waiting.
    """
    scope = {"board": board, "directorate": directorate}
    narrative = narrative_texts(organisation=organisation, kind=kind, period=period, **scope)
    compiled_at = timezone.now()  # answers given before this are in the report
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
        if kind == ReportKind.SCRUTINY and board is not None:
            information_requests_mark_reported(
                committee=board, answered_before=compiled_at, report_title=report.title, by=by
            )
    return published
