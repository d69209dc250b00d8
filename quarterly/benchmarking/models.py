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


class NationalIndicator(TimeStampedModel):
    """An indicator of a national dataset (a Fingertips indicator, a DfE or Oflog measure),
    named by its publisher's id. Its values are stored for every area, not per council KPI, so
    comparisons work on a database with no council at all."""

    class Source(models.TextChoices):
        FINGERTIPS = "fingertips", "OHID Fingertips export"
        LONG = "long", "Long CSV"
        OFLOG = "oflog", "Oflog Local Authority Data Explorer download"
        LGINFORM = "lginform", "LG Inform-style long file (indicator, measure, unit, value)"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NONE = "", "Not stated"

    source = models.CharField(max_length=16, choices=Source.choices)
    code = models.CharField(max_length=100, help_text="The publisher's indicator id.")
    name = models.CharField(max_length=500)
    polarity = models.CharField(max_length=8, choices=Polarity.choices, blank=True)
    unit_note = models.CharField(
        max_length=200, blank=True, help_text="What the value is, for example a rate per 100,000."
    )

    class Meta:
        ordering = ["source", "code"]
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="national_indicator_one_per_id")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NationalValue(TimeStampedModel):
    """One area's published value of a national indicator for one period (and, where the
    publisher splits it, one sex, age band and category). A suppressed or missing value is
    stored as no value with its reason, never as 0."""

    # No index of its own: the unique constraint below begins with it, and a second index
    # costs every bulk import its upkeep (a sixth of a million-row import on PostgreSQL).
    indicator = models.ForeignKey(
        NationalIndicator, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    area_code = models.CharField(max_length=9, help_text="ONS area code, as published.")
    area_name = models.CharField(max_length=200, blank=True, help_text="As published.")
    area_type = models.CharField(max_length=100, blank=True)
    period_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PeriodKind])
    period_start = models.DateField()
    sex = models.CharField(max_length=50, blank=True)
    age = models.CharField(max_length=100, blank=True)
    category_type = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    missing_reason = models.CharField(
        max_length=300, blank=True, help_text="Why there is no value, for example suppressed."
    )
    count = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    lower95 = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    upper95 = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    lower998 = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    upper998 = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    # The publisher's own comparisons, verbatim, to check ours against.
    recent_trend = models.CharField(max_length=200, blank=True)
    compared_to_england = models.CharField(max_length=200, blank=True)
    compared_to_region = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "period_start", "area_code", "sex", "age", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "indicator",
                    "area_code",
                    "period_kind",
                    "period_start",
                    "sex",
                    "age",
                    "category_type",
                    "category",
                ],
                name="national_value_one_per_indicator_area_period_split",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=models.Q(lower95__isnull=True)
                | models.Q(upper95__isnull=True)
                | models.Q(lower95__lte=models.F("upper95")),
                name="national_value_ci95_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(lower998__isnull=True)
                | models.Q(upper998__isnull=True)
                | models.Q(lower998__lte=models.F("upper998")),
                name="national_value_ci998_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period.label} {self.area_name or self.area_code}"

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start)
