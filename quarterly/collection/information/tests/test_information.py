"""A Scrutiny Board's information request from asking to the board's next report: the owner is
emailed, reminded exactly once per rule, answers on the form, and the answer is in the pack."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from quarterly.collection.information.models import InformationRequest
from quarterly.collection.information.services import information_request_create
from quarterly.collection.reminders.information import (
    information_reminder_send,
    information_reminders_due,
)
from quarterly.core.models import AuditEntry
from quarterly.factories import CommitteeFactory, KPIFactory, PersonFactory
from quarterly.organisation.models import Role
from quarterly.reports.compiler import report_compile
from quarterly.reports.render_docx import report_docx
from quarterly.reports.services import report_publish
from quarterly.reports.tests.test_reports_council import Q2

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 11, 4)
DUE = dt.date(2024, 11, 20)


@pytest.fixture
def asked(organisation: Any, people: dict[str, Any], settings: Any) -> dict[str, Any]:
    settings.QUARTERLY_TODAY = TODAY
    board = CommitteeFactory(organisation=organisation)
    owner = people["officer"]
    kpi = KPIFactory(organisation=organisation, reference="AH-09", scrutiny_board=board,
                     accountable_officer=owner, title="Delayed discharges")  # fmt: skip
    PersonFactory(organisation=organisation, email="team@council.example",
                  role=Role.DIRECTORATE_TEAM, role__directorate=kpi.directorate)  # fmt: skip
    return {"board": board, "kpi": kpi, "owner": owner}


def _ask(client: Any, board: Any, kpi: Any, **data: str) -> Any:
    return client.post(
        reverse("information:new", args=[board.slug]),
        {"kpi": kpi.pk, "question": "Why did delays rise in the autumn?",
         "due_date": "20 11 2024", **data},
    )  # fmt: skip


def test_the_whole_life_of_a_request(
    client: Any, people: dict[str, Any], asked: dict[str, Any], settings: Any
) -> None:
    board, kpi, owner = asked["board"], asked["kpi"], asked["owner"]
    # given a board's request made through the form by the performance team
    client.force_login(people["performance"])
    response = _ask(client, board, kpi)
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert (request.owner, request.due_date, request.status) == (owner, DUE, "asked")
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Why did delays rise in the autumn?" in mail.outbox[0].body
    # when the reminder run happens twice, five days before the due date
    settings.QUARTERLY_TODAY = DUE - dt.timedelta(days=5)
    first = [information_reminder_send(r) for r in information_reminders_due()]
    second = information_reminders_due()
    call_command("remind", stdout=io.StringIO())
    # then the owner is reminded once
    assert [(r.kind, r.person) for r in first if r] == [("before", owner)]
    assert second == []
    assert len(mail.outbox) == 2 and mail.outbox[1].subject.startswith("Reminder:")
    # when the owner answers on the form
    client.force_login(owner)
    page = client.get(reverse("information:mine"))
    assert "Delayed discharges" in page.content.decode()
    url = reverse("information:answer", args=[request.pk])
    client.post(url, {"answer": "Two care homes closed in September.", "version": 1})
    # then the answer is stored and audited, and no more reminders go
    request.refresh_from_db()
    assert (request.status, request.answer) == ("answered", "Two care homes closed in September.")
    assert AuditEntry.objects.filter(target_id=request.pk, action="update").exists()
    settings.QUARTERLY_TODAY = DUE + dt.timedelta(days=8)
    assert information_reminders_due() == []
    # and the board's next report carries it under "Information you asked for"
    report = report_compile(kind="scrutiny", period=Q2, organisation=board.organisation,
                            board=board, narrative={})  # fmt: skip
    text = "\n".join(p.text for p in Document(io.BytesIO(report_docx(report))).paragraphs)
    assert "Information you asked for" in text
    assert "The board asked: Why did delays rise in the autumn?" in text
    assert f"{owner} answered: Two care homes closed in September." in text
    # once that report is published, the one after does not repeat the answer
    report_publish(organisation=board.organisation, kind="scrutiny", period=Q2, board=board,
                   directorate=None, by=people["performance"])  # fmt: skip
    request.refresh_from_db()
    assert request.reported_in == report.title
    after = report_compile(kind="scrutiny", period=Q2.shift(1), organisation=board.organisation,
                           board=board, narrative={})  # fmt: skip
    assert "Two care homes closed" not in str(after.to_dict())
    # and the answer can no longer change
    response = client.post(url, {"answer": "Changed.", "version": request.version})
    assert "can no longer change" in response.content.decode()


def test_an_unanswered_request_is_escalated_once_each_way(asked: dict[str, Any], settings: Any,
                                                          people: dict[str, Any]) -> None:  # fmt: skip
    # given a request now eight days overdue
    information_request_create(committee=asked["board"], kpi=asked["kpi"], question="Why?",
                               due_date=DUE, by=people["performance"])  # fmt: skip
    settings.QUARTERLY_TODAY = DUE + dt.timedelta(days=8)
    # when
    kinds = sorted((r.kind, r.person.email) for r in information_reminders_due()
                   if information_reminder_send(r))  # fmt: skip
    # then the owner hears it is overdue, the directorate and performance teams are told
    assert kinds == [
        ("escalate_directorate", "team@council.example"),
        ("escalate_performance", "performance@council.example"),
        ("overdue", "officer@council.example"),
    ]
    assert information_reminders_due() == []


def test_bad_requests_are_refused_with_reasons(
    client: Any, people: dict[str, Any], asked: dict[str, Any]
) -> None:
    # given a member of the board, and a KPI outside its remit
    member = PersonFactory(organisation=asked["board"].organisation)
    member.role_assignments.create(role=Role.ELECTED_MEMBER, committee=asked["board"])
    other = KPIFactory(organisation=asked["board"].organisation, reference="RS-09",
                       accountable_officer=asked["owner"], scrutiny_board=None)  # fmt: skip
    client.force_login(member)
    # when
    past = _ask(client, asked["board"], asked["kpi"], due_date="1 11 2024", question=" ")
    outside = _ask(client, asked["board"], other)
    # then the form says what is wrong and keeps what was typed
    text = past.content.decode()
    assert "There is a problem" in text
    assert "Enter the question the board is asking." in text
    assert "Choose a KPI from the list." in outside.content.decode()
    assert "Why did delays rise in the autumn?" in outside.content.decode()
    assert not InformationRequest.objects.exists()
    with pytest.raises(ValidationError, match="due date must be after today"):
        information_request_create(committee=asked["board"], kpi=asked["kpi"], question="Why?",
                                   due_date=TODAY, by=member)  # fmt: skip


def test_a_stale_answer_loses_nothing(client: Any, asked: dict[str, Any],
                                      people: dict[str, Any]) -> None:  # fmt: skip
    request = information_request_create(committee=asked["board"], kpi=asked["kpi"],
                                         question="Why?", due_date=DUE, by=people["performance"])  # fmt: skip
    client.force_login(asked["owner"])
    url = reverse("information:answer", args=[request.pk])
    client.post(url, {"answer": "First answer.", "version": 1})
    # when someone answers from a page opened before that
    response = client.post(url, {"answer": "My late answer.", "version": 1})
    # then
    text = response.content.decode()
    assert "This answer has changed since you opened it" in text
    assert "My late answer." in text
    request.refresh_from_db()
    assert request.answer == "First answer."
