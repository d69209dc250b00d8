"""The people (owners, key contacts, members) and their roles, kept by the performance team.
A person is deactivated rather than deleted, so the history that names them stays true."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quarterly.core.records import record_version
from quarterly.organisation.access import (
    can_administer_register,
    organisation_for_request,
    require,
)
from quarterly.organisation.models import Organisation, Person, RoleAssignment
from quarterly.organisation.services import (
    PERSON_FIELDS,
    person_deactivate,
    person_save,
    role_add,
    role_remove,
)
from quarterly.web.administration.forms import PersonForm, RoleForm
from quarterly.web.administration.views import save_form

FORM_FIELDS = ("first_name", "last_name", "email", "job_title", "directorate")


def _person(organisation: Organisation, pk: int) -> Person:
    person = Person.objects.filter(organisation=organisation, pk=pk).first()
    if person is None:
        raise Http404("No such person.")
    return person


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    people = (
        organisation.people.select_related("directorate")
        .prefetch_related("role_assignments__directorate", "role_assignments__committee")
        .order_by("-is_active", "last_name", "first_name")
    )
    return render(request, "web/administration/people.html", {"people": people})


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    form = PersonForm(request.POST or None, organisation=organisation)
    saved: list[Person] = []

    def add(data: dict[str, object]) -> None:
        fields = {name: data[name] for name in FORM_FIELDS}
        saved.append(person_save(person=Person(organisation=organisation), fields=fields,
                                 by=request.user))  # fmt: skip

    if save_form(request, form, add, "The person has been added. Now give them their roles."):
        return redirect("administration:person-edit", pk=saved[0].pk)
    return render(request, "web/administration/person.html", {"form": form, "person": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    person = _person(organisation, pk)
    initial = {name: getattr(person, name) for name in FORM_FIELDS}
    initial["version"] = record_version(person, PERSON_FIELDS)
    form = PersonForm(request.POST or None, initial=initial, organisation=organisation)

    def edit(data: dict[str, object]) -> None:
        fields = {name: data[name] for name in FORM_FIELDS}
        person_save(person=person, fields=fields, by=request.user, version=str(data["version"]))

    if save_form(request, form, edit, f"{person} has been saved."):
        return redirect("administration:person-edit", pk=person.pk)
    return _person_page(request, person, form, RoleForm(organisation=organisation, prefix="role"))


def _person_page(
    request: HttpRequest, person: Person, form: PersonForm, role_form: RoleForm
) -> HttpResponse:
    roles = person.role_assignments.select_related("directorate", "committee")
    return render(
        request, "web/administration/person.html",
        {"form": form, "person": person, "roles": roles, "role_form": role_form},
    )  # fmt: skip


@login_required
@require_POST
def person_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_administer_register(request.user))
    person = _person(organisation_for_request(request), pk)
    if person.pk == request.user.pk:
        messages.error(request, "You cannot deactivate yourself.")
    else:
        person_deactivate(person=person, by=request.user)
        messages.success(request, f"{person} can no longer sign in.")
    return redirect("administration:person-edit", pk=person.pk)


@login_required
@require_POST
def role_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    person = _person(organisation, pk)
    role_form = RoleForm(request.POST, organisation=organisation, prefix="role")

    def add(data: dict[str, object]) -> None:
        role_add(person=person, role=str(data["role"]), directorate=data["directorate"],  # type: ignore[arg-type]
                 committee=data["committee"], by=request.user)  # type: ignore[arg-type]  # fmt: skip

    if save_form(request, role_form, add, f"{person} has the new role."):
        return redirect("administration:person-edit", pk=person.pk)
    initial = {name: getattr(person, name) for name in FORM_FIELDS}
    initial["version"] = record_version(person, PERSON_FIELDS)
    form = PersonForm(initial=initial, organisation=organisation)
    return _person_page(request, person, form, role_form)


@login_required
@require_POST
def role_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    assignment = RoleAssignment.objects.filter(pk=pk, person__organisation=organisation).first()
    if assignment is None:
        raise Http404("No such role.")
    try:
        role_remove(assignment=assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{assignment} has been removed.")
    return redirect("administration:person-edit", pk=assignment.person_id)
