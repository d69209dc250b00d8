"""What changed in each KPI's scorecard row since the previous quarter.

The scorecard's filter "Changed since last quarter" compares a KPI's row for the chosen quarter
with its row in the previous quarter's scorecard:

- its **RAG rating changed** when both rows show a result and the rating (red, amber, green or
  not rated) differs: amber in 2024/25 Q1 and red in 2024/25 Q2, say;
- its **SPC signal changed** when both rows have an SPC signal (special cause improvement,
  special cause concern or common cause variation) and it differs.

A KPI whose first result has just arrived, or whose result for the quarter is missing, has not
changed (the RAG filter's "No result" finds the missing ones); nor has one that had too few
points for SPC before. Each row shows the result of its own kind of period, so an annual KPI
shows the same year in both quarters, and changes only in the quarter a new year is reported.

Both quarters are judged from the results as they stand now (a revised result counts as
revised) and as the reader may see them: exactly what the previous quarter's scorecard shows
them today. Its results all end by the chosen quarter's last day, so they are among those
already read for it, and this costs no query; only the RAG rating and the SPC signal are worked
out, without the sentences a row needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from quarterly.collection.results.judgement import value_format
from quarterly.core.periods import Period
from quarterly.register.models import KPI, Target
from quarterly.reports.scorecard import SPC_KINDS, Earlier
from quarterly.reports.scorecard_rows import Series, _Draft, _rag, _spc_for, compared


def scorecard_earlier(
    *,
    kpis: Sequence[KPI],
    series: Mapping[int, Series],
    quarter: Period,
    targets: Mapping[int, dict[int, Target]],
    recalculations: Mapping[int, set[tuple[str, dt.date]]],
) -> dict[int, Earlier]:
    """Each KPI's RAG status and SPC signal in the scorecard of the quarter before `quarter`,
    by KPI id, from the results read for `quarter` (`series`, oldest first)."""
    before = quarter.previous()
    end = before.end  # a property worked out on each call: once, not once a result
    drafts = [
        _Draft.make(
            kpi, [r for r in series.get(kpi.pk, []) if r[2] <= end], before,
            targets.get(kpi.pk, {}), (), recalculations.get(kpi.pk, set()),
        )
        for kpi in kpis
    ]  # fmt: skip
    spc = _spc_for(drafts)
    found = {}
    for draft in drafts:
        kpi_id = draft.kpi.pk
        if draft.selected is None:
            found[kpi_id] = Earlier(before.label, "no_result", "")
            continue
        stored = draft.selected[3]
        value = None if stored is None else float(stored)
        _period, comparator, previous = compared(draft)
        fmt = value_format(draft.kpi)
        rag = _rag(draft.kpi, value, draft.target, previous, comparator.label, fmt)
        judged = spc.get(kpi_id)
        # as `scorecard_rows._spc_verdicts`: no signal without a value or with too few points
        signal = SPC_KINDS.get(judged.variation, "") if value is not None and judged else ""
        found[kpi_id] = Earlier(before.label, rag.status, signal)
    return found
