"""The CLT Scorecard: every KPI a person may read, judged for one quarter, by directorate.

Leeds' performance team puts each quarter's latest results onto a "CLT Scorecard", an appendix
to the quarterly report to the Corporate Leadership Team, "with previous comparator data
(depending on the KPI nature and frequency, this may be the previous month, quarter or year)"
and "a colour-coded indication (RAG rating)" (annual assurance report, points 47-49 and 64-72).

This module says what a scorecard holds. `reports.selectors.scorecard_build` reads the data
for a person and a quarter; `reports.scorecard_rows` judges each KPI's row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from quarterly.benchmarking.standing import Standing
from quarterly.core.periods import Period

SPARKLINE_POINTS = 12
RAG_ORDER = ("red", "amber", "green", "not_rated", "no_result")
RAG_WORDS = {status: status.replace("_", " ").capitalize() for status in RAG_ORDER}
# variation icon -> the scorecard's SPC filter value
SPC_KINDS = {
    f"{kind}_{side}": kind for kind in ("improvement", "concern") for side in ("high", "low")
}
SPC_KINDS["common_cause"] = "common_cause"
SPC_SIGNAL_WORDS = {
    "concern": "Special cause concern",
    "improvement": "Special cause improvement",
    "common_cause": "Common cause variation",
}
# the scorecard's filter on how the council compares with other areas
COMPARED_FILTERS = {
    "bottom_quartile": "Bottom quartile of a comparator group",
    "worse_than_england": "Significantly worse than England",
    "compared": "Compared with other areas",
}
# the scorecard's filter on what changed since the previous quarter (see `Earlier`)
CHANGED_FILTERS = {
    "rag": "RAG rating changed",
    "spc": "SPC signal changed",
    "any": "RAG rating or SPC signal changed",
}


@dataclass(frozen=True)
class ScorecardFilters:
    directorate: str = ""  # slug
    pillar: str = ""  # slug
    board: str = ""  # committee slug
    rag: str = ""  # one of RAG_ORDER
    spc: str = ""  # "improvement" | "concern" | "common_cause"
    highlight: str = ""  # "yes" | "no"
    compared: str = ""  # one of COMPARED_FILTERS
    changed: str = ""  # one of CHANGED_FILTERS


@dataclass(frozen=True)
class Verdict:  # one judgement: a status code, a short label, a sentence from the numbers
    status: str
    label: str
    sentence: str


@dataclass(frozen=True)
class Figure:  # a result: its period, its value and that value written out
    period: str
    value: float | None
    text: str
    status: str = ""  # the result's status label ("Signed off"); "" for a missing comparator


@dataclass(frozen=True)
class TargetSummary:
    text: str
    value: float | None = None
    tolerance: float | None = None
    direction: str = ""


@dataclass(frozen=True)
class Sparkline:  # the most recent results of the row's kind of period, oldest first
    first: str
    last: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Highlight:  # confirmed for the quarter's cycle, with its key contact's commentary
    reasons: tuple[str, ...]
    reasons_for_result: str
    actions_being_taken: str
    commentary_received: dt.date | None


@dataclass(frozen=True)
class Earlier:
    """A KPI's judgement in the previous quarter's scorecard, judged from the results as they
    stand now and as the reader may see them (`reports.scorecard_changes`)."""

    period: str  # the previous quarter, "2024/25 Q1"
    rag: str  # its RAG status; "no_result" when that scorecard had no result for the KPI
    spc_signal: str  # "improvement" | "concern" | "common_cause" | "" (none)

    @property
    def rag_label(self) -> str:
        return RAG_WORDS[self.rag]


@dataclass(frozen=True)
class ScorecardRow:
    reference: str
    title: str
    url: str
    directorate: str
    service: str
    scrutiny_board: str
    pillars: tuple[str, ...]
    frequency: str
    unit: str
    unit_label: str
    decimal_places: int
    polarity: str
    comparator_basis: str
    latest: Figure | None
    comparator: Figure | None
    target: TargetSummary
    rag: Verdict
    travel: Verdict
    variation: Verdict
    assurance: Verdict
    spc_signal: str  # "improvement" | "concern" | "common_cause" | "" (neutral, too few points)
    sparkline: Sparkline | None
    highlight: Highlight | None
    note: str  # where RAG and SPC disagree, why, in words; otherwise ""
    standing: Standing | None = None  # how the council compares with other areas
    earlier: Earlier | None = None  # its judgement in the previous quarter's scorecard

    @property
    def rag_changed(self) -> bool:
        """Rated in both quarters (a result, rated or not) and the RAG rating differs."""
        earlier = self.earlier
        if earlier is None or self.latest is None or earlier.rag == "no_result":
            return False
        return earlier.rag != self.rag.status

    @property
    def spc_changed(self) -> bool:
        """An SPC signal in both quarters, and it differs."""
        earlier = self.earlier
        if earlier is None or not earlier.spc_signal or not self.spc_signal:
            return False
        return earlier.spc_signal != self.spc_signal


@dataclass(frozen=True)
class DirectorateGroup:
    name: str
    rows: tuple[ScorecardRow, ...]


@dataclass(frozen=True)
class Scorecard:
    organisation: str
    period: Period
    filters: ScorecardFilters
    published_only: bool
    groups: tuple[DirectorateGroup, ...]

    @property
    def rows(self) -> list[ScorecardRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def highlights(self) -> list[ScorecardRow]:
        return [row for row in self.rows if row.highlight is not None]

    @property
    def rag_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for each RAG status present, worst first."""
        counts = Counter(row.rag.status for row in self.rows)
        return [(s, RAG_WORDS[s], counts[s]) for s in RAG_ORDER if counts[s]]


def period_slug(period: Period) -> str:
    """A quarter as it appears in a URL: "2024-25-q2" (which `Period.parse` reads back)."""
    return f"{period.fy}-{(period.fy + 1) % 100:02d}-q{period.number}"
