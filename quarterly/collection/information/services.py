"""A Scrutiny Board's information requests: ask, answer, and mark as reported in a pack.

Each write is validated and audited in one transaction; an answer is guarded against lost
updates by the request's `version`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quarterly.collection.cycles.services import date_text
from quarterly.collection.information.models import InformationRequest
from quarterly.core import clock
from quarterly.core.audit import audit_diff, audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.organisation.models import Committee
from quarterly.register.models import KPI
from quarterly.register.selectors import kpis_in_remit

AUDITED_FIELDS = ("question", "due_date", "owner", "status", "answer", "reported_in")


class StaleAnswer(Exception):
    """Someone else saved an answer after this person opened the request."""

    message = (
        "This answer has changed since you opened it. Your answer has not been saved: copy it, "
        "reload the page to see the latest answer, then make your changes again."
    )


def _link(path: str) -> str:
    return getattr(settings, "QUARTERLY_BASE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def request_email(request: InformationRequest, *, subject: str, intro: str) -> EmailMessage:
    """The email to a request's owner: the question, when it is due, and where to answer."""
    kpi = request.kpi
    body = "\n".join([
        f"Hello {request.owner.first_name or request.owner},", "", intro, "",
        f"{kpi.reference} {kpi.title}", "", request.question, "",
        f"Please answer by {request.due_date:%A} {date_text(request.due_date)}:",
        _link(reverse("information:answer", args=[request.pk])), "",
        f"Quarterly, {request.organisation.name}'s performance management system",
    ])  # fmt: skip
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.owner.email],
    )  # fmt: skip


@transaction.atomic
def information_request_create(
    *, committee: Committee, kpi: KPI, question: str, due_date: dt.date, by: Any
) -> InformationRequest:
    """A Scrutiny Board asks the owner of a KPI within its remit for more information; the
    owner (the KPI's accountable officer) is emailed at once."""
    question = question.replace("\r\n", "\n").strip()
    errors: dict[str, str] = {}
    if committee.kind != Committee.Kind.SCRUTINY_BOARD:
        errors["committee"] = "Only a Scrutiny Board asks for information this way."
    if not kpis_in_remit(committee).filter(pk=kpi.pk).exists():
        errors["kpi"] = f"{kpi.reference} is not within the remit of {committee.name}."
    elif kpi.accountable_officer is None:
        errors["kpi"] = (
            f"{kpi.reference} has no accountable officer recorded, so there is nobody to ask. "
            "Record one on the KPI first."
        )
    if not question:
        errors["question"] = "Enter the question the board is asking."
    if due_date <= clock.today():
        errors["due_date"] = f"The due date must be after today, {date_text(clock.today())}."
    if errors:
        raise ValidationError(errors)
    request = InformationRequest(
        organisation_id=committee.organisation_id, committee=committee, kpi=kpi,
        question=question, due_date=due_date, owner=kpi.accountable_officer, requested_by=by,
    )  # fmt: skip
    request.full_clean()
    request.save()
    audit_record(
        actor=by,
        target=request,
        action=AuditEntry.Action.CREATE,
        changes=audit_diff({}, audit_snapshot(request, AUDITED_FIELDS)),
        kpi_id=kpi.pk,
        note=f"Information requested by {committee.name}",
    )
    if request.owner.email:
        request_email(
            request,
            subject=f"{committee.name} asks about {kpi.reference}",
            intro=f"{committee.name} has asked for more information about a KPI you own:",
        ).send()
    return request


@transaction.atomic
def information_request_answer(
    *, request: InformationRequest, answer: str, version: int, by: Any
) -> InformationRequest:
    """Answer a request (or change the answer until a pack has carried it)."""
    locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if locked.version != version:
        raise StaleAnswer
    if locked.reported_at is not None:
        raise ValidationError(
            f"This answer went to the board in “{locked.reported_in}”, so it can no longer "
            "change. Ask the performance team to add a correction to the board's next report."
        )
    answer = answer.replace("\r\n", "\n").strip()
    if not answer:
        raise ValidationError({"answer": "Enter your answer to the board's question."})
    before = audit_snapshot(locked, AUDITED_FIELDS)
    locked.answer, locked.status = answer, InformationRequest.Status.ANSWERED
    changes = audit_diff(before, audit_snapshot(locked, AUDITED_FIELDS))
    if not changes:
        return locked
    locked.answered_by, locked.answered_at = by, timezone.now()
    locked.version += 1
    locked.full_clean()
    locked.save()
    audit_record(
        actor=by, target=locked, action=AuditEntry.Action.UPDATE, changes=changes,
        kpi_id=locked.kpi_id, note=f"Answered for {locked.committee.name}",
    )  # fmt: skip
    return locked


@transaction.atomic
def information_requests_mark_reported(
    *, committee: Committee, answered_before: dt.datetime, report_title: str, by: Any
) -> int:
    """Record that a published pack carried the board's answers given before it was compiled,
    so the next pack does not repeat them; returns how many."""
    answered = InformationRequest.objects.select_for_update().filter(
        committee=committee, status=InformationRequest.Status.ANSWERED, reported_at=None,
        answered_at__lte=answered_before,
    )  # fmt: skip
    count = 0
    now = timezone.now()
    for request in answered:
        before = audit_snapshot(request, AUDITED_FIELDS)
        request.reported_at, request.reported_in = now, report_title[:300]
        request.save(update_fields=["reported_at", "reported_in", "updated_at"])
        audit_record(
            actor=by, target=request, action=AuditEntry.Action.UPDATE,
            changes=audit_diff(before, audit_snapshot(request, AUDITED_FIELDS)),
            kpi_id=request.kpi_id, note="Reported to the board",
        )  # fmt: skip
        count += 1
    return count
