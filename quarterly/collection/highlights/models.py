"""Highlight items: KPIs singled out for a cycle, with their commentary."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.core.models import TimeStampedModel
from quarterly.register.models import KPI


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
