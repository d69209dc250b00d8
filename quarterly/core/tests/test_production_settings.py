"""In production, Quarterly refuses to start with settings that only suit a demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD = {
    "QUARTERLY_ENVIRONMENT": "production",
    "SECRET_KEY": "k7Qm2vX9pL4sR8tW1yZ3bN6cF0hJ5dG-aE_uI2oP7qS9wT4xV8zB1nM3lK6jH0gD",
    "ALLOWED_HOSTS": "performance.example.gov.uk",
}


def quarterly_check(tmp_path: Path, **settings: str | None) -> subprocess.CompletedProcess[str]:
    """Run `quarterly check` with GOOD production settings changed by `settings` (None unsets)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "ALLOWED_HOSTS"}
    }
    env |= {"QUARTERLY_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for key, value in (GOOD | settings).items():
        if value is not None:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "quarterly.cli", "check"],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip


def test_production_settings_from_the_environment_start(tmp_path: Path) -> None:
    # given / when
    done = quarterly_check(tmp_path)
    # then
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG is on"),
        ({"SECRET_KEY": None}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "change-me"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "ab" * 40}, "SECRET_KEY is too weak"),
        (
            {"SECRET_KEY": "django-insecure-" + GOOD["SECRET_KEY"]},
            "SECRET_KEY is a development key",
        ),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is not set"),
        ({"ALLOWED_HOSTS": "performance.example.gov.uk,*"}, "ALLOWED_HOSTS allows any host"),
    ],
)
def test_production_refuses_to_start_with_an_unsafe_setting(
    tmp_path: Path, settings: dict[str, str | None], message: str
) -> None:
    # given / when
    done = quarterly_check(tmp_path, **settings)
    # then it stops, saying what to fix, and leaves no demo key behind
    assert done.returncode == 2
    assert "will not start in production" in done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "secret_key").exists()


def test_every_unsafe_setting_is_listed_at_once(tmp_path: Path) -> None:
    # given / when
    done = quarterly_check(tmp_path, DEBUG="on", SECRET_KEY=None, ALLOWED_HOSTS=None)
    # then
    assert done.returncode == 2
    for message in ("DEBUG is on", "SECRET_KEY is not set", "ALLOWED_HOSTS is not set"):
        assert message in done.stderr


def test_the_demo_needs_none_of_them(tmp_path: Path) -> None:
    # given no QUARTERLY_ENVIRONMENT, no secret key and no host names, as `quarterly demo` runs
    # when
    done = quarterly_check(
        tmp_path, QUARTERLY_ENVIRONMENT=None, SECRET_KEY=None, ALLOWED_HOSTS=None
    )
    # then
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "secret_key").exists()


def test_a_misspelt_environment_is_refused_not_taken_for_development(tmp_path: Path) -> None:
    # given / when
    done = quarterly_check(tmp_path, QUARTERLY_ENVIRONMENT="prod", SECRET_KEY=None)
    # then
    assert done.returncode == 2
    assert "QUARTERLY_ENVIRONMENT must be development or production, not 'prod'" in done.stderr
