"""How the council compares with other areas, as the Scrutiny and Annual reports print it.

The same selector as the KPI page's "How Leeds compares" (`benchmarking.kpi_comparisons`), for
the national data whose period had begun by the report period's end, so a report published
again later says what it said then (unless the publisher revised those values). Each KPI gets
its sentence per comparator group and, for groups of up to `TABLE_AREAS` areas, the table of
every area (the KPI page has the larger tables); the Annual report adds one table of every
KPI's place in each group and counts those in a bottom quartile or worse than England.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quarterly.benchmarking.comparisons import AreaComparison
from quarterly.benchmarking.kpi_comparisons import KPIComparison, kpi_comparisons
from quarterly.core import clock
from quarterly.core.periods import Period
from quarterly.register.models import KPI
from quarterly.register.presentation import format_value
from quarterly.reports.models import Block, Paragraph, Table
from quarterly.reports.sections.figures import data_table, plural, slug

TABLE_AREAS = 20
COLUMNS = ["Area", "Value", "95% confidence interval", "Rank", "Compared with England"]


def comparisons_for(kpis: Sequence[KPI], period: Period) -> dict[int, KPIComparison]:
    """Each KPI's comparisons with other areas for a report on `period`."""
    return kpi_comparisons(kpis=kpis, day=min(clock.today(), period.end))


def _area_row(kpi: KPI, area: AreaComparison) -> tuple[Any, ...]:
    if area.value is None:
        value: Any = "No value" + (f" ({area.missing_reason})" if area.missing_reason else "")
        interval = rank = england = "–"
    else:
        value = (format_value(kpi, area.value), area.value)
        interval = (
            f"{format_value(kpi, area.lower95)} to {format_value(kpi, area.upper95)}"
            if area.lower95 is not None and area.upper95 is not None
            else "–"
        )
        rank = f"{area.rank} of {area.n}" if area.rank else "–"
        england = area.vs_england
    name = area.area_name + (f" (published as {area.published_as})" if area.published_as else "")
    return (name, value, interval, rank, england)


def kpi_comparison_blocks(kpi: KPI, found: KPIComparison | None) -> list[Block]:
    """One KPI's sentences and tables; nothing when it is not compared with other areas."""
    if found is None or found.indicator is None or found.period is None or not found.groups:
        return []
    blocks: list[Block] = [
        Paragraph(f"Compared with other areas on “{found.indicator.name.strip()}”"
                  f"{f' ({found.breakdown_words})' if found.of_part else ''}, "
                  f"{found.period.label}:")
    ]  # fmt: skip
    for row in found.groups:
        blocks.append(Paragraph(row.sentence))
        areas = row.comparison.areas
        if len(areas) > TABLE_AREAS:
            continue
        ordered = sorted(areas, key=lambda a: (a.rank is None, a.rank or 0, a.area_name))
        key = f"kpi-{slug(kpi.reference)}-compared-{slug(row.group.slug)}"
        caption = f"{kpi.reference}: {row.group.name}, {found.period.label}"
        blocks.append(data_table(key, caption, COLUMNS, [_area_row(kpi, a) for a in ordered]))
    return blocks


def standing_summary(
    kpis: Sequence[KPI], found: dict[int, KPIComparison], period: Period
) -> list[Block]:
    """The Annual report's overview: how many KPIs compare badly, and every KPI's place."""
    rows: list[tuple[Any, ...]] = []
    compared, bottom, worse = set(), set(), set()
    for kpi in kpis:
        comparison = found.get(kpi.pk)
        if comparison is None or comparison.period is None:
            continue
        for group in comparison.groups:
            if group.own is None or group.own.rank is None:
                continue
            compared.add(kpi.pk)
            if group.bottom_quartile:
                bottom.add(kpi.pk)
            if group.worse_than_england:
                worse.add(kpi.pk)
            rows.append((f"{kpi.reference} {kpi.title}", comparison.period.label, group.place,
                         "Yes" if group.bottom_quartile else "No", group.own.vs_england))  # fmt: skip
    if not rows:
        return [Paragraph("No KPI in this report is compared with other areas yet.")]
    table: Table = data_table(
        "compared", f"How {period.label}'s KPIs compare with other areas",
        ["KPI", "Period", "Place", "Bottom quartile", "Compared with England"], rows,
    )  # fmt: skip
    return [
        Paragraph(
            f"{plural(len(compared), 'KPI')} {'is' if len(compared) == 1 else 'are'} compared "
            f"with other areas in the latest national data: {len(bottom)} in the bottom "
            f"quartile of a comparator group and {len(worse)} significantly worse than England."
        ),
        table,
    ]
