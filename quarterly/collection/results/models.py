"""The KPI Data Record: a KPI's result for each period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import (
    MaxLengthValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
)
from django.db import models

from quarterly.core.models import TimeStampedModel
from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI

COMMENTARY_MAX_LENGTH = 5000
DATA_QUALITY_NOTE_MAX_LENGTH = 2000
MISSING_REASON_MAX_LENGTH = 300


def _text_rules(limit: int) -> list[Any]:
    """Free text a person writes: at most `limit` characters, and no NUL (no database keeps it)
    or other control characters (no spreadsheet can hold them), though tabs and new lines."""
    return [
        MaxLengthValidator(limit),
        ProhibitNullCharactersValidator(),
        RegexValidator(
            r"[\x01-\x08\x0b\x0c\x0e-\x1f]",
            inverse_match=True,
            message="Remove the invisible control characters from this text.",
        ),
    ]


class Result(TimeStampedModel):
    """One entry of the KPI Data Record: a KPI's result for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        RETURNED = "returned", "Returned for correction"
        SUBMITTED = "submitted", "Submitted"
        SIGNED_OFF = "signed_off", "Signed off"
        PUBLISHED = "published", "Published"

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="results")
    period_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PeriodKind])
    period_start = models.DateField()
    period_end = models.DateField()
    # No value (None) when the figure was suppressed, not available or had a zero denominator:
    # `missing_reason` then says why, and the period is shown as a gap, never as 0.
    value = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    lower_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    upper_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    # Why a figure is missing: the value (required when there is none), or a numerator or
    # denominator withheld beside a published value. Marks are kept as written ('"c"').
    missing_reason = models.CharField(
        "reason a figure is missing",
        max_length=MISSING_REASON_MAX_LENGTH,
        blank=True,
        validators=_text_rules(MISSING_REASON_MAX_LENGTH),
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    commentary = models.TextField(
        blank=True, max_length=COMMENTARY_MAX_LENGTH, validators=_text_rules(COMMENTARY_MAX_LENGTH)
    )
    data_quality_note = models.TextField(
        blank=True,
        max_length=DATA_QUALITY_NOTE_MAX_LENGTH,
        validators=_text_rules(DATA_QUALITY_NOTE_MAX_LENGTH),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
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
                condition=models.Q(value__isnull=False) | ~models.Q(missing_reason=""),
                name="result_no_value_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(denominator__isnull=True)
                | models.Q(denominator__gt=0)
                | (models.Q(denominator=0) & models.Q(value__isnull=True)),
                name="result_denominator_positive_or_no_value",
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

    @property
    def has_value(self) -> bool:
        return self.value is not None


REASON_MAX_LENGTH = 2000


class RecalculationPoint(TimeStampedModel):
    """A period from which a KPI's SPC limits are calculated afresh (METHODS.md §4.1).

    The engine suggests one after a sustained shift; the performance team accepts it, giving the
    known change that explains it, or rejects it; they may also set one by hand. Only accepted
    points move limits. A rejected one stays, so the same shift is not suggested again.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="recalculation_points")
    # The period the new limits start from, stored as a Result stores its period.
    period_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in PeriodKind])
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUGGESTED)
    # The engine's words while suggested; the person's reason once accepted, rejected or removed.
    reason = models.TextField(
        max_length=REASON_MAX_LENGTH, validators=_text_rules(REASON_MAX_LENGTH)
    )
    # Why the engine suggested it, kept after the decision (empty for a point set by hand).
    suggestion = models.TextField(blank=True)
    suggested_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kpi", "period_start", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_kind", "period_start"],
                name="recalculation_one_per_kpi_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="recalculation_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} recalculation point {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start)
