"""How each of a batch of KPIs compares with other areas: the KPI page's "How Leeds compares",
and (next) the scorecard's and reports' comparator columns.

For each KPI: its national indicator (`KPI.national_indicator`, "source:code", or a code alone
when only one source has it), the latest period with a published value for its council's own
area (the organisation's area code) on or before `day`, and, for each of its comparator groups
as they stand on `day`, the group comparison for that period (`comparisons.compare_members`,
the pure engine doing the maths) with a sentence computed from it ("Leeds ranks 6th of 8 Core
Cities, significantly worse than England"; `assessment.comparison_sentence`). Where there is
nothing to compare, `missing` says why in one line.

**Recoded areas.** A member's (and the council's own) values published under an earlier code
of the same area count as its own (see `comparisons`): the recodes are read with the councils,
the earlier codes are asked for with the current ones.

**Queries.** At most six, whatever the number of KPIs, groups and areas: the KPIs' councils
(with their area names, and every recoded area), their groups, their indicators, the own areas' latest published
period of each kind and breakdown, every group's members and every value needed, each loaded
in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import F, IntegerField, Max, OuterRef, Q, Subquery, Value

from quarterly.assessment.comparison_sentence import comparison_sentence, ordinal
from quarterly.assessment.comparisons import AreaComparisons
from quarterly.assessment.polarity import Polarity
from quarterly.benchmarking.comparisons import (
    PUBLISHED_FIELDS,
    WHOLE_AGE,
    WHOLE_SEX,
    AreaComparison,
    Breakdown,
    GroupComparison,
    Published,
    breakdown_words,
    compare_members,
    indicator_polarity,
    preferred_breakdown,
)
from quarterly.benchmarking.models import ENGLAND, NationalIndicator, NationalValue
from quarterly.core.periods import Period, PeriodKind
from quarterly.organisation.models import Organisation
from quarterly.places.models import Area, ComparatorGroup, GroupMember
from quarterly.places.recoding import current_code, earlier_codes, recodes
from quarterly.register.models import KPI


@dataclass(frozen=True)
class KPIGroupComparison:
    """One comparator group of the KPI: every area, the council's own row and the sentence."""

    comparison: GroupComparison
    own: AreaComparison | None
    sentence: str
    bottom_quartile: bool = False  # the council is in the group's worst quarter, by polarity

    @property
    def group(self) -> ComparatorGroup:
        return self.comparison.group

    @property
    def worse_than_england(self) -> bool:
        """Significantly worse than England at 95% (Fingertips' word "Worse")."""
        return self.own is not None and self.own.vs_england == "Worse"

    @property
    def place(self) -> str:
        """The council's place in a few words: "7th of 8 Core Cities", "joint 3rd of 16 in
        Oflog nearest neighbours of Leeds", "no value"."""
        if self.own is None:
            return "not in the group"
        if self.own.rank is None:
            return "no value"
        tied = sum(1 for area in self.comparison.areas if area.rank == self.own.rank) > 1
        place = f"joint {ordinal(self.own.rank)}" if tied else ordinal(self.own.rank)
        return f"{place} of {self.own.n} {of_group_words(self.group)}"


@dataclass(frozen=True)
class KPIComparison:
    kpi_id: int
    area_code: str
    area_name: str  # the council's place name ("Leeds"), or its own name without an area
    indicator: NationalIndicator | None
    period: Period | None
    groups: list[KPIGroupComparison]
    missing: str  # why nothing is compared, in one line; "" when there are groups to show
    breakdown: Breakdown | None = None  # the sex and age band compared

    @property
    def breakdown_words(self) -> str:
        """The sex and age band compared: "Male, All ages"."""
        return breakdown_words(self.breakdown)

    @property
    def of_part(self) -> bool:
        """Compared on part of the population (one sex, an age band), not the whole."""
        sex, age = self.breakdown or WHOLE
        return sex not in WHOLE_SEX or age not in WHOLE_AGE


def _wanted(kpi: KPI) -> Breakdown:
    """The sex and age band the KPI is compared for (either empty: the rule)."""
    return (kpi.national_sex.strip(), kpi.national_age.strip())


def _indicator_key(text: str) -> tuple[str, str] | None:
    """("fingertips", "93014") from "fingertips:93014"; ("", code) for a bare code."""
    text = text.strip()
    if not text:
        return None
    source, sep, code = text.partition(":")
    return (source.strip().lower(), code.strip()) if sep else ("", text)


def of_group_words(group: ComparatorGroup) -> str:
    """What follows "ranks 6th of 8": "Core Cities", "authorities in England", "in Peers"."""
    if group.kind == ComparatorGroup.Kind.CORE_CITIES:
        return str(group.name)
    if group.kind in (ComparatorGroup.Kind.ENGLAND, ComparatorGroup.Kind.REGION):
        return f"authorities in {group.name}"
    return f"in {group.name}"


def _organisations(kpis: Sequence[KPI]) -> tuple[dict[int, tuple[str, str]], dict[str, str]]:
    """Each council's area code and place name (the area's name, else the council's), and,
    in the same query, every recode (new code -> old code, `places.recoding.recodes`)."""
    area_name = Area.objects.filter(code=OuterRef("area_code")).values("name")[:1]
    councils = (
        Organisation.objects.filter(pk__in={kpi.organisation_id for kpi in kpis})
        .annotate(o_pk=F("pk"), o_code=F("area_code"), o_area=Subquery(area_name),
                  o_name=F("name"))
        .values_list("o_pk", "o_code", "o_area", "o_name")
        .order_by()
    )  # fmt: skip
    recoded = (
        Area.objects.exclude(successor_code="")
        .annotate(o_pk=Value(None, output_field=IntegerField()), o_code=F("code"),
                  o_area=F("successor_code"), o_name=Value(""))
        .values_list("o_pk", "o_code", "o_area", "o_name")
        .order_by()
    )  # fmt: skip
    found: dict[int, tuple[str, str]] = {}
    successors: dict[str, str] = {}
    for pk, code, area, name in councils.union(recoded, all=True):
        if pk is None:
            successors[code] = area
        else:
            found[pk] = (code, area or name)
    return found, recodes(successors)


def _groups(kpis: Sequence[KPI], day: dt.date) -> dict[int, list[ComparatorGroup]]:
    through = KPI.comparator_groups.through
    live = ComparatorGroup.objects.for_date(day).values("pk")
    links = (
        through.objects.filter(kpi_id__in=[kpi.pk for kpi in kpis], comparatorgroup__in=live)
        .select_related("comparatorgroup")
        .order_by("comparatorgroup__kind", "comparatorgroup__name")
    )
    found: dict[int, list[ComparatorGroup]] = defaultdict(list)
    for link in links:
        found[link.kpi_id].append(link.comparatorgroup)
    return found


def _indicators(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], NationalIndicator]:
    wanted = set(keys)
    if not wanted:
        return {}
    condition = Q()
    for source, code in wanted:
        condition |= Q(source=source, code=code) if source else Q(code=code)
    found: dict[tuple[str, str], NationalIndicator] = {}
    by_code: dict[str, list[NationalIndicator]] = defaultdict(list)
    for indicator in NationalIndicator.objects.filter(condition):
        found[(indicator.source, indicator.code)] = indicator
        by_code[indicator.code].append(indicator)
    for source, code in wanted:
        if not source and len(by_code[code]) == 1:  # a bare code, if only one source has it
            found[("", code)] = by_code[code][0]
    return found


Choice = tuple[Period, Breakdown]


PeriodsByBreakdown = dict[Breakdown, list[Period]]


def _published(
    pairs: set[tuple[int, str]], day: dt.date, recoded: dict[str, str]
) -> dict[tuple[int, str], PeriodsByBreakdown]:
    """For each (indicator id, area code): the breakdowns with a published value for that area
    (under its code or an earlier one), each with the latest period of each kind on or before
    `day`."""
    if not pairs:
        return {}
    serves: dict[str, set[str]] = defaultdict(set)  # a published code -> the areas it is
    for _, area in pairs:
        for code in (area, *earlier_codes(area, recoded)):
            serves[code].add(area)
    rows = (
        NationalValue.objects.filter(
            indicator_id__in={i for i, _ in pairs},
            area_code__in=set(serves),
            value__isnull=False,
            category_type="",
            period_start__lte=day,
        )  # fmt: skip
        .values("indicator_id", "area_code", "period_kind", "sex", "age")
        .annotate(latest=Max("period_start"))
        .values_list("indicator_id", "area_code", "period_kind", "sex", "age", "latest")
        .order_by()
    )
    periods: dict[tuple[int, str], PeriodsByBreakdown] = defaultdict(lambda: defaultdict(list))
    for indicator_id, published_as, kind, sex, age, latest in rows:
        for area in serves[published_as]:
            if (indicator_id, area) in pairs:
                periods[(indicator_id, area)][(sex, age)].append(Period(PeriodKind(kind), latest))
    return periods


def _choice(published: PeriodsByBreakdown, wanted: Breakdown) -> Choice | None:
    """The breakdown compared (`preferred_breakdown`, the KPI's own where it names one) and
    its latest period: of each kind of period, the one that ends last."""
    breakdown = preferred_breakdown(published, wanted)
    if breakdown is None:
        return None
    return max(published[breakdown], key=lambda p: (p.end, p.start)), breakdown


def _members(groups: Iterable[ComparatorGroup], day: dt.date) -> dict[int, list[tuple[str, str]]]:
    rows = (
        GroupMember.objects.for_date(day)
        .filter(group_id__in={group.pk for group in groups})
        .order_by("area__name", "area__code")
        .values_list("group_id", "area__code", "area__name")
    )
    members: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for group_id, code, name in rows:
        members[group_id].append((code, name))
    return members


WHOLE = ("Persons", "All ages")
ValueKey = tuple[int, str, dt.date, str, str]  # indicator, period kind and start, sex, age


def _values(
    wanted: set[ValueKey], area_codes: set[str], recoded: dict[str, str]
) -> dict[ValueKey, dict[str, Published]]:
    if not wanted:
        return {}
    area_codes = {c for code in area_codes for c in (code, *earlier_codes(code, recoded))}
    condition = Q()
    for indicator_id, kind, start, sex, age in wanted:
        condition |= Q(
            indicator_id=indicator_id, period_kind=kind, period_start=start, sex=sex, age=age
        )
    rows = NationalValue.objects.filter(
        condition, category_type="", area_code__in=area_codes | {ENGLAND}
    ).values_list("indicator_id", "period_kind", "period_start", "sex", "age", *PUBLISHED_FIELDS)
    found: dict[ValueKey, dict[str, Published]] = defaultdict(dict)
    for row in rows:
        found[row[:5]][row[5]] = Published(*row[5:])
    return found


def _sentence(
    area_name: str, group: ComparatorGroup, comparison: GroupComparison,
    result: AreaComparisons, index: int | None, polarity: Polarity,
) -> str:  # fmt: skip
    if index is None:
        return f"{area_name} is not in {group.name}, so it has no rank there."
    own = comparison.areas[index]
    if own.rank is None:
        reason = f" ({own.missing_reason})" if own.missing_reason else ""
        return (
            f"{area_name} has no value for {comparison.period.label}{reason}, so it is not ranked."
        )
    return comparison_sentence(
        area=area_name, rank=own.rank, n=own.n, of_group=of_group_words(group),
        tied=sum(1 for a in comparison.areas if a.rank == own.rank) > 1,
        quartile=own.quartile or 0, vs_england=int(result.vs_england.at95[0, index]),
        polarity=polarity, has_intervals=own.lower95 is not None and own.upper95 is not None,
        has_england=comparison.england is not None,
    )  # fmt: skip


def _missing(kpi: KPI, area_code: str, area_name: str, indicator: NationalIndicator | None,
             period: Period | None, groups: list[ComparatorGroup]) -> str:  # fmt: skip
    if not kpi.national_indicator.strip():
        return (
            "No national indicator is linked to this KPI, so it is not compared with other areas."
        )
    if indicator is None:
        return (
            f'The national indicator "{kpi.national_indicator}" has not been imported, so this '
            "KPI is not compared with other areas."
        )
    if not area_code:
        return f"{area_name} has no ONS area code, so it cannot be compared with other areas."
    if period is None:
        wanted = breakdown_words(_wanted(kpi))
        return f"No value of “{indicator.name.strip()}” has been published for {area_name}" + (
            f" ({wanted}, the breakdown this KPI is compared on)." if wanted else "."
        )
    if not groups:
        return "No comparator groups have been chosen for this KPI."
    return ""


def kpi_comparisons(*, kpis: Sequence[KPI], day: dt.date) -> dict[int, KPIComparison]:
    """How each KPI compares, by KPI id (see the module); at most six queries in all."""
    kpis = list(kpis)
    if not kpis:
        return {}
    councils, recoded = _organisations(kpis)
    # the council's area as it is coded now, whose values may be published under earlier codes
    now = {pk: current_code(code, recoded) if code else "" for pk, (code, _) in councils.items()}
    groups = _groups(kpis, day)
    keys = {kpi.pk: _indicator_key(kpi.national_indicator) for kpi in kpis}
    indicators = _indicators(key for key in keys.values() if key)
    indicator_of = {pk: indicators.get(key) if key else None for pk, key in keys.items()}
    latest = _published(
        {(indicator.pk, now[kpi.organisation_id]) for kpi in kpis
         if (indicator := indicator_of[kpi.pk]) and now[kpi.organisation_id]},
        day, recoded,
    )  # fmt: skip
    plan: dict[int, tuple[NationalIndicator, Period, Breakdown]] = {}
    for kpi in kpis:
        indicator = indicator_of[kpi.pk]
        found = latest.get((indicator.pk, now[kpi.organisation_id])) if indicator else None
        choice = _choice(found, _wanted(kpi)) if found else None
        if indicator is not None and choice is not None:
            plan[kpi.pk] = (indicator, *choice)
    members = _members((g for pk in plan for g in groups.get(pk, [])), day)
    wanted = {
        (indicator.pk, period.kind.value, period.start, *breakdown)
        for indicator, period, breakdown in plan.values()
    }
    codes = {code for pk in plan for g in groups.get(pk, []) for code, _ in members.get(g.pk, [])}
    values = _values(wanted, codes, recoded)

    out: dict[int, KPIComparison] = {}
    for kpi in kpis:
        area_code, area_name = councils[kpi.organisation_id]
        own_codes = {area_code, now[kpi.organisation_id]}
        rows: list[KPIGroupComparison] = []
        period: Period | None = None
        breakdown: Breakdown | None = None
        if kpi.pk in plan:
            indicator, period, breakdown = plan[kpi.pk]
            published = values.get((indicator.pk, period.kind.value, period.start, *breakdown), {})
            polarity = indicator_polarity(indicator, kpi.polarity)
            for group in groups.get(kpi.pk, []):
                group_members = members.get(group.pk, [])
                comparison, result = compare_members(
                    indicator=indicator, group=group, period=period, members=group_members,
                    published=published, polarity=polarity, recoded=recoded, breakdown=breakdown,
                )  # fmt: skip
                index = next(
                    (i for i, (code, _) in enumerate(group_members) if code in own_codes), None
                )
                rows.append(KPIGroupComparison(
                    comparison=comparison,
                    own=comparison.areas[index] if index is not None else None,
                    sentence=_sentence(area_name, group, comparison, result, index, polarity),
                    bottom_quartile=index is not None and bool(result.bottom_quartile[0, index]),
                ))  # fmt: skip
        indicator = indicator_of[kpi.pk]
        out[kpi.pk] = KPIComparison(
            kpi_id=kpi.pk, area_code=area_code, area_name=area_name, indicator=indicator,
            period=period, groups=rows, breakdown=breakdown,
            missing=_missing(kpi, area_code, area_name, indicator, period, groups.get(kpi.pk, [])),
        )  # fmt: skip
    return out
