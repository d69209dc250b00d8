"""The KPI register's rules that name other records: each written once, for the web forms and the
workbook import alike, so the same bad value gets the same message wherever it was typed.

The rules about one KPI's own fields (lengths, ranges, web addresses, a rate and its base) live
on the model (`KPI` field validators and `KPI.clean`); these resolve the names a person types or
picks (directorates, services, pillars, priorities, boards, people, comparator groups) against the
council's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from quarterly.organisation.models import Committee, Directorate, Organisation, Person, Service
from quarterly.places.models import ComparatorGroup
from quarterly.places.selectors import groups_for_organisation
from quarterly.register.models import KPI, Pillar, Priority


class RegisterNames:
    """The council's names, each kind loaded with one query, resolved case-insensitively.

    Each lookup returns the record or raises ValidationError with the message a person sees.
    """

    def __init__(self, organisation: Organisation):
        self.organisation = organisation
        self.directorates = {d.name.casefold(): d for d in organisation.directorates.all()}
        self.services = {
            (s.directorate_id, s.name.casefold()): s
            for s in Service.objects.filter(directorate__organisation=organisation)
        }
        self.pillars = {p.name.casefold(): p for p in organisation.pillars.all()}
        self.priorities = {p.name.casefold(): p for p in organisation.priorities.all()}
        self.boards = {
            c.name.casefold(): c
            for c in organisation.committees.filter(kind=Committee.Kind.SCRUTINY_BOARD)
        }
        self.people = {p.email.casefold(): p for p in Person.objects.exclude(email="")}
        self.groups = {g.name.casefold(): g for g in groups_for_organisation(organisation)}

    def directorate(self, name: str) -> Directorate:
        found = self.directorates.get(name.strip().casefold())
        if found is None:
            raise ValidationError(f'There is no directorate called "{name}".')
        return found

    def service(self, directorate: Directorate, name: str) -> Service:
        found = self.services.get((directorate.pk, name.strip().casefold()))
        if found is None:
            raise ValidationError(f'{directorate.name} has no service called "{name}".')
        return found

    def pillar(self, name: str) -> Pillar:
        found = self.pillars.get(name.strip().casefold())
        if found is None:
            raise ValidationError(f'There is no pillar called "{name}".')
        return found

    def priority(self, name: str) -> Priority:
        found = self.priorities.get(name.strip().casefold())
        if found is None:
            raise ValidationError(f'There is no priority called "{name}".')
        return found

    def board(self, name: str) -> Committee:
        found = self.boards.get(name.strip().casefold())
        if found is None:
            raise ValidationError(f'There is no scrutiny board called "{name}".')
        return found

    def person(self, email: str) -> Person:
        found = self.people.get(email.strip().casefold())
        if found is None:
            raise ValidationError(f'Nobody has the email address "{email}".')
        return found

    def comparator_group(self, name: str) -> ComparatorGroup:
        found = self.groups.get(name.strip().casefold())
        if found is None:
            raise ValidationError(f'There is no comparator group called "{name}".')
        return found

    def many(self, kind: str, names: Iterable[str]) -> tuple[list[Any], list[str]]:
        """Each name resolved by the lookup `kind` ("pillar", "priority", "person",
        "comparator_group"): the records
        found and a message for each name that was not."""
        lookup = getattr(self, kind)
        found, messages = [], []
        for name in names:
            try:
                found.append(lookup(name))
            except ValidationError as error:
                messages.extend(error.messages)
        return found, messages


def reference_in_use(*, organisation: Organisation, reference: str, kpi: KPI | None) -> str:
    """The message when another KPI of the council already has `reference`, else ""."""
    others = KPI.objects.filter(organisation=organisation, reference__iexact=reference.strip())
    if kpi is not None and kpi.pk:
        others = others.exclude(pk=kpi.pk)
    if others.exists():
        return f'Another KPI already has the reference "{reference}".'
    return ""


def kpi_field_errors(kpi: KPI, *, skip: Iterable[str] = ()) -> dict[str, list[str]]:
    """The KPI's own field rules (the model's validators and `KPI.clean`), as messages by field,
    leaving out the fields in `skip` (already refused for another reason)."""
    try:
        kpi.full_clean(exclude=list(skip), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.message_dict
    return {}
