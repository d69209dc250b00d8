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
    value = models.DecimalField(max_digits=18, decimal_places=6)
    numerator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    lower_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    upper_ci = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
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


class ReportingCycle(TimeStampedModel):
    """One quarter's round of the performance cycle: what is due, by when, and where it goes.

    The periods due are derived from the cycle's quarter and each KPI's frequency by
    `collection.timetable.cycle_due_items`, never stored, so a KPI added mid-year is due too.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open for submissions"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.CASCADE, related_name="cycles"
    )
    financial_year = models.PositiveSmallIntegerField(help_text="Starting year: 2024 for 2024/25.")
    quarter = models.PositiveSmallIntegerField(
        help_text="The quarter whose results are reported, 1-4."
    )
    submission_deadline = models.DateField()
    directorate_check_date = models.DateField(
        help_text="When directorate teams finish checking and signing off."
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["financial_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "financial_year", "quarter"], name="cycle_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1) & models.Q(quarter__lte=4),
                name="cycle_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(directorate_check_date__gte=models.F("submission_deadline")),
                name="cycle_check_after_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.period.label

    @property
    def period(self) -> Period:
        return Period.quarter(self.financial_year, self.quarter)


class Meeting(TimeStampedModel):
    """A meeting in the reporting timetable: where a cycle's results are reported."""

    cycle = models.ForeignKey(
        ReportingCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.CASCADE, related_name="meetings"
    )
    committee = models.ForeignKey(
        "organisation.Committee", on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField()
    title = models.CharField(max_length=200, help_text="For example: Quarter 2 performance report.")

    class Meta:
        ordering = ["date", "committee__name"]

    def __str__(self) -> str:
        return f"{self.committee}: {self.title} ({self.date:%-d %b %Y})"


class ReminderSent(models.Model):
    """A reminder or escalation already sent, so the same one is never sent twice.

    The unique constraint, not a check before sending, is what guarantees "exactly once" when
    two `quarterly remind` runs overlap.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", "Before the deadline"
        ON_DAY = "on_day", "On the deadline"
        OVERDUE = "overdue", "Overdue"
        ESCALATE_DIRECTORATE = "escalate_directorate", "Escalated to the directorate team"
        ESCALATE_PERFORMANCE = "escalate_performance", "Escalated to the performance team"
        CHASE = "chase", "Chased by hand"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "person", "kind", "deadline"],
                name="reminder_once_per_rule_person_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person} for {self.cycle}"


class HighlightItem(TimeStampedModel):
    """A KPI singled out for a cycle, with the commentary requested from its key contact."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="highlights")
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="highlights")
    reasons = models.JSONField(
        default=list,
        blank=True,
        help_text="Each rule that proposed it, in words (none once no rule still applies).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    commentary_requested_at = models.DateTimeField(null=True, blank=True)
    commentary_received_at = models.DateTimeField(null=True, blank=True)
    reasons_for_result = models.TextField(blank=True)
    actions_being_taken = models.TextField(blank=True)

    class Meta:
        ordering = ["cycle", "kpi__reference"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kpi"], name="highlight_one_per_kpi_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} highlight for {self.cycle}"
