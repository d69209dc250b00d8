"""Who may see and do what. Every object-level rule lives here, for views and services alike.

Roles (DESIGN.md "Who uses it"):
- performance team: administers everything;
- directorate intelligence team: checks, returns and signs off their directorate's results;
- key contact: enters and submits results for the KPIs they are a key contact for;
- accountable officer: signs off (or returns) results of the KPIs they own;
- CLT/DMT readers: read every KPI and result inside the council;
- DMT members: read as CLT/DMT readers do, and agree (or send back) the targets proposed for
  their directorate's KPIs (seed 000: targets are agreed by the Directorate Management Team);
- elected members: read published results of KPIs within their committee's remit (what
  `register.selectors.kpis_in_remit` says; Executive Board, Governance and Audit and Full
  Council members: all); a Scrutiny Board's members may ask a KPI's owner for information;
- the public: published results only, without signing in (see `web.public`).

A missing object and a forbidden one both answer 404, so nobody learns what exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from quarterly.organisation.models import WHOLE_REGISTER_KINDS, Committee, Organisation, Role


@dataclass(frozen=True)
class Grants:
    """What one person's role assignments add up to, computed once per request."""

    is_admin: bool = False
    performance: bool = False
    reader: bool = False  # any officer role: sees the whole register and all results
    directorate_team: frozenset[int] = frozenset()
    accountable_directorates: frozenset[int] = frozenset()
    key_contact: bool = False
    dmt_directorates: frozenset[int] = frozenset()
    member_committees: frozenset[int] = frozenset()
    member_sees_all: bool = False

    @property
    def member(self) -> bool:
        return bool(self.member_committees) or self.member_sees_all


_OFFICER_ROLES = {
    Role.PERFORMANCE_TEAM,
    Role.DIRECTORATE_TEAM,
    Role.KEY_CONTACT,
    Role.ACCOUNTABLE_OFFICER,
    Role.LEADERSHIP,
    Role.DMT_MEMBER,
}
_ALL_SEEING_COMMITTEES = WHOLE_REGISTER_KINDS


def grants_for(user: Any) -> Grants:
    """The person's grants; cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return Grants()
    cached = getattr(user, "_quarterly_grants", None)
    if cached is not None:
        return cached
    assignments = list(user.role_assignments.select_related("committee"))
    roles = {a.role for a in assignments}
    grants = Grants(
        is_admin=user.is_superuser,
        performance=user.is_superuser or Role.PERFORMANCE_TEAM in roles,
        reader=user.is_superuser or bool(roles & _OFFICER_ROLES),
        directorate_team=frozenset(
            a.directorate_id
            for a in assignments
            if a.role == Role.DIRECTORATE_TEAM and a.directorate_id
        ),
        accountable_directorates=frozenset(
            a.directorate_id
            for a in assignments
            if a.role == Role.ACCOUNTABLE_OFFICER and a.directorate_id
        ),
        key_contact=Role.KEY_CONTACT in roles,
        dmt_directorates=frozenset(
            a.directorate_id for a in assignments if a.role == Role.DMT_MEMBER and a.directorate_id
        ),
        member_committees=frozenset(
            a.committee_id for a in assignments if a.role == Role.ELECTED_MEMBER and a.committee_id
        ),
        member_sees_all=any(
            a.role == Role.ELECTED_MEMBER
            and a.committee
            and a.committee.kind in _ALL_SEEING_COMMITTEES
            for a in assignments
        ),
    )
    user._quarterly_grants = grants
    return grants


def can_administer_register(user: Any) -> bool:
    """The performance team (and superusers) maintain the register, timetable and publication."""
    return grants_for(user).performance


def can_read_register(user: Any) -> bool:
    grants = grants_for(user)
    return grants.reader or grants.member


def kpis_visible_to(user: Any, kpis: QuerySet[Any]) -> QuerySet[Any]:
    """Narrow a KPI queryset to those the person may read."""
    grants = grants_for(user)
    if grants.reader:
        return kpis
    if grants.member_sees_all:
        return kpis
    if grants.member_committees:
        # The register defines a remit; this layer sits below it, so it asks the KPI queryset.
        return kpis.in_remit_of(grants.member_committees)  # type: ignore[attr-defined,no-any-return]
    return kpis.none()


def results_visible_to(user: Any, results: QuerySet[Any]) -> QuerySet[Any]:
    """Officers read every result; members read published results within their remit."""
    grants = grants_for(user)
    if grants.reader:
        return results
    if grants.member_sees_all:
        return results.filter(status="published")
    if grants.member_committees:
        kpis = results.model._meta.get_field("kpi").related_model._default_manager
        in_remit = kpis.in_remit_of(grants.member_committees).values("pk")
        return results.filter(status="published", kpi__in=in_remit)
    return results.none()


def sees_unpublished(user: Any) -> bool:
    return grants_for(user).reader


def can_enter_result(user: Any, kpi: Any) -> bool:
    """Key contacts of the KPI, its directorate team, and the performance team."""
    grants = grants_for(user)
    if grants.performance or kpi.directorate_id in grants.directorate_team:
        return True
    return grants.key_contact and any(p.pk == user.pk for p in kpi.key_contacts.all())


def can_sign_off(user: Any, kpi: Any) -> bool:
    """The KPI's accountable officer, its directorate's team or officers, or the performance team."""
    grants = grants_for(user)
    return (
        grants.performance
        or kpi.directorate_id in grants.directorate_team
        or kpi.directorate_id in grants.accountable_directorates
        or (kpi.accountable_officer_id is not None and kpi.accountable_officer_id == user.pk)
    )


def can_publish(user: Any) -> bool:
    return grants_for(user).performance


def can_watch_directorate(user: Any, directorate_id: int | None) -> bool:
    """The submission status board: the performance team for all, a directorate team for theirs."""
    grants = grants_for(user)
    return grants.performance or (
        directorate_id is not None and directorate_id in grants.directorate_team
    )


def kpis_enterable_by(user: Any, kpis: QuerySet[Any]) -> QuerySet[Any]:
    """The KPIs whose results the person enters: "My KPIs"."""
    grants = grants_for(user)
    if not getattr(user, "is_authenticated", False):
        return kpis.none()
    condition = Q(key_contacts=user) if grants.key_contact else Q(pk__in=[])
    if grants.directorate_team:
        condition |= Q(directorate_id__in=grants.directorate_team)
    return kpis.filter(condition).distinct()


def kpis_to_sign_off_by(user: Any, kpis: QuerySet[Any]) -> QuerySet[Any]:
    grants = grants_for(user)
    if grants.performance:
        return kpis
    condition = Q(accountable_officer=user)
    directorates = grants.directorate_team | grants.accountable_directorates
    if directorates:
        condition |= Q(directorate_id__in=directorates)
    return kpis.filter(condition)


def require(allowed: bool) -> None:
    """Refuse with 404, exactly as for a missing object."""
    if not allowed:
        raise Http404


def organisation_for_request(request: HttpRequest) -> Organisation:
    """The council whose data this request sees: the signed-in person's, else the only one.

    A missing organisation answers 404, as a missing object does everywhere.
    """
    cached = getattr(request, "_quarterly_organisation", None)
    if cached is not None:
        return cached
    user = request.user
    organisation = None
    if getattr(user, "is_authenticated", False) and user.organisation_id:
        organisation = user.organisation
    if organisation is None:
        organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        raise Http404("No council has been set up yet. Run `quarterly demo` or load one.")
    request._quarterly_organisation = organisation  # type: ignore[attr-defined]
    return organisation


def can_enter_some_results(user: Any) -> bool:
    """Key contacts, directorate teams and the performance team: those with a "my items" page."""
    grants = grants_for(user)
    return grants.key_contact or grants.performance or bool(grants.directorate_team)


def can_manage_highlights(user: Any) -> bool:
    """The performance team proposes, confirms and dismisses highlight items, and asks for
    their commentary."""
    return grants_for(user).performance


def can_write_highlight_commentary(user: Any, kpi: Any) -> bool:
    """Whoever enters the KPI's results writes its highlight commentary: its key contacts, its
    directorate team and the performance team."""
    return can_enter_result(user, kpi)


def can_watch_some_directorate(user: Any) -> bool:
    """Who has a submission status board: the performance team and directorate teams."""
    grants = grants_for(user)
    return grants.performance or bool(grants.directorate_team)


def kpis_watched_by(user: Any, kpis: QuerySet[Any]) -> QuerySet[Any]:
    """The KPIs on the person's status board (see `can_watch_directorate`)."""
    grants = grants_for(user)
    if grants.performance:
        return kpis
    return kpis.filter(directorate_id__in=grants.directorate_team)


def can_chase(user: Any, directorate_ids: set[int]) -> bool:
    """Chase a key contact: the performance team, or the team of a directorate whose KPIs the
    key contact owes (`directorate_ids`)."""
    return grants_for(user).performance or any(
        can_watch_directorate(user, directorate_id) for directorate_id in directorate_ids
    )


def can_build_reports(user: Any) -> bool:
    """The performance team builds performance reports, writes their narrative and publishes
    them; once published, a report is public (see `web.public`)."""
    return grants_for(user).performance


def can_read_committees(user: Any) -> bool:
    """The committees and their remits: whoever reads the register."""
    return can_read_register(user)


def can_edit_remits(user: Any) -> bool:
    """The performance team sets what each committee oversees."""
    return grants_for(user).performance


def can_request_information(user: Any, committee: Any) -> bool:
    """A Scrutiny Board asks a KPI's owner for more information: its members for their board,
    or the performance team on any board's behalf (as boards usually ask in their meetings)."""
    if committee.kind != Committee.Kind.SCRUTINY_BOARD:
        return False
    grants = grants_for(user)
    return grants.performance or committee.pk in grants.member_committees


def can_answer_information_request(user: Any, request: Any) -> bool:
    """The person asked (the KPI's accountable officer when it was asked), or the performance
    team on their behalf."""
    return grants_for(user).performance or (
        request.owner_id is not None and request.owner_id == getattr(user, "pk", None)
    )


def can_propose_target(user: Any, kpi: Any) -> bool:
    """A KPI's target is proposed by its accountable officer, or by the performance team on the
    owner's behalf. Trackers have no targets (the service says so)."""
    grants = grants_for(user)
    return grants.performance or (
        kpi.accountable_officer_id is not None and kpi.accountable_officer_id == user.pk
    )


def can_agree_target(user: Any, kpi: Any) -> bool:
    """A DMT member of the KPI's directorate agrees a proposed target or sends it back.

    The performance team does not: seed 000 has the Directorate Management Team agree targets.
    A target the DMT agreed outside Quarterly is recorded by the performance team through the
    register workbook, which says so ("recorded from the workbook")."""
    return kpi.directorate_id in grants_for(user).dmt_directorates


def can_decide_target(user: Any, proposal: Any) -> bool:
    """Agree or send back this proposal: a DMT member of its KPI's directorate who did not
    propose it (whoever proposes a target does not also agree it: separation of duties)."""
    return can_agree_target(user, proposal.kpi) and proposal.proposed_by_id != user.pk


def can_agree_some_targets(user: Any) -> bool:
    """Who has a "Targets to agree" page: DMT members."""
    return bool(grants_for(user).dmt_directorates)


def kpis_with_targets_agreed_by(user: Any, kpis: QuerySet[Any]) -> QuerySet[Any]:
    """The KPIs whose proposed targets the person agrees (see `can_agree_target`)."""
    return kpis.filter(directorate_id__in=grants_for(user).dmt_directorates)


def can_decide_recalculations(user: Any) -> bool:
    """The performance team accepts or rejects suggested SPC recalculation points, sets them by
    hand and removes them; everyone who reads the KPI sees them."""
    return grants_for(user).performance


def can_read_comparator_groups(user: Any) -> bool:
    """Officers read the areas and comparator groups their results are compared within."""
    return grants_for(user).reader


def can_upload_comparator_groups(user: Any) -> bool:
    """The performance team keeps the council's own comparator groups."""
    return grants_for(user).performance


def can_upload_national_values(user: Any) -> bool:
    """The performance team imports national datasets (Fingertips exports, long CSV files)."""
    return grants_for(user).performance
