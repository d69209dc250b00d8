"""How the council compares with other areas on each KPI, as the scorecard and reports show it.

The figures come from `benchmarking.kpi_comparisons` (the same selector as the KPI page's "How
Leeds compares"), for the latest national publication whose period had begun by `day`: a
quarter's scorecard compares with what was published for that time, not with later years.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from quarterly.benchmarking.kpi_comparisons import KPIComparison, kpi_comparisons
from quarterly.register.models import KPI
from quarterly.reports.scorecard import ScorecardRow, Standing


def standing_of(comparison: KPIComparison) -> Standing | None:
    """The council's standing in each comparator group where it has a rank; None when it has
    none anywhere (no national indicator, no value, no groups)."""
    ranked = [g for g in comparison.groups if g.own is not None and g.own.rank is not None]
    if not ranked or comparison.period is None or comparison.indicator is None:
        return None
    return Standing(
        period=comparison.period.label,
        indicator=comparison.indicator.name.strip(),
        places=tuple(g.place for g in ranked),
        sentences=tuple(g.sentence for g in ranked),
        bottom_quartile=any(g.bottom_quartile for g in ranked),
        worse_than_england=any(g.worse_than_england for g in ranked),
    )


def standings(*, kpis: Sequence[KPI], day: dt.date) -> dict[int, Standing]:
    """Each KPI's standing by KPI id, for those that have one; a constant number of queries."""
    found = kpi_comparisons(kpis=kpis, day=day)
    out = {pk: standing_of(comparison) for pk, comparison in found.items()}
    return {pk: standing for pk, standing in out.items() if standing is not None}


def with_standings(
    rows: Sequence[ScorecardRow], kpis: Sequence[KPI], *, day: dt.date
) -> list[ScorecardRow]:
    """The scorecard's rows, each with its KPI's standing among other areas."""
    by_reference = standings(kpis=kpis, day=day)
    ids = {kpi.reference: kpi.pk for kpi in kpis}
    return [
        dataclasses.replace(row, standing=by_reference.get(ids.get(row.reference, 0)))
        for row in rows
    ]
