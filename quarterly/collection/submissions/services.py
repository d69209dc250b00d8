"""The life of a submitted result: draft → submitted → signed off → published, or returned.

One service per transition; each checks the state it starts from, records who and when, and
writes its audit entry in the same transaction. Edits carry the version the editor opened, so
two people saving the same result cannot silently overwrite each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quarterly.collection.cycles.due import cycle_for_period, cycle_quarter_for, reporting_quarter
from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.highlights.models import HighlightItem
from quarterly.collection.results.models import Result
from quarterly.collection.results.recalculations import recalculations_suggest
from quarterly.collection.results.rules import period_frequency_breach, period_not_started_breach
from quarterly.collection.results.services import RESULT_AUDITED_FIELDS, Checking, result_check
from quarterly.core import clock
from quarterly.core.audit import audit_diff, audit_record, audit_snapshot
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.organisation.access import can_administer_register
from quarterly.register.models import KPI


class StaleResult(Exception):
    """Someone else changed the result after this person opened it."""

    message = "This result has changed since you opened this page. Your changes have not been saved: reload the page to see the latest version, then make your changes again."


class WrongState(Exception):
    """The transition does not start from the result's current state."""


class OwnSubmission(WrongState):
    """The person signing off submitted the result: councils separate these duties."""


EDITABLE = {Result.Status.DRAFT, Result.Status.RETURNED}
OWN_SUBMISSION = (
    "You submitted this result, so someone else must sign it off (separation of duties)."
)


def sign_off_refusal(*, result: Result, by: Any) -> str | None:
    """Why this person may not sign off this result, or None (their permission aside).

    The person who submitted a result does not sign it off too, unless the council has turned
    on ALLOW_SELF_SIGN_OFF.
    """
    if settings.ALLOW_SELF_SIGN_OFF or by is None:
        return None
    if result.submitted_by_id is not None and result.submitted_by_id == by.pk:
        return OWN_SUBMISSION
    return None


def _refuse_own_submission(result: Result, by: Any) -> None:
    reason = sign_off_refusal(result=result, by=by)
    if reason:
        raise OwnSubmission(reason)


def commentary_required_reason(*, kpi: KPI, period: Period, value: Any) -> str | None:
    """Why commentary is required for this result, or None: red against target, or a highlight item."""
    from quarterly.collection.results.judgement import rag_for_value

    rating = rag_for_value(kpi=kpi, period=period, value=value)
    if rating is not None and rating.status == "red":
        return f"Explain this result: it is red against its target. {rating.sentence}"
    cycle_quarter = cycle_quarter_for(period)
    highlighted = (
        cycle_quarter is not None
        and HighlightItem.objects.filter(
            kpi=kpi,
            status=HighlightItem.Status.CONFIRMED,
            cycle__financial_year=period.fy,
            cycle__quarter=cycle_quarter,
        ).exists()
    )
    if highlighted:
        return "Explain this result: the performance team has made this KPI a highlight item."
    return None


def _locked(kpi: KPI, period: Period) -> Result | None:
    return (
        Result.objects.select_for_update()
        .filter(kpi=kpi, period_kind=period.kind.value, period_start=period.start)
        .first()
    )


@transaction.atomic
def result_enter(
    *,
    kpi: KPI,
    period: Period,
    fields: Mapping[str, Any],
    submit: bool,
    version: int | None,
    by: Any,
    correction_reason: str = "",
    checking: Checking | None = None,
) -> Result:
    """Save a key contact's result as a draft, or submit it for sign-off.

    `version` is the result's version when the form was opened (None when there was no result);
    a different version now means someone else saved in between, and nothing is saved.
    Results are entered while their cycle is open; outside it, only the performance team may
    correct a result, giving a `correction_reason` that the audit entry records. An upload
    passes `checking`: the rounding its counts declare, and its other rows.
    """
    entry_window_check(kpi=kpi, period=period, correction_reason=correction_reason, by=by)
    result_check(kpi=kpi, fields=fields, period=period, checking=checking)
    if submit and not str(fields.get("commentary") or "").strip():
        reason = commentary_required_reason(kpi=kpi, period=period, value=fields.get("value"))
        if reason:
            raise ValidationError({"commentary": reason})
    result = _locked(kpi, period)
    if (result.version if result else None) != version:
        raise StaleResult
    if result is not None and result.status not in EDITABLE:
        raise WrongState(
            f"{kpi.reference} {period.label} is {result.get_status_display().lower()}: ask the "
            "directorate team to return it for correction before changing it."
        )
    creating = result is None
    if result is None:
        result = Result(
            kpi=kpi, period_kind=period.kind.value, period_start=period.start, period_end=period.end
        )
    before = {} if creating else audit_snapshot(result, RESULT_AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(result, name, value)
    now = timezone.now()
    result.status = Result.Status.SUBMITTED if submit else Result.Status.DRAFT
    result.submitted_by = by
    if submit:
        result.submitted_at = now
        result.returned_reason = ""
    changes = audit_diff(before, audit_snapshot(result, RESULT_AUDITED_FIELDS))
    if not creating:
        result.version += 1
    # The one-result-per-period constraint is left to the database: checking it here could pass
    # while another person's insert is landing, and the IntegrityError below is what catches that.
    result.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            result.save()
    except IntegrityError:
        # Two people created the same KPI's result for the same period at the same moment.
        raise StaleResult from None
    audit_record(
        actor=by,
        target=result,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=changes,
        kpi_id=kpi.pk,
        note=_entry_note(submit=submit, correction_reason=correction_reason),
    )
    return result


def _entry_note(*, submit: bool, correction_reason: str) -> str:
    note = "Submitted for sign-off" if submit else "Saved as draft"
    if correction_reason.strip():
        note = f"Correction outside the open cycle ({note.lower()}): {correction_reason.strip()}"
    return note[:300]


def entry_window(*, kpi: KPI, period: Period) -> tuple[bool, str]:
    """Whether the period's cycle is open for entry, and if not, why, in words."""
    cycle = cycle_for_period(kpi.organisation_id, period)
    quarter = reporting_quarter(period)
    if cycle is not None and cycle.status == ReportingCycle.Status.OPEN:
        return True, ""
    if cycle is None:
        state = "is not in the reporting timetable"
    elif cycle.status == ReportingCycle.Status.PLANNED:
        state = "has not opened yet"
    else:
        state = "has closed"
    return False, (
        f"{period.label} is reported in the {quarter.label} cycle, which {state}: results are "
        "entered only while their cycle is open. The performance team can correct a result "
        "outside its cycle, giving a reason."
    )


def period_refusal(*, kpi: KPI, period: Period) -> str | None:
    """Why no result can ever be entered for this period now, whoever asks: it has not started,
    or it is not of the KPI's frequency. None when it may be."""
    return period_not_started_breach(period=period, today=clock.today()) or period_frequency_breach(
        frequency=kpi.frequency, period=period
    )


def entry_window_check(*, kpi: KPI, period: Period, correction_reason: str, by: Any) -> None:
    """Raise ValidationError (on "period") unless a result may be entered for this period now:
    the period has started, is of the KPI's frequency, and its cycle is open, or the
    performance team is correcting it with a reason."""
    breach = period_refusal(kpi=kpi, period=period)
    if breach:
        raise ValidationError({"period": breach})
    is_open, why = entry_window(kpi=kpi, period=period)
    if is_open:
        return
    if not correction_reason.strip():
        raise ValidationError({"period": why})
    if not can_administer_register(by):
        raise ValidationError(
            {"period": "Only the performance team can correct a result outside its cycle."}
        )


def _transition(
    result: Result,
    *,
    to: str,
    allowed_from: set[str],
    by: Any,
    version: int | None,
    note: str,
    check: Callable[[Result], None] | None = None,
    **fields: Any,
) -> Result:
    """Move a result to `to`; `check` may refuse the locked result for a reason beyond its state."""
    locked = Result.objects.select_for_update().select_related("kpi").get(pk=result.pk)
    if version is not None and locked.version != version:
        raise StaleResult
    if locked.status not in allowed_from:
        allowed = " or ".join(sorted(Result.Status(s).label.lower() for s in allowed_from))
        raise WrongState(
            f"{locked} is {locked.get_status_display().lower()}; only a result that is {allowed} can be "
            f"{Result.Status(to).label.lower()}."
        )
    if check is not None:
        check(locked)
    before = audit_snapshot(locked, RESULT_AUDITED_FIELDS)
    locked.status = to
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    audit_record(
        actor=by,
        target=locked,
        action=AuditEntry.Action.UPDATE,
        changes=audit_diff(before, audit_snapshot(locked, RESULT_AUDITED_FIELDS)),
        kpi_id=locked.kpi_id,
        note=note,
    )
    return locked


@transaction.atomic
def result_submit(*, result: Result, by: Any, version: int | None = None) -> Result:
    return _transition(
        result, to=Result.Status.SUBMITTED, allowed_from=EDITABLE, by=by, version=version,
        note="Submitted for sign-off", submitted_by=by, submitted_at=timezone.now(), returned_reason="",
    )  # fmt: skip


@transaction.atomic
def result_sign_off(*, result: Result, by: Any, version: int | None = None) -> Result:
    """Sign off a submitted result; its submitter may not (see `sign_off_refusal`)."""
    return _transition(
        result, to=Result.Status.SIGNED_OFF, allowed_from={Result.Status.SUBMITTED}, by=by,
        version=version, note="Signed off", signed_off_by=by, signed_off_at=timezone.now(),
        check=lambda locked: _refuse_own_submission(locked, by),
    )  # fmt: skip


@transaction.atomic
def result_return(*, result: Result, reason: str, by: Any, version: int | None = None) -> Result:
    """Send a result back to its key contact for correction, saying why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": "Enter the reason for returning this result, so the key contact knows what to correct."
            }
        )
    return _transition(
        result, to=Result.Status.RETURNED,
        allowed_from={Result.Status.SUBMITTED, Result.Status.SIGNED_OFF}, by=by, version=version,
        note=f"Returned for correction: {reason}"[:300], returned_reason=reason,
        signed_off_by=None, signed_off_at=None,
    )  # fmt: skip


@transaction.atomic
def result_publish(*, result: Result, by: Any, version: int | None = None) -> Result:
    """Publish a signed-off result, then look for a sustained shift to suggest a recalculation
    point for."""
    published = _transition(
        result, to=Result.Status.PUBLISHED, allowed_from={Result.Status.SIGNED_OFF}, by=by,
        version=version, note="Published", published_at=timezone.now(),
    )  # fmt: skip
    recalculations_suggest(kpi=published.kpi)
    return published
