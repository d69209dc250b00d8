"""Test data for comparisons: areas, comparator groups, national indicators and their values,
made directly (the imports that make them in production have their own tests)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from quarterly.benchmarking.models import ENGLAND, NationalIndicator, NationalValue
from quarterly.core.periods import Period
from quarterly.places.models import Area, ComparatorGroup, GroupMember

LEEDS = "E08000035"
# A value, a (value, lower95, upper95) triple, or a string: no value, for that reason.
Published = float | tuple[float, float, float] | str


def area(code: str, name: str) -> Area:
    found, _ = Area.objects.update_or_create(
        code=code, defaults={"name": name, "type": Area.type_for_code(code)}
    )
    return found


def numbered_codes(count: int) -> list[str]:
    """Codes no real area has (E06 9xxxxx), one per area."""
    return [f"E06{900000 + i:06d}" for i in range(count)]


def group(
    name: str, members: Sequence[tuple[str, str]], *, organisation: Any = None,
    kind: str = ComparatorGroup.Kind.UPLOADED,
) -> ComparatorGroup:  # fmt: skip
    made = ComparatorGroup.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), kind=kind, organisation=organisation
    )
    areas = {a.code: a for a in Area.objects.filter(code__in=[code for code, _ in members])}
    missing = [(code, n) for code, n in members if code not in areas]
    Area.objects.bulk_create(
        [Area(code=code, name=n, type=Area.type_for_code(code)) for code, n in missing]
    )
    areas = {a.code: a for a in Area.objects.filter(code__in=[code for code, _ in members])}
    GroupMember.objects.bulk_create(
        [GroupMember(group=made, area=areas[code]) for code, _ in members]
    )
    return made


def indicator(
    code: str = "90001", *, polarity: str = "higher", name: str = ""
) -> NationalIndicator:
    return NationalIndicator.objects.create(
        source=NationalIndicator.Source.FINGERTIPS, code=code,
        name=name or f"Indicator {code}", polarity=polarity,
    )  # fmt: skip


def _decimal(x: float) -> Decimal:
    return Decimal(str(x))


def publish(
    of: NationalIndicator, period: Period, values: Mapping[str, Published], *,
    england: Published | None = None, sex: str = "Persons", age: str = "All ages",
) -> None:  # fmt: skip
    """One period's values by area code (England's too, when given)."""
    rows = dict(values)
    if england is not None:
        rows[ENGLAND] = england
    made = []
    for code, given in rows.items():
        fields: dict[str, Any] = {}
        if isinstance(given, str):
            fields["missing_reason"] = given
        elif isinstance(given, tuple):
            value, lower, upper = given
            fields.update(value=_decimal(value), lower95=_decimal(lower), upper95=_decimal(upper))
        else:
            fields["value"] = _decimal(given)
        made.append(
            NationalValue(
                indicator=of,
                area_code=code,
                period_kind=period.kind.value,
                period_start=period.start,
                sex=sex,
                age=age,
                **fields,
            )  # fmt: skip
        )
    NationalValue.objects.bulk_create(made)
