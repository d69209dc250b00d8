"""Suggest where a series' process limits should be recalculated (METHODS.md §4.1, "Suggesting a
recalculation point", this product's proposal built on Making Data Count guidance).

The engine never moves limits by itself: it only suggests, and a person accepts (giving the
known change in the process, definition or data source) or rejects. Accepted points are the
``rebase_at`` of ``spc.spc_analyse`` and the ``rebase`` of ``spc_batch.spc_analyse_batch``.

The rule, applied to each segment of the series (the series split at the accepted points), with
the segment's own centre line and the shift length of the options (R2, default 7):

- A candidate is the **first point of a shift run**: a maximal run of ``shift_length`` or more
  points on the same side of the segment's centre line. A run that starts at the segment's
  first point is no candidate: limits already start there.
- (a) **Enough data for new limits**: at least ``min_points_after`` (default **12**, the
  number NHSRplotthedots' vignette recommends before locking limits) values from the run's
  first point to the segment's last point, counting both; a gap (NaN) is no value.
- (b) **Sustained**: no point from the run's first point to the segment's last point lies on
  the other side of the old centre line. This covers both readings of the rule: the run is
  unbroken at the latest point, or it was broken only by points exactly on the centre line
  and the points after it stay on the same side.
- (c) **Not already recalculated**: no accepted point lies inside the run; splitting the series
  at the accepted points guarantees it, since a run never crosses a segment boundary.
- **Not offered again**: a run containing a rejected point (a suggestion someone turned down,
  or an accepted point later removed) is not suggested again. The run is identified by its
  span, not its first point, because adding points moves the centre line and can move the
  run's first point by one or two.

Gaps are handled as ``spc.py`` says ("Gaps"), so a suggestion agrees with the chart of the same
series: give the series with each period of no value in its place (None or NaN), never
dropped, as ``spc_analyse`` takes it; indices (of the suggestion, of ``accepted`` and
``rejected``) are then positions in that series, gaps counted. A gap keeps its place in time
(it counts towards ``fix_after_n_points``), counts in no mean and no moving range, and breaks
a shift run: a run is ``shift_length`` consecutive values, so 7 above, a gap, 8 above is a
run of 7 and a run of 8, not one of 15. It is on neither side of the centre line, so it
never breaks (b), and it is no value for (a). Dropping the gaps instead would join runs the
chart shows apart, and count points the chart does not show.

At most one suggestion per segment: by (b) every later run in the segment lies on the same side
and inside the first one's span to the end, so accepting the first and re-running is the way
on. A wandering series, which crosses its centre line, gets none.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from quarterly.assessment.spc_options import DEFAULT_OPTIONS, SpcOptions
from quarterly.assessment.spc_rules import Segment
from quarterly.assessment.wording import ValueFormat

MIN_POINTS_AFTER = 12


@dataclass(frozen=True)
class RecalculationSuggestion:
    """A suggested recalculation point: limits would start again at ``index``.

    ``first``..``last`` is the shift run (``first == index``); ``side`` is +1 above the old
    centre line and -1 below; ``points_since`` counts the values from ``index`` to the end of
    its segment; ``reason`` says why in words.
    """

    index: int
    first: int
    last: int
    side: int
    centre: float
    points_since: int
    reason: str


def suggest_recalculations(
    values: Sequence[float | None],
    *,
    accepted: Sequence[int] = (),
    rejected: Sequence[int] = (),
    labels: Sequence[str] | None = None,
    options: SpcOptions = DEFAULT_OPTIONS,
    min_points_after: int = MIN_POINTS_AFTER,
    fmt: ValueFormat | None = None,
    period: str = "point",
) -> tuple[RecalculationSuggestion, ...]:
    """The recalculation points the rule above suggests for one series (oldest first; a gap is
    None or NaN).

    ``accepted`` are the indices where limits already start again; ``rejected`` the indices of
    suggestions turned down. ``labels`` name each point in the reason ("Q1 2023/24"); ``period``
    names a point ("quarter").
    """
    y = [math.nan if v is None else float(v) for v in values]
    n = len(y)
    if any(math.isinf(v) for v in y):
        raise ValueError("values must be finite (a gap is None or NaN)")
    if labels is not None and len(labels) != n:
        raise ValueError("labels must name every point")
    if min_points_after < 2:
        raise ValueError("min_points_after must be at least 2")
    starts = sorted({0, *(int(i) for i in accepted)})
    if n == 0 or starts[-1] >= n or starts[0] < 0:
        return ()
    names = list(labels) if labels is not None else [f"point {i + 1}" for i in range(n)]
    fmt = fmt or ValueFormat()
    turned_down = {int(i) for i in rejected}
    found = []
    for a, b in zip(starts, [*starts[1:], n], strict=True):
        if b - a < 2:
            continue
        segment = Segment(y[a:b], options)
        if math.isnan(segment.amr):
            continue
        run = _first_sustained_run(segment.side, options.shift_length)
        if run is None:
            continue
        first, last = a + run[0], a + run[1]
        present = [i for i in range(first, b) if not math.isnan(y[i])]
        since = len(present)
        if first == a or since < min_points_after:
            continue
        if any(first <= i <= last for i in turned_down):
            continue
        side = segment.side[run[0]]
        found.append(
            RecalculationSuggestion(
                index=first,
                first=first,
                last=last,
                side=side,
                centre=segment.cl,
                points_since=since,
                reason=_reason(
                    names, first, last, present[-1], side, fmt.value(segment.cl), period, since
                ),
            )
        )
    return tuple(found)


def _first_sustained_run(side: list[int], length: int) -> tuple[int, int] | None:
    """(first, last) of the first run of ``length`` or more points on one side of the centre
    line after which no point crosses to the other side; positions within the segment."""
    n = len(side)
    i = 0
    while i < n:
        j = i + 1
        while j < n and side[j] == side[i]:
            j += 1
        if side[i] != 0 and j - i >= length and all(s != -side[i] for s in side[j:]):
            return i, j - 1
        i = j
    return None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _reason(
    names: list[str], first: int, last: int, end: int, side: int, centre: str, period: str,
    since: int,
) -> str:  # fmt: skip
    where = "above" if side > 0 else "below"
    other = "below" if side > 0 else "above"
    run = last - first + 1
    return (
        f"A sustained shift: {_plural(run, period)} in a row from {names[first]} to "
        f"{names[last]} are {where} the mean of {centre}, and none of the "
        f"{_plural(since, period)} from {names[first]} to {names[end]} is {other} it. "
        f"If a known change in the process, definition or data source explains it, recalculate "
        f"the limits from {names[first]}."
    )
