"""The demo's people: one login per role, all with the same password, and how they are made."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from quarterly.organisation.models import Directorate, Organisation, Person

DEMO_PASSWORD = "quarterly-demo"
DEMO_DOMAIN = "demo.quarterly.example"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    name: str


@cache
def demo_password_hash() -> str:
    """The demo password, hashed once per run: hashing is deliberately slow (about half a
    second), and every demo login shares the one published password anyway."""
    return make_password(DEMO_PASSWORD)


def directorate_key(name: str) -> str:
    """The first word of a directorate's name, for its people's email addresses."""
    return slugify(name).split("-")[0]


def demo_person(
    organisation: Organisation,
    email: str,
    first: str,
    last: str,
    title: str,
    directorate: Directorate | None,
) -> Person:
    """The demo person with this email, created with the demo password if new."""
    person, created = Person.objects.get_or_create(
        username=email,
        defaults={
            "email": email, "first_name": first, "last_name": last, "job_title": title,
            "organisation": organisation, "directorate": directorate,
        },
    )  # fmt: skip
    if created:
        person.password = demo_password_hash()
        person.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person
