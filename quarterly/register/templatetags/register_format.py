from __future__ import annotations

from typing import Any

from django import template

from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI
from quarterly.register.presentation import format_value

register = template.Library()


@register.simple_tag
def latest_result(kpi: KPI) -> str:
    """The latest result annotated by `kpi_list`, as "61.2% (2024/25 Q2)"."""
    value: Any = getattr(kpi, "latest_value", None)
    if value is None:
        return "No results"
    period = Period(PeriodKind(kpi.latest_kind), kpi.latest_start)  # type: ignore[attr-defined]
    return f"{format_value(kpi, value)} ({period.label})"


@register.filter
def kpi_value(value: Any, kpi: KPI) -> str:
    return format_value(kpi, value)
