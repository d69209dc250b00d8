"""Bridge from the models to the pure `assessment` library: judge a KPI's result."""

from __future__ import annotations

from typing import Any

from quarterly.collection.periods import Period
from quarterly.register.models import KPI


def rag_for_value(*, kpi: KPI, period: Period, value: Any) -> Any:
    return None  # replaced when quarterly.assessment lands
