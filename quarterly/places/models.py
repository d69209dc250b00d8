"""Places: ONS areas and the comparator groups a council's results are compared within.

Both change over time: an area is abolished or recoded (its successor is named), a group gains
and loses members. Records carry `valid_from`/`valid_to` (either open) and are read through
`for_date(d)`; an end date is the last day the record holds.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models

from quarterly.core.models import TimeStampedModel
from quarterly.organisation.models import Organisation

ENGLAND = "E92000001"
GSS_CODE = re.compile(r"^[EWSNK]\d{8}$")


def gss_code_check(code: str) -> None:
    """An ONS GSS code is a letter (E, W, S, N or K) and eight digits, for example E08000035."""
    if not GSS_CODE.match(code):
        raise ValidationError(
            f'"{code}" is not an ONS area code: it should be a letter and eight digits, '
            "for example E08000035."
        )


class DatedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def for_date(self, day: dt.date) -> DatedQuerySet:
        """The records that hold on `day`."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class Dated(TimeStampedModel):
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True, help_text="The last day it holds.")

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The end date is before the start date."})


class Area(Dated):
    """An ONS GSS area: a country, an English region, a local authority or (later) a ward."""

    class Type(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        UNITARY = "E06", "Unitary authority"
        DISTRICT = "E07", "District"
        METROPOLITAN = "E08", "Metropolitan district"
        LONDON_BOROUGH = "E09", "London borough"
        COUNTY = "E10", "County"
        COMBINED_AUTHORITY = "E47", "Combined authority"
        SCOTTISH_COUNCIL = "S12", "Scottish council area"
        WELSH_AUTHORITY = "W06", "Welsh unitary authority"
        WARD = "ward", "Ward"
        OTHER = "other", "Other area"

    code = models.CharField(max_length=9, unique=True, validators=[gss_code_check])
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=8, choices=Type.choices)
    region_code = models.CharField(max_length=9, blank=True)
    upper_tier_code = models.CharField(
        max_length=9, blank=True, help_text="For a district, the county or unitary above it."
    )
    successor_code = models.CharField(
        max_length=9, blank=True, help_text="For an abolished or recoded area, the area now."
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @staticmethod
    def type_for_code(code: str) -> str:
        """The type an ONS code's prefix says (E08 metropolitan district, ...), else "other"."""
        prefix = code[:3]
        if prefix in {"E92", "W92", "S92", "N92"}:
            return Area.Type.COUNTRY
        if prefix == "E12":
            return Area.Type.REGION
        if prefix in {"E05", "W05", "S13"}:
            return Area.Type.WARD
        return prefix if prefix in Area.Type.values else Area.Type.OTHER


class ComparatorGroup(Dated):
    """The areas a council compares itself with: built in (England, each region, the Core
    Cities, Oflog's nearest neighbours of each authority) or uploaded by a council."""

    class Kind(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        CORE_CITIES = "core_cities", "Core Cities"
        NEAREST_NEIGHBOURS = "nearest_neighbours", "Nearest neighbours"
        UPLOADED = "uploaded", "Uploaded by the council"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE,
        related_name="comparator_groups", help_text="Empty for a built-in group.",
    )  # fmt: skip
    # England for England, the region for a region, the authority whose neighbours they are.
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="groups_about"
    )
    source = models.CharField(max_length=500, blank=True, help_text="Where the group comes from.")

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(organisation__isnull=True),
                name="comparator_group_builtin_unique_slug",
            ),
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="comparator_group_unique_slug"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def built_in(self) -> bool:
        return self.organisation_id is None


class GroupMember(Dated):
    """An area's membership of a comparator group, for the dates it holds."""

    group = models.ForeignKey(ComparatorGroup, on_delete=models.CASCADE, related_name="members")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="memberships")

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["group", "area__name"]
        indexes = [models.Index(fields=["group", "area"], name="group_member_idx")]

    def __str__(self) -> str:
        return f"{self.area.name} in {self.group.name}"
