"""Results after the catalogue ends: each series continued up to the demo's published quarter.

The catalogue's series end where their data ends (the illustrative ones with 2024/25, the real
ones where the published extract stops). On a later day the demo still needs results up to the
quarter before the open one, so `demo_series_continue` adds each missing period, every figure
marked:

* an illustrative KPI's new results are illustrative like the rest of its series;
* a real KPI's new results are **illustrative continuations**, never presented as the
  published statistic: each result's data-quality note says the published series ends with
  its last real period and that the figure is made up for the demo, and the KPI's known
  weaknesses (on its page) say so too. A real KPI gets a result only for a period its national
  source would have published by today (`timeline.release_date`); later ones await release.

Values are deterministic (seeded by the KPI's reference and the period): the same period a
year earlier, nudged by up to 4% and drawn a little towards the series' mean so that long
continuations stay plausible. Loading again adds nothing; on a later day it adds the periods
that have passed, and publishes the demo's own results of quarters that have closed since.
"""

from __future__ import annotations

import random
import zlib
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from quarterly.collection.models import Result
from quarterly.collection.results.services import result_check, results_save_many
from quarterly.core.periods import Period, PeriodKind
from quarterly.demo.catalogue import demo_kpis
from quarterly.demo.timeline import DemoTimeline, release_date
from quarterly.organisation.models import Organisation
from quarterly.register.models import KPI

ILLUSTRATIVE = "Illustrative demo figure, continuing the series; not a published statistic."
CONTINUATION = (
    "Illustrative continuation for the demo: the published series ends with {last}; "
    "this figure is made up and is not a published statistic."
)
NOTE = "Demo council: series continued to {label}"
_NUDGE = 0.04
_TOWARDS_MEAN = Decimal("0.15")

History = dict[Period, Decimal | None]  # None: a period with no value (never continued from)


def continuation_note(last_published: str) -> str:
    return CONTINUATION.format(last=last_published)


def last_published_periods() -> dict[str, str]:
    """Each real KPI's last published period in the catalogue, by reference."""
    return {
        spec.reference: spec.results[-1].period for spec in demo_kpis() if not spec.illustrative
    }


def continued_value(kpi: KPI, period: Period, history: History) -> Decimal:
    """A plausible value for `period`, from the same period a year earlier (see the module)."""
    rng = random.Random(zlib.crc32(f"{kpi.reference} {period.label}".encode()))
    known = {p: v for p, v in history.items() if v is not None}
    base = known.get(period.same_period_last_year()) or known[max(known)]
    mean = sum(known.values()) / len(known)
    nudged = base * Decimal(repr(1 + rng.uniform(-_NUDGE, _NUDGE)))
    value = nudged * (1 - _TOWARDS_MEAN) + mean * _TOWARDS_MEAN
    if kpi.unit == "percentage":
        value = min(value, Decimal(100))
    if min(known.values()) >= 0:
        value = max(value, Decimal(0))
    places = 0 if kpi.unit == "count" else kpi.decimal_places
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def series_histories(kpis: list[KPI]) -> dict[int, dict[str, History]]:
    """Every KPI's values by period kind and period, in one query."""
    histories: dict[int, dict[str, History]] = defaultdict(lambda: defaultdict(dict))
    rows = Result.objects.filter(kpi__in=kpis).values_list(
        "kpi_id", "period_kind", "period_start", "value"
    )
    for kpi_id, kind, start, value in rows:
        histories[kpi_id][kind][Period(PeriodKind(kind), start)] = value
    return histories


def demo_results_publish_closed(organisation: Organisation, timeline: DemoTimeline) -> None:
    """Publish the demo's own results of quarters closed since an earlier load (results a
    person has changed since no longer carry the demo's words, and are left alone)."""
    closed = Result.objects.filter(
        kpi__organisation=organisation,
        period_end__lte=timeline.published_quarter.end,
        commentary__startswith=ILLUSTRATIVE,
    ).exclude(status=Result.Status.PUBLISHED)
    rows = [(r.kpi, r.period, {"status": Result.Status.PUBLISHED}) for r in closed]
    if rows:
        results_save_many(rows=rows, by=None, note="Demo council: quarter published since")


def demo_series_continue(organisation: Organisation, timeline: DemoTimeline) -> int:
    """Continue every active KPI's series to the published quarter; returns how many results
    were added."""
    last_real = last_published_periods()
    kpis = list(KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE))
    histories = series_histories(kpis)
    end = timeline.published_quarter.end
    rows: list[tuple[KPI, Period, dict[str, Any]]] = []
    for kpi in kpis:
        by_kind = histories.get(kpi.pk)
        if not by_kind:
            continue  # a KPI with no results has no series to continue
        kind = max(by_kind, key=lambda k: max(by_kind[k]).end)  # the kind it reports now
        history = by_kind[kind]
        if all(value is None for value in history.values()):
            continue  # only periods with no value: nothing to continue from
        if kpi.illustrative:
            note = ILLUSTRATIVE
        elif kpi.reference in last_real:
            note = continuation_note(last_real[kpi.reference])
        else:
            continue  # a real KPI the demo did not load: nothing to continue it from
        period = max(history).next()
        while period.end <= end:
            released = release_date(kpi, period)
            if released is not None and released > timeline.today:
                break  # not yet published by its source: it awaits release
            value = continued_value(kpi, period, history)
            fields = {
                "value": value, "status": Result.Status.PUBLISHED, "data_quality_note": note,
            }  # fmt: skip
            result_check(kpi=kpi, fields=fields)
            rows.append((kpi, period, fields))
            history[period] = value
            period = period.next()
    if rows:
        note = NOTE.format(label=timeline.published_quarter.label)
        results_save_many(rows=rows, by=None, note=note)
    return len(rows)
