from __future__ import annotations

from typing import Any

from django import template

from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI
from quarterly.register.presentation import format_value, result_value_text

register = template.Library()


@register.simple_tag
def latest_result(kpi: KPI) -> str:
    """The latest result annotated by `kpi_list`, as "61.2% (2024/25 Q2)", or "No value: why
    (2024/25 Q2)" for a period with no value."""
    if getattr(kpi, "latest_kind", None) is None:
        return "No results"
    value: Any = getattr(kpi, "latest_value", None)
    period = Period(PeriodKind(kpi.latest_kind), kpi.latest_start)  # type: ignore[attr-defined]
    reason = getattr(kpi, "latest_missing_reason", "") or ""
    return f"{result_value_text(kpi, value, reason)} ({period.label})"


@register.filter
def kpi_value(value: Any, kpi: KPI) -> str:
    return format_value(kpi, value)


@register.filter
def result_value(result: Any, kpi: KPI) -> str:
    """A Result's value in its KPI's format, or "No value: why" for a period with none."""
    return result_value_text(kpi, result.value, result.missing_reason)
