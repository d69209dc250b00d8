from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse

from quarterly.core.models import TimeStampedModel
from quarterly.core.periods import financial_year_label
from quarterly.organisation.models import (
    WHOLE_REGISTER_KINDS,
    Committee,
    Directorate,
    Organisation,
    Service,
)
from quarterly.places.models import ComparatorGroup

RATE_PER_MAX = 1_000_000_000
COUNTS_ROUNDED_MAX = 1_000_000


class Pillar(TimeStampedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pillars")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="pillar_unique_name"),
            models.UniqueConstraint(fields=["organisation", "slug"], name="pillar_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Priority(TimeStampedModel):
    """One of the council's strategic priorities, under one of its pillars."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="priorities"
    )
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="priorities")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pillar__order", "pillar__name", "order", "name"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="priority_unique_name"),
            models.UniqueConstraint(fields=["organisation", "slug"], name="priority_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.pillar_id
            and self.organisation_id
            and (self.pillar.organisation_id != self.organisation_id)
        ):
            raise ValidationError({"pillar": "Choose one of this council's pillars."})


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    COUNT = "count", "Count"
    RATE = "rate", "Rate per N"
    CURRENCY = "currency", "Currency (£)"
    DAYS = "days", "Days"
    SCORE = "score", "Score"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "None (tracker)"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    OTHER = "other", "Other"


class Comparator(models.TextChoices):
    PREVIOUS = "previous", "Previous period"
    SAME_LAST_YEAR = "same_last_year", "Same period last year"


class Measures(models.TextChoices):
    """Whether a KPI measures the council's own performance, or the city it serves (context the
    council influences but does not control), as the council's performance framework tells them
    apart."""

    COUNCIL = "council", "Council performance"
    CITY = "city", "City context"


class AssuranceType(models.TextChoices):
    """Where the assurance over a KPI's figures comes from."""

    EXTERNAL_AUDIT = "external_audit", "External audit"
    INSPECTION = "inspection", "Inspection"
    NATIONAL_STATISTIC = "national_statistic", "National statistic"
    LOCAL_DATA = "local_data", "Local data"


class KPIQuerySet(models.QuerySet["KPI"]):
    def in_remit_of(self, committee_ids: Iterable[int]) -> KPIQuerySet:
        """The KPIs within the remit of any of these committees: the one definition of a remit,
        used by `register.selectors.kpis_in_remit` and by members' access (`organisation.access`,
        which cannot import this app, calls it on the KPI queryset it is given).

        A committee that oversees the whole council (`WHOLE_REGISTER_KINDS`) covers every KPI
        of its council. Any other covers what its remit names (pillars, directorates and single
        KPIs and priorities), and besides: a Scrutiny Board the KPIs
        whose scrutiny board it is, a Directorate Management Team its directorate's KPIs, and
        the Executive members' digest every KPI with an Executive Member portfolio.
        """
        committees = list(Committee.objects.filter(pk__in=list(committee_ids)))
        condition = models.Q(pk__in=[])
        for committee in committees:
            if committee.kind in WHOLE_REGISTER_KINDS:
                condition |= models.Q(organisation_id=committee.organisation_id)
                continue
            if committee.kind == Committee.Kind.SCRUTINY_BOARD:
                condition |= models.Q(scrutiny_board_id=committee.pk)
            elif committee.kind == Committee.Kind.DMT:
                condition |= models.Q(directorate_id=committee.directorate_id)
            elif committee.kind == Committee.Kind.EXECUTIVE_DIGEST:
                condition |= models.Q(organisation_id=committee.organisation_id) & ~models.Q(
                    portfolio=""
                )
            named = CommitteeRemit.objects.filter(committee_id=committee.pk)
            condition |= (
                models.Q(pk__in=named.values("kpis"))
                | models.Q(directorate_id__in=named.values("directorates"))
                | models.Q(pk__in=KPI.pillars.through.objects.filter(
                    pillar_id__in=named.values("pillars")).values("kpi_id"))
                | models.Q(pk__in=KPI.priorities.through.objects.filter(
                    priority_id__in=named.values("priorities")).values("kpi_id"))
            )  # fmt: skip
        return self.filter(condition)


class KPI(TimeStampedModel):
    """A key performance indicator and its supporting information."""

    class Status(models.TextChoices):
        """The KPI's lifecycle: in development -> proposed -> active -> retired (see
        `register.services.KPI_STATUS_MOVES`). Only active KPIs are due, scored and reported; a
        retired one keeps its history."""

        DEVELOPMENT = "development", "In development"
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        RETIRED = "retired", "Retired"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="kpis")
    reference = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    definition = models.TextField()
    purpose = models.TextField(blank=True)
    unit = models.CharField(max_length=12, choices=Unit.choices)
    rate_per = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For rates: per N.",
        validators=[
            MinValueValidator(1, "A rate is per 1 or more."),
            MaxValueValidator(RATE_PER_MAX, f"A rate is per at most {RATE_PER_MAX:,}."),
        ],
    )
    counts_rounded_to = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Where the source rounds its counts to protect confidentiality: what they are "
        "rounded to (5 for the nearest 5). Values are checked against numerators and "
        "denominators within that rounding.",
        validators=[
            MinValueValidator(
                1, "Counts are rounded to 1 or more; leave it empty if they are not."
            ),
            MaxValueValidator(
                COUNTS_ROUNDED_MAX, f"Counts are rounded to at most {COUNTS_ROUNDED_MAX:,}."
            ),
        ],
    )
    standardised_rate = models.BooleanField(
        default=False,
        help_text="Directly standardised rate: entered as the published rate; counts are shown "
        "but not checked against it.",
    )
    decimal_places = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(6, "Use at most 6 decimal places.")]
    )
    polarity = models.CharField(max_length=8, choices=Polarity.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    comparator = models.CharField(max_length=16, choices=Comparator.choices)
    data_source = models.CharField(max_length=300)
    source_url = models.URLField(
        max_length=500,
        blank=True,
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message="Enter a web address that starts with http:// or https://.",
            )
        ],
    )
    known_weaknesses = models.TextField(
        blank=True, help_text="Known weaknesses and data-quality limitations."
    )
    availability = models.CharField(
        max_length=300, blank=True, help_text="When results become available."
    )
    baseline = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    baseline_period = models.CharField(max_length=30, blank=True)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="kpis")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="kpis"
    )
    accountable_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accountable_kpis",
    )
    key_contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="contact_kpis"
    )
    scrutiny_board = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpis",
        limit_choices_to={"kind": Committee.Kind.SCRUTINY_BOARD},
    )
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="kpis")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="kpis")
    in_ambition_scorecard = models.BooleanField(default=False)
    benchmark_indicators = models.CharField(max_length=300, blank=True)
    comparator_groups = models.ManyToManyField(
        ComparatorGroup, blank=True, related_name="kpis",
        help_text="The groups of areas its results are compared within.",
    )  # fmt: skip
    national_indicator = models.CharField(
        max_length=100, blank=True,
        help_text='The national indicator that feeds its comparisons, for example '
        '"fingertips:93014".',
    )  # fmt: skip
    national_sex = models.CharField(
        max_length=50, blank=True,
        help_text="The sex it is compared for, as the national dataset names it (Male, Female, "
        "Persons). Empty: persons where published, else the first published.",
    )  # fmt: skip
    national_age = models.CharField(
        max_length=100, blank=True,
        help_text='The age band it is compared for, as the national dataset names it (for '
        'example "65+ yrs"). Empty: all ages where published, else the nearest.',
    )  # fmt: skip
    measures = models.CharField(
        max_length=8, choices=Measures.choices, default=Measures.COUNCIL,
        help_text="Council performance, or city context.",
    )  # fmt: skip
    assurance_type = models.CharField(
        max_length=20, choices=AssuranceType.choices, default=AssuranceType.LOCAL_DATA
    )
    portfolio = models.CharField(
        max_length=200, blank=True, help_text="The Executive Member portfolio it belongs to."
    )
    illustrative = models.BooleanField(
        default=False, help_text="Demo figures that are not a real published series."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)

    objects = KPIQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="kpi_unique_reference"
            ),
            models.CheckConstraint(
                condition=(models.Q(unit="rate") & models.Q(rate_per__gt=0))
                | (~models.Q(unit="rate") & models.Q(rate_per__isnull=True)),
                name="kpi_rate_per_only_for_rates",
            ),
            models.CheckConstraint(
                condition=models.Q(decimal_places__lte=6), name="kpi_decimal_places_max_6"
            ),
            models.CheckConstraint(
                condition=models.Q(counts_rounded_to__isnull=True)
                | models.Q(counts_rounded_to__gte=1),
                name="kpi_counts_rounded_to_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        """Rules across fields, for the web forms and the workbook import alike."""
        if self.unit == Unit.RATE and not self.rate_per:
            raise ValidationError(
                {"rate_per": "A rate needs its base, for example 1000 for a rate per 1,000."}
            )
        if self.unit != Unit.RATE and self.rate_per:
            raise ValidationError(
                {"rate_per": "Only a rate has a base; leave this empty for other units."}
            )

    def get_absolute_url(self) -> str:
        return reverse("register:kpi-detail", kwargs={"reference": self.reference})

    @property
    def is_tracker(self) -> bool:
        return self.polarity == Polarity.NONE

    @property
    def unit_label(self) -> str:
        if self.unit == Unit.RATE and self.rate_per:
            return f"rate per {self.rate_per:,}"
        return self.get_unit_display().lower()


class TargetTerms(TimeStampedModel):
    """What a target says: a value with its tolerance (the amber band), or an interim direction.

    Shared by an agreed `Target` and a `TargetProposal`, so both (and the web and the workbook)
    apply one set of rules with one set of messages (`clean`)."""

    class Kind(models.TextChoices):
        VALUE = "value", "Value"
        DIRECTION = "direction", "Direction"

    class Direction(models.TextChoices):
        INCREASE = "increase", "Increase"
        DECREASE = "decrease", "Decrease"

    financial_year = models.PositiveSmallIntegerField(help_text="Starting year: 2024 for 2024/25.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    tolerance = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The amber band, in the KPI's unit.",
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        """The target's rules, keyed by field, in the words the register workbook uses too."""
        errors: dict[str, str] = {}
        if self.kind == self.Kind.DIRECTION:
            if self.value is not None:
                errors["direction"] = "Give a target value or a direction, not both."
            if self.tolerance is not None:
                errors["tolerance"] = "A direction target has no tolerance."
        elif self.value is None:
            errors["value"] = "Enter a target value, or a direction (Increase or Decrease)."
        if self.tolerance is not None and self.tolerance < 0:
            errors["tolerance"] = "The tolerance cannot be negative."
        kpi = self.kpi if self.kpi_id else None  # type: ignore[attr-defined]
        if kpi is not None and kpi.unit == Unit.PERCENTAGE and self.value is not None:
            if not 0 <= self.value <= 100:
                errors["value"] = "A percentage target must be between 0 and 100."
        if errors:
            raise ValidationError(errors)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)


class Target(TargetTerms):
    """A KPI's agreed target for one financial year; only these judge results (RAG).

    `basis` says how it was agreed: by the DMT in Quarterly (from a `TargetProposal`), recorded
    by the performance team from the register workbook (agreed outside Quarterly), or before
    these records began (targets that existed when agreement was first recorded)."""

    class Basis(models.TextChoices):
        BEFORE_RECORDS = "before_records", "Agreed before records began"
        RECORDED = "recorded", "Recorded from the register workbook"
        DMT = "dmt", "Agreed by the Directorate Management Team"

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="targets")
    basis = models.CharField(max_length=16, choices=Basis.choices, default=Basis.BEFORE_RECORDS)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="Who agreed it (the DMT) or recorded it (the workbook).",
    )  # fmt: skip
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kpi", "financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "financial_year"], name="target_one_per_year"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="value") & models.Q(value__isnull=False) & models.Q(direction="")
                )
                | (
                    models.Q(kind="direction")
                    & models.Q(value__isnull=True)
                    & models.Q(tolerance__isnull=True)
                    & ~models.Q(direction="")
                ),
                name="target_value_or_direction",
            ),
            models.CheckConstraint(
                condition=models.Q(tolerance__isnull=True) | models.Q(tolerance__gte=0),
                name="target_tolerance_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(financial_year__gte=1900) & models.Q(financial_year__lte=2199),
                name="target_financial_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.reference} target {financial_year_label(self.financial_year)}"


class CommitteeRemit(TimeStampedModel):
    """What a committee oversees, chosen by the performance team: whole pillars, whole
    priorities, whole directorates and single KPIs. Which KPIs that adds
    up to is `KPIQuerySet.in_remit_of`'s to say."""

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE, related_name="kpi_remit")
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="remits")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="remits")
    directorates = models.ManyToManyField(Directorate, blank=True, related_name="remits")
    kpis = models.ManyToManyField(KPI, blank=True, related_name="remits")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["committee"]

    def __str__(self) -> str:
        return f"Remit of {self.committee}"
