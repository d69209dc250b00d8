"""Small typed helpers that read settings from the environment and reject bad values.

A variable NAME may instead be given as NAME_FILE, the path of a file holding the value, so
secrets can come from a secrets manager rather than the process environment.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {error}") from None
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name, "true" if default else "false").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_choice(name: str, default: str, choices: set[str]) -> str:
    """One of `choices`, so a misspelt value is refused rather than taken for the default."""
    raw = env_str(name, default).strip().lower() or default
    if raw not in choices:
        allowed = " or ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name} must be {allowed}, not {raw!r}")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name, "")
    if not raw.strip():
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_ip(name: str, default: str, *, allow_any: bool = False) -> str:
    """An IP address, written as a socket reports a peer's; with `allow_any`, "*" for every peer."""
    raw = env_str(name, default).strip()
    if allow_any and raw == "*":
        return raw
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        either = " or *" if allow_any else ""
        raise ImproperlyConfigured(f"{name} must be an IP address{either}, not {raw!r}") from None


def secret_key_from_data_dir(data_dir: Path) -> str:
    """Return the demo's secret key, creating it (readable by the owner only) on first use."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def env_date(name: str) -> dt.date | None:
    """An ISO date ("2025-07-20"), or None when the variable is unset or empty."""
    raw = env_str(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a date written 2025-07-20, not {raw!r}"
        ) from None
