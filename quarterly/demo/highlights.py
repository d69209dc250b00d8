"""Highlight items of the demo's closed quarters, so past CLT and DMT packs have them.

For each closed cycle the rules propose items from the results (`highlights_propose`, with
England's values), as the performance team's review would; the demo's performance officer
confirms the few with the most reasons and dismisses the rest, and each confirmed item's key
contact gives commentary, labelled illustrative. A cycle where anyone has decided an item
already is left alone, so loading again changes nothing.
"""

from __future__ import annotations

from quarterly.benchmarking.selectors import england_values
from quarterly.benchmarking.standing import standings
from quarterly.collection.highlights.services import (
    highlight_commentary_submit,
    highlight_confirm,
    highlight_dismiss,
    highlights_propose,
)
from quarterly.collection.models import HighlightItem, ReportingCycle
from quarterly.demo.timeline import DemoTimeline
from quarterly.organisation.models import Organisation, Person, Role

CONFIRMED_PER_CYCLE = 4
REASONS = (
    "Illustrative demo commentary. The service reviewed this result with its accountable "
    "officer: {why}"
)
ACTIONS = (
    "Illustrative demo commentary. The service has an improvement plan for this measure, "
    "reviewed monthly at the directorate management team, and will report progress next quarter."
)


def _performance_officer(organisation: Organisation) -> Person | None:
    return (
        Person.objects.filter(
            organisation=organisation, role_assignments__role=Role.PERFORMANCE_TEAM
        )
        .order_by("pk")
        .first()
    )


def demo_highlights_load(organisation: Organisation, timeline: DemoTimeline) -> None:
    by = _performance_officer(organisation)
    cycles = ReportingCycle.objects.filter(
        organisation=organisation, status=ReportingCycle.Status.CLOSED
    ).order_by("financial_year", "quarter")
    decided = {HighlightItem.Status.CONFIRMED, HighlightItem.Status.DISMISSED}
    for cycle in cycles:
        if cycle.period > timeline.published_quarter:
            continue
        if cycle.highlights.filter(status__in=decided).exists():
            continue  # already reviewed
        highlights_propose(cycle=cycle, by=by, england_values=england_values, standings=standings)
        proposed = sorted(
            cycle.highlights.filter(status=HighlightItem.Status.PROPOSED)
            .select_related("kpi", "cycle")
            .prefetch_related("kpi__key_contacts"),
            key=lambda item: (-len(item.reasons), item.kpi.reference),
        )
        for rank, item in enumerate(proposed):
            if rank >= CONFIRMED_PER_CYCLE:
                highlight_dismiss(item=item, by=by)
                continue
            item = highlight_confirm(item=item, by=by)
            contact = next(iter(item.kpi.key_contacts.all()), None)
            highlight_commentary_submit(
                item=item,
                reasons_for_result=REASONS.format(why=" ".join(item.reasons)),
                actions_being_taken=ACTIONS,
                by=contact,
            )
