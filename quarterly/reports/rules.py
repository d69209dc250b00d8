"""Rules every report follows, whoever asks for it: the period each kind covers.

They sit below the compiler, the selectors and the services, which all need them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from quarterly.core.periods import Period, PeriodKind
from quarterly.reports.models import ReportKind


class ReportError(ValueError):
    """A report that cannot be compiled; the message is for the person who asked for it."""


def report_period(kind: str, period: Period) -> Period:
    """The period a kind of report covers: a quarter, or (annual) a financial year, or (Full
    Council) a financial year or the half-year to its second quarter."""
    if kind == ReportKind.ANNUAL:
        return period.financial_year_period()
    if kind == ReportKind.FULL_COUNCIL:
        if period.kind == PeriodKind.QUARTER and period.number == 2:
            return period  # the half-year summary: results to the end of Q2
        if period.kind == PeriodKind.QUARTER:
            raise ReportError(
                'A Full Council summary covers a year, such as "2024/25", or a half-year, '
                'such as "2024/25 Q2".'
            )
        return period.financial_year_period()
    if period.kind != PeriodKind.QUARTER:
        raise ReportError(f'A {kind.upper()} report covers a quarter, such as "2024/25 Q2".')
    return period


def narrative_fingerprint(texts: Mapping[str, str]) -> str:
    """What the narrative form was opened on, so a save can tell whether someone else has
    changed the text since (lost-update guard)."""
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:32]
