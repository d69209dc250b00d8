"""Load the demo council (Leeds) into the database. Safe to run again: it duplicates nothing."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from tqdm import tqdm

from quarterly.collection.models import Result
from quarterly.collection.results.services import results_save_many
from quarterly.core.periods import Period
from quarterly.demo.benchmarks import demo_benchmarks_load
from quarterly.demo.catalogue import (
    DIRECTORATES,
    PILLARS,
    SCRUTINY_BOARDS,
    SERVICES,
    DemoKPI,
    demo_kpis,
)
from quarterly.demo.catalogue.priorities import KPI_PRIORITIES
from quarterly.demo.committees import demo_committees_load
from quarterly.demo.cycle import demo_cycle_load
from quarterly.demo.information import demo_information_requests_load
from quarterly.demo.national import (
    demo_comparator_groups,
    demo_national_links,
    demo_national_load,
    demo_national_sexes,
)
from quarterly.demo.people import (
    DEMO_DOMAIN,
    DemoLogin,
    demo_person,
    directorate_key,
)
from quarterly.demo.priorities import demo_kpis_link, demo_portfolio, demo_priorities_load
from quarterly.demo.recalculations import demo_recalculations_load
from quarterly.demo.targets import demo_targets_load
from quarterly.organisation.models import (
    Committee,
    Directorate,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Service,
)
from quarterly.register.models import KPI, CommitteeRemit, Pillar
from quarterly.register.services import committee_remit_save, kpi_save, target_set

# A real KPI's published series ends where the demo's data ends; the demo continues it.
CONTINUED = (
    "In the demo, results after {last} are illustrative continuations made up for the demo, not "
    "published statistics; each result's data-quality note says so."
)


# One person per role: (email local part, first, last, job title, role, directorate or None)
_PEOPLE: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    ("performance", "Priya", "Shah", "Performance Officer, Intelligence and Policy", Role.PERFORMANCE_TEAM, None),
    ("directorate", "Tom", "Hughes", "Intelligence Manager, Adults and Health", Role.DIRECTORATE_TEAM, "Adults and Health"),
    ("keycontact", "Amira", "Okafor", "Senior Information Officer, Adults and Health", Role.KEY_CONTACT, "Adults and Health"),
    ("officer", "Helen", "Clarke", "Chief Officer, Adults and Health", Role.ACCOUNTABLE_OFFICER, "Adults and Health"),
    ("clt", "Martin", "Foster", "Director of Resources (CLT)", Role.LEADERSHIP, None),
    ("dmt", "Rachel", "Greene", "Director of Adults and Health (DMT)", Role.DMT_MEMBER, "Adults and Health"),
    ("councillor", "Councillor Jo", "Bennett", "Chair, Adults, Health and Active Lifestyles Scrutiny Board", Role.ELECTED_MEMBER, None),
)  # fmt: skip


@transaction.atomic
def _structure() -> tuple[
    Organisation,
    dict[str, Directorate],
    dict[tuple[str, str], Service],
    dict[str, Pillar],
    dict[str, Committee],
]:
    organisation, _ = Organisation.objects.get_or_create(
        slug="leeds", defaults={"name": "Leeds City Council", "area_code": "E08000035"}
    )
    directorates = {}
    services = {}
    for name in DIRECTORATES:
        directorate, _ = Directorate.objects.get_or_create(
            organisation=organisation, name=name, defaults={"slug": slugify(name)}
        )
        directorates[name] = directorate
        for service_name in SERVICES[name]:
            services[(name, service_name)], _ = Service.objects.get_or_create(
                directorate=directorate, name=service_name
            )
    pillars = {}
    for order, name in enumerate(PILLARS):
        pillars[name], _ = Pillar.objects.get_or_create(
            organisation=organisation, name=name, defaults={"slug": slugify(name), "order": order}
        )
    committees = {}
    plain = [
        ("Corporate Leadership Team", Committee.Kind.CLT, "", None),
        ("Executive Board", Committee.Kind.EXECUTIVE_BOARD, "Receives the Annual Performance Report each July.", None),
        ("Corporate Governance and Audit Committee", Committee.Kind.GOVERNANCE_AUDIT,
         "Receives the annual assurance report on corporate performance management.", None),
        ("Health and Wellbeing Board", Committee.Kind.HEALTH_WELLBEING_BOARD,
         "The Leeds Joint Strategic Assessment and the Health and Wellbeing Strategy.", None),
        ("Full Council", Committee.Kind.FULL_COUNCIL, "Adopts the Best City Ambition.", None),
        ("Executive members' in-year digest", Committee.Kind.EXECUTIVE_DIGEST,
         "After each CLT: the KPIs in Executive Members' portfolios.", None),
    ]  # fmt: skip
    boards = [
        (f"Scrutiny Board ({name})", Committee.Kind.SCRUTINY_BOARD, remit, None)
        for name, remit in SCRUTINY_BOARDS.items()
    ]
    dmts = [
        (f"{name} Directorate Management Team", Committee.Kind.DMT, "", directorates[name])
        for name in DIRECTORATES
    ]
    for name, kind, remit, directorate in plain + boards + dmts:
        committees[name], _ = Committee.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "slug": slugify(name)[:80],
                "kind": kind,
                "remit": remit,
                "directorate": directorate,
            },
        )
    hwb = committees["Health and Wellbeing Board"]
    if not CommitteeRemit.objects.filter(committee=hwb).exists():
        committee_remit_save(committee=hwb, pillars=[pillars["Health and Wellbeing"]],
                             directorates=[], kpis=[], version=None, by=None)  # fmt: skip
    return organisation, directorates, services, pillars, committees


@transaction.atomic
def _people(
    organisation: Organisation,
    directorates: dict[str, Directorate],
    committees: dict[str, Committee],
) -> tuple[list[DemoLogin], dict[str, tuple[Person, Person]]]:
    logins = []
    admin = demo_person(
        organisation, f"admin@{DEMO_DOMAIN}", "Sam", "Admin", "System administrator", None
    )
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    logins.append(DemoLogin(admin.email, "Administrator (Django admin)", str(admin)))
    board = committees.get("Scrutiny Board (Adults, Health and Active Lifestyles)")
    for local, first, last, title, role, directorate_name in _PEOPLE:
        directorate = directorates[directorate_name] if directorate_name else None
        person = demo_person(
            organisation, f"{local}@{DEMO_DOMAIN}", first, last, title, directorate
        )
        RoleAssignment.objects.get_or_create(
            person=person, role=role, directorate=directorate,
            committee=board if role == Role.ELECTED_MEMBER else None,
        )  # fmt: skip
        if role == Role.PERFORMANCE_TEAM and not person.is_staff:
            person.is_staff = True
            person.save(update_fields=["is_staff"])
        logins.append(DemoLogin(person.email, Role(role).label, str(person)))
    # Each directorate's KPIs have an accountable officer and a key contact.
    owners = {}
    for name, directorate in directorates.items():
        key = directorate_key(name)
        if name == "Adults and Health":
            officer = Person.objects.get(username=f"officer@{DEMO_DOMAIN}")
            contact = Person.objects.get(username=f"keycontact@{DEMO_DOMAIN}")
        else:
            officer = demo_person(
                organisation,
                f"officer.{key}@{DEMO_DOMAIN}",
                "Chief Officer",
                name,
                f"Chief Officer, {name}",
                directorate,
            )
            contact = demo_person(
                organisation,
                f"contact.{key}@{DEMO_DOMAIN}",
                "Key Contact",
                name,
                f"Information Officer, {name}",
                directorate,
            )
            RoleAssignment.objects.get_or_create(
                person=officer,
                role=Role.ACCOUNTABLE_OFFICER,
                directorate=directorate,
                committee=None,
            )
            RoleAssignment.objects.get_or_create(
                person=contact, role=Role.KEY_CONTACT, directorate=directorate, committee=None
            )
        owners[name] = (officer, contact)
    return logins, owners


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.000001"))


def _known_weaknesses(spec: DemoKPI) -> str:
    if spec.illustrative:
        return spec.known_weaknesses
    return f"{spec.known_weaknesses} {CONTINUED.format(last=spec.results[-1].period)}".strip()


def _kpi_fields(
    spec: DemoKPI, directorate: Directorate, service: Service, board: Committee, officer: Person
) -> dict[str, object]:
    return {
        "reference": spec.reference, "title": spec.title, "definition": spec.definition,
        "purpose": spec.purpose, "unit": spec.unit, "rate_per": spec.rate_per,
        "decimal_places": spec.decimal_places, "polarity": spec.polarity,
        "frequency": spec.frequency, "comparator": spec.comparator,
        "data_source": spec.data_source, "source_url": spec.source_url,
        "known_weaknesses": _known_weaknesses(spec), "availability": spec.availability,
        "baseline": _decimal(spec.baseline), "baseline_period": spec.baseline_period,
        "directorate": directorate, "service": service, "scrutiny_board": board,
        "accountable_officer": officer, "in_ambition_scorecard": spec.in_ambition_scorecard,
        "benchmark_indicators": spec.benchmark_indicators, "illustrative": spec.illustrative,
        "portfolio": demo_portfolio(spec.directorate, spec.service),
        # the real series are published statistics (Fingertips, Oflog, NHS England)
        "assurance_type": "local_data" if spec.illustrative else "national_statistic",
    }  # fmt: skip


def demo_load(*, progress: bool = True) -> list[DemoLogin]:
    """Create (or complete) the demo council and return the demo logins."""
    organisation, directorates, services, pillars, committees = _structure()
    priorities = demo_priorities_load(organisation, pillars)
    logins, owners = _people(organisation, directorates, committees)
    specs = demo_kpis()
    existing = set(
        KPI.objects.filter(organisation=organisation).values_list("reference", flat=True)
    )
    national, groups = demo_national_links(), demo_comparator_groups(organisation)
    sexes = demo_national_sexes()
    with transaction.atomic():
        rows = []
        for spec in tqdm(specs, desc="Loading demo KPIs", unit="KPI", disable=not progress):
            if spec.reference in existing:
                continue
            officer, contact = owners[spec.directorate]
            kpi = kpi_save(
                kpi=KPI(organisation=organisation),
                fields={
                    **_kpi_fields(
                        spec, directorates[spec.directorate],
                        services[(spec.directorate, spec.service)],
                        committees[f"Scrutiny Board ({spec.scrutiny_board})"], officer,
                    ),
                    "national_indicator": national.get(spec.reference, ""),
                    "national_sex": sexes.get(spec.reference, ""),
                },
                pillars=[pillars[name] for name in spec.pillars],
                priorities=[priorities[name] for name in KPI_PRIORITIES.get(spec.reference, ())],
                key_contacts=[contact],
                comparator_groups=groups if spec.reference in national else None,
                by=None,
                note="Demo council",
            )  # fmt: skip
            for target in spec.targets:
                target_set(
                    kpi=kpi, financial_year=target.financial_year, value=_decimal(target.value),
                    tolerance=_decimal(target.tolerance), direction=target.direction or "",
                    by=None, note="Demo council",
                )  # fmt: skip
            rows.extend(_result_rows(kpi, spec))
        results_save_many(rows=rows, by=None, note="Demo council")
    demo_cycle_load(organisation)
    demo_benchmarks_load(organisation)
    demo_national_load(organisation)
    demo_kpis_link(organisation, priorities)
    logins += demo_committees_load(organisation, priorities, committees)
    logins += demo_targets_load(organisation, directorates)
    demo_information_requests_load(organisation, committees)
    demo_recalculations_load(organisation)
    return logins


def _result_rows(kpi: KPI, spec: DemoKPI) -> Iterable[tuple[KPI, Period, dict[str, object]]]:
    for result in spec.results:
        yield (
            kpi,
            Period.parse(result.period),
            {
                "value": _decimal(result.value), "numerator": _decimal(result.numerator),
                "denominator": _decimal(result.denominator), "lower_ci": _decimal(result.lower_ci),
                "upper_ci": _decimal(result.upper_ci), "status": Result.Status.PUBLISHED,
            },
        )  # fmt: skip
