from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def organisation(db: Any) -> Any:
    from quarterly.factories import OrganisationFactory

    return OrganisationFactory()


@pytest.fixture
def people(organisation: Any) -> dict[str, Any]:
    """One named person per role, all in the same council."""
    from quarterly.factories import ROLE_PEOPLE, PersonFactory

    return {
        name: PersonFactory(organisation=organisation, email=f"{name}@council.example", role=role)
        for name, role in ROLE_PEOPLE.items()
    }


@pytest.fixture
def performance_client(client: Any, people: dict[str, Any]) -> Any:
    client.force_login(people["performance"])
    return client


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("django"):
        return  # pure modules (assessment, periods) can be tested with -p no:django
    from django.conf import settings

    # Hashing a password properly takes a quarter of a second by design; tests create many.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped test is a failure: CI must install every tool the tests need."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and session.exitstatus == 0:
        reporter.write_line("FAILED: tests were skipped; install what they need instead.", red=True)
        session.exitstatus = 1
