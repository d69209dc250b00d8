"""Chromium reports no Content-Security-Policy violation on any page of the demo council.

Every role signs in to the demo council and follows every link it is shown (and submits every
search form as it stands), as far as they lead; each response must carry the policy, and Chromium must neither block anything (the
`securitypolicyviolation` events a page receives) nor log a policy error in its console.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, ConsoleMessage

from quarterly.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from quarterly.web.tests.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# None is the public, signed out; "admin" is the Django admin superuser.
ROLES = [None, "performance", "directorate", "keycontact", "officer", "clt", "dmt", "councillor"]
ROLES += ["admin"]
# Links to files, not pages (downloads), and the sign-out confirmation.
FILES = {
    "register:export", "timetable:calendar", "scorecard:excel", "public:kpi-data",
    "public:report-file", "public:report-table", "reports:download", "web:favicon",
    "account_logout", "admin:logout", "admin:view_on_site", "admin:jsi18n",
}  # fmt: skip
# Each kind of page is visited this often per role (KPI pages differ by their data: charts with
# and without recalculation, gaps, targets; the first few found are a spread of them). The Django
# admin's pages are alike for every model, so once each.
PER_KIND = {"admin": 1}
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
# Every link, and every search or filter form (method="get") submitted as it stands.
LINKS = """
[
  ...[...document.querySelectorAll("a[href]")].map((a) => a.href),
  ...[...document.querySelectorAll("form")]
    .filter((form) => (form.getAttribute("method") || "get").toLowerCase() === "get")
    .map((form) => {
      const url = new URL(form.action);
      url.search = new URLSearchParams(new FormData(form)).toString();
      return url.href;
    }),
]
"""


@dataclass
class Crawl:
    pages: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def kind_of(url: str, origin: str) -> str | None:
    """The view a same-site page link leads to, or None for a file, another site or no page."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name in FILES:
        return None
    return str(match.view_name)


def crawl(browser: Browser, live_server: Any, role: str | None) -> Crawl:
    origin = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"} and "policy" in message.text.lower():
            console.append(message.text)

    page.on("console", on_console)
    if role is not None:
        sign_in(page, live_server, f"{role}@{DEMO_DOMAIN}", DEMO_PASSWORD)
        assert "/accounts/login/" not in page.url, f"{role} could not sign in"
    result = Crawl()
    page.goto(f"{origin}/")
    # GOV.UK Frontend's classes come from web/js-enabled.js now that nothing inline may run
    classes = page.evaluate("document.body.className").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(classes), classes
    queue, seen = deque([f"{origin}/"]), {f"{origin}/"}
    while queue:
        url = queue.popleft()
        response = page.goto(url)
        assert response is not None
        result.pages += 1
        header = response.headers.get("content-security-policy", "")
        if "script-src 'self'" not in header or "unsafe" in header:
            result.problems.append(f"{url}: Content-Security-Policy is {header!r}")
        if "camera=()" not in response.headers.get("permissions-policy", ""):
            result.problems.append(f"{url}: no Permissions-Policy")
        result.problems += [f"{url}: {v}" for v in page.evaluate("window.__violations")]
        result.problems += [f"{url}: console: {text}" for text in console]
        console.clear()
        for link in page.evaluate(LINKS):
            link = urldefrag(link).url
            kind = kind_of(link, origin)
            if kind is None or link in seen or result.kinds[kind] >= PER_KIND.get(role or "", 2):
                continue
            seen.add(link)
            result.kinds[kind] += 1
            queue.append(link)
    context.close()
    return result


def test_no_page_of_the_demo_breaks_the_content_security_policy(
    browser: Browser, live_server: Any
) -> None:
    # given the demo council
    call_command("demo", no_serve=True, verbosity=0)
    # when each role follows every link it is shown
    crawls = {role: crawl(browser, live_server, role) for role in ROLES}
    # then every page carried the policies and Chromium reported no violation
    problems = [f"{role or 'public'}: {p}" for role, c in crawls.items() for p in c.problems]
    assert problems == [], "\n".join(problems[:50])
    # and the crawl reached the pages each role works with
    assert crawls[None].kinds["public:kpi"] >= 1
    assert crawls["performance"].pages >= 40
    assert {"register:kpi-detail", "scorecard:index", "reports:report"} <= set(
        crawls["performance"].kinds
    )
    assert "collection:result-edit" in crawls["keycontact"].kinds
    assert "admin:index" in crawls["admin"].kinds
    print({role or "public": c.pages for role, c in crawls.items()})
