"""How every area of a comparator group compares on a national indicator, for one period.

The one selector the `quarterly compare` command (and, later, the KPI page and reports) asks:
it gathers the group's published values from `NationalValue`, hands them to the pure engine
(`quarterly.assessment.comparisons.compare_areas`) and turns its arrays back into rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from quarterly.assessment.comparisons import compare_areas, comparison_words
from quarterly.benchmarking.models import ENGLAND, NationalIndicator, NationalValue
from quarterly.core.periods import Period
from quarterly.places.models import ComparatorGroup, GroupMember

# The breakdown compared when a dataset holds several: everyone, all ages, no sub-category.
WHOLE_POPULATION = {"sex": ("Persons", ""), "age": ("All ages", "")}


@dataclass(frozen=True)
class AreaComparison:
    """One area of the group: its published value and how it compares."""

    area_code: str
    area_name: str
    value: float | None
    lower95: float | None
    upper95: float | None
    rank: int | None
    n: int
    quartile: int | None
    vs_england: str
    vs_group: str


@dataclass(frozen=True)
class GroupComparison:
    indicator: NationalIndicator
    group: ComparatorGroup
    period: Period
    england: float | None
    median: float | None
    minimum: float | None
    maximum: float | None
    areas: list[AreaComparison]

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator.code,
            "indicator_name": self.indicator.name,
            "group": self.group.name,
            "period": self.period.label,
            "england": self.england,
            "median": self.median,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "areas": [asdict(area) for area in self.areas],
        }


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else float("nan")


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _whole_population(values: Any) -> Any:
    return values.filter(
        sex__in=WHOLE_POPULATION["sex"], age__in=WHOLE_POPULATION["age"], category_type=""
    )


def group_comparison(
    *, indicator: NationalIndicator, group: ComparatorGroup, period: Period, day: dt.date
) -> GroupComparison:
    """Every area in `group` on `day`, with its value of `indicator` for `period` (None where
    none is published), its rank among the group's values, quartile, and significance against
    England and against the group's mean, in Fingertips' words."""
    members = list(
        GroupMember.objects.for_date(day).filter(group=group).select_related("area")
        .order_by("area__name")
    )  # fmt: skip
    published = _whole_population(
        NationalValue.objects.filter(
            indicator=indicator, period_kind=period.kind.value, period_start=period.start
        )
    )
    by_area = {
        v.area_code: v for v in published.filter(area_code__in=[m.area.code for m in members])
    }
    england_row = published.filter(area_code=ENGLAND).first()
    england = _number(england_row.value) if england_row else float("nan")
    rows = [by_area.get(member.area.code) for member in members]

    def column(name: str) -> list[float]:
        return [_number(getattr(row, name)) if row else float("nan") for row in rows]

    polarity = indicator.polarity or "none"
    result = compare_areas(
        np.array([column("value")]), polarity=polarity, england=[england],
        lower95=[column("lower95")], upper95=[column("upper95")],
        lower998=[column("lower998")], upper998=[column("upper998")],
    )  # fmt: skip
    vs_england = comparison_words(result.vs_england.at95, polarity)
    vs_group = comparison_words(result.vs_group.at95, polarity)
    areas = [
        AreaComparison(
            area_code=member.area.code,
            area_name=member.area.name,
            value=_optional(column("value")[i]),
            lower95=_optional(column("lower95")[i]),
            upper95=_optional(column("upper95")[i]),
            rank=int(result.rank[0, i]) or None,
            n=int(result.n[0, i]),
            quartile=int(result.quartile[0, i]) or None,
            vs_england=str(vs_england[0, i]),
            vs_group=str(vs_group[0, i]),
        )
        for i, member in enumerate(members)
    ]
    return GroupComparison(
        indicator=indicator, group=group, period=period, england=_optional(england),
        median=_optional(result.median[0, 0]), minimum=_optional(result.minimum[0, 0]),
        maximum=_optional(result.maximum[0, 0]), areas=areas,
    )  # fmt: skip
