"""Walk every URL pattern of Quarterly's own apps for every role and check allow or deny.

A forbidden object answers 404, exactly as a missing one does. A new URL pattern fails
`test_every_url_pattern_is_covered` until it is added to CASES with its rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from quarterly.collection.models import HighlightItem, Meeting, ReportingCycle, Result
from quarterly.collection.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
    ResultFactory,
)
from quarterly.organisation.models import Committee, Role, RoleAssignment

NAMESPACES = {
    "web", "register", "collection", "timetable", "public", "highlights", "status", "scorecard",
    "reports",
}  # fmt: skip
ROLES = (
    "anonymous",
    "none",
    "performance",
    "directorate",
    "other_directorate",
    "key_contact",
    "officer",
    "clt",
    "member",
    "other_member",
)

OFFICERS = {"performance", "directorate", "other_directorate", "key_contact", "officer", "clt"}
SIGNED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)
PERFORMANCE = {"performance"}
ENTER = {"performance", "directorate", "key_contact"}
SIGN_OFF = {"performance", "directorate", "officer"}
UPLOAD = {"performance", "directorate", "other_directorate", "key_contact"}
WATCH = {"performance", "directorate", "other_directorate"}
CHASE = {"performance", "directorate"}


@pytest.fixture
def world(organisation: Any) -> dict[str, Any]:
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    resources = DirectorateFactory(organisation=organisation, name="Resources")
    board = CommitteeFactory(
        organisation=organisation, name="Scrutiny Board (Adults, Health and Active Lifestyles)"
    )
    other_board = CommitteeFactory(
        organisation=organisation, name="Scrutiny Board (Strategy and Resources)"
    )
    people = {
        role: PersonFactory(organisation=organisation, email=f"{role}@council.example")
        for role in ROLES[1:]
    }
    grants = [
        ("performance", Role.PERFORMANCE_TEAM, None, None),
        ("directorate", Role.DIRECTORATE_TEAM, adults, None),
        ("other_directorate", Role.DIRECTORATE_TEAM, resources, None),
        ("key_contact", Role.KEY_CONTACT, adults, None),
        ("officer", Role.ACCOUNTABLE_OFFICER, None, None),
        ("clt", Role.LEADERSHIP, None, None),
        ("member", Role.ELECTED_MEMBER, None, board),
        ("other_member", Role.ELECTED_MEMBER, None, other_board),
    ]
    for name, role, directorate, committee in grants:
        RoleAssignment.objects.create(
            person=people[name], role=role, directorate=directorate, committee=committee
        )
    kpi = KPIFactory(
        organisation=organisation,
        reference="AH-01",
        directorate=adults,
        scrutiny_board=board,
        accountable_officer=people["officer"],
    )
    kpi.key_contacts.set([people["key_contact"]])
    submitted = ResultFactory(
        kpi=kpi, period=Period.quarter(2024, 3), status=Result.Status.SUBMITTED, value=Decimal("60")
    )
    signed_off = ResultFactory(
        kpi=kpi,
        period=Period.quarter(2024, 4),
        status=Result.Status.SIGNED_OFF,
        value=Decimal("61"),
    )
    ResultFactory(
        kpi=kpi, period=Period.quarter(2024, 2), status=Result.Status.PUBLISHED, value=Decimal("59")
    )
    cycle = ReportingCycle.objects.create(
        organisation=organisation, financial_year=2025, quarter=1, submission_deadline=dt.date(2025, 7, 25),
        directorate_check_date=dt.date(2025, 8, 1), status=ReportingCycle.Status.OPEN,
    )  # fmt: skip
    clt = Committee.objects.create(
        organisation=organisation,
        name="Corporate Leadership Team",
        slug="clt",
        kind=Committee.Kind.CLT,
    )
    meeting = Meeting.objects.create(
        organisation=organisation,
        cycle=cycle,
        committee=clt,
        date=dt.date(2025, 8, 20),
        title="Q1 report",
    )
    highlight = HighlightItem.objects.create(
        cycle=cycle, kpi=kpi, reasons=["Turned red"], status=HighlightItem.Status.CONFIRMED
    )
    return {
        "people": people,
        "kpi": kpi,
        "highlight": highlight,
        "submitted": submitted,
        "signed_off": signed_off,
        "cycle": cycle,
        "meeting": meeting,
    }


# name -> (method, args from the world, who is allowed, POST data)
Case = tuple[str, Callable[[dict[str, Any]], list[Any]], set[str], dict[str, str]]
CASES: dict[str, Case] = {
    "web:home": ("get", lambda w: [], EVERYONE, {}),
    "web:accessibility": ("get", lambda w: [], EVERYONE, {}),
    "web:favicon": ("get", lambda w: [], EVERYONE, {}),
    "public:index": ("get", lambda w: [], EVERYONE, {}),
    "public:kpi": ("get", lambda w: ["AH-01"], EVERYONE, {}),
    "public:kpi-data": ("get", lambda w: ["AH-01", "csv"], EVERYONE, {}),
    "public:reports": ("get", lambda w: [], EVERYONE, {}),
    "public:report": ("get", lambda w: [_published(w).pk], EVERYONE, {}),
    "public:report-file": ("get", lambda w: [_published(w).pk, "pdf"], EVERYONE, {}),
    "public:report-table": ("get", lambda w: [_published(w).pk, "kpis", "csv"], EVERYONE, {}),
    "reports:index": ("get", lambda w: [], PERFORMANCE, {}),
    "reports:report": ("get", lambda w: ["clt", "2024-25-q4", "council"], PERFORMANCE, {}),
    "reports:narrative": ("get", lambda w: ["clt", "2024-25-q4", "council"], PERFORMANCE, {}),
    "reports:download": (
        "get",
        lambda w: ["clt", "2024-25-q4", "council", "html"],
        PERFORMANCE,
        {},
    ),
    "reports:publish": ("post", lambda w: ["clt", "2024-25-q4", "council"], PERFORMANCE, {}),
    "register:kpi-list": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
    "register:kpi-detail": ("get", lambda w: ["AH-01"], OFFICERS | {"member"}, {}),
    "register:upload": ("get", lambda w: [], PERFORMANCE, {}),
    "register:export": ("get", lambda w: [], PERFORMANCE, {}),
    "collection:my-kpis": ("get", lambda w: [], SIGNED_IN, {}),
    "collection:upload": ("get", lambda w: [], UPLOAD, {}),
    "collection:result-edit": ("get", lambda w: ["AH-01", "quarter.2025-04-01"], ENTER, {}),
    "collection:result-sign-off": ("post", lambda w: [w["submitted"].pk], SIGN_OFF, {}),
    "collection:result-return": ("get", lambda w: [w["submitted"].pk], SIGN_OFF, {}),
    "collection:result-publish": ("post", lambda w: [w["signed_off"].pk], PERFORMANCE, {}),
    "timetable:index": ("get", lambda w: [], SIGNED_IN, {}),
    "timetable:year": ("get", lambda w: [2025], SIGNED_IN, {}),
    "timetable:calendar": ("get", lambda w: [2025], SIGNED_IN, {}),
    "timetable:generate": ("post", lambda w: [2026], PERFORMANCE, {}),
    "timetable:cycle-edit": ("get", lambda w: [2025, 1], PERFORMANCE, {}),
    "timetable:cycle-open": ("post", lambda w: [2025, 1], PERFORMANCE, {}),
    "timetable:cycle-close": ("post", lambda w: [2025, 1], PERFORMANCE, {}),
    "timetable:meeting-add": ("get", lambda w: [2025], PERFORMANCE, {}),
    "timetable:meeting-edit": ("get", lambda w: [w["meeting"].pk], PERFORMANCE, {}),
    "timetable:meeting-delete": ("post", lambda w: [w["meeting"].pk], PERFORMANCE, {}),
    "highlights:index": ("get", lambda w: [], PERFORMANCE, {}),
    "highlights:propose": ("post", lambda w: [], PERFORMANCE, {}),
    "highlights:request-all": ("post", lambda w: [], PERFORMANCE, {}),
    "highlights:mine": ("get", lambda w: [], UPLOAD, {}),
    "highlights:confirm": ("post", lambda w: [w["highlight"].pk], PERFORMANCE, {}),
    "highlights:dismiss": ("post", lambda w: [w["highlight"].pk], PERFORMANCE, {}),
    "highlights:request-commentary": ("post", lambda w: [w["highlight"].pk], PERFORMANCE, {}),
    "highlights:commentary": ("get", lambda w: [w["highlight"].pk], ENTER, {}),
    "status:board": ("get", lambda w: [], WATCH, {}),
    "status:chase": ("post", lambda w: [2025, 1, w["people"]["key_contact"].pk], CHASE, {}),
    "scorecard:index": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
    "scorecard:excel": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
}


def _published(world: dict[str, Any]) -> Any:
    """A published report (created once per world), for the public report pages."""
    from quarterly.reports.compiler import report_compile
    from quarterly.reports.models import PublishedReport

    if "published" not in world:
        period = Period.quarter(2024, 4)
        report = report_compile(
            kind="clt", period=period, organisation=world["kpi"].organisation, narrative={}
        )
        world["published"] = PublishedReport.objects.create(
            organisation=world["kpi"].organisation, kind="clt", period_label=period.label,
            period_kind=period.kind.value, period_start=period.start, scope="council",
            title=report.title, content=report.to_dict(), values=report.values,
            docx=b"PK", pdf=b"%PDF", published_at=dt.datetime.now(dt.UTC),
        )  # fmt: skip
    return world["published"]


def _pattern_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            )
            names |= _pattern_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and namespace.split(":")[0] in NAMESPACES:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_url_pattern_is_covered() -> None:
    # given / when
    names = _pattern_names(get_resolver())
    # then
    assert names == set(CASES), (
        f"add a rule for {sorted(names - set(CASES))}; remove {sorted(set(CASES) - names)}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_role_is_allowed_or_denied(
    client: Any, world: dict[str, Any], name: str, role: str
) -> None:
    # given
    method, args, allowed, data = CASES[name]
    if role != "anonymous":
        client.force_login(world["people"][role])
    url = reverse(name, args=args(world))
    # when
    response = getattr(client, method)(url, data)
    # then
    if role in allowed:
        assert response.status_code in {200, 301, 302}, (name, role, response.status_code)
        if response.status_code in {301, 302}:
            assert "/accounts/login/" not in response["Location"], (name, role)
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
            name,
            role,
            response.status_code,
        )
    else:
        assert response.status_code == 404, (name, role, response.status_code)


@pytest.mark.django_db
def test_a_missing_object_and_a_forbidden_one_answer_alike(
    client: Any, world: dict[str, Any]
) -> None:
    # given a key contact, who may not sign off
    client.force_login(world["people"]["key_contact"])
    # when
    forbidden = client.post(reverse("collection:result-sign-off", args=[world["submitted"].pk]))
    missing = client.post(reverse("collection:result-sign-off", args=[999999]))
    # then
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
