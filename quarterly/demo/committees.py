"""The demo's committees by remit: Leeds's ten Community Committees, and an elected member's
login for the Health and Wellbeing Board and for a Community Committee.

The Health and Wellbeing Board's remit (the Health and Wellbeing pillar) is set with the rest of
the council's committees in `demo.loader`; Full Council oversees every KPI, and the Executive
members' digest every KPI with an Executive Member portfolio (each demo KPI has one), so
neither has a remit to choose. A Community Committee's remit is what a neighbourhood feels:
the priorities for active lives and green spaces, housing, and high streets, and the KPIs of
bins, fly-tipping and anti-social behaviour. The demo's KPIs are city-wide figures, so each
committee reads the same ones; its description names its wards.

Safe to run again: it adds only what is missing, and leaves a remit a person has changed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from quarterly.demo.catalogue.committees import COMMUNITY_COMMITTEES
from quarterly.demo.catalogue.priorities import ACTIVE, HOUSING, PLACES
from quarterly.demo.people import DEMO_DOMAIN, DemoLogin, demo_person
from quarterly.organisation.models import Committee, Organisation, Role, RoleAssignment
from quarterly.register.models import KPI, CommitteeRemit, Priority
from quarterly.register.services import committee_remit_save

COMMUNITY_PRIORITIES = (ACTIVE, HOUSING, PLACES)
COMMUNITY_KPIS = ("CHE-02", "CHE-09", "CHE-12")  # missed bins, fly-tipping, anti-social behaviour
# The Community Committee whose member has a demo login.
MEMBERS_AREA = "Inner South"

# (email local part, first, last, job title, the committee's name)
_MEMBERS = (
    ("hwb", "Councillor Asha", "Patel", "Member, Health and Wellbeing Board",
     "Health and Wellbeing Board"),
    ("community", "Councillor Dan", "Whitaker", f"Member, {MEMBERS_AREA} Community Committee",
     f"{MEMBERS_AREA} Community Committee"),
)  # fmt: skip


def _wards(wards: tuple[str, ...]) -> str:
    return ", ".join(wards[:-1]) + f" and {wards[-1]}"


@transaction.atomic
def demo_committees_load(
    organisation: Organisation,
    priorities: dict[str, Priority],
    committees: dict[str, Committee],
) -> list[DemoLogin]:
    """Add the Community Committees with their remits, and the committee members' logins."""
    kpis = list(KPI.objects.filter(organisation=organisation, reference__in=COMMUNITY_KPIS))
    for area, wards in COMMUNITY_COMMITTEES.items():
        name = f"{area} Community Committee"
        committee, _ = Committee.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "slug": slugify(name)[:80], "kind": Committee.Kind.COMMUNITY_COMMITTEE,
                "area": area, "remit": f"The {_wards(wards)} wards.",
            },
        )  # fmt: skip
        committees[name] = committee
        if not CommitteeRemit.objects.filter(committee=committee).exists():
            committee_remit_save(
                committee=committee, pillars=[], directorates=[], kpis=kpis, version=None,
                priorities=[priorities[p] for p in COMMUNITY_PRIORITIES], by=None,
            )  # fmt: skip
    logins = []
    for local, first, last, title, committee_name in _MEMBERS:
        person = demo_person(organisation, f"{local}@{DEMO_DOMAIN}", first, last, title, None)
        committee = committees[committee_name]
        RoleAssignment.objects.get_or_create(
            person=person, role=Role.ELECTED_MEMBER, directorate=None, committee=committee
        )
        logins.append(
            DemoLogin(person.email, f"{Role.ELECTED_MEMBER.label} ({committee})", str(person))
        )
    return logins
