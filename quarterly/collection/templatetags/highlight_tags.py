from __future__ import annotations

from typing import Any

from django import template

from quarterly.collection.highlights.selectors import highlights_for_commentary
from quarterly.organisation.access import can_enter_some_results

register = template.Library()


@register.simple_tag
def highlight_commentary_due(user: Any, cycle: Any) -> dict[str, int]:
    """How many of the person's KPIs are confirmed highlight items, and how many still need
    their commentary: for the short section on "My KPIs"."""
    if cycle is None or not can_enter_some_results(user):
        return {"items": 0, "awaiting": 0}
    items = highlights_for_commentary(user=user, cycle=cycle)
    return {
        "items": len(items),
        "awaiting": sum(1 for item in items if item.commentary_received_at is None),
    }
