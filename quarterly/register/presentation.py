"""How a KPI's figures read on a page: decimal places, units, and its results as chart points."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from quarterly.core.models import AuditEntry
from quarterly.register.models import KPI, Target, Unit


def format_value(kpi: KPI, value: Decimal | float | None, *, with_unit: bool = True) -> str:
    """A value rounded half-up to the KPI's decimal places (as councils round), with its unit."""
    if value is None:
        return "–"
    step = Decimal(1).scaleb(-kpi.decimal_places)
    rounded = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{kpi.decimal_places}f}"
    if not with_unit:
        return text
    if kpi.unit == Unit.PERCENTAGE:
        return f"{text}%"
    if kpi.unit == Unit.CURRENCY:
        return f"£{text}" if rounded >= 0 else f"-£{text[1:]}"
    if kpi.unit == Unit.DAYS:
        return f"{text} days"
    return text


def unit_suffix(kpi: KPI) -> str:
    return "%" if kpi.unit == Unit.PERCENTAGE else ""


def target_text(kpi: KPI, target: Target) -> str:
    if target.kind == Target.Kind.DIRECTION:
        return f"{target.get_direction_display()} (interim direction target)"
    text = format_value(kpi, target.value)
    if target.tolerance:
        text += f", tolerance {format_value(kpi, target.tolerance, with_unit=False)}"
    return text


def result_rows(kpi: KPI) -> list[dict[str, Any]]:
    """The KPI's results for its page, with each period's value target where there is one."""
    targets = {t.financial_year: t for t in kpi.targets.all()}
    rows = []
    for result in kpi.results.all():
        period = result.period
        target = targets.get(period.fy)
        rows.append(
            {
                "result": result,
                "period": period,
                "value": format_value(kpi, result.value),
                "numerator": format_value(kpi, result.numerator, with_unit=False)
                if result.numerator is not None
                else "",
                "denominator": format_value(kpi, result.denominator, with_unit=False)
                if result.denominator is not None
                else "",
                "interval": (
                    f"{format_value(kpi, result.lower_ci)} to {format_value(kpi, result.upper_ci)}"
                    if result.lower_ci is not None and result.upper_ci is not None
                    else ""
                ),
                "target": target,
                "target_value": target.value
                if target and target.kind == Target.Kind.VALUE
                else None,
            }
        )
    return rows


def history_rows(entries: list[AuditEntry]) -> list[dict[str, Any]]:
    """Audit entries as a person reads them: field labels and choice labels, not column names."""
    rows = []
    for entry in entries:
        model = entry.target_type.model_class()
        changes = []
        for name, (before, after) in entry.changes.items():
            try:
                field = model._meta.get_field(name) if model else None
            except Exception:  # a field since removed keeps its stored name
                field = None
            choices = dict(field.flatchoices) if field is not None and field.choices else {}
            label = str(field.verbose_name) if field is not None else name.replace("_", " ")
            changes.append(
                {
                    "field": label[:1].upper() + label[1:],
                    "before": choices.get(before, before),
                    "after": choices.get(after, after),
                }
            )
        rows.append({"entry": entry, "changes": changes})
    return rows
