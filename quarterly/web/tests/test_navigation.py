"""The Django admin is for superusers: nobody else is offered a link to it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(("superuser", "linked"), [(False, False), (True, True)])
def test_only_a_superuser_is_offered_the_administration_link(
    client: Any, people: dict[str, Any], superuser: bool, linked: bool
) -> None:
    # given a member of the performance team who is staff (as the demo's is)
    person = people["performance"]
    person.is_staff = True
    person.is_superuser = superuser
    person.save()
    client.force_login(person)
    # when
    html = client.get(reverse("register:kpi-list")).content.decode()
    # then
    assert (f'href="{reverse("admin:index")}"' in html) is linked
