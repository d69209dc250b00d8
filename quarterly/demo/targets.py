"""Targets agreed by the DMT, and the yearly review of the KPI list, in the demo.

Every directorate has a Directorate Management Team member's login (Adults and Health's is in
`demo.loader`'s one-per-role list). For next financial year, each directorate's accountable
officer proposes targets for a few KPIs: in Adults and Health, whose people have the main demo
logins, the DMT has agreed one and sent one back with a comment, and the rest await it; in the
other directorates they await their DMT. The performance team has recorded this financial
year's review of the KPI list, agreed by CLT and the Scrutiny Chairs. Everything goes through
the register's services, so the history says who did what and when.

Safe to run again: a KPI with a proposal for the year, and a year with a review, are left alone.
On a later day, "next year" moves on with the clock and gets its own proposals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from quarterly.core.periods import financial_year_label
from quarterly.demo.people import DEMO_DOMAIN, DemoLogin, demo_person, directorate_key
from quarterly.demo.timeline import weekday_on_or_after
from quarterly.organisation.models import (
    Directorate,
    Organisation,
    Person,
    Role,
    RoleAssignment,
)
from quarterly.register.models import KPI, KPIListReview, Polarity, TargetProposal
from quarterly.register.reviews import kpi_list_review_record
from quarterly.register.target_agreement import (
    current_financial_year,
    target_agree,
    target_propose,
    target_send_back,
)

MAIN_DIRECTORATE = "Adults and Health"
PROPOSALS_IN_MAIN, PROPOSALS_ELSEWHERE = 4, 2
# Each directorate's DMT member (Adults and Health's is dmt@, in `demo.loader`).
DMT_MEMBERS = {
    "Children and Families": ("Daniel", "Price"),
    "City Development": ("Fiona", "Walsh"),
    "Communities, Housing and Environment": ("Imran", "Qureshi"),
    "Resources": ("Catherine", "Lowe"),
}
RATIONALE = (
    "Holds the {year} target: results have been close to it, and the service expects similar "
    "demand next year. (Illustrative demo proposal.)"
)
SENT_BACK = (
    "Please compare this with our statistical neighbours before we agree it, and say whether "
    "the improvement in the last four quarters would support a more ambitious target."
)
REVIEW_AGREED_BY = "CLT and Scrutiny Chairs"
REVIEW_NOTES = (
    "The yearly review of the KPI list with the Corporate Leadership Team and the Scrutiny "
    "Board Chairs: the list was agreed as it stands, and directorates were asked to propose "
    "next year's targets to their DMTs. (Illustrative demo review.)"
)


def _dmt_logins(
    organisation: Organisation, directorates: dict[str, Directorate]
) -> list[DemoLogin]:
    logins = []
    for name, (first, last) in DMT_MEMBERS.items():
        directorate = directorates[name]
        person = demo_person(
            organisation, f"dmt.{directorate_key(name)}@{DEMO_DOMAIN}", first, last,
            f"Director of {name} (DMT)", directorate,
        )  # fmt: skip
        RoleAssignment.objects.get_or_create(
            person=person, role=Role.DMT_MEMBER, directorate=directorate, committee=None
        )
        logins.append(DemoLogin(person.email, f"{Role.DMT_MEMBER.label} ({name})", str(person)))
    return logins


def _dmt_member(directorate: Directorate) -> Person | None:
    return (
        Person.objects.filter(
            role_assignments__role=Role.DMT_MEMBER,
            role_assignments__directorate=directorate,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )


def _terms(kpi: KPI) -> dict[str, Any] | None:
    """The KPI's latest target's terms, to propose again for next year."""
    latest = kpi.targets.order_by("-financial_year").first()
    if latest is None:
        return None
    if latest.direction:
        return {"direction": latest.direction, "year": latest.financial_year}
    return {"value": latest.value, "tolerance": latest.tolerance, "year": latest.financial_year}


def _propose(kpi: KPI, year: int) -> TargetProposal | None:
    terms = _terms(kpi)
    if terms is None or kpi.accountable_officer is None:
        return None
    label = financial_year_label(terms.pop("year"))
    value: Decimal | None = terms.get("value")
    return target_propose(
        kpi=kpi, financial_year=year, value=value, tolerance=terms.get("tolerance"),
        direction=terms.get("direction", ""), rationale=RATIONALE.format(year=label),
        by=kpi.accountable_officer, version=None,
    )  # fmt: skip


@transaction.atomic
def demo_target_proposals_load(
    organisation: Organisation, directorates: dict[str, Directorate]
) -> int:
    """Next year's target proposals (see the module); returns how many were proposed."""
    year = current_financial_year() + 1
    proposed = 0
    for name, directorate in directorates.items():
        if TargetProposal.objects.filter(
            kpi__directorate=directorate, financial_year=year
        ).exists():
            continue
        wanted = PROPOSALS_IN_MAIN if name == MAIN_DIRECTORATE else PROPOSALS_ELSEWHERE
        kpis = (
            KPI.objects.filter(
                organisation=organisation, directorate=directorate, status=KPI.Status.ACTIVE,
                illustrative=True, targets__isnull=False,
            )
            .exclude(polarity=Polarity.NONE)
            .select_related("accountable_officer", "directorate")
            .distinct()
            .order_by("reference")
        )  # fmt: skip
        proposals = [p for p in (_propose(kpi, year) for kpi in kpis[:wanted]) if p is not None]
        proposed += len(proposals)
        member = _dmt_member(directorate)
        if name != MAIN_DIRECTORATE or member is None or len(proposals) < 2:
            continue
        target_agree(proposal=proposals[0], by=member, version=proposals[0].version)
        target_send_back(
            proposal=proposals[1], comment=SENT_BACK, by=member, version=proposals[1].version
        )
    return proposed


def demo_review_load(organisation: Organisation) -> KPIListReview | None:
    """This financial year's review of the KPI list, recorded by the performance team; None if
    it was recorded already."""
    year = current_financial_year()
    if KPIListReview.objects.filter(organisation=organisation, financial_year=year).exists():
        return None
    return kpi_list_review_record(
        organisation=organisation, financial_year=year,
        # agreed in March, before the year began
        agreed_on=weekday_on_or_after(dt.date(year, 3, 18)), agreed_by=REVIEW_AGREED_BY,
        notes=REVIEW_NOTES, by=Person.objects.get(username=f"performance@{DEMO_DOMAIN}"),
    )  # fmt: skip


def demo_targets_load(
    organisation: Organisation, directorates: dict[str, Directorate]
) -> list[DemoLogin]:
    """The DMT members' logins, next year's target proposals and this year's review."""
    logins = _dmt_logins(organisation, directorates)
    demo_target_proposals_load(organisation, directorates)
    demo_review_load(organisation)
    return logins
