"""Render every demo KPI page and report the times (goal: each under 300 ms).

Run: .venv/bin/python benchmarks/kpi_pages.py [--rounds 3]
Loads the demo council into a temporary SQLite database, then renders each KPI page through
Django's test client (the full view, judgement and template, without network overhead).
"""

from __future__ import annotations

import argparse
import statistics
import sys

from django_bench import django_on_temporary_sqlite, time_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=3, help="renders per page; the median is kept"
    )
    rounds = parser.parse_args().rounds
    django_on_temporary_sqlite(migrate=False)
    from django.core.management import call_command
    from django.test import Client

    from quarterly.organisation.models import Person
    from quarterly.register.models import KPI

    call_command("demo", no_serve=True, verbosity=0)
    client = Client()
    client.force_login(Person.objects.get(email="performance@demo.quarterly.example"))
    timings: dict[str, float] = {}
    for reference in KPI.objects.values_list("reference", flat=True):
        url = f"/register/kpi/{reference}/"
        timings[reference] = time_page(client, url, rounds).median
    slowest = sorted(timings.items(), key=lambda item: item[1], reverse=True)[:5]
    values = list(timings.values())
    print(f"{len(values)} KPI pages, median of {rounds} renders each")
    print(
        f"median {statistics.median(values):.1f} ms, 95th percentile {sorted(values)[int(0.95 * (len(values) - 1))]:.1f} ms, max {max(values):.1f} ms (goal: each < 300 ms)"
    )
    print("slowest: " + ", ".join(f"{ref} {ms:.1f} ms" for ref, ms in slowest))
    if max(values) >= 300:
        sys.exit(1)


if __name__ == "__main__":
    main()
