"""The "How performance is reported" page: written by the performance team, read by anyone."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.organisation.models import ReportingGuidance

pytestmark = pytest.mark.django_db
BODY = "Targets are agreed by each DMT.\n\nResults are collected every quarter."


def test_the_team_writes_the_page_and_the_public_reads_it(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given nothing written yet
    empty = client.get(reverse("public:guidance")).content.decode()
    client.force_login(people["performance"])
    # when the performance team writes it
    saved = client.post(
        reverse("web:guidance-edit"),
        {"version": "", "body": BODY, "contacts": "Performance team: performance@council.example"},
    )
    client.logout()
    page = client.get(reverse("public:guidance")).content.decode()
    # then
    assert "has not written this page yet" in empty
    assert saved.status_code == 302
    assert '<p class="govuk-body">Targets are agreed by each DMT.</p>' in page
    assert "<li>Performance team: performance@council.example</li>" in page
    assert "Edit this page" not in page
    assert AuditEntry.objects.filter(note="How performance is reported").count() == 1


def test_a_stale_edit_saves_nothing_and_an_empty_body_is_refused(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given the page at version 1, opened by two people
    ReportingGuidance.objects.create(organisation=organisation, body=BODY)
    client.force_login(people["performance"])
    url = reverse("web:guidance-edit")
    client.post(url, {"version": "1", "body": "First change."})
    # when the second saves from version 1, and then someone saves an empty page
    stale = client.post(url, {"version": "1", "body": "Second change."}).content.decode()
    empty = client.post(url, {"version": "2", "body": ""}).content.decode()
    # then
    assert "This page has changed since you opened it" in stale
    assert "Enter how the council reports performance." in empty
    assert ReportingGuidance.objects.get().body == "First change."
