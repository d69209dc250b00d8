"""Benchmark values: what other areas (England, the region, comparators) scored on a KPI.

Imported from national sources in OHID Fingertips' shape (value and 95% confidence interval
per area and period). Each row belongs to one of the council's KPIs, so the data stay scoped
by organisation through the KPI.
"""

from __future__ import annotations

from django.db import models

from quarterly.core.models import TimeStampedModel
from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI

ENGLAND = "E92000001"
YORKSHIRE_AND_THE_HUMBER = "E12000003"


class BenchmarkValue(TimeStampedModel):
    """One area's published value of a KPI's benchmark indicator for one period."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="benchmark_values")
    period_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PeriodKind])
    period_start = models.DateField()
    area_code = models.CharField(
        max_length=9, help_text="ONS area code, for example E92000001 for England."
    )
    area_name = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=18, decimal_places=6)
    lower_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    upper_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    source = models.CharField(max_length=300, help_text="Publisher and dataset.")

    class Meta:
        ordering = ["kpi", "period_start", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_kind", "period_start", "area_code"],
                name="benchmark_one_per_kpi_period_area",
            ),
            models.CheckConstraint(
                condition=models.Q(lower_ci__isnull=True)
                | models.Q(upper_ci__isnull=True)
                | models.Q(lower_ci__lte=models.F("upper_ci")),
                name="benchmark_ci_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} {self.period.label} {self.area_name}"

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start)
