from __future__ import annotations

from django.conf import settings
from django.db import models

from quarterly.collection.periods import Period, PeriodKind
from quarterly.core.models import TimeStampedModel
from quarterly.register.models import KPI


class Result(TimeStampedModel):
    """One entry of the KPI Data Record: a KPI's result for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        SIGNED_OFF = "signed_off", "Signed off"
        PUBLISHED = "published", "Published"

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="results")
    period_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PeriodKind])
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=18, decimal_places=6)
    numerator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    lower_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    upper_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    commentary = models.TextField(blank=True)
    data_quality_note = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kpi", "period_start", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_kind", "period_start"], name="result_one_per_kpi_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="result_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(denominator__isnull=True) | models.Q(denominator__gt=0),
                name="result_denominator_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(lower_ci__isnull=True)
                | models.Q(upper_ci__isnull=True)
                | models.Q(lower_ci__lte=models.F("upper_ci")),
                name="result_ci_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start)
