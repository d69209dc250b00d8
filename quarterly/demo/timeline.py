"""Where the demo council stands on a given day: every demo date follows from `clock.today()`.

On any day the demo shows a council part-way through its quarterly round:

* the **open** cycle is the quarter that most recently ended, its submission deadline in the
  coming weeks (the default four weeks after the quarter, or, once that has passed, about ten
  days from today);
* the quarter before it is **published**: closed, every result published, highlight items
  confirmed with commentary;
* earlier quarters in the timetable (from the financial year before the open quarter's) are
  closed and published too.

A national statistic is published some time after its period ends (`release_lag`). The demo
gives a real KPI results only for periods its source would have published by today, and an
expected release date for the next ones, so they show as "Awaiting national release".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quarterly.core.periods import Period, PeriodKind
from quarterly.register.models import KPI, Frequency

# When the default deadline has passed, the open cycle's deadline moves to this many days
# from today (then to a working day).
DAYS_TO_DEADLINE = 10

# How long after a period ends its national source publishes it (demo release calendar).
MONTHLY_RELEASE_LAG = dt.timedelta(days=42)  # NHS England: the second Thursday of month + 1
OFLOG_RELEASE_LAG = dt.timedelta(days=245)  # ASCOF: about eight months after the year
FINGERTIPS_RELEASE_LAG = dt.timedelta(days=456)  # OHID, DfE: 12 to 18 months after


@dataclass(frozen=True)
class DemoTimeline:
    """The demo's quarters on `today`."""

    today: dt.date

    @property
    def open_quarter(self) -> Period:
        """The quarter that most recently ended: the cycle open for submissions."""
        return Period.containing(self.today, PeriodKind.QUARTER).previous()

    @property
    def published_quarter(self) -> Period:
        """The quarter before the open one: closed, its results published."""
        return self.open_quarter.previous()

    @property
    def years(self) -> range:
        """The financial years whose timetable the demo fills in."""
        return range(self.open_quarter.fy - 1, self.open_quarter.fy + 1)

    def open_deadline(self, default: dt.date) -> dt.date:
        """The open cycle's submission deadline: its default, unless that has passed."""
        if default > self.today:
            return default
        return weekday_on_or_after(self.today + dt.timedelta(days=DAYS_TO_DEADLINE))


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def release_lag(kpi: KPI) -> dt.timedelta | None:
    """How long after a period ends a real KPI's national source publishes it; None for an
    illustrative KPI, whose results the council collects through its own cycle."""
    if kpi.illustrative:
        return None
    if kpi.frequency == Frequency.MONTHLY:
        return MONTHLY_RELEASE_LAG
    if kpi.data_source.startswith("Oflog"):
        return OFLOG_RELEASE_LAG
    return FINGERTIPS_RELEASE_LAG


def release_date(kpi: KPI, period: Period) -> dt.date | None:
    """When the demo's release calendar expects a real KPI's result for `period`."""
    lag = release_lag(kpi)
    return None if lag is None else period.end + lag
