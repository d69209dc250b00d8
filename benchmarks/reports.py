"""Time building the Annual Performance Report as .docx (goal: at most 20 s) and as PDF (goal:
at most 40 s), for the demo council and for a large council of 300 KPIs with 20 quarters each.

Run: .venv/bin/python benchmarks/reports.py [--only demo|large]
Each council is loaded into its own temporary SQLite database; the timings cover compiling the
report from the data (judging every KPI) and writing the file, as `quarterly report` does.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DOCX_GOAL, PDF_GOAL = 20.0, 40.0


def _large_council() -> tuple[Any, str]:
    """300 KPIs over six directorates and three pillars, 20 quarters of results each (2020/21
    Q1 to 2024/25 Q4), value targets with tolerances every year."""
    from decimal import Decimal

    from quarterly.collection.models import Result
    from quarterly.core.periods import Period
    from quarterly.organisation.models import Directorate, Organisation
    from quarterly.register.models import KPI, Pillar, Target

    rng = random.Random(20250731)
    organisation = Organisation.objects.create(name="Large Council", slug="large")
    pillars = [
        Pillar.objects.create(organisation=organisation, name=name, slug=name.lower(), order=i)
        for i, name in enumerate(("Health", "Growth", "Carbon"))
    ]
    directorates = [
        Directorate.objects.create(organisation=organisation, name=f"Directorate {i}", slug=f"d{i}")
        for i in range(6)
    ]
    kpis = KPI.objects.bulk_create(
        KPI(organisation=organisation, reference=f"K-{n:03d}", title=f"Indicator {n}",
            definition="Illustrative.", unit="percentage", decimal_places=1,
            polarity=rng.choice(["higher", "lower", "none"]), frequency="quarterly",
            comparator="previous", data_source="Benchmark", directorate=directorates[n % 6])
        for n in range(300)
    )  # fmt: skip
    for kpi in kpis:
        kpi.pillars.set([pillars[kpi.pk % 3]])
    quarters = Period.range(Period.quarter(2020, 1), Period.quarter(2024, 4))
    Target.objects.bulk_create(
        Target(kpi=kpi, financial_year=fy, kind="value", value=Decimal("60"), tolerance=Decimal("3"))
        for kpi in kpis if kpi.polarity != "none" for fy in range(2020, 2025)
    )  # fmt: skip
    results = []
    for kpi in kpis:
        level = rng.uniform(40, 80)
        for period in quarters:
            level = min(99.0, max(1.0, level + rng.gauss(0, 2)))
            results.append(
                Result(kpi=kpi, period_kind=period.kind.value, period_start=period.start,
                       period_end=period.end, value=Decimal(f"{level:.1f}"), status="published")
            )  # fmt: skip
    Result.objects.bulk_create(results, batch_size=1000)
    return organisation, "2024/25"


def _time(organisation: Any, period_text: str) -> tuple[int, float, float, int, int]:
    from quarterly.core.periods import Period
    from quarterly.reports.compiler import report_compile
    from quarterly.reports.render_docx import report_docx
    from quarterly.reports.render_pdf import report_pdf

    period = Period.parse(period_text)
    started = time.perf_counter()
    report = report_compile(kind="annual", period=period, organisation=organisation, narrative={})
    docx = report_docx(report)
    docx_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = report_compile(kind="annual", period=period, organisation=organisation, narrative={})
    pdf = report_pdf(report)
    pdf_seconds = time.perf_counter() - started
    kpis = sum(1 for t in report.tables() if t.key == "kpis" for _ in t.rows)
    return kpis, docx_seconds, pdf_seconds, len(docx), len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["demo", "large"], help="time one council only")
    only = parser.parse_args().only
    os.environ["QUARTERLY_DATA_DIR"] = tempfile.mkdtemp(prefix="quarterly-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    from quarterly.organisation.models import Organisation

    call_command("migrate", verbosity=0)
    councils = []
    if only in (None, "demo"):
        call_command("demo", no_serve=True, verbosity=0, stdout=io.StringIO())
        demo = Organisation.objects.order_by("pk").first()
        latest = demo.kpis.filter(results__isnull=False).order_by("-results__period_end")
        last = latest.values_list("results__period_end", flat=True).first()
        # The latest complete financial year: the one before the year of the latest result.
        fy = (last.year - 1 if last.month <= 3 else last.year) - (0 if last.month == 3 else 1)
        councils.append(("demo council", demo, f"{fy}/{(fy + 1) % 100:02d}"))
    if only in (None, "large"):
        councils.append(("300 KPIs × 20 quarters", *_large_council()))
    failed = False
    for name, organisation, period in councils:
        kpis, docx_s, pdf_s, docx_bytes, pdf_bytes = _time(organisation, period)
        print(
            f"Annual Performance Report {period}, {name} ({kpis} KPIs): "
            f".docx {docx_s:.1f} s ({docx_bytes / 1e6:.1f} MB; goal ≤ {DOCX_GOAL:.0f} s), "
            f"PDF {pdf_s:.1f} s ({pdf_bytes / 1e6:.1f} MB; goal ≤ {PDF_GOAL:.0f} s)"
        )
        failed |= docx_s > DOCX_GOAL or pdf_s > PDF_GOAL
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
