"""Signed-in pages tell every cache not to keep them; public pages stay cacheable."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse


def _directives(response: Any) -> set[str]:
    return {d.strip().lower() for d in response.get("Cache-Control", "").split(",") if d.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["collection:my-kpis", "public:index"])
def test_pages_for_a_signed_in_person_are_private_and_not_stored(
    client: Any, people: dict[str, Any], name: str
) -> None:
    # given
    client.force_login(people["key_contact"])
    # when
    response = client.get(reverse(name))
    # then
    assert response.status_code == 200
    assert _directives(response) == {"private", "no-store"}


@pytest.mark.django_db
def test_anonymous_public_pages_stay_cacheable(client: Any, organisation: Any) -> None:
    # given no one signed in
    # when
    response = client.get(reverse("public:index"))
    # then
    assert response.status_code == 200
    assert "no-store" not in _directives(response) and "private" not in _directives(response)
