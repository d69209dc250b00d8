"""The council's standing among other areas on each KPI, in a few words: what the CLT
Scorecard's "Compared with other areas" column, the reports and the highlight rules use.

It condenses `kpi_comparisons` (the KPI page's "How Leeds compares") to the groups where the
council has a rank: its place in each ("7th of 8 Core Cities"), the sentence for each, and
whether it is in a group's bottom quartile or significantly worse than England (`concerns`
holds the sentences of the groups where either is so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from quarterly.benchmarking.kpi_comparisons import KPIComparison, kpi_comparisons
from quarterly.register.models import KPI


@dataclass(frozen=True)
class Standing:
    period: str
    indicator: str
    places: tuple[str, ...]  # "7th of 8 Core Cities", one per group where it has a rank
    sentences: tuple[str, ...]
    concerns: tuple[str, ...]  # sentences of the groups where it compares badly
    bottom_quartile: bool  # in the worst quarter of at least one group
    worse_than_england: bool

    @property
    def text(self) -> str:
        """One line for a spreadsheet cell."""
        england = "; significantly worse than England" if self.worse_than_england else ""
        return f"{self.period}: {'; '.join(self.places)}{england}"


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
        concerns=tuple(g.sentence for g in ranked if g.bottom_quartile or g.worse_than_england),
        bottom_quartile=any(g.bottom_quartile for g in ranked),
        worse_than_england=any(g.worse_than_england for g in ranked),
    )


def standings(kpis: Sequence[KPI], day: dt.date) -> dict[int, Standing]:
    """Each KPI's standing by KPI id, for those that have one, from the national data whose
    period had begun by `day`; a constant number of queries, and none when no KPI names a
    national indicator (a KPI without one has no standing)."""
    linked = [kpi for kpi in kpis if kpi.national_indicator]
    found = kpi_comparisons(kpis=linked, day=day) if linked else {}
    out = {pk: standing_of(comparison) for pk, comparison in found.items()}
    return {pk: standing for pk, standing in out.items() if standing is not None}
