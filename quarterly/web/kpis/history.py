"""A KPI's history of changes, as each reader may see it (the rule for results applies)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from quarterly.collection.models import Result
from quarterly.core.models import AuditEntry
from quarterly.organisation.access import sees_unpublished
from quarterly.register.models import KPI, Target


def kpi_history(*, user: Any, kpi: KPI, limit: int = 200) -> list[HistoryEntry]:
    """The KPI's audit history as this person may see it, newest first.

    Officers see every change to the KPI, its targets and its results. Everyone else (elected
    members) sees the same rule as for results (`results_visible_to`): changes to the KPI and its
    targets, and results only once published: the values as they were published, and later
    revisions of published values. Drafts, submissions, returns, sign-off and highlight-item
    reasoning never reach them.
    """
    entries = AuditEntry.objects.filter(kpi_id=kpi.pk).select_related("target_type")
    if sees_unpublished(user):
        return [HistoryEntry(entry, entry.changes) for entry in entries[:limit]]
    return _published_history(entries, limit)


@dataclass(frozen=True)
class HistoryEntry:
    """An audit entry and the changes this reader may see; `published` marks the moment a
    result's values were published (shown as the values, not as a change)."""

    entry: AuditEntry
    changes: dict[str, list[str | None]]
    published: bool = False


_PUBLISHED = "published"


def _published_history(entries: QuerySet[AuditEntry], limit: int) -> list[HistoryEntry]:
    """Replay each result's entries in order to know its status before and after each change,
    and keep only what was public at the time."""
    result_type = ContentType.objects.get_for_model(Result)
    public_types = {ContentType.objects.get_for_model(model).pk for model in (KPI, Target)}
    states: dict[int, dict[str, str | None]] = {}
    shown: list[HistoryEntry] = []
    for entry in entries.order_by("at", "id"):
        if entry.target_type_id in public_types:
            shown.append(HistoryEntry(entry, entry.changes))
            continue
        if entry.target_type_id != result_type.pk:
            continue  # highlight items and anything else about the cycle: officers only
        before = states.get(entry.target_id, {})
        after = {**before, **{name: pair[1] for name, pair in entry.changes.items()}}
        states[entry.target_id] = after
        if after.get("status") != _PUBLISHED or entry.action == AuditEntry.Action.DELETE:
            continue
        if before.get("status") == _PUBLISHED:
            shown.append(HistoryEntry(entry, entry.changes))
        else:
            values = {
                name: [None, value]
                for name, value in after.items()
                if value is not None and name != "status"
            }
            shown.append(HistoryEntry(entry, values, published=True))
    shown.reverse()
    return shown[:limit]


def history_rows(entries: list[HistoryEntry]) -> list[dict[str, Any]]:
    """Audit entries as a person reads them: field labels and choice labels, not column names."""
    rows = []
    for item in entries:
        entry = item.entry
        model = entry.target_type.model_class()
        changes = []
        for name, (before, after) in item.changes.items():
            try:
                field = model._meta.get_field(name) if model else None
            except Exception:  # a field since removed keeps its stored name
                field = None
            choices = dict(field.flatchoices) if field is not None and field.choices else {}
            label = str(field.verbose_name) if field is not None else name.replace("_", " ")
            changes.append(
                {
                    "field": label[:1].upper() + label[1:],
                    "before": choices.get(before, before),
                    "after": choices.get(after, after),
                }
            )
        rows.append({"entry": entry, "changes": changes, "published": item.published})
    return rows
