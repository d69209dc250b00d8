"""Reads for the cycle, each scoped to who is asking. Missing and forbidden both answer 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404

from quarterly.collection.results.models import Result
from quarterly.core.periods import Period, PeriodError, PeriodKind
from quarterly.organisation.access import (
    can_enter_result,
    can_publish,
    can_sign_off,
    results_visible_to,
)
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI


def period_slug(period: Period) -> str:
    """A period in a URL: unambiguous kind and start date, e.g. "quarter.2024-07-01"."""
    return f"{period.kind.value}.{period.start.isoformat()}"


def period_from_slug(slug: str) -> Period:
    kind, _, start = slug.partition(".")
    try:
        return Period(PeriodKind(kind), dt.date.fromisoformat(start))
    except (ValueError, TypeError, PeriodError):
        raise Http404("No such period.") from None


def kpi_for_entry(*, user: Any, organisation: Organisation, reference: str) -> KPI:
    kpi = (
        KPI.objects.filter(organisation=organisation, reference=reference, status=KPI.Status.ACTIVE)
        .select_related("directorate")
        .prefetch_related("key_contacts", "targets")
        .first()
    )
    if kpi is None or not can_enter_result(user, kpi):
        raise Http404
    return kpi


def result_get_for_user(*, user: Any, organisation: Organisation, pk: int, action: str) -> Result:
    """The result, if the person may do `action` ("view", "sign_off", "return", "publish")."""
    result = (
        results_visible_to(user, Result.objects.filter(kpi__organisation=organisation, pk=pk))
        .select_related("kpi", "kpi__directorate")
        .first()
    )
    if result is None:
        raise Http404
    allowed = {
        "view": True,
        "sign_off": can_sign_off(user, result.kpi),
        "return": can_sign_off(user, result.kpi),
        "publish": can_publish(user),
    }[action]
    if not allowed:
        raise Http404
    return result
