"""factory_boy factories: a small council with one named person per role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils.text import slugify

from quarterly.collection.models import ReportingCycle, Result
from quarterly.core.periods import Period
from quarterly.organisation.models import (
    Committee,
    Directorate,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Service,
)
from quarterly.register.models import KPI, Pillar, Target


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = "Leeds City Council"
    slug = "leeds"
    area_code = "E08000035"


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Directorate {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("directorate", "name")

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Service {n}")


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Health and Wellbeing"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Scrutiny Board (Adults, Health and Active Lifestyles)"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Committee.Kind.SCRUTINY_BOARD


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Example"
    email = factory.Sequence(lambda n: f"person{n}@council.example")
    username = factory.LazyAttribute(lambda o: o.email)
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        if create and extracted:
            RoleAssignment.objects.create(
                person=self, role=extracted, directorate=kwargs.get("directorate")
            )


class KPIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KPI
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"KPI-{n:03d}")
    title = factory.Sequence(lambda n: f"Indicator number {n}")
    definition = "The percentage of things done on time."
    unit = "percentage"
    decimal_places = 1
    polarity = "higher"
    frequency = "quarterly"
    comparator = "previous"
    data_source = "Service records"
    directorate = factory.SubFactory(
        DirectorateFactory, organisation=factory.SelfAttribute("..organisation")
    )
    service = factory.SubFactory(ServiceFactory, directorate=factory.SelfAttribute("..directorate"))
    scrutiny_board = factory.SubFactory(
        CommitteeFactory, organisation=factory.SelfAttribute("..organisation")
    )

    @factory.post_generation
    def pillars(self, create: bool, extracted: list[Pillar] | None, **kwargs: object) -> None:
        if create:
            self.pillars.set(
                extracted
                if extracted is not None
                else [PillarFactory(organisation=self.organisation)]
            )


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    kpi = factory.SubFactory(KPIFactory)
    financial_year = 2024
    kind = Target.Kind.VALUE
    value = Decimal("65")
    tolerance = Decimal("2")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result
        exclude = ("period",)

    kpi = factory.SubFactory(KPIFactory)
    # Wraps after a century, so a long session never runs past the last year a period may have.
    period = factory.Sequence(lambda n: Period.quarter(2020, 1).shift(n % 400))
    period_kind = factory.LazyAttribute(lambda o: o.period.kind.value)
    period_start = factory.LazyAttribute(lambda o: o.period.start)
    period_end = factory.LazyAttribute(lambda o: o.period.end)
    value = Decimal("61.5")
    status = Result.Status.PUBLISHED


class ReportingCycleFactory(factory.django.DjangoModelFactory):
    """A cycle open for entry (2025/26 Q1 unless told otherwise), deadline four weeks after."""

    class Meta:
        model = ReportingCycle
        django_get_or_create = ("organisation", "financial_year", "quarter")

    organisation = factory.SubFactory(OrganisationFactory)
    financial_year = 2025
    quarter = 1
    submission_deadline = factory.LazyAttribute(
        lambda o: Period.quarter(o.financial_year, o.quarter).end + dt.timedelta(days=28)
    )
    directorate_check_date = factory.LazyAttribute(
        lambda o: o.submission_deadline + dt.timedelta(days=7)
    )
    status = ReportingCycle.Status.OPEN


ROLE_PEOPLE = {
    "performance": Role.PERFORMANCE_TEAM,
    "directorate": Role.DIRECTORATE_TEAM,
    "key_contact": Role.KEY_CONTACT,
    "officer": Role.ACCOUNTABLE_OFFICER,
    "clt": Role.LEADERSHIP,
    "councillor": Role.ELECTED_MEMBER,
}
