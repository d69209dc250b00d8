"""`quarterly check --deploy` is clean with production settings from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    # given production settings, all from the environment
    env = {
        **os.environ,
        "QUARTERLY_ENVIRONMENT": "production",
        "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "performance.example.gov.uk",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_COOKIES": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "BEHIND_HTTPS_PROXY": "true",
        "QUARTERLY_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    # The browser tests' conftest allows sync ORM calls inside Playwright's loop; a production
    # process never would, and check --deploy says so (async.E001).
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # when
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[3],
    )  # fmt: skip
    # then
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
