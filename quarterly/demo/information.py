"""A Scrutiny Board's information requests in the demo.

The Adults, Health and Active Lifestyles Scrutiny Board (whose chair has the councillor demo
login) has asked Adults and Health's accountable officer (the officer login) two questions: one
answered, which the board's next report carries under "Information you asked for", and one
still open, due in the coming weeks. Both go through the requests' services, so the history
records them; the emails the service sends the owner go nowhere here, since the demo's
addresses are made up (`quarterly remind` later emails through the configured backend).

Safe to run again: the answered request is asked once; an open request is asked again only
when none is due after today (on a later day, the earlier one is overdue and chased by
`quarterly remind`, and a new one is due in the coming weeks).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.test.utils import override_settings

from quarterly.collection.information.models import InformationRequest
from quarterly.collection.information.services import (
    information_request_answer,
    information_request_create,
)
from quarterly.core import clock
from quarterly.demo.people import DEMO_DOMAIN
from quarterly.organisation.models import Committee, Organisation, Person
from quarterly.register.models import KPI

BOARD = "Scrutiny Board (Adults, Health and Active Lifestyles)"
ANSWERED_KPI, OPEN_KPI = "AH-38", "AH-41"
ANSWERED_QUESTION = (
    "Admissions to residential and nursing care have risen for three quarters. What is behind "
    "the rise, and what is the service doing about it?"
)
ANSWER = (
    "Most of the rise is people discharged from hospital who could not return home because home "
    "care was not available in time. Since the home care recruitment campaign in the spring, "
    "waiting lists for home care have halved, and we expect admissions to fall back towards "
    "the target by the end of the year. (Illustrative demo answer.)"
)
OPEN_QUESTION = (
    "How many people are waiting for a Care Act assessment in each area of the city, and how "
    "long have the longest waits been?"
)
ANSWERED_DUE_IN = dt.timedelta(days=14)
OPEN_DUE_IN = dt.timedelta(days=21)


# The emails to the demo's made-up addresses are not sent, nor printed by the console backend.
NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


@override_settings(EMAIL_BACKEND=NO_EMAIL)
@transaction.atomic
def demo_information_requests_load(
    organisation: Organisation, committees: dict[str, Committee]
) -> None:
    board = committees[BOARD]
    kpis = {k.reference: k for k in KPI.objects.filter(organisation=organisation,
            reference__in=[ANSWERED_KPI, OPEN_KPI]).select_related("accountable_officer")}  # fmt: skip
    councillor = Person.objects.get(username=f"councillor@{DEMO_DOMAIN}")
    today = clock.today()
    requests = InformationRequest.objects.filter(committee=board)
    answered = kpis.get(ANSWERED_KPI)
    if answered is not None and not requests.filter(kpi=answered).exists():
        request = information_request_create(
            committee=board, kpi=answered, question=ANSWERED_QUESTION,
            due_date=today + ANSWERED_DUE_IN, by=councillor,
        )  # fmt: skip
        information_request_answer(
            request=request, answer=ANSWER, version=request.version, by=request.owner
        )
    asked = kpis.get(OPEN_KPI)
    due = requests.filter(status=InformationRequest.Status.ASKED, due_date__gt=today)
    if asked is not None and not due.exists():
        information_request_create(
            committee=board, kpi=asked, question=OPEN_QUESTION, due_date=today + OPEN_DUE_IN,
            by=councillor,
        )  # fmt: skip
