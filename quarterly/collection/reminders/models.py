"""Reminders already sent, so none is sent twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from quarterly.collection.cycles.models import ReportingCycle
from quarterly.collection.information.models import InformationRequest


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


class InformationReminderSent(models.Model):
    """A reminder or escalation about a board's information request, already sent: the same
    exactly-once rule as `ReminderSent`, one per request, person, rule and due date."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="reminders"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=ReminderSent.Kind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person", "kind", "deadline"],
                name="information_reminder_once_per_rule_person_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person} for {self.request}"
