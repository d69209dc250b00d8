"""The typed helpers that read settings from the environment reject bad values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_ip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("10.0.0.5", "10.0.0.5"), (" * ", "*"), ("0:0:0:0:0:0:0:1", "::1")],
)
def test_a_trusted_proxy_is_an_address_or_any(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: str
) -> None:
    # given
    monkeypatch.setenv("TRUSTED_PROXY", raw)
    # when
    value = env_ip("TRUSTED_PROXY", "127.0.0.1", allow_any=True)
    # then it is written as waitress compares it with the peer's address
    assert value == expected


@pytest.mark.parametrize("raw", ["proxy.internal", "10.0.0.0/8", ""])
def test_anything_else_is_refused(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    # given
    monkeypatch.setenv("TRUSTED_PROXY", raw)
    # when / then
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY must be an IP address or"):
        env_ip("TRUSTED_PROXY", "127.0.0.1", allow_any=True)
