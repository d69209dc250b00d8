"""The reporting timetable: each quarter's cycle and the meetings it feeds."""

from __future__ import annotations

from django.db import models

from quarterly.core.models import TimeStampedModel
from quarterly.core.periods import Period, PeriodKind


class ReportingCycle(TimeStampedModel):
    """One quarter's round of the performance cycle: what is due, by when, and where it goes.

    The periods due are derived from the cycle's quarter and each KPI's frequency by
    `collection.cycles.due.cycle_due_items`, never stored, so a KPI added mid-year is due too.
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


class ExpectedRelease(TimeStampedModel):
    """When a national source is expected to publish a KPI's result for a period.

    Until that day the result is "awaiting national release": nobody is reminded or chased for
    it, and its deadline is then the later of the cycle's and `RELEASE_DAYS_TO_ENTER` days after
    the release (see `cycles.due`).
    """

    kpi = models.ForeignKey(
        "register.KPI", on_delete=models.CASCADE, related_name="expected_releases"
    )
    period_kind = models.CharField(max_length=16)
    period_start = models.DateField()
    release_date = models.DateField()
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the date comes from: a release calendar."
    )

    class Meta:
        ordering = ["release_date", "kpi"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_kind", "period_start"], name="release_one_per_kpi_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} {self.period.label}: expected {self.release_date:%-d %b %Y}"

    @property
    def period(self) -> Period:
        return Period(PeriodKind(self.period_kind), self.period_start)
