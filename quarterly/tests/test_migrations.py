"""A database made by the previous release migrates to this one and keeps every row.

The previous release is commit 3b5045c, whose newest migrations are listed in PREVIOUS_RELEASE.
The collection app was split into sub-areas since, keeping its app label and tables, so its
models are found where they were. The test builds that release's schema, writes rows through
its historical models, migrates to the latest schema, and reads every row back through today's
models.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

PREVIOUS_RELEASE = [
    ("core", "0002_initial"),
    ("organisation", "0002_roleassignment_unique_per_scope"),
    ("register", "0001_initial"),
    ("collection", "0004_highlight_reasons_may_be_empty"),
    ("benchmarking", "0001_benchmark_value"),
    ("reports", "0001_add_narrative_and_published_report"),
]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _rows_of_the_previous_release(apps: Any) -> None:
    organisation = apps.get_model("organisation", "Organisation").objects.create(
        name="Leeds City Council", slug="leeds", area_code="E08000035"
    )
    directorate = apps.get_model("organisation", "Directorate").objects.create(
        organisation=organisation, name="Adults and Health", slug="adults-and-health"
    )
    person = apps.get_model("organisation", "Person").objects.create(
        username="contact@council.example", email="contact@council.example",
        organisation=organisation,
    )  # fmt: skip
    kpi = apps.get_model("register", "KPI").objects.create(
        organisation=organisation, reference="AH-01", title="People helped at home",
        definition="The percentage helped.", unit="percentage", decimal_places=1,
        polarity="higher", frequency="quarterly", comparator="previous",
        data_source="Care records", directorate=directorate,
    )  # fmt: skip
    apps.get_model("register", "Target").objects.create(
        kpi=kpi, financial_year=2024, kind="value", value=Decimal("65"), tolerance=Decimal("2")
    )
    apps.get_model("collection", "Result").objects.create(
        kpi=kpi, period_kind="quarter", period_start=dt.date(2024, 4, 1),
        period_end=dt.date(2024, 6, 30), value=Decimal("61.5"), status="published",
        commentary="Steady.",
    )  # fmt: skip
    cycle = apps.get_model("collection", "ReportingCycle").objects.create(
        organisation=organisation, financial_year=2024, quarter=1,
        submission_deadline=dt.date(2024, 7, 26), directorate_check_date=dt.date(2024, 8, 2),
        status="closed",
    )  # fmt: skip
    committee = apps.get_model("organisation", "Committee").objects.create(
        organisation=organisation, name="Corporate Leadership Team", slug="clt", kind="clt"
    )
    apps.get_model("collection", "Meeting").objects.create(
        organisation=organisation, cycle=cycle, committee=committee, date=dt.date(2024, 8, 20),
        title="Quarter 1 report",
    )  # fmt: skip
    apps.get_model("collection", "ReminderSent").objects.create(
        cycle=cycle, person=person, kind="before", deadline=dt.date(2024, 7, 26), item_count=1
    )
    apps.get_model("collection", "HighlightItem").objects.create(
        cycle=cycle, kpi=kpi, reasons=["Turned red"], status="confirmed",
        reasons_for_result="Fewer providers.",
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_previous_release_migrates_and_keeps_every_row() -> None:
    # given a database at the previous release, with a row of each of the collection's models
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(PREVIOUS_RELEASE)
        _rows_of_the_previous_release(old_apps)
        # when it migrates to this release
        _migrate(latest)
    finally:
        _migrate(latest)  # leave the schema as every other test expects it
    # then today's models, in their new modules, find every row
    from quarterly.collection.cycles.models import Meeting, ReportingCycle
    from quarterly.collection.highlights.models import HighlightItem
    from quarterly.collection.reminders.models import ReminderSent
    from quarterly.collection.results.models import Result
    from quarterly.register.models import KPI, Target

    result = Result.objects.select_related("kpi").get()
    assert (result.kpi.reference, result.value, result.commentary) == (
        "AH-01",
        Decimal("61.5"),
        "Steady.",
    )
    assert Target.objects.get().value == Decimal("65")
    assert KPI.objects.get().source_url == ""
    assert ReportingCycle.objects.get().period.label == "2024/25 Q1"
    assert Meeting.objects.get().title == "Quarter 1 report"
    assert ReminderSent.objects.get().kind == "before"
    assert HighlightItem.objects.get().reasons_for_result == "Fewer providers."
