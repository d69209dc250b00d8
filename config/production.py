"""What Quarterly refuses to start with in production (`QUARTERLY_ENVIRONMENT=production`).

The defaults suit a demo on one's own machine: no DEBUG, a random secret key kept in the data
directory and only the loopback host names. A production server must be told its own secret key
and host names, and must never show Django's debug pages, which print settings and source code.
Settings call `production_guard()` when they load, so every way of starting Quarterly (`quarterly
serve`, a WSGI server, `quarterly migrate`) stops with the list of what to fix.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

# Django's own bar for a strong key (security.W009): long, and not a few characters repeated.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
NEW_KEY_COMMAND = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"


def production_problems(
    *, debug: bool, secret_key: str | None, allowed_hosts: Sequence[str] | None
) -> list[str]:
    """Each setting that is unsafe in production, as a sentence saying how to fix it.

    `secret_key` and `allowed_hosts` are None when the environment does not set them (the demo's
    defaults then apply).
    """
    problems = []
    if debug:
        problems.append(
            "DEBUG is on: Django's debug pages show settings and source code to anyone. "
            "Unset DEBUG or set it to false."
        )
    if secret_key is None:
        problems.append(
            "SECRET_KEY is not set, so the demo's key from the data directory would be used. "
            f"Set SECRET_KEY (or SECRET_KEY_FILE) to a new random key: {NEW_KEY_COMMAND}"
        )
    elif secret_key.startswith("django-insecure-"):
        problems.append(
            "SECRET_KEY is a development key (it begins with django-insecure-). "
            f"Set a new random key: {NEW_KEY_COMMAND}"
        )
    elif (
        len(secret_key) < SECRET_KEY_MIN_LENGTH
        or len(set(secret_key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    ):
        problems.append(
            f"SECRET_KEY is too weak: it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
            f"not all alike. Set a new random key: {NEW_KEY_COMMAND}"
        )
    if not allowed_hosts:
        problems.append(
            "ALLOWED_HOSTS is not set, so only 127.0.0.1 and localhost would be answered. "
            "Set it to the host names people use, e.g. performance.council.gov.uk."
        )
    elif "*" in allowed_hosts:
        problems.append(
            "ALLOWED_HOSTS allows any host (*), which lets a forged Host header into links "
            "in emails. List the host names people use, e.g. performance.council.gov.uk."
        )
    return problems


def production_guard(
    *, debug: bool, secret_key: str | None, allowed_hosts: Sequence[str] | None
) -> None:
    """Refuse to start (ImproperlyConfigured) if any production setting is unsafe."""
    problems = production_problems(debug=debug, secret_key=secret_key, allowed_hosts=allowed_hosts)
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise ImproperlyConfigured(
            f"Quarterly will not start in production (QUARTERLY_ENVIRONMENT=production):\n{lines}"
        )
