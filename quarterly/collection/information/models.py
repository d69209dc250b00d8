"""A Scrutiny Board's request for more information about a KPI, and its owner's answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from quarterly.core.models import TimeStampedModel
from quarterly.organisation.models import Committee, Organisation
from quarterly.register.models import KPI

QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 10000


class InformationRequest(TimeStampedModel):
    """A board asks a KPI's owner (its accountable officer) a question, to answer by a date.

    asked -> answered (the answer goes into the board's next pack) -> reported (a published
    pack carried it). The owner is reminded before the due date and chased after it, as key
    contacts are for results (`collection.reminders.information`).
    """

    class Status(models.TextChoices):
        ASKED = "asked", "Awaiting an answer"
        ANSWERED = "answered", "Answered"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="information_requests"
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="information_requests"
    )
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="information_requests")
    question = models.TextField(max_length=QUESTION_MAX_LENGTH)
    due_date = models.DateField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="information_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    answer = models.TextField(max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_in = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="asked") | ~models.Q(answer=""),
                name="information_request_answered_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee}: {self.kpi.reference} information request"

    def get_absolute_url(self) -> str:
        return reverse("information:answer", args=[self.pk])
