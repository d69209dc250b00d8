"""Reporting periods: months, quarters, financial years and calendar years.

The UK financial year runs from 1 April to 31 March, and "2024/25" is the year that starts on
1 April 2024. Quarters are quarters of the financial year, so "2024/25 Q1" is April to June 2024
and "2024/25 Q4" is January to March 2025.

A `Period` is a value: its kind and its first day. Everything else (last day, label, neighbours)
is derived from those two, so periods can be stored as a kind and a date and rebuilt exactly.

This module is pure Python and imports nothing from Django.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

# Every period's label names a year in this range, so that every `Period` can be parsed back
# from its label. Moving past either end (for example `Period.calendar_year(2199).next()`)
# raises `PeriodError` rather than producing a period that could not be read back.
MIN_YEAR = 1900
MAX_YEAR = 2199

# English names, written out rather than taken from `calendar.month_name`, which follows the
# process locale and would change labels (and break parsing) on a server set to another language.
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}

_ACCEPTED_FORMS = (
    'a financial year ("2024/25"), a quarter ("2024/25 Q2"), '
    'a month ("June 2024" or "2024-06") or a calendar year ("2024")'
)


class PeriodError(ValueError):
    """A period that cannot exist, or text that cannot be read as one.

    The message is plain English written for end users and can be shown to them as it stands.
    `reason` holds the same explanation without its opening, so that callers can wrap it.
    """

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason if reason is not None else message


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    CALENDAR_YEAR = "calendar_year"


_NOUNS = {
    PeriodKind.MONTH: "month",
    PeriodKind.QUARTER: "quarter",
    PeriodKind.FINANCIAL_YEAR: "financial year",
    PeriodKind.CALENDAR_YEAR: "calendar year",
}
_LENGTH_IN_MONTHS = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.FINANCIAL_YEAR: 12,
    PeriodKind.CALENDAR_YEAR: 12,
}
_PER_YEAR = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.FINANCIAL_YEAR: 1,
    PeriodKind.CALENDAR_YEAR: 1,
}
# The months a period of each kind may start in, and how to say so.
_STARTS: dict[PeriodKind, tuple[tuple[int, ...], str]] = {
    PeriodKind.MONTH: (tuple(range(1, 13)), "the first day of a month"),
    PeriodKind.QUARTER: ((1, 4, 7, 10), "1 January, 1 April, 1 July or 1 October"),
    PeriodKind.FINANCIAL_YEAR: ((4,), "1 April"),
    PeriodKind.CALENDAR_YEAR: ((1,), "1 January"),
}
# Breaks ties between periods with the same first and last day. No two kinds share both today,
# but the rank keeps the order total whatever kinds are added later.
_KIND_RANK = {kind: rank for rank, kind in enumerate(PeriodKind)}


def financial_year_label(fy: int) -> str:
    """Label the financial year starting in April of `fy`: 2024 gives "2024/25", 1999 "1999/00"."""
    return f"{fy}/{(fy + 1) % 100:02d}"


@functools.total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A month, quarter, financial year or calendar year, identified by its kind and first day.

    Periods are ordered by first day, then by last day (so a month comes before the quarter and
    the year that start on the same day), then by kind. Periods of different kinds can be
    compared and sorted together.
    """

    kind: PeriodKind
    start: datetime.date

    def __post_init__(self) -> None:
        if not isinstance(self.kind, PeriodKind):
            raise TypeError(f"kind must be a PeriodKind, not {self.kind!r}")
        _require_date(self.start)
        start_months, allowed = _STARTS[self.kind]
        if self.start.day != 1 or self.start.month not in start_months:
            raise _problem(
                f"a {_NOUNS[self.kind]} must start on {allowed}, not {_long_date(self.start)}"
            )
        _check_year(self._label_year)

    def __str__(self) -> str:
        return self.label

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key

    # Constructors

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise _problem(f"there is no month {month}; months run from 1 to 12")
        return cls(PeriodKind.MONTH, datetime.date(year, month, 1))

    @classmethod
    def quarter(cls, financial_year: int, quarter: int) -> Period:
        """Quarter 1-4 of the financial year starting in April of `financial_year`.

        Quarter 4 starts in January of the following calendar year: `Period.quarter(2024, 4)`
        is January to March 2025.
        """
        _check_year(financial_year)
        if not 1 <= quarter <= 4:
            raise _problem(f"there is no quarter {quarter}; quarters run from Q1 to Q4")
        first_month = (3 * quarter) % 12 + 1
        year = financial_year + 1 if quarter == 4 else financial_year
        return cls(PeriodKind.QUARTER, datetime.date(year, first_month, 1))

    @classmethod
    def financial_year(cls, financial_year: int) -> Period:
        """The financial year starting on 1 April of `financial_year` (2024 for "2024/25")."""
        _check_year(financial_year)
        return cls(PeriodKind.FINANCIAL_YEAR, datetime.date(financial_year, 4, 1))

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        _check_year(year)
        return cls(PeriodKind.CALENDAR_YEAR, datetime.date(year, 1, 1))

    @classmethod
    def containing(cls, day: datetime.date, kind: PeriodKind) -> Period:
        """The period of `kind` that `day` falls in.

        Only dates are accepted: the date of a datetime depends on its time zone, so the caller
        must decide which date it means (for example with `timezone.localdate()`).
        """
        _require_date(day)
        match kind:
            case PeriodKind.MONTH:
                return cls.month(day.year, day.month)
            case PeriodKind.QUARTER:
                return cls.quarter(_fy_of(day), _quarter_number(day.month))
            case PeriodKind.FINANCIAL_YEAR:
                return cls.financial_year(_fy_of(day))
            case PeriodKind.CALENDAR_YEAR:
                return cls.calendar_year(day.year)
        raise TypeError(f"kind must be a PeriodKind, not {kind!r}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period written by a person or another system.

        Case, surrounding whitespace and repeated spaces are ignored, and en or em dashes count
        as hyphens. Accepted forms:

        - financial year: "2024/25", "2024-25", "2024/2025", "FY 2024/25", "FY2024/25"
        - quarter: "2024/25 Q2", "2024/25-Q2", "2024-25 Q2", "Q2 2024/25", "2024/25 Quarter 2"
        - month: "June 2024", "Jun 2024", "Sept 2024", "2024-06", "06/2024", "6/2024"
        - calendar year: "2024"

        "YYYY-NN" is a financial year when NN is the next year, and a month when NN is 1-12.
        Where it could be either ("2010-11" is both 2010/11 and November 2010) it is refused
        rather than guessed. A quarter with only a calendar year ("Q1 2024") is refused too,
        because people use it for both the calendar and the financial quarter.

        Raises `PeriodError` with a message for the person who wrote the text.
        """
        shown = " ".join(text.split())
        if not shown:
            raise PeriodError(
                'Cannot read an empty value as a period: enter one such as "2024/25 Q2".',
                reason="the value is empty",
            )
        normalised = re.sub("[\u2013\u2014]", "-", shown.casefold())
        try:
            for pattern, read in _READERS:
                match = pattern.fullmatch(normalised)
                if match is not None:
                    period = read(match)
                    if period is not None:
                        return period
            raise _problem(f"use {_ACCEPTED_FORMS}")
        except PeriodError as error:
            if len(shown) > 40:
                shown = shown[:39] + "\u2026"
            raise PeriodError(
                f'Cannot read "{shown}" as a period: {error.reason}.', reason=error.reason
            ) from None

    @classmethod
    def parse_national(cls, text: str) -> Period:
        """Read a period as national datasets (Fingertips, DfE, Oflog, ONS) write it: every form
        `parse` reads, where "YYYY-YY" with consecutive years is always a financial year
        ("2010-11" is 2010/11: these tables never write a month that way). Fingertips' own
        time periods ("2015", "2015/16", "2015/16 Q1", "Jun 2015") are among those forms; its
        multi-year periods ("2013 - 15") are no single period and are refused."""
        match = re.fullmatch(r"\s*([0-9]{4})( ?)[-\u2013\u2014]( ?)([0-9]{2})\s*", text)
        if match is not None and int(match[4]) == (int(match[1]) + 1) % 100:
            return cls.financial_year(int(match[1]))
        if match is not None and match[2] and match[3]:
            # Fingertips' "2010 - 12" is three pooled years, never December 2010.
            raise PeriodError(
                f'Cannot read "{text.strip()}" as a period: it spans several years, which is no '
                "single period.",
                reason="it spans several years",
            )
        return cls.parse(text)

    # Facts

    @property
    def end(self) -> datetime.date:
        """The last day of the period, inclusive."""
        following_start = _first_of_month_after(self.start, _LENGTH_IN_MONTHS[self.kind])
        return following_start - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        """The canonical label, which `parse` reads back: "2024/25", "2024/25 Q2", "June 2024"
        or "2024"."""
        match self.kind:
            case PeriodKind.MONTH:
                return f"{_MONTH_NAMES[self.start.month - 1]} {self.start.year}"
            case PeriodKind.QUARTER:
                return f"{financial_year_label(self.fy)} Q{self.number}"
            case PeriodKind.FINANCIAL_YEAR:
                return financial_year_label(self.fy)
            case PeriodKind.CALENDAR_YEAR:
                return str(self.start.year)

    @property
    def fy(self) -> int:
        """The financial year (as its starting calendar year) that the period's first day is in.

        For months, quarters and financial years this is the financial year the period belongs
        to. A calendar year straddles two financial years; it starts on 1 January, so calendar
        year 2024 gives 2023 (2023/24), not 2024.
        """
        return _fy_of(self.start)

    @property
    def number(self) -> int | None:
        """The quarter number (1-4, of the financial year) for quarters, the calendar month
        number (1-12) for months, and None for years."""
        match self.kind:
            case PeriodKind.MONTH:
                return self.start.month
            case PeriodKind.QUARTER:
                return _quarter_number(self.start.month)
            case _:
                return None

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.date, int]:
        """First day, then last day (shorter periods first), then kind."""
        return (self.start, self.end, _KIND_RANK[self.kind])

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    # Navigation

    def next(self) -> Period:
        return self.shift(1)

    def previous(self) -> Period:
        return self.shift(-1)

    def shift(self, n: int) -> Period:
        """The period `n` periods of the same kind later (earlier when `n` is negative).

        Raises `PeriodError` when the result would fall outside the years MIN_YEAR-MAX_YEAR.
        """
        index = self._index + n
        match self.kind:
            case PeriodKind.MONTH:
                year, month_offset = divmod(index, 12)
                return Period.month(year, month_offset + 1)
            case PeriodKind.QUARTER:
                fy, quarter_offset = divmod(index, 4)
                return Period.quarter(fy, quarter_offset + 1)
            case PeriodKind.FINANCIAL_YEAR:
                return Period.financial_year(index)
            case PeriodKind.CALENDAR_YEAR:
                return Period.calendar_year(index)

    def same_period_last_year(self) -> Period:
        """The period of the same kind and number that starts exactly one year earlier."""
        return self.shift(-_PER_YEAR[self.kind])

    def financial_year_period(self) -> Period:
        """The financial year containing this period's first day (see `fy` for calendar years)."""
        return Period.financial_year(self.fy)

    @staticmethod
    def range(first: Period, last: Period) -> list[Period]:
        """Every period from `first` to `last`, both included, in order.

        Both must be of the same kind, and `first` must not come after `last`.
        """
        if first.kind != last.kind:
            raise _problem(
                f'cannot list the periods from "{first}" to "{last}" because they are of '
                "different kinds; both must be months, quarters, financial years or calendar years"
            )
        if last < first:
            raise _problem(
                f'cannot list the periods from "{first}" to "{last}" because "{first}" comes after '
                f'"{last}"'
            )
        return [first.shift(step) for step in range(last._index - first._index + 1)]

    @property
    def _index(self) -> int:
        """How many periods of this kind come before this one since year 0; consecutive periods
        of a kind have consecutive indexes."""
        match self.kind:
            case PeriodKind.MONTH:
                return self.start.year * 12 + self.start.month - 1
            case PeriodKind.QUARTER:
                return self.fy * 4 + _quarter_number(self.start.month) - 1
            case PeriodKind.FINANCIAL_YEAR:
                return self.fy
            case PeriodKind.CALENDAR_YEAR:
                return self.start.year

    @property
    def _label_year(self) -> int:
        """The year written in the label: the financial year for quarters and financial years,
        otherwise the calendar year."""
        if self.kind in (PeriodKind.QUARTER, PeriodKind.FINANCIAL_YEAR):
            return self.fy
        return self.start.year


def _problem(reason: str) -> PeriodError:
    return PeriodError(f"{reason[0].upper()}{reason[1:]}.", reason=reason)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _problem(f"the year must be between {MIN_YEAR} and {MAX_YEAR}, not {year}")


def _require_date(value: object) -> None:
    # A datetime is a date subclass, but would not compare or hash equal to the plain date.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"expected a date, not {value!r}")


def _fy_of(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _quarter_number(month: int) -> int:
    """The financial-year quarter of a calendar month: April-June is 1, January-March is 4."""
    return (month - 4) % 12 // 3 + 1


def _first_of_month_after(start: datetime.date, months: int) -> datetime.date:
    year, month_offset = divmod(start.month - 1 + months, 12)
    return datetime.date(start.year + year, month_offset + 1, 1)


def _long_date(day: datetime.date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


# Parsing. Each reader gets a match against the normalised text (casefolded, single spaces,
# hyphens for dashes) and returns a period, raises PeriodError, or returns None to let later
# patterns try.

_FY = r"(?:fy ?)?(?P<first>[0-9]{4}) ?[/-] ?(?P<second>[0-9]{4}|[0-9]{2})"
_QUARTER = r"q(?:uarter)? ?(?P<quarter>[0-9]+)"


def _consecutive_fy(match: re.Match[str]) -> int:
    first, second_text = int(match["first"]), match["second"]
    expected = first + 1 if len(second_text) == 4 else (first + 1) % 100
    if int(second_text) != expected:
        raise _problem(
            "the years of a financial year must be consecutive, "
            f'as in "{financial_year_label(first)}"'
        )
    return first


def _read_year_dash_number(match: re.Match[str]) -> Period:
    year, number_text = int(match["year"]), match["number"]
    number = int(number_text)
    is_financial_year = len(number_text) == 2 and number == (year + 1) % 100
    is_month = 1 <= number <= 12
    if is_financial_year and is_month:
        month_label = f"{_MONTH_NAMES[number - 1]} {year}"
        raise _problem(
            f"it could mean the financial year {financial_year_label(year)} or {month_label}; "
            f'write "{financial_year_label(year)}" or "{month_label}" instead'
        )
    if is_financial_year:
        return Period.financial_year(year)
    if is_month:
        return Period.month(year, number)
    raise _problem(
        "it is neither a month (months run from 01 to 12) nor a financial year "
        '(the years must be consecutive, as in "2024-25")'
    )


def _read_financial_year(match: re.Match[str]) -> Period:
    return Period.financial_year(_consecutive_fy(match))


def _read_quarter(match: re.Match[str]) -> Period:
    return Period.quarter(_consecutive_fy(match), int(match["quarter"]))


def _read_quarter_of_calendar_year(match: re.Match[str]) -> Period:
    raise _problem(
        'quarters are counted in financial years, so include the financial year, as in "2024/25 Q2"'
    )


def _read_month_name(match: re.Match[str]) -> Period | None:
    number = _MONTH_NUMBERS.get(match["name"])
    if number is None:
        return None
    return Period.month(int(match["year"]), number)


def _read_month_number(match: re.Match[str]) -> Period:
    return Period.month(int(match["year"]), int(match["month"]))


def _read_calendar_year(match: re.Match[str]) -> Period:
    return Period.calendar_year(int(match["year"]))


_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Period | None]], ...] = (
    # Before the financial year pattern, which would otherwise read "2024-06" as a financial year
    # with non-consecutive years.
    (re.compile(r"(?P<year>[0-9]{4}) ?- ?(?P<number>[0-9]{1,2})"), _read_year_dash_number),
    (re.compile(_FY), _read_financial_year),
    (re.compile(rf"{_FY} ?-? ?{_QUARTER}"), _read_quarter),
    (re.compile(rf"{_QUARTER} ?-? ?{_FY}"), _read_quarter),
    (re.compile(rf"{_QUARTER} ?-? ?[0-9]{{4}}"), _read_quarter_of_calendar_year),
    (re.compile(rf"[0-9]{{4}} ?-? ?{_QUARTER}"), _read_quarter_of_calendar_year),
    (re.compile(r"(?P<name>[a-z]+)\.? ?(?P<year>[0-9]{4})"), _read_month_name),
    (re.compile(r"(?P<month>[0-9]{1,2}) ?/ ?(?P<year>[0-9]{4})"), _read_month_number),
    (re.compile(r"(?P<year>[0-9]{4})"), _read_calendar_year),
)
