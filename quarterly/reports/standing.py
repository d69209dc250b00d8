"""The CLT Scorecard's rows with how the council compares with other areas on each KPI
(`benchmarking.standing`), for the latest national publication whose period had begun by
`day`: a quarter's scorecard compares with what was published for that time, not later years.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from quarterly.benchmarking.standing import standings
from quarterly.register.models import KPI
from quarterly.reports.scorecard import ScorecardRow


def with_standings(
    rows: Sequence[ScorecardRow], kpis: Sequence[KPI], *, day: dt.date
) -> list[ScorecardRow]:
    """The scorecard's rows, each with its KPI's standing among other areas."""
    by_id = standings(kpis, day)
    ids = {kpi.reference: kpi.pk for kpi in kpis}
    return [dataclasses.replace(row, standing=by_id.get(ids.get(row.reference, 0))) for row in rows]
