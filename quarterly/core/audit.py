"""The audit trail: services record every change to a KPI, target or result here.

Audited models are written only through services (never `QuerySet.update()`, which would bypass
the history); `quarterly/core/tests/test_audit_guard.py` checks the code for such calls.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from quarterly.core.models import AuditEntry


def audit_value(value: Any) -> str | None:
    """A field value as it should read in the history: stable text, None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(str(v) for v in value)) or None
    return str(value)


def audit_snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str | None]:
    return {name: audit_value(getattr(instance, name)) for name in fields}


def record_fingerprint(snapshot: Mapping[str, str | None]) -> str:
    """A short fingerprint of a record's audited values: an edit form carries the one it was
    opened with, and the service refuses the edit if the stored record's differs (someone else
    saved in between), without a version column on every table."""
    text = json.dumps(dict(snapshot), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def audit_diff(
    before: Mapping[str, str | None], after: Mapping[str, str | None]
) -> dict[str, list[str | None]]:
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor: Any,
    target: models.Model,
    action: str,
    changes: Mapping[str, list[str | None]],
    kpi_id: int | None = None,
    note: str = "",
) -> AuditEntry | None:
    """Record one change. An update that changed nothing records nothing."""
    if action == AuditEntry.Action.UPDATE and not changes:
        return None
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_name=(actor.get_full_name() or actor.email or actor.username) if is_person else "",
        action=action,
        target_type=ContentType.objects.get_for_model(type(target)),
        target_id=target.pk,
        target_repr=str(target)[:300],
        kpi_id=kpi_id,
        changes=dict(changes),
        note=note[:300],
    )


def audit_record_many(
    *,
    actor: Any,
    entries: Sequence[tuple[models.Model, str, Mapping[str, list[str | None]]]],
    note: str = "",
) -> None:
    """Record many changes in bulk. Each target must have a `kpi_id` or be a KPI."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    name = (actor.get_full_name() or actor.email or actor.username) if is_person else ""
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor if is_person else None,
                actor_name=name,
                action=action,
                target_type=ContentType.objects.get_for_model(type(target)),
                target_id=target.pk,
                target_repr=str(target)[:300],
                kpi_id=getattr(target, "kpi_id", None),
                changes=dict(changes),
                note=note[:300],
            )
            for target, action, changes in entries
            if changes or action != AuditEntry.Action.UPDATE
        ],
        batch_size=500,
    )
