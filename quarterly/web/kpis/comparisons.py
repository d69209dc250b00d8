"""The "How Leeds compares" section of a KPI's page (and of its public page): for each of the
KPI's comparator groups the sentence, a caterpillar chart and the table of every area's figures,
all from `benchmarking.kpi_comparisons`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from quarterly.benchmarking.comparisons import AreaComparison, indicator_polarity
from quarterly.benchmarking.kpi_comparisons import KPIGroupComparison, kpi_comparisons
from quarterly.core.caterpillar import CaterpillarPoint, caterpillar_svg
from quarterly.register.models import KPI
from quarterly.register.presentation import format_value, unit_suffix

# Larger groups show their table folded away under the chart (England has about 150 areas).
OPEN_TABLE_AREAS = 20
QUARTILE_WORDS = {1: "1 (lowest values)", 4: "4 (highest values)"}
RANK_NOTES = {
    "higher": "Rank 1 is the highest value, as higher is better",
    "lower": "Rank 1 is the lowest value, as lower is better",
    "none": "Rank 1 is the highest value (neither higher nor lower is better)",
}


def _row(kpi: KPI, area: AreaComparison, own: AreaComparison | None) -> dict[str, Any]:
    if area.value is None:
        value = "No value" + (f" ({area.missing_reason})" if area.missing_reason else "")
    else:
        value = format_value(kpi, area.value)
    interval = (
        f"{format_value(kpi, area.lower95)} to {format_value(kpi, area.upper95)}"
        if area.lower95 is not None and area.upper95 is not None
        else "–"
    )
    return {
        "name": area.area_name,
        "code": area.area_code,
        "own": area is own,
        "published_as": area.published_as,
        "value": value,
        "interval": interval,
        "rank": f"{area.rank}\u00a0of\u00a0{area.n}" if area.rank else "–",
        "quartile": QUARTILE_WORDS.get(area.quartile or 0, str(area.quartile or "–")),
        "vs_england": area.vs_england if area.value is not None else "–",
    }


def _group(kpi: KPI, row: KPIGroupComparison, index: int) -> dict[str, Any]:
    comparison = row.comparison
    # Best first, then the areas with no value, by name (the chart sorts by value).
    areas = sorted(comparison.areas, key=lambda a: (a.rank is None, a.rank or 0, a.area_name))
    chart = caterpillar_svg(
        [
            CaterpillarPoint(a.area_name, a.value, a.lower95, a.upper95, a is row.own)
            for a in areas
            if a.value is not None
        ],
        title=f"{comparison.indicator.name.strip()}, {comparison.period.label}: "
        f"{row.group.name}, each area's value with its 95% confidence interval",
        id_prefix=f"compare-{index}",
        england=comparison.england,
        unit_suffix=unit_suffix(kpi),
        decimals=kpi.decimal_places,
    )
    return {
        "id": f"compare-{index}",
        "name": row.group.name,
        "sentence": row.sentence,
        "chart": chart,
        "rows": [_row(kpi, area, row.own) for area in areas],
        "england": format_value(kpi, comparison.england) if comparison.england is not None else "",
        "median": format_value(kpi, comparison.median) if comparison.median is not None else "",
        "folded": len(areas) > OPEN_TABLE_AREAS,
    }


def comparison_section(kpi: KPI, *, day: dt.date) -> dict[str, Any]:
    """The template context of the section: `comparison` (the selector's answer) and
    `comparison_groups` (each group's sentence, chart and table rows)."""
    found = kpi_comparisons(kpis=[kpi], day=day)[kpi.pk]
    polarity = indicator_polarity(found.indicator, kpi.polarity) if found.indicator else "none"
    return {
        "comparison": found,
        "indicator_name": found.indicator.name.strip() if found.indicator else "",
        "rank_note": RANK_NOTES[polarity],
        "comparison_groups": [_group(kpi, row, index) for index, row in enumerate(found.groups, 1)],
    }
