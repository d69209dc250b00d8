"""The release calendar: when national sources are expected to publish KPIs' results.

Writes are bulk (a calendar arrives as a file) and audited like the timetable's; a date that
did not change writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from quarterly.collection.cycles.models import ExpectedRelease
from quarterly.core.audit import audit_record_many
from quarterly.core.models import AuditEntry
from quarterly.core.periods import Period
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI


@dataclass(frozen=True)
class ReleaseRow:
    kpi: KPI
    period: Period
    release_date: dt.date
    source: str = ""


@dataclass(frozen=True)
class ReleasesSaved:
    added: int
    changed: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"Release dates: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged."
        )


@transaction.atomic
def releases_save(*, rows: Sequence[ReleaseRow], by: Any, note: str = "") -> ReleasesSaved:
    """Record each KPI's expected release date for a period, or move one already recorded."""
    existing = {
        (r.kpi_id, r.period_kind, r.period_start): r
        for r in ExpectedRelease.objects.select_for_update().filter(
            kpi_id__in={row.kpi.pk for row in rows}
        )
    }
    new, changed, entries = [], [], []
    unchanged = 0
    for row in rows:
        key = (row.kpi.pk, row.period.kind.value, row.period.start)
        release = existing.get(key)
        if release is None:
            release = ExpectedRelease(
                kpi=row.kpi, period_kind=key[1], period_start=key[2],
                release_date=row.release_date, source=row.source,
            )  # fmt: skip
            new.append(release)
            continue
        if (release.release_date, release.source) == (row.release_date, row.source):
            unchanged += 1
            continue
        change = {"release_date": [release.release_date.isoformat(), row.release_date.isoformat()]}
        release.release_date, release.source = row.release_date, row.source
        changed.append(release)
        entries.append((release, AuditEntry.Action.UPDATE, change))
    ExpectedRelease.objects.bulk_create(new)
    now = dt.datetime.now(dt.UTC)
    for release in changed:
        release.updated_at = now  # bulk_update does not fill auto_now fields
    ExpectedRelease.objects.bulk_update(changed, ["release_date", "source", "updated_at"])
    entries += [
        (r, AuditEntry.Action.CREATE, {"release_date": [None, r.release_date.isoformat()]})
        for r in new
    ]
    audit_record_many(actor=by, entries=entries, note=note or "Release calendar")
    return ReleasesSaved(len(new), len(changed), unchanged)


def releases_upcoming(*, organisation: Organisation, today: dt.date) -> list[ExpectedRelease]:
    """The council's expected releases from today on, soonest first."""
    return list(
        ExpectedRelease.objects.filter(kpi__organisation=organisation, release_date__gte=today)
        .select_related("kpi")
        .order_by("release_date", "kpi__reference")
    )
