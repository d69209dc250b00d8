from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from quarterly.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """A council. All data hangs off one, so a deployment can later serve several."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    area_code = models.CharField(
        max_length=9, blank=True, help_text="ONS area code, for example E08000035 for Leeds."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Directorate(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="directorates"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="directorate_unique_name"
            ),
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="directorate_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Service(TimeStampedModel):
    directorate = models.ForeignKey(Directorate, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["directorate__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["directorate", "name"], name="service_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PERFORMANCE_TEAM = "performance_team", "Performance team"
    DIRECTORATE_TEAM = "directorate_team", "Directorate intelligence team"
    KEY_CONTACT = "key_contact", "Key contact"
    ACCOUNTABLE_OFFICER = "accountable_officer", "Accountable officer"
    LEADERSHIP = "leadership", "CLT or DMT reader"
    # Agrees (or sends back) the targets proposed for its directorate's KPIs: scoped to a
    # directorate through RoleAssignment.directorate.
    DMT_MEMBER = "dmt_member", "Directorate Management Team member"
    ELECTED_MEMBER = "elected_member", "Elected member"


class Person(AbstractUser):
    """Someone who signs in. Their roles say what they may see and do."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="person_unique_email"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username


class RoleAssignment(TimeStampedModel):
    """A role a person holds, optionally limited to one directorate or committee."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    committee = models.ForeignKey(
        "Committee", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["person", "role"]
        # One constraint per scope: partial unique indexes hold on SQLite and PostgreSQL alike,
        # where a single constraint over nullable columns would let duplicates through.
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=models.Q(directorate__isnull=True, committee__isnull=True),
                name="role_assignment_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "directorate"],
                condition=models.Q(directorate__isnull=False),
                name="role_assignment_unique_directorate",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "committee"],
                condition=models.Q(committee__isnull=False),
                name="role_assignment_unique_committee",
            ),
        ]

    def __str__(self) -> str:
        scope = self.directorate or self.committee
        return f"{self.person}: {self.get_role_display()}" + (f" ({scope})" if scope else "")


class Committee(TimeStampedModel):
    class Kind(models.TextChoices):
        CLT = "clt", "Corporate Leadership Team"
        DMT = "dmt", "Directorate Management Team"
        EXECUTIVE_BOARD = "executive_board", "Executive Board"
        SCRUTINY_BOARD = "scrutiny_board", "Scrutiny Board"
        GOVERNANCE_AUDIT = "governance_audit", "Corporate Governance and Audit Committee"
        HEALTH_WELLBEING_BOARD = "health_wellbeing", "Health and Wellbeing Board"
        COMMUNITY_COMMITTEE = "community", "Community Committee"
        FULL_COUNCIL = "full_council", "Full Council"
        EXECUTIVE_DIGEST = "executive_digest", "Executive members' in-year digest"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="committees"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    directorate = models.ForeignKey(
        Directorate,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="committees",
        help_text="For a Directorate Management Team, its directorate.",
    )
    area = models.CharField(
        max_length=200, blank=True, help_text="For a Community Committee, the area it serves."
    )
    remit = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="committee_unique_name"),
            models.UniqueConstraint(fields=["organisation", "slug"], name="committee_unique_slug"),
            models.CheckConstraint(
                condition=~models.Q(kind="dmt") | models.Q(directorate__isnull=False),
                name="committee_dmt_has_directorate",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="community") | ~models.Q(area=""),
                name="committee_community_has_area",
            ),
            models.UniqueConstraint(
                fields=["organisation", "area"],
                condition=models.Q(kind="community"),
                name="committee_one_community_committee_per_area",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def covers_whole_register(self) -> bool:
        """Committees whose remit is every KPI (`WHOLE_REGISTER_KINDS`)."""
        return self.kind in WHOLE_REGISTER_KINDS


# Committees that oversee the whole council, so their remit is every KPI: the leadership team,
# Executive Board, the Corporate Governance and Audit Committee and Full Council. Every other
# committee's remit is what `register.selectors.kpis_in_remit` says.
WHOLE_REGISTER_KINDS = frozenset(
    {
        Committee.Kind.CLT,
        Committee.Kind.EXECUTIVE_BOARD,
        Committee.Kind.GOVERNANCE_AUDIT,
        Committee.Kind.FULL_COUNCIL,
    }
)


class ReportingGuidance(TimeStampedModel):
    """The council's "How performance is reported" page: written by the performance team, read
    by anyone. Plain text: paragraphs separated by blank lines."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="reporting_guidance"
    )
    body = models.TextField(
        max_length=20000,
        help_text="How the council reports performance. Separate paragraphs with a blank line.",
    )
    contacts = models.TextField(
        max_length=2000, blank=True, help_text="Who to contact, one per line."
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation"]

    def __str__(self) -> str:
        return f"How {self.organisation} reports performance"

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    @property
    def contact_lines(self) -> list[str]:
        return [line.strip() for line in self.contacts.splitlines() if line.strip()]
