"""Target proposals for the DMT to agree, and the yearly reviews of the KPI list ."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from quarterly.core.models import TimeStampedModel
from quarterly.core.periods import financial_year_label
from quarterly.organisation.models import Organisation
from quarterly.register.models.kpi import KPI, TargetTerms


class TargetProposal(TargetTerms):
    """A target proposed for a KPI and financial year by its owner, for its DMT to agree.

    proposed -> agreed (which writes the `Target`) or sent back with a comment; a sent-back or
    agreed proposal may be proposed again (`register.target_agreement`). One per KPI and year:
    the history of each round is in the audit trail."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed, awaiting DMT agreement"
        AGREED = "agreed", "Agreed"
        SENT_BACK = "sent_back", "Sent back"

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="target_proposals")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    rationale = models.TextField(
        max_length=2000, help_text="Why this target: the evidence and ambition behind it."
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kpi", "financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "financial_year"], name="target_proposal_one_per_year"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="value") & models.Q(direction=""))
                | (models.Q(kind="direction") & models.Q(value__isnull=True)),
                name="target_proposal_value_or_direction",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent_back") | ~models.Q(comment=""),
                name="target_proposal_sent_back_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} proposed target {financial_year_label(self.financial_year)}"


class KPIListReview(TimeStampedModel):
    """The yearly review of the KPI list with the Corporate Leadership Team and the Scrutiny
    Chairs: who agreed it, when, and what had changed since the previous review (worked out
    from the audit trail when the review is recorded, and kept as it was then)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="kpi_list_reviews"
    )
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the reviewed list is for: 2026 for 2026/27."
    )
    agreed_on = models.DateField()
    agreed_by = models.CharField(
        max_length=300, help_text="For example, CLT and the Scrutiny Board Chairs."
    )
    changes = models.JSONField(default=dict, help_text="What changed since the previous review.")
    changes_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the previous review was recorded; none for the first.",
    )
    notes = models.TextField(max_length=5000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-financial_year"]
        verbose_name = "KPI list review"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "financial_year"], name="kpi_list_review_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(financial_year__gte=1900) & models.Q(financial_year__lte=2199),
                name="kpi_list_review_financial_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of the KPI list for {financial_year_label(self.financial_year)}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)
