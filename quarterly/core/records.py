"""Saving and deleting a simple record (a pillar, a directorate, a committee...): validated,
guarded against lost updates, and audited in the same transaction. Domain services call these
after checking their own rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from quarterly.core.audit import audit_diff, audit_record, audit_snapshot, record_fingerprint
from quarterly.core.models import AuditEntry

M = TypeVar("M", bound=models.Model)


class StaleRecord(Exception):
    """Someone else saved the record after this person opened it; nothing was saved."""

    message = (
        "This record has changed since you opened this page. Your changes have not been saved: "
        "reload the page to see the latest version, then make your changes again."
    )


def record_version(instance: models.Model, audited: Iterable[str]) -> str:
    """The fingerprint an edit form carries (see `core.audit.record_fingerprint`)."""
    return record_fingerprint(audit_snapshot(instance, audited))


@transaction.atomic
def record_save(
    *,
    instance: M,
    fields: Mapping[str, Any],
    audited: Iterable[str],
    by: Any,
    version: str | None = None,
    note: str = "",
) -> M:
    """Create `instance` (with no primary key yet) or change it to `fields`, and record the change.

    `version` is `record_version` when the edit form was opened; a different one now raises
    StaleRecord and saves nothing. A record that would not change is not written.
    """
    audited = tuple(audited)
    creating = instance.pk is None
    before: dict[str, str | None] = {}
    if not creating:
        instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        before = audit_snapshot(instance, audited)
        if version is not None and record_fingerprint(before) != version:
            raise StaleRecord
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    changes = audit_diff(before, audit_snapshot(instance, audited))
    if not creating and not changes:
        return instance
    instance.save()
    audit_record(
        actor=by,
        target=instance,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        changes=changes,
        note=note,
    )
    return instance


@transaction.atomic
def record_delete(
    *, instance: models.Model, audited: Iterable[str], by: Any, note: str = ""
) -> None:
    """Delete `instance`, recording its last values. The caller has checked it is not in use."""
    before = audit_snapshot(instance, audited)
    audit_record(
        actor=by,
        target=instance,
        action=AuditEntry.Action.DELETE,
        changes={name: [value, None] for name, value in before.items() if value is not None},
        note=note,
    )
    instance.delete()
