"""The performance team keeps the council's structure: every change audited and version-guarded,
and a record in use is never deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quarterly.core.models import AuditEntry
from quarterly.core.records import StaleRecord, record_version
from quarterly.factories import DirectorateFactory, KPIFactory, PillarFactory, ServiceFactory
from quarterly.organisation.models import Directorate, Person, Role, RoleAssignment
from quarterly.organisation.services import (
    DIRECTORATE_FIELDS,
    directorate_delete,
    directorate_save,
    person_save,
    role_add,
    service_delete,
)
from quarterly.register.models import Pillar, Priority
from quarterly.register.services import pillar_delete, priority_delete, priority_save

pytestmark = pytest.mark.django_db


def test_a_priority_is_added_renamed_and_each_change_audited(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given
    by = people["performance"]
    health = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    # when
    priority = priority_save(
        priority=Priority(organisation=organisation), name="Age well", pillar=health, order=2, by=by
    )
    opened = record_version(priority, ("name", "pillar", "order"))
    priority_save(priority=priority, name="Ageing well", pillar=health, order=2, by=by,
                  version=opened)  # fmt: skip
    # then
    priority.refresh_from_db()
    assert (priority.name, priority.slug) == ("Ageing well", "ageing-well")
    entries = AuditEntry.objects.filter(target_id=priority.pk, target_repr__contains="ge")
    assert [e.action for e in entries.order_by("at", "id")] == ["create", "update"]
    assert entries.get(action="update").changes == {"name": ["Age well", "Ageing well"]}
    # and an edit from the page opened before the rename is refused, saving nothing
    with pytest.raises(StaleRecord):
        priority_save(priority=priority, name="Live well", pillar=health, order=2, by=by,
                      version=opened)  # fmt: skip
    priority.refresh_from_db()
    assert priority.name == "Ageing well"


def test_a_stale_directorate_rename_is_refused(organisation: Any, people: dict[str, Any]) -> None:
    # given
    directorate = DirectorateFactory(organisation=organisation, name="Resources")
    opened = record_version(directorate, DIRECTORATE_FIELDS)
    directorate_save(directorate=directorate, name="Strategy and Resources",
                     by=people["performance"], version=opened)  # fmt: skip
    # when / then
    with pytest.raises(StaleRecord):
        directorate_save(directorate=directorate, name="City Resources",
                         by=people["performance"], version=opened)  # fmt: skip
    assert Directorate.objects.get(pk=directorate.pk).name == "Strategy and Resources"


def test_records_in_use_are_not_deleted_and_say_what_uses_them(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given a KPI using a directorate, its service, a pillar and a priority
    by = people["performance"]
    pillar = PillarFactory(organisation=organisation, name="Inclusive Growth")
    priority = Priority.objects.create(
        organisation=organisation, pillar=pillar, name="Jobs", slug="jobs"
    )
    kpi = KPIFactory(organisation=organisation, pillars=[pillar])
    kpi.priorities.set([priority])
    # when / then
    refusals = [
        (lambda: pillar_delete(pillar=pillar, by=by), "it is used by 1 KPI and 1 priority."),
        (lambda: priority_delete(priority=priority, by=by), "it is used by 1 KPI."),
        (lambda: service_delete(service=kpi.service, by=by), "it is used by 1 KPI."),
        (
            lambda: directorate_delete(directorate=kpi.directorate, by=by),
            "it is used by 1 KPI and 1 service.",
        ),
    ]
    for delete, words in refusals:
        with pytest.raises(ValidationError) as refused:
            delete()
        assert (
            words in refused.value.messages[0] and "cannot be deleted" in refused.value.messages[0]
        )
    assert Pillar.objects.filter(pk=pillar.pk).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_an_unused_service_is_deleted_and_audited(
    organisation: Any, people: dict[str, Any]
) -> None:
    # given
    service = ServiceFactory(
        directorate=DirectorateFactory(organisation=organisation), name="Parks"
    )
    # when
    service_delete(service=service, by=people["performance"])
    # then
    entry = AuditEntry.objects.get(action="delete")
    assert entry.target_repr == "Parks" and entry.changes["name"] == ["Parks", None]


def test_a_person_is_added_with_a_scoped_role_and_deactivated_not_deleted(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given
    adults = DirectorateFactory(organisation=organisation, name="Adults and Health")
    client.force_login(people["performance"])
    # when
    added = client.post(reverse("administration:person-add"), {
        "first_name": "Asha", "last_name": "Patel", "email": "asha.patel@council.example",
        "job_title": "Intelligence officer", "directorate": adults.pk,
    })  # fmt: skip
    person = Person.objects.get(email="asha.patel@council.example")
    unscoped = client.post(reverse("administration:role-add", args=[person.pk]),
                           {"role-role": Role.DIRECTORATE_TEAM})  # fmt: skip
    scoped = client.post(reverse("administration:role-add", args=[person.pk]),
                         {"role-role": Role.DIRECTORATE_TEAM, "role-directorate": adults.pk})  # fmt: skip
    client.post(reverse("administration:person-deactivate", args=[person.pk]))
    # then
    assert added.status_code == 302
    assert "Choose the directorate this team works for." in unscoped.content.decode()
    assert scoped.status_code == 302
    assignment = RoleAssignment.objects.get(person=person)
    assert (assignment.role, assignment.directorate) == (Role.DIRECTORATE_TEAM, adults)
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert AuditEntry.objects.filter(target_repr__contains="Asha Patel").count() == 3


def test_an_email_address_already_used_is_refused(
    organisation: Any, people: dict[str, Any]
) -> None:
    # when / then
    with pytest.raises(ValidationError) as refused:
        person_save(person=Person(organisation=organisation), by=people["performance"],
                    fields={"first_name": "A", "last_name": "B", "email": "CLT@council.example"})  # fmt: skip
    assert refused.value.message_dict["email"] == [
        'Someone else already has the email address "CLT@council.example".'
    ]


def test_an_elected_member_role_needs_a_committee(
    organisation: Any, people: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as refused:
        role_add(person=people["clt"], role=Role.ELECTED_MEMBER, by=people["performance"])
    assert "committee" in refused.value.message_dict


def test_a_form_with_errors_keeps_the_input_and_a_delete_in_use_says_why(
    client: Any, organisation: Any, people: dict[str, Any]
) -> None:
    # given
    pillar = PillarFactory(organisation=organisation, name="Health and Wellbeing")
    KPIFactory(organisation=organisation, pillars=[pillar])
    client.force_login(people["performance"])
    # when
    missing = client.post(reverse("administration:list", args=["priorities"]),
                          {"name": "Age well", "order": "1"})  # fmt: skip
    refused = client.post(
        reverse("administration:delete", args=["pillars", pillar.pk]), follow=True
    )
    # then
    page = missing.content.decode()
    assert "There is a problem" in page and "Choose the pillar this priority comes under." in page
    assert 'value="Age well"' in page
    assert (
        "Health and Wellbeing cannot be deleted: it is used by 1 KPI." in refused.content.decode()
    )
