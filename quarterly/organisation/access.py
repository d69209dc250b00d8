"""Who may do what. Object-level rules live here, in one place, for views and services alike."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from quarterly.organisation.models import Organisation, Role


def can_administer_register(user: Any) -> bool:
    """The performance team (and superusers) maintain the KPI Register."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.has_role(Role.PERFORMANCE_TEAM))


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
