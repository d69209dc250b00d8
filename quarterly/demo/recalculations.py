"""SPC recalculation points in the demo.

Once the results are loaded, the suggestion rule runs over every active KPI (as
`quarterly suggest-recalculations` does), so the KPIs with a sustained shift show a suggested
point on their page. The performance team has accepted one, giving the known change that
explains the shift, so its chart shows a break; the rest await their decision.

Safe to run again: nothing is suggested twice, and once a point is accepted no other is.
"""

from __future__ import annotations

from django.db import transaction

from quarterly.collection.models import RecalculationPoint
from quarterly.collection.results.recalculations import (
    recalculation_accept,
    recalculations_suggest,
    recalculations_suggest_all,
)
from quarterly.demo.people import DEMO_DOMAIN
from quarterly.organisation.models import Organisation, Person
from quarterly.register.models import KPI

# The KPI whose suggested point the performance team accepts, if the rule suggests one there,
# and why; otherwise the first suggestion, with the general reason.
ACCEPTED = {
    "CHE-04": (
        "Known change in counting: from this period households placed by the council in "
        "temporary accommodation outside Leeds are counted too. (Illustrative demo reason.)"
    ),
}
GENERAL_REASON = (
    "Known change in counting: the service changed how it records this measure from this "
    "period, after a data quality review. (Illustrative demo reason.)"
)


def demo_recalculations_load(organisation: Organisation) -> int:
    """Suggest points for every active KPI, and accept one; returns how many were suggested."""
    kpis = list(
        KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
        .prefetch_related("results", "recalculation_points")
        .order_by("reference")
    )
    suggested = recalculations_suggest_all(kpis=kpis)
    _accept_one(organisation)
    return suggested


@transaction.atomic
def _accept_one(organisation: Organisation) -> None:
    points = RecalculationPoint.objects.filter(kpi__organisation=organisation).select_related("kpi")
    if points.filter(status=RecalculationPoint.Status.ACCEPTED).exists():
        return
    suggested = list(
        points.filter(status=RecalculationPoint.Status.SUGGESTED).order_by(
            "kpi__reference", "period_start"
        )
    )
    if len(suggested) < 2:
        return  # leave the only suggestion for the performance team to decide
    preferred = [p for p in suggested if p.kpi.reference in ACCEPTED]
    point = (preferred or suggested)[0]
    recalculation_accept(
        point=point,
        reason=ACCEPTED.get(point.kpi.reference, GENERAL_REASON),
        version=point.version,
        by=Person.objects.get(username=f"performance@{DEMO_DOMAIN}"),
    )
    # The limits now start again there, so the rule looks at the series afresh, as the next
    # `quarterly suggest-recalculations` would; the next run of the demo then finds nothing new.
    recalculations_suggest(kpi=point.kpi)
