"""Administration pages for the performance team: the council's pillars, priorities,
directorates, service areas and committees. Thin views: the services validate, audit and guard
against lost updates. (The Django admin stays for superusers.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quarterly.core.records import StaleRecord, record_version
from quarterly.organisation.access import (
    can_administer_register,
    organisation_for_request,
    require,
)
from quarterly.web.administration.kinds import KINDS, initial_for, kind_get, record_get


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown on the form: on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def save_form(request: HttpRequest, form: forms.Form, save: Any, success: str) -> bool:
    """Run `save(cleaned_data)` for a valid form; True once saved (with a success message)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except StaleRecord:
        form.add_error(None, StaleRecord.message)
        return False
    except ValidationError as error:
        add_errors(form, error)
        return False
    messages.success(request, success)
    return True


@login_required
def hub(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    kinds = [(kind, kind.records(organisation).count()) for kind in KINDS.values()]
    return render(request, "web/administration/hub.html", {"kinds": kinds,
                  "people_count": organisation.people.filter(is_active=True).count()})  # fmt: skip


@login_required
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    """The records of one kind, and a form to add one."""
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    spec = kind_get(kind)
    form = spec.form(request.POST or None, organisation=organisation)
    add = lambda data: spec.save(spec.new(organisation), data, request.user, None)  # noqa: E731
    if save_form(request, form, add, f"The {spec.singular} has been added."):
        return redirect("administration:list", kind=spec.slug)
    rows = [
        (record, [_cell(record, attribute) for _, attribute in spec.columns])
        for record in spec.records(organisation)
    ]
    return render(
        request, "web/administration/list.html", {"kind": spec, "rows": rows, "form": form}
    )


@login_required
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    spec = kind_get(kind)
    record = record_get(spec, organisation, pk)
    initial = initial_for(spec, record, record_version(record, spec.audited))
    form = spec.form(request.POST or None, initial=initial, organisation=organisation)
    edit = lambda data: spec.save(record, data, request.user, data["version"])  # noqa: E731
    if save_form(request, form, edit, f"{record} has been saved."):
        return redirect("administration:list", kind=spec.slug)
    return render(
        request, "web/administration/edit.html", {"kind": spec, "record": record, "form": form}
    )


@login_required
@require_POST
def record_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Delete a record nothing uses; one in use is refused, saying what uses it."""
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    spec = kind_get(kind)
    record = record_get(spec, organisation, pk)
    if spec.delete is None:
        messages.error(request, f"A {spec.singular} cannot be deleted.")
        return redirect("administration:edit", kind=spec.slug, pk=pk)
    try:
        spec.delete(record, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("administration:edit", kind=spec.slug, pk=pk)
    messages.success(request, f"{record} has been deleted.")
    return redirect("administration:list", kind=spec.slug)


def _cell(record: Any, attribute: str) -> Any:
    value = getattr(record, attribute, "")
    return value() if callable(value) else value
