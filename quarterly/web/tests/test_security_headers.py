"""Every page carries the Content-Security-Policy and Permissions-Policy, and nothing inline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

QUARTERLY = Path(__file__).resolve().parents[2]
# The printable report (fed to WeasyPrint for PDF, or downloaded as a standalone file) and the
# charts in it, never shown as a page: they carry their own styles.
PRINT_ONLY = {
    "reports/templates/reports/print.html",
    "reports/templates/reports/_table.html",
    "reports/render_pdf.py",
}
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=[\"'{]|\son[a-z]+=[\"'{]|javascript:",
    re.IGNORECASE,
)


def policy(response: Any) -> dict[str, list[str]]:
    directives = [d.split() for d in response["Content-Security-Policy"].split(";") if d.strip()]
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_carry_a_content_security_policy_without_unsafe_inline(
    client: Any, people: dict[str, Any], signed_in: bool
) -> None:
    # given
    if signed_in:
        client.force_login(people["performance"])
    # when
    response = client.get(reverse("web:home"))
    # then
    assert response.status_code == 200
    assert policy(response) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_error_pages_and_sign_in_carry_the_policies_too(client: Any, organisation: Any) -> None:
    # given / when
    responses = [client.get("/no-such-page/"), client.get(reverse("account_login"))]
    # then
    for response in responses:
        assert policy(response)["script-src"] == ["'self'"]
        assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_pages_deny_powerful_browser_features(client: Any, organisation: Any) -> None:
    # given / when
    response = client.get(reverse("public:index"))
    # then
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature
    assert features["publickey-credentials-get"] == "(self)"
    assert {value for value in features.values()} <= {"()", "(self)"}


def test_no_page_template_or_chart_writes_inline_script_or_style() -> None:
    # given every template and every module that writes HTML or SVG
    sources = [
        path
        for pattern in ("**/templates/**/*.html", "**/*.py")
        for path in QUARTERLY.glob(pattern)
        if "tests" not in path.parts
    ]
    # when
    found = [
        f"{path.relative_to(QUARTERLY)}: {match.group(0)}"
        for path in sources
        if str(path.relative_to(QUARTERLY)) not in PRINT_ONLY
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    # then
    assert len(sources) > 100
    assert found == []
