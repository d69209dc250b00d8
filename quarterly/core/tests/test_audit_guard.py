"""Audited models change only through services: a bulk `.update()` would skip the history."""

from __future__ import annotations

import re
from pathlib import Path

AUDITED = ("KPI", "Target", "Result")
PACKAGE = Path(__file__).resolve().parents[2]
BULK_WRITE = re.compile(r"\b(?:KPI|Target|Result)\.objects\b[^\n]*\.(?:update|bulk_update)\(")


def test_no_code_bulk_updates_an_audited_model_outside_its_service() -> None:
    # given every Python file in the package except the services that audit bulk writes
    allowed = {PACKAGE / "collection" / "results" / "services.py"}
    offenders = []
    # when
    for path in PACKAGE.rglob("*.py"):
        if path in allowed or "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if BULK_WRITE.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    # then
    assert offenders == [], "Use the services, which record the audit trail:\n" + "\n".join(
        offenders
    )


def test_the_guard_catches_a_bulk_update() -> None:
    # given / when / then: the pattern must match the calls it is meant to stop
    assert BULK_WRITE.search("Result.objects.filter(kpi=kpi).update(value=1)")
    assert BULK_WRITE.search("KPI.objects.bulk_update(kpis, ['title'])")
    assert not BULK_WRITE.search("Result.objects.filter(kpi=kpi).count()")
