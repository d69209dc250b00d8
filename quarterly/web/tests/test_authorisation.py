"""Walk every URL pattern of Quarterly's own apps for every role and check allow or deny.

A forbidden object answers 404, exactly as a missing one does. A new URL pattern fails
`test_every_url_pattern_is_covered` until it is added to CASES with its rule, and one that
answers with a CSV or Excel file fails until `test_spreadsheet_escaping` checks it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from quarterly.collection.models import (
    HighlightItem,
    InformationRequest,
    Meeting,
    ReportingCycle,
    Result,
)
from quarterly.collection.results.services import results_save_many
from quarterly.core.periods import Period
from quarterly.factories import (
    CommitteeFactory,
    DirectorateFactory,
    KPIFactory,
    PersonFactory,
)
from quarterly.organisation.models import Committee, Role, RoleAssignment
from quarterly.register.target_agreement import current_financial_year, target_propose
from quarterly.web.tests.test_spreadsheet_escaping import SPREADSHEET_TYPES, SPREADSHEET_URL_NAMES

NAMESPACES = {
    "web", "register", "collection", "timetable", "public", "highlights", "status", "scorecard",
    "reports", "releases", "administration", "committees", "information", "places",
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
    "dmt",
    "other_dmt",
    "member",
    "other_member",
)

OFFICERS = {
    "performance", "directorate", "other_directorate", "key_contact", "officer", "clt", "dmt",
    "other_dmt",
}  # fmt: skip
SIGNED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)
PERFORMANCE = {"performance"}
ENTER = {"performance", "directorate", "key_contact"}
SIGN_OFF = {"performance", "directorate", "officer"}
UPLOAD = {"performance", "directorate", "other_directorate", "key_contact"}
WATCH = {"performance", "directorate", "other_directorate"}
CHASE = {"performance", "directorate"}
PROPOSE_TARGET = {"performance", "officer"}  # the KPI's accountable officer
AGREE_TARGET = {"dmt"}  # a DMT member of the KPI's directorate


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
        ("dmt", Role.DMT_MEMBER, adults, None),
        ("other_dmt", Role.DMT_MEMBER, resources, None),
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
    # Through the service, so each result has its audit entries (the KPI page's history).
    results_save_many(
        rows=[
            (kpi, period, {"value": Decimal(value), "status": status, "commentary": commentary})
            for period, value, status, commentary in RESULTS
        ],
        by=people["key_contact"],
    )
    by_status = {r.status: r for r in Result.objects.filter(kpi=kpi)}
    submitted = by_status[Result.Status.SUBMITTED]
    signed_off = by_status[Result.Status.SIGNED_OFF]
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
    proposal = target_propose(
        kpi=kpi, financial_year=current_financial_year(), value=Decimal("70"),
        rationale="Better than last year.", by=people["officer"],
    )  # fmt: skip
    highlight = HighlightItem.objects.create(
        cycle=cycle, kpi=kpi, reasons=["Turned red"], status=HighlightItem.Status.CONFIRMED
    )
    asked = InformationRequest.objects.create(
        organisation=organisation, committee=board, kpi=kpi, question="Why the fall?",
        due_date=dt.date(2025, 9, 1), owner=people["officer"], requested_by=people["member"],
    )  # fmt: skip
    return {
        "board": board,
        "asked": asked,
        "people": people,
        "kpi": kpi,
        "highlight": highlight,
        "submitted": submitted,
        "signed_off": signed_off,
        "cycle": cycle,
        "meeting": meeting,
        "proposal": proposal,
    }


# Each result's value and commentary are written nowhere else, so finding one in a response
# means the response showed that result. Values have two decimals and are over 59, so that no
# timestamp (seconds) or chart coordinate (one decimal) can look like one.
RESULTS = (
    (Period.quarter(2024, 1), "94.94", Result.Status.RETURNED, "Secret returned commentary"),
    (Period.quarter(2024, 2), "59", Result.Status.PUBLISHED, "Public published commentary"),
    (Period.quarter(2024, 3), "72.72", Result.Status.SUBMITTED, "Secret submitted commentary"),
    (Period.quarter(2024, 4), "83.83", Result.Status.SIGNED_OFF, "Secret signed-off commentary"),
    (Period.quarter(2025, 1), "61.61", Result.Status.DRAFT, "Secret draft commentary"),
)
# What only officers may see: unpublished values (as stored and as shown) and commentary.
UNPUBLISHED = tuple(
    text
    for _, value, status, commentary in RESULTS
    if status != Result.Status.PUBLISHED
    for text in (value, f"{Decimal(value):.1f}%", commentary)
)
# A published report is public by the performance team's decision, with the figures it showed.
PUBLISHED_REPORT_PAGES = {"public:report", "public:report-file", "public:report-table"}

# name -> (method, args from the world, who is allowed, POST data)
Case = tuple[str, Callable[[dict[str, Any]], list[Any]], set[str], dict[str, str]]
CASES: dict[str, Case] = {
    "web:home": ("get", lambda w: [], EVERYONE, {}),
    "web:accessibility": ("get", lambda w: [], EVERYONE, {}),
    "web:favicon": ("get", lambda w: [], EVERYONE, {}),
    "web:guidance-edit": ("get", lambda w: [], PERFORMANCE, {}),
    "public:guidance": ("get", lambda w: [], EVERYONE, {}),
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
    "register:kpi-status": ("post", lambda w: ["AH-01"], PERFORMANCE, {}),
    "register:target-coverage": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
    "register:export": ("get", lambda w: [], PERFORMANCE, {}),
    "register:kpi-create": ("get", lambda w: [], PERFORMANCE, {}),
    "register:kpi-edit": ("get", lambda w: ["AH-01"], PERFORMANCE, {}),
    "administration:hub": ("get", lambda w: [], PERFORMANCE, {}),
    "administration:list": ("get", lambda w: ["priorities"], PERFORMANCE, {}),
    "administration:edit": (
        "get",
        lambda w: ["directorates", w["kpi"].directorate_id],
        PERFORMANCE,
        {},
    ),
    "administration:delete": ("post", lambda w: ["pillars", _pillar(w)], PERFORMANCE, {}),
    "administration:people": ("get", lambda w: [], PERFORMANCE, {}),
    "administration:person-add": ("get", lambda w: [], PERFORMANCE, {}),
    "administration:person-edit": ("get", lambda w: [w["people"]["clt"].pk], PERFORMANCE, {}),
    "administration:person-deactivate": (
        "post",
        lambda w: [w["people"]["none"].pk],
        PERFORMANCE,
        {},
    ),
    "administration:role-add": (
        "post",
        lambda w: [w["people"]["none"].pk],
        PERFORMANCE,
        {"role-role": "leadership"},
    ),
    "administration:role-remove": ("post", lambda w: [_role(w, "clt")], PERFORMANCE, {}),
    "register:target-propose": ("get", lambda w: ["AH-01"], PROPOSE_TARGET, {}),
    "register:targets-to-agree": ("get", lambda w: [], AGREE_TARGET | {"other_dmt"}, {}),
    "register:target-agree": ("post", lambda w: [w["proposal"].pk], AGREE_TARGET, {}),
    "register:target-send-back": ("post", lambda w: [w["proposal"].pk], AGREE_TARGET, {}),
    "register:reviews": ("get", lambda w: [], OFFICERS, {}),
    "register:review-record": ("get", lambda w: [], PERFORMANCE, {}),
    "register:recalculation-add": ("get", lambda w: ["AH-01"], PERFORMANCE, {}),
    "register:recalculation-decide": (
        "get",
        lambda w: ["AH-01", _recalculation(w, "suggested").pk],
        PERFORMANCE,
        {},
    ),
    "register:recalculation-remove": (
        "get",
        lambda w: ["AH-01", _recalculation(w, "accepted").pk],
        PERFORMANCE,
        {},
    ),
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
    "status:checklist": ("get", lambda w: [], PERFORMANCE, {}),
    "releases:index": ("get", lambda w: [], PERFORMANCE, {}),
    "places:groups": ("get", lambda w: [], OFFICERS, {}),
    "places:groups-upload": ("get", lambda w: [], PERFORMANCE, {}),
    "places:national-upload": ("get", lambda w: [], PERFORMANCE, {}),
    "status:chase": ("post", lambda w: [2025, 1, w["people"]["key_contact"].pk], CHASE, {}),
    "scorecard:index": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
    "scorecard:excel": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
    "committees:index": ("get", lambda w: [], OFFICERS | {"member", "other_member"}, {}),
    "committees:remit-edit": ("get", lambda w: [w["board"].slug], PERFORMANCE, {}),
    "information:mine": ("get", lambda w: [], SIGNED_IN, {}),
    "information:new": ("get", lambda w: [w["board"].slug], {"performance", "member"}, {}),
    "information:answer": ("get", lambda w: [w["asked"].pk], {"performance", "officer"}, {}),
}


def _pillar(world: dict[str, Any]) -> int:
    """A pillar (of the KPI's, so in use: deleting it is refused)."""
    return int(world["kpi"].pillars.values_list("pk", flat=True)[0])


def _role(world: dict[str, Any], name: str) -> int:
    return int(world["people"][name].role_assignments.values_list("pk", flat=True)[0])


def _recalculation(world: dict[str, Any], status: str) -> Any:
    """A recalculation point of AH-01 in the given status (suggested at the published result's
    period, accepted at the signed-off one's)."""
    from quarterly.collection.models import RecalculationPoint

    period = Period.quarter(2024, 2) if status == "suggested" else Period.quarter(2024, 4)
    point, _ = RecalculationPoint.objects.get_or_create(
        kpi=world["kpi"], period_kind=period.kind.value, period_start=period.start,
        defaults={"period_end": period.end, "status": status, "reason": f"A {status} point"},
    )  # fmt: skip
    return point


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
        # Every CSV or Excel file must be checked for formula injection.
        if response.get("Content-Type", "").split(";")[0] in SPREADSHEET_TYPES:
            assert name in SPREADSHEET_URL_NAMES, f"add {name} to test_spreadsheet_escaping"
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
            name,
            role,
            response.status_code,
        )
    else:
        assert response.status_code == 404, (name, role, response.status_code)
    if response.status_code == 200 and role not in OFFICERS and name not in PUBLISHED_REPORT_PAGES:
        shown = _text(response)
        leaked = [text for text in UNPUBLISHED if text in shown]
        assert not leaked, (name, role, leaked)


def _text(response: Any) -> str:
    """What a response shows, whatever its format (a spreadsheet's cells, read back)."""
    if "spreadsheetml" in response["Content-Type"]:
        workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return response.content.decode("utf-8", errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(OFFICERS))
def test_officers_see_unpublished_results_and_their_history(
    client: Any, world: dict[str, Any], role: str
) -> None:
    # given an officer (the control for the check above: the values are on the page to find)
    client.force_login(world["people"][role])
    # when
    response = client.get(reverse("register:kpi-detail", args=["AH-01"]))
    # then
    shown = _text(response)
    assert all(text in shown for text in UNPUBLISHED), [t for t in UNPUBLISHED if t not in shown]


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
