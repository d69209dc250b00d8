"""How every area of a comparator group compares on a national indicator, for one period.

The one selector the `quarterly compare` command asks (and, through `kpi_comparisons`, the KPI
page): it gathers the group's published values from `NationalValue`, hands them to the pure
engine (`quarterly.assessment.comparisons.compare_areas`) and turns its arrays back into rows.

**Which breakdown.** A dataset may publish an indicator for several sexes, age bands and
categories. A KPI may name the sex and age band it is about (`KPI.national_sex`,
`national_age`: a KPI on men's healthy life expectancy compares the "Male" rows); what it leaves
empty follows the rule: the whole population where it is published (sex "Persons", age "All
ages", no category); otherwise, among the breakdowns with no category, the one nearest to it
(for example "Persons, 65+ yrs" for an indicator only published for people aged 65 and over),
and among equals the first by sex and age (`preferred_breakdown`).

**Recoded areas.** A national file names an area by the code of its time (a 2020 file names
Sheffield E08000019; the group holds E08000039). A member's value published under an earlier
code of the same area counts as the member's, the latest code first; where the member's own code
has a value too, its own wins (`places.recoding`; the row says "published as E08000019").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple, cast

import numpy as np

from quarterly.assessment.comparisons import AreaComparisons, compare_areas, comparison_words
from quarterly.assessment.polarity import Polarity
from quarterly.benchmarking.models import ENGLAND, NationalIndicator, NationalValue
from quarterly.core.periods import Period
from quarterly.places.models import ComparatorGroup, GroupMember
from quarterly.places.recoding import earlier_codes
from quarterly.places.selectors import recoded_areas

WHOLE_SEX = ("Persons", "")
WHOLE_AGE = ("All ages", "")
PUBLISHED_FIELDS = ("area_code", "value", "lower95", "upper95", "lower998", "upper998",
                    "missing_reason")  # fmt: skip

Breakdown = tuple[str, str]  # (sex, age)


class Published(NamedTuple):
    """One area's published row, as the comparison needs it."""

    area_code: str
    value: Decimal | None
    lower95: Decimal | None
    upper95: Decimal | None
    lower998: Decimal | None
    upper998: Decimal | None
    missing_reason: str
    published_as: str = ""  # the earlier code it was published under, for a recoded area


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
    missing_reason: str = ""
    published_as: str = ""  # the earlier code of a recoded area its value was published under


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
    breakdown: Breakdown | None = None  # the sex and age band compared

    @property
    def breakdown_words(self) -> str:
        return breakdown_words(self.breakdown)

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator.code,
            "indicator_name": self.indicator.name,
            "group": self.group.name,
            "period": self.period.label,
            "sex": self.breakdown[0] if self.breakdown else "",
            "age": self.breakdown[1] if self.breakdown else "",
            "england": self.england,
            "median": self.median,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "areas": [asdict(area) for area in self.areas],
        }


def preferred_breakdown(
    breakdowns: Iterable[Breakdown], wanted: Breakdown = ("", "")
) -> Breakdown | None:
    """The breakdown compared, of those published with no category: the `wanted` sex and age
    band (as a KPI names them; either empty for the rule, case ignored), the rest by the rule
    (see the module). None when nothing published fits."""
    sex, age = (part.strip().casefold() for part in wanted)
    return min(
        (b for b in breakdowns
         if (not sex or b[0].casefold() == sex) and (not age or b[1].casefold() == age)),
        key=lambda b: (b[0] not in WHOLE_SEX, b[1] not in WHOLE_AGE, b[0], b[1]),
        default=None,
    )  # fmt: skip


def breakdown_words(breakdown: Breakdown | None) -> str:
    """ "Male, All ages"; "" for no breakdown."""
    return ", ".join(part for part in breakdown or () if part)


def indicator_polarity(indicator: NationalIndicator, fallback: str = "none") -> Polarity:
    """The indicator's polarity as its publisher (or the performance team) recorded it, else
    `fallback` (a KPI's own polarity; "none", a tracker, when nothing says)."""
    return cast(Polarity, indicator.polarity or fallback)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else float("nan")


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def published_row(
    code: str, published: Mapping[str, Published], recoded: Mapping[str, str]
) -> Published | None:
    """The area's row: under its own code if that has a value, else under the latest of its
    earlier codes that has one (marked `published_as`), else whichever row says why there is
    none."""
    rows = [(code, published.get(code))]
    rows += [(old, published.get(old)) for old in earlier_codes(code, recoded)]
    found = [(as_code, row) for as_code, row in rows if row is not None]
    if not found:
        return None
    as_code, row = next(((c, r) for c, r in found if r.value is not None), found[0])
    return row if as_code == code else row._replace(published_as=as_code)


def compare_members(
    *,
    indicator: NationalIndicator,
    group: ComparatorGroup,
    period: Period,
    members: Sequence[tuple[str, str]],
    published: Mapping[str, Published],
    polarity: Polarity,
    recoded: Mapping[str, str] = MappingProxyType({}),
    breakdown: Breakdown | None = None,
) -> tuple[GroupComparison, AreaComparisons]:
    """The comparison of `members` ((code, name) pairs, in the order shown) from their
    `published` rows (by area code, England's included; a recoded member's under its earlier
    codes too, `recoded` as `places.recoding.recodes` gives them), and the engine's arrays
    behind it. No queries: callers load members and values in bulk."""
    rows = [published_row(code, published, recoded) for code, _ in members]
    england_row = published.get(ENGLAND)
    england = _number(england_row.value) if england_row else float("nan")
    columns = {
        name: [_number(getattr(row, name)) if row else float("nan") for row in rows]
        for name in ("value", "lower95", "upper95", "lower998", "upper998")
    }
    result = compare_areas(
        np.array([columns["value"]]), polarity=polarity, england=[england],
        lower95=[columns["lower95"]], upper95=[columns["upper95"]],
        lower998=[columns["lower998"]], upper998=[columns["upper998"]],
    )  # fmt: skip
    vs_england = comparison_words(result.vs_england.at95, polarity)
    vs_group = comparison_words(result.vs_group.at95, polarity)
    areas = [
        AreaComparison(
            area_code=code,
            area_name=name,
            value=_optional(columns["value"][i]),
            lower95=_optional(columns["lower95"][i]),
            upper95=_optional(columns["upper95"][i]),
            rank=int(result.rank[0, i]) or None,
            n=int(result.n[0, i]),
            quartile=int(result.quartile[0, i]) or None,
            vs_england=str(vs_england[0, i]),
            vs_group=str(vs_group[0, i]),
            missing_reason=row.missing_reason if row else "",
            published_as=row.published_as if row else "",
        )
        for i, ((code, name), row) in enumerate(zip(members, rows, strict=True))
    ]
    comparison = GroupComparison(
        indicator=indicator, group=group, period=period, england=_optional(england),
        median=_optional(result.median[0, 0]), minimum=_optional(result.minimum[0, 0]),
        maximum=_optional(result.maximum[0, 0]), areas=areas, breakdown=breakdown,
    )  # fmt: skip
    return comparison, result


def group_comparison(
    *, indicator: NationalIndicator, group: ComparatorGroup, period: Period, day: dt.date,
    wanted: Breakdown = ("", ""),
) -> GroupComparison:  # fmt: skip
    """Every area in `group` on `day`, with its value of `indicator` for `period` (None where
    none is published) in the `wanted` breakdown (sex, age band; empty for the rule), its rank among the group's values, quartile, and significance against
    England and against the group's mean, in Fingertips' words."""
    members = list(
        GroupMember.objects.for_date(day).filter(group=group)
        .order_by("area__name").values_list("area__code", "area__name")
    )  # fmt: skip
    recoded = recoded_areas()
    codes = [c for code, _ in members for c in (code, *earlier_codes(code, recoded))]
    in_period = NationalValue.objects.filter(
        indicator=indicator, period_kind=period.kind.value, period_start=period.start,
        category_type="",
    )  # fmt: skip
    breakdown = preferred_breakdown(
        in_period.filter(value__isnull=False).values_list("sex", "age").distinct(), wanted
    )
    published: dict[str, Published] = {}
    if breakdown is not None:
        rows = in_period.filter(
            sex=breakdown[0], age=breakdown[1],
            area_code__in=[*codes, ENGLAND],
        ).values_list(*PUBLISHED_FIELDS)  # fmt: skip
        published = {row[0]: Published(*row) for row in rows}
    comparison, _ = compare_members(
        indicator=indicator, group=group, period=period, members=members, published=published,
        polarity=indicator_polarity(indicator), recoded=recoded, breakdown=breakdown,
    )  # fmt: skip
    return comparison
