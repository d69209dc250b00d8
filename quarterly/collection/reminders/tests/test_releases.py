"""A KPI fed by a national release is not chased before the release, and is chased after it.

Its result is "awaiting national release" until the release date; it is then due by the later of
the cycle's deadline and two weeks after the release, and the reminders for that deadline go out
exactly once each, as every reminder does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from quarterly.collection.cycles.due import DueState, cycle_due_items
from quarterly.collection.cycles.models import ExpectedRelease
from quarterly.collection.cycles.releases import ReleaseRow, releases_save
from quarterly.collection.reminders.services import reminders_send
from quarterly.core.periods import Period
from quarterly.factories import DirectorateFactory, KPIFactory, ReportingCycleFactory

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2025)
DEADLINE = dt.date(2026, 4, 24)  # the 2025/26 Q4 cycle's, when annual results are due
RELEASE = dt.date(2026, 5, 20)  # the national statistic comes out after it


@pytest.fixture
def cycle(organisation: Any) -> Any:
    return ReportingCycleFactory(
        organisation=organisation, financial_year=2025, quarter=4,
        submission_deadline=DEADLINE, directorate_check_date=DEADLINE + dt.timedelta(days=7),
    )  # fmt: skip


@pytest.fixture
def national(organisation: Any, people: dict[str, Any], cycle: Any) -> Any:
    """An annual KPI from a national source, and a local one due at the same time."""
    directorate = DirectorateFactory(organisation=organisation, name="Adults and Health")
    national = KPIFactory(
        organisation=organisation, reference="PH-01", directorate=directorate, frequency="annual"
    )
    local = KPIFactory(
        organisation=organisation, reference="AH-09", directorate=directorate, frequency="annual"
    )
    for kpi in (national, local):
        kpi.key_contacts.set([people["key_contact"]])
    releases_save(rows=[ReleaseRow(national, YEAR, RELEASE, "ONS")], by=people["performance"])
    return national


def _states(cycle: Any, day: dt.date) -> dict[str, tuple[DueState, dt.date | None]]:
    return {i.kpi.reference: (i.state, i.deadline) for i in cycle_due_items(cycle, today=day)}


def _mentions(day: dt.date) -> list[tuple[str, bool]]:
    """(subject, whether it names PH-01) of each email a run on `day` sends."""
    before = len(mail.outbox)
    reminders_send(today=day)
    return [(m.subject, "PH-01" in m.body) for m in mail.outbox[before:]]


def test_a_result_awaiting_its_release_is_not_due_until_two_weeks_after_it(
    cycle: Any, national: Any
) -> None:
    # when / then
    before = _states(cycle, DEADLINE + dt.timedelta(days=3))
    assert before["PH-01"] == (DueState.AWAITING_RELEASE, RELEASE + dt.timedelta(days=14))
    assert before["AH-09"] == (DueState.OVERDUE, DEADLINE)
    assert _states(cycle, RELEASE)["PH-01"][0] == DueState.DUE
    assert _states(cycle, RELEASE + dt.timedelta(days=15))["PH-01"][0] == DueState.OVERDUE


def test_the_national_kpi_is_not_chased_before_its_release_and_once_after_it(
    cycle: Any, national: Any
) -> None:
    # given the local KPI is chased as usual through the cycle's deadline and after
    days = [DEADLINE + dt.timedelta(days=n) for n in range(-6, 60)]
    # when the reminders run every day from before the deadline to well after the release
    sent = {day: _mentions(day) for day in days}
    # then nothing names PH-01 before its release
    assert not any(names for day in days if day < RELEASE for _, names in sent[day])
    # and after it, each rule names it exactly once (the escalation is the performance team's:
    # this directorate has no intelligence team)
    after = [subject for day in days if day >= RELEASE for subject, names in sent[day] if names]
    assert [subject.split(":")[0] for subject in after] == [
        "Reminder", "Due today", "Overdue", "Escalation",
    ]  # fmt: skip
    assert f"due by {(RELEASE + dt.timedelta(days=14)).day} June 2026" in after[0]
    # and the local KPI was chased before PH-01 was released
    assert any(names is False for day in days if day < RELEASE for _, names in sent[day])


def test_a_second_run_on_the_same_day_sends_nothing_again(cycle: Any, national: Any) -> None:
    # given
    day = RELEASE + dt.timedelta(days=9)
    first = _mentions(day)
    # when
    again = _mentions(day)
    # then
    assert any(names for _, names in first)
    assert again == []


def test_my_kpis_and_the_status_board_say_awaiting_national_release(
    client: Any, cycle: Any, national: Any, people: dict[str, Any], settings: Any
) -> None:
    # given a day before the release
    settings.QUARTERLY_TODAY = DEADLINE + dt.timedelta(days=1)
    # when
    client.force_login(people["key_contact"])
    mine = client.get(reverse("collection:my-kpis")).content.decode()
    client.force_login(people["performance"])
    board = client.get(reverse("status:board")).content.decode()
    # then
    assert "Awaiting national release" in mine and "Expected <time" in mine
    assert "20 May 2026" in mine and "Awaiting national release" in board
    assert "20 May 2026" in board


def test_the_release_calendar_imports_all_or_nothing(
    organisation: Any, cycle: Any, national: Any, people: dict[str, Any], tmp_path: Any
) -> None:
    # given a good row, moving PH-01's date, and a file with one bad row of each kind
    good = tmp_path / "calendar.csv"
    good.write_text("kpi_ref,period,release_date,source\nPH-01,2025/26,2026-05-27,ONS\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kpi_ref,period,release_date\n"
        "AH-09,2025/26,27/05/2026\n"
        "NOPE-1,2025/26,2026-05-27\n"
        "AH-09,2025/26 Q1,2026-05-27\n"
        "AH-09,2024/25,soon\n"
    )
    # when
    with pytest.raises(CommandError):
        call_command("import_releases", str(bad))
    call_command("import_releases", str(good))
    # then
    assert list(ExpectedRelease.objects.values_list("kpi__reference", "release_date")) == [
        ("PH-01", dt.date(2026, 5, 27))
    ]


def test_the_release_calendar_page_lists_releases_and_shows_every_problem(
    client: Any, cycle: Any, national: Any, people: dict[str, Any], settings: Any
) -> None:
    # given
    settings.QUARTERLY_TODAY = DEADLINE
    client.force_login(people["performance"])
    upload = SimpleUploadedFile("calendar.csv", b"kpi_ref,period,release_date\nNOPE-1,2025/26,x\n")
    # when
    page = client.get(reverse("releases:index")).content.decode()
    refused = client.post(reverse("releases:index"), {"file": upload}).content.decode()
    # then
    assert "PH-01" in page and "20 May 2026" in page
    assert "The release dates were not saved" in refused
    assert "&quot;x&quot; is not a date" in refused


def test_a_release_date_is_entered_by_hand_with_govuk_errors_for_bad_values(
    client: Any, cycle: Any, national: Any, people: dict[str, Any], settings: Any
) -> None:
    # given
    settings.QUARTERLY_TODAY = DEADLINE
    client.force_login(people["performance"])
    url = reverse("releases:index")
    # when a quarter is given for an annual KPI and the date is not real, then a good entry
    bad = client.post(
        url, {"add": "1", "kpi": "AH-09", "period": "2025/26 Q2", "release_date": "31 2 2026"}
    ).content.decode()
    good = client.post(
        url, {"add": "1", "kpi": "AH-09", "period": "2025/26", "release_date": "2 6 2026",
              "source": "NHS England"},
    )  # fmt: skip
    # then
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in bad
    assert "reported annually" in bad and "The release date must be a real date." in bad
    assert good.status_code == 302
    release = ExpectedRelease.objects.get(kpi__reference="AH-09")
    assert (release.release_date, release.source) == (dt.date(2026, 6, 2), "NHS England")
