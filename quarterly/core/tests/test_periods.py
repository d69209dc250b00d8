import datetime
import itertools
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quarterly.core.periods import (
    MAX_YEAR,
    MIN_YEAR,
    Period,
    PeriodError,
    PeriodKind,
    financial_year_label,
)

D = datetime.date


def periods(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[Period]:
    """Periods of every kind whose label year lies in [min_year, max_year]."""
    years = st.integers(min_year, max_year)
    return st.one_of(
        st.builds(Period.month, years, st.integers(1, 12)),
        st.builds(Period.quarter, years, st.integers(1, 4)),
        st.builds(Period.financial_year, years),
        st.builds(Period.calendar_year, years),
    )


# Periods far enough from MIN_YEAR and MAX_YEAR that their neighbours exist.
inner_periods = periods(MIN_YEAR + 1, MAX_YEAR - 1)
# Periods and shifts small enough that shifting (even twice) stays within the years allowed.
middle_periods = periods(1950, 2150)
steps = st.integers(-20, 20)
# Dates whose period of every kind exists (quarters and financial years need the date to be
# on or after 1 April 1900).
dates = st.dates(D(MIN_YEAR + 1, 1, 1), D(MAX_YEAR, 12, 31))
# Dates whose period of every kind has neighbours on both sides.
neighboured_dates = st.dates(D(MIN_YEAR + 1, 4, 1), D(MAX_YEAR - 1, 12, 31))


# Parsing and labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # financial years
        ("2024/25", Period.financial_year(2024)),
        ("2024-25", Period.financial_year(2024)),
        ("2024/2025", Period.financial_year(2024)),
        ("2024-2025", Period.financial_year(2024)),
        ("FY 2024/25", Period.financial_year(2024)),
        ("FY2024/25", Period.financial_year(2024)),
        ("fy 2024-25", Period.financial_year(2024)),
        ("2024\u201325", Period.financial_year(2024)),  # en dash, as word processors write it
        ("1999/00", Period.financial_year(1999)),
        ("1999/2000", Period.financial_year(1999)),
        ("1999-00", Period.financial_year(1999)),
        ("2012-13", Period.financial_year(2012)),
        # quarters
        ("2024/25 Q2", Period.quarter(2024, 2)),
        ("2024/25-Q2", Period.quarter(2024, 2)),
        ("2024-25 Q2", Period.quarter(2024, 2)),
        ("Q2 2024/25", Period.quarter(2024, 2)),
        ("2024/25 q2", Period.quarter(2024, 2)),
        ("2024/25 Quarter 2", Period.quarter(2024, 2)),
        ("FY 2024/25 Q2", Period.quarter(2024, 2)),
        ("2010-11 Q1", Period.quarter(2010, 1)),
        ("2024/25 Q4", Period.quarter(2024, 4)),
        # months
        ("June 2024", Period.month(2024, 6)),
        ("Jun 2024", Period.month(2024, 6)),
        ("jun. 2024", Period.month(2024, 6)),
        ("Sept 2024", Period.month(2024, 9)),
        ("2024-06", Period.month(2024, 6)),
        ("2024-6", Period.month(2024, 6)),
        ("06/2024", Period.month(2024, 6)),
        ("6/2024", Period.month(2024, 6)),
        ("2024-12", Period.month(2024, 12)),
        # calendar years
        ("2024", Period.calendar_year(2024)),
        # case, whitespace (including a non-breaking space from a spreadsheet)
        ("  2024/25   Q2 \n", Period.quarter(2024, 2)),
        ("JUNE\u00a02024", Period.month(2024, 6)),
    ],
)
def test_parse_reads_accepted_forms(text: str, expected: Period) -> None:
    # given / when
    period = Period.parse(text)

    # then
    assert period == expected


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period.financial_year(2024), "2024/25"),
        (Period.financial_year(1999), "1999/00"),
        (Period.financial_year(2199), "2199/00"),
        (Period.quarter(2024, 1), "2024/25 Q1"),
        (Period.quarter(2024, 4), "2024/25 Q4"),
        (Period.month(2024, 6), "June 2024"),
        (Period.month(1900, 1), "January 1900"),
        (Period.calendar_year(2024), "2024"),
    ],
)
def test_label_is_canonical_and_is_str(period: Period, label: str) -> None:
    # given / when / then
    assert period.label == label
    assert str(period) == label


@pytest.mark.parametrize(
    ("fy", "label"),
    [(2024, "2024/25"), (1999, "1999/00"), (2000, "2000/01"), (2009, "2009/10")],
)
def test_financial_year_label(fy: int, label: str) -> None:
    # given / when / then
    assert financial_year_label(fy) == label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", 'Cannot read an empty value as a period: enter one such as "2024/25 Q2".'),
        ("   ", 'Cannot read an empty value as a period: enter one such as "2024/25 Q2".'),
        (
            "2024/26",
            'Cannot read "2024/26" as a period: the years of a financial year must be '
            'consecutive, as in "2024/25".',
        ),
        (
            "2019/2021",
            'Cannot read "2019/2021" as a period: the years of a financial year must be '
            'consecutive, as in "2019/20".',
        ),
        (
            "2024/26 Q1",
            'Cannot read "2024/26 Q1" as a period: the years of a financial year must be '
            'consecutive, as in "2024/25".',
        ),
        (
            "2024/25 Q0",
            'Cannot read "2024/25 Q0" as a period: there is no quarter 0; quarters run from Q1 '
            "to Q4.",
        ),
        (
            "Q5 2024/25",
            'Cannot read "Q5 2024/25" as a period: there is no quarter 5; quarters run from Q1 '
            "to Q4.",
        ),
        (
            "13/2024",
            'Cannot read "13/2024" as a period: there is no month 13; months run from 1 to 12.',
        ),
        (
            "00/2024",
            'Cannot read "00/2024" as a period: there is no month 0; months run from 1 to 12.',
        ),
        (
            "2024-13",
            'Cannot read "2024-13" as a period: it is neither a month (months run from 01 to 12) '
            'nor a financial year (the years must be consecutive, as in "2024-25").',
        ),
        (
            "2010-11",
            'Cannot read "2010-11" as a period: it could mean the financial year 2010/11 or '
            'November 2010; write "2010/11" or "November 2010" instead.',
        ),
        (
            "1899",
            'Cannot read "1899" as a period: the year must be between 1900 and 2199, not 1899.',
        ),
        (
            "2200",
            'Cannot read "2200" as a period: the year must be between 1900 and 2199, not 2200.',
        ),
        (
            "1899/00",
            'Cannot read "1899/00" as a period: the year must be between 1900 and 2199, not 1899.',
        ),
        (
            "December 2200",
            'Cannot read "December 2200" as a period: the year must be between 1900 and 2199, '
            "not 2200.",
        ),
        (
            "Q1 2024",
            'Cannot read "Q1 2024" as a period: quarters are counted in financial years, so '
            'include the financial year, as in "2024/25 Q2".',
        ),
        (
            "Junee 2024",
            'Cannot read "Junee 2024" as a period: use a financial year ("2024/25"), a quarter '
            '("2024/25 Q2"), a month ("June 2024" or "2024-06") or a calendar year ("2024").',
        ),
        (
            "next quarter",
            'Cannot read "next quarter" as a period: use a financial year ("2024/25"), a quarter '
            '("2024/25 Q2"), a month ("June 2024" or "2024-06") or a calendar year ("2024").',
        ),
        (
            "x" * 100,
            f'Cannot read "{"x" * 39}\u2026" as a period: use a financial year ("2024/25"), a '
            'quarter ("2024/25 Q2"), a month ("June 2024" or "2024-06") or a calendar year '
            '("2024").',
        ),
    ],
)
def test_parse_rejects_with_message(text: str, message: str) -> None:
    # given / when
    with pytest.raises(PeriodError) as caught:
        Period.parse(text)

    # then
    assert str(caught.value) == message


def test_period_error_is_a_value_error() -> None:
    # given / when / then
    with pytest.raises(ValueError, match="consecutive"):
        Period.parse("2024/26")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Period.month(2024, 13), "There is no month 13; months run from 1 to 12."),
        (lambda: Period.quarter(2024, 5), "There is no quarter 5; quarters run from Q1 to Q4."),
        (lambda: Period.financial_year(2200), "The year must be between 1900 and 2199, not 2200."),
        (lambda: Period.calendar_year(1899), "The year must be between 1900 and 2199, not 1899."),
        (
            lambda: Period(PeriodKind.QUARTER, D(2024, 5, 1)),
            "A quarter must start on 1 January, 1 April, 1 July or 1 October, not 1 May 2024.",
        ),
        (
            lambda: Period(PeriodKind.FINANCIAL_YEAR, D(2024, 1, 1)),
            "A financial year must start on 1 April, not 1 January 2024.",
        ),
        (
            lambda: Period(PeriodKind.CALENDAR_YEAR, D(2024, 4, 1)),
            "A calendar year must start on 1 January, not 1 April 2024.",
        ),
        (
            lambda: Period(PeriodKind.MONTH, D(2024, 6, 2)),
            "A month must start on the first day of a month, not 2 June 2024.",
        ),
        # The quarter starting January 1900 belongs to 1899/00, before the years allowed.
        (
            lambda: Period(PeriodKind.QUARTER, D(1900, 1, 1)),
            "The year must be between 1900 and 2199, not 1899.",
        ),
        (
            lambda: Period.containing(D(1900, 3, 31), PeriodKind.FINANCIAL_YEAR),
            "The year must be between 1900 and 2199, not 1899.",
        ),
        (
            lambda: Period.month(2199, 12).next(),
            "The year must be between 1900 and 2199, not 2200.",
        ),
        (
            lambda: Period.quarter(1900, 1).previous(),
            "The year must be between 1900 and 2199, not 1899.",
        ),
        (
            lambda: Period.range(Period.financial_year(2024), Period.month(2025, 6)),
            'Cannot list the periods from "2024/25" to "June 2025" because they are of different '
            "kinds; both must be months, quarters, financial years or calendar years.",
        ),
        (
            lambda: Period.range(Period.quarter(2025, 1), Period.quarter(2024, 1)),
            'Cannot list the periods from "2025/26 Q1" to "2024/25 Q1" because "2025/26 Q1" comes '
            'after "2024/25 Q1".',
        ),
    ],
)
def test_impossible_periods_are_refused(build: Callable[[], object], message: str) -> None:
    # given / when
    with pytest.raises(PeriodError) as caught:
        build()

    # then
    assert str(caught.value) == message


def test_datetimes_are_refused() -> None:
    # given: a datetime, whose date depends on the time zone
    moment = datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC)

    # when / then
    with pytest.raises(TypeError):
        Period.containing(moment, PeriodKind.MONTH)
    with pytest.raises(TypeError):
        Period(PeriodKind.MONTH, moment)


def test_kind_must_be_a_period_kind() -> None:
    # given / when / then
    with pytest.raises(TypeError):
        Period("month", D(2024, 6, 1))  # type: ignore[arg-type]


# Boundaries


@pytest.mark.parametrize(
    ("day", "kind", "label"),
    [
        (D(2025, 3, 31), PeriodKind.FINANCIAL_YEAR, "2024/25"),
        (D(2025, 4, 1), PeriodKind.FINANCIAL_YEAR, "2025/26"),
        (D(2025, 3, 31), PeriodKind.QUARTER, "2024/25 Q4"),
        (D(2025, 4, 1), PeriodKind.QUARTER, "2025/26 Q1"),
        (D(2024, 6, 30), PeriodKind.QUARTER, "2024/25 Q1"),
        (D(2024, 7, 1), PeriodKind.QUARTER, "2024/25 Q2"),
        (D(2024, 12, 31), PeriodKind.QUARTER, "2024/25 Q3"),
        (D(2025, 1, 1), PeriodKind.QUARTER, "2024/25 Q4"),
        (D(2024, 12, 31), PeriodKind.CALENDAR_YEAR, "2024"),
        (D(2025, 1, 1), PeriodKind.CALENDAR_YEAR, "2025"),
        (D(2025, 1, 1), PeriodKind.FINANCIAL_YEAR, "2024/25"),
        (D(2024, 2, 29), PeriodKind.MONTH, "February 2024"),
        (D(2024, 2, 29), PeriodKind.QUARTER, "2023/24 Q4"),
        (D(2024, 2, 29), PeriodKind.FINANCIAL_YEAR, "2023/24"),
        (D(1900, 4, 1), PeriodKind.QUARTER, "1900/01 Q1"),
        (D(2199, 12, 31), PeriodKind.MONTH, "December 2199"),
        (D(2200, 3, 31), PeriodKind.QUARTER, "2199/00 Q4"),
    ],
)
def test_containing(day: datetime.date, kind: PeriodKind, label: str) -> None:
    # given / when
    period = Period.containing(day, kind)

    # then
    assert period.label == label
    assert period.kind == kind


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period.financial_year(2024), D(2024, 4, 1), D(2025, 3, 31)),
        (Period.quarter(2024, 1), D(2024, 4, 1), D(2024, 6, 30)),
        (Period.quarter(2024, 3), D(2024, 10, 1), D(2024, 12, 31)),
        (Period.quarter(2024, 4), D(2025, 1, 1), D(2025, 3, 31)),
        (Period.calendar_year(2024), D(2024, 1, 1), D(2024, 12, 31)),
        (Period.month(2024, 2), D(2024, 2, 1), D(2024, 2, 29)),
        (Period.month(2023, 2), D(2023, 2, 1), D(2023, 2, 28)),
        (Period.month(2000, 2), D(2000, 2, 1), D(2000, 2, 29)),
        (Period.month(2100, 2), D(2100, 2, 1), D(2100, 2, 28)),
        (Period.month(2024, 12), D(2024, 12, 1), D(2024, 12, 31)),
        (Period.quarter(2199, 4), D(2200, 1, 1), D(2200, 3, 31)),
    ],
)
def test_start_and_end(period: Period, start: datetime.date, end: datetime.date) -> None:
    # given / when / then
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("period", "fy", "number", "financial_year"),
    [
        (Period.month(2025, 1), 2024, 1, "2024/25"),
        (Period.month(2025, 3), 2024, 3, "2024/25"),
        (Period.month(2025, 4), 2025, 4, "2025/26"),
        (Period.quarter(2024, 1), 2024, 1, "2024/25"),
        (Period.quarter(2024, 4), 2024, 4, "2024/25"),
        (Period.financial_year(2024), 2024, None, "2024/25"),
        # A calendar year belongs to the financial year it starts in.
        (Period.calendar_year(2024), 2023, None, "2023/24"),
    ],
)
def test_fy_number_and_financial_year_period(
    period: Period, fy: int, number: int | None, financial_year: str
) -> None:
    # given / when
    containing_year = period.financial_year_period()

    # then
    assert period.fy == fy
    assert period.number == number
    assert containing_year.label == financial_year
    assert containing_year.kind == PeriodKind.FINANCIAL_YEAR


@pytest.mark.parametrize(
    ("period", "day", "expected"),
    [
        (Period.financial_year(2024), D(2025, 3, 31), True),
        (Period.financial_year(2024), D(2025, 4, 1), False),
        (Period.financial_year(2024), D(2024, 3, 31), False),
        (Period.quarter(2024, 4), D(2025, 2, 14), True),
        (Period.quarter(2024, 4), D(2024, 2, 14), False),
        (Period.month(2024, 2), D(2024, 2, 29), True),
        (Period.month(2024, 2), D(2024, 3, 1), False),
    ],
)
def test_contains(period: Period, day: datetime.date, expected: bool) -> None:
    # given / when / then
    assert period.contains(day) is expected


@pytest.mark.parametrize(
    ("period", "previous", "following", "last_year"),
    [
        ("2024/25 Q4", "2024/25 Q3", "2025/26 Q1", "2023/24 Q4"),
        ("2024/25 Q1", "2023/24 Q4", "2024/25 Q2", "2023/24 Q1"),
        ("December 2024", "November 2024", "January 2025", "December 2023"),
        ("February 2024", "January 2024", "March 2024", "February 2023"),
        ("1999/00", "1998/99", "2000/01", "1998/99"),
        ("2000", "1999", "2001", "1999"),
    ],
)
def test_navigation(period: str, previous: str, following: str, last_year: str) -> None:
    # given
    current = Period.parse(period)

    # when / then
    assert current.previous().label == previous
    assert current.next().label == following
    assert current.same_period_last_year().label == last_year


def test_range_lists_periods_across_a_financial_year_end() -> None:
    # given
    first, last = Period.quarter(2024, 3), Period.quarter(2025, 2)

    # when
    listed = Period.range(first, last)

    # then
    assert [p.label for p in listed] == ["2024/25 Q3", "2024/25 Q4", "2025/26 Q1", "2025/26 Q2"]


def test_range_of_one_period() -> None:
    # given
    only = Period.month(2024, 6)

    # when / then
    assert Period.range(only, only) == [only]


def test_sorting_mixes_kinds_by_start_then_end() -> None:
    # given: three periods starting on 1 January 2024, and a financial year starting earlier
    year, quarter, month = (
        Period.calendar_year(2024),
        Period.quarter(2023, 4),
        Period.month(2024, 1),
    )
    financial_year = Period.financial_year(2023)

    # when
    ordered = sorted([year, quarter, financial_year, month])

    # then
    assert ordered == [financial_year, month, quarter, year]
    assert month < quarter < year
    assert year > financial_year
    assert month <= Period.month(2024, 1)


def test_periods_are_values() -> None:
    # given
    stored = Period(PeriodKind.QUARTER, D(2025, 1, 1))

    # when / then: rebuilding from kind and start gives an equal, equally hashed period
    assert stored == Period.quarter(2024, 4)
    assert {stored, Period.quarter(2024, 4)} == {stored}
    assert stored != Period.month(2025, 1)


# Properties over all kinds


@given(periods())
def test_label_round_trip(period: Period) -> None:
    # given / when
    read = Period.parse(period.label)

    # then
    assert read == period


@given(periods())
def test_parse_ignores_case_and_surrounding_whitespace(period: Period) -> None:
    # given
    text = f"  {period.label.upper()}\t"

    # when / then
    assert Period.parse(text) == period


@given(inner_periods)
def test_next_then_previous_returns_the_same_period(period: Period) -> None:
    # given / when / then
    assert period.next().previous() == period
    assert period.previous().next() == period


@given(middle_periods, steps, steps)
def test_shifts_add_up(period: Period, a: int, b: int) -> None:
    # given / when / then
    assert period.shift(a).shift(b) == period.shift(a + b)


@given(middle_periods)
def test_shift_zero_is_the_same_period(period: Period) -> None:
    # given / when / then
    assert period.shift(0) == period


@given(inner_periods)
def test_next_starts_the_day_after_end(period: Period) -> None:
    # given / when
    following = period.next()

    # then
    assert following.kind == period.kind
    assert following.start == period.end + datetime.timedelta(days=1)
    assert following.start.day == 1


@given(periods(), periods())
def test_ordering_is_consistent_with_start_dates(a: Period, b: Period) -> None:
    # given / when / then
    if a.start < b.start:
        assert a < b and b > a and not b < a
    if a.start == b.start and a.end < b.end:
        assert a < b
    # exactly one of less, equal, greater
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a == b) == (a.kind == b.kind and a.start == b.start)
    assert (a < b) == (a.sort_key < b.sort_key)
    assert a.sort_key[:2] == (a.start, a.end)


@given(st.lists(periods(), max_size=20))
def test_sorted_periods_have_non_decreasing_starts(items: list[Period]) -> None:
    # given / when
    ordered = sorted(items)

    # then
    starts = [p.start for p in ordered]
    assert starts == sorted(starts)


@given(inner_periods)
def test_same_period_last_year(period: Period) -> None:
    # given / when
    last_year = period.same_period_last_year()

    # then
    assert last_year.kind == period.kind
    assert last_year.number == period.number
    assert last_year.start == period.start.replace(year=period.start.year - 1)
    assert last_year.end.replace(day=1) == period.end.replace(year=period.end.year - 1, day=1)
    assert last_year.fy == period.fy - 1
    per_year = {
        PeriodKind.MONTH: 12,
        PeriodKind.QUARTER: 4,
        PeriodKind.FINANCIAL_YEAR: 1,
        PeriodKind.CALENDAR_YEAR: 1,
    }[period.kind]
    assert last_year.next().shift(per_year - 1) == period


@given(dates, st.sampled_from(PeriodKind))
def test_containing_contains_the_date(day: datetime.date, kind: PeriodKind) -> None:
    # given / when
    period = Period.containing(day, kind)

    # then
    assert period.kind == kind
    assert period.contains(day)
    assert period.start <= day <= period.end


@given(periods())
def test_contains_exactly_start_to_end(period: Period) -> None:
    # given
    one_day = datetime.timedelta(days=1)

    # when / then
    assert period.contains(period.start)
    assert period.contains(period.end)
    assert not period.contains(period.start - one_day)
    assert not period.contains(period.end + one_day)
    assert Period.containing(period.start, period.kind) == period
    assert Period.containing(period.end, period.kind) == period


@given(neighboured_dates, st.sampled_from(PeriodKind))
def test_a_date_is_in_no_neighbouring_period(day: datetime.date, kind: PeriodKind) -> None:
    # given
    period = Period.containing(day, kind)

    # when / then: consecutive periods do not overlap
    assert not period.previous().contains(day)
    assert not period.next().contains(day)


@given(middle_periods, st.integers(0, 40))
def test_consecutive_periods_tile_time(first: Period, count: int) -> None:
    # given
    last = first.shift(count)

    # when
    listed = Period.range(first, last)

    # then: no gaps or overlaps between neighbours, and together they cover first to last
    for earlier, later in itertools.pairwise(listed):
        assert later.start == earlier.end + datetime.timedelta(days=1)
    covered = sum((p.end - p.start).days + 1 for p in listed)
    assert covered == (last.end - first.start).days + 1


@given(middle_periods, st.integers(0, 40))
def test_range_length_is_shift_distance_plus_one(first: Period, distance: int) -> None:
    # given
    last = first.shift(distance)

    # when
    listed = Period.range(first, last)

    # then
    assert len(listed) == distance + 1
    assert listed[0] == first
    assert listed[-1] == last
    assert listed == sorted(listed)
    assert all(p.kind == first.kind for p in listed)


@given(inner_periods)
def test_financial_year_period_contains_the_start(period: Period) -> None:
    # given / when
    financial_year = period.financial_year_period()

    # then
    assert financial_year.kind == PeriodKind.FINANCIAL_YEAR
    assert financial_year.contains(period.start)
    assert financial_year.fy == period.fy


# National datasets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023/24 Q1", Period.quarter(2023, 1)),
        ("2023-24 Q1", Period.quarter(2023, 1)),
        ("Q1 2023/24", Period.quarter(2023, 1)),
        ("2023/24", Period.financial_year(2023)),
        ("2023-24", Period.financial_year(2023)),
        ("2023", Period.calendar_year(2023)),
        # Fingertips' own time periods
        ("2015", Period.calendar_year(2015)),
        ("2015/16", Period.financial_year(2015)),
        ("2015/16 Q3", Period.quarter(2015, 3)),
        ("Jun 2015", Period.month(2015, 6)),
        # "YYYY-YY" that could be a month is a financial year in national tables
        ("2010-11", Period.financial_year(2010)),
        ("2011 - 12", Period.financial_year(2011)),
        ("2011\u201312", Period.financial_year(2011)),
    ],
)
def test_parse_national_reads_every_form_to_the_same_period(text: str, expected: Period) -> None:
    # when
    period = Period.parse_national(text)

    # then
    assert period == expected
    assert Period.parse_national(period.label) == period


# "2010 - 12" is Fingertips' three pooled years, not December 2010
@pytest.mark.parametrize("text", ["2013 - 15", "2010 - 12", "Q1 2023", "2023/25", ""])
def test_parse_national_refuses_what_is_no_single_period(text: str) -> None:
    # when / then
    with pytest.raises(PeriodError, match="Cannot read"):
        Period.parse_national(text)
