"""What the page benchmarks share: Django set up on a new temporary SQLite database, and a page
timed over several renders through the test client (the full view and template, without
network overhead). Imported by the scripts beside it; not a benchmark itself."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def django_on_temporary_sqlite(*, migrate: bool = True) -> None:
    """Point Quarterly at a new temporary data directory (so a new SQLite database), set Django
    up, let the test client's host in and, unless told not to, migrate."""
    os.environ["QUARTERLY_DATA_DIR"] = tempfile.mkdtemp(prefix="quarterly-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    if migrate:
        call_command("migrate", verbosity=0)


@dataclass(frozen=True)
class PageTiming:
    samples: list[float]  # milliseconds, one a render
    queries: int  # of the last render

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def __str__(self) -> str:
        return (
            f"median {self.median:.1f} ms (min {min(self.samples):.1f}, "
            f"max {max(self.samples):.1f}) over {len(self.samples)} renders, "
            f"{self.queries} queries"
        )


def time_page(
    client: Any, url: str, rounds: int, check: Callable[[Any], None] | None = None
) -> PageTiming:
    """Render `url` once to warm templates and imports, then `rounds` times, each checked to
    answer 200 (and by `check`, if given)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        if check is not None:
            check(response)
    return PageTiming(samples, len(queries))
