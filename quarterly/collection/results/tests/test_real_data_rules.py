"""Figures as national statistics publish them, checked by the rules every route shares (pure:
no database): suppression marks and zero denominators become no value with a reason; a value is
checked against its numerator and denominator within their rounding; a 0-1 proportion sent to a
percentage KPI is recognised. `consistency`'s module docstring states the rule tested here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quarterly.collection.results.consistency import half_unit, median
from quarterly.collection.results.gaps import ZERO_DENOMINATOR, figures_resolve
from quarterly.collection.results.rules import NO_VALUE, ResultValues, result_breaches
from quarterly.core.suppression import Suppressed, suppression_mark

D = Decimal


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("c", 'Suppressed to protect confidentiality (marked "c")'),
        ("[C]", 'Suppressed to protect confidentiality (marked "[C]")'),
        ("*", 'Suppressed (marked "*")'),
        ("x", 'Not available (marked "x")'),
        ("[x]", 'Not available (marked "[x]")'),
        (" .. ", 'Not available (marked "..")'),
        ("[z]", 'Not applicable (marked "[z]")'),
        ("#DIV/0!", 'Not calculable: the denominator was 0 (marked "#DIV/0!")'),
    ],
)
def test_each_suppression_mark_is_no_value_with_its_reason(text: str, reason: str) -> None:
    # given / when
    fields = figures_resolve(value=suppression_mark(text), numerator=None, denominator=None)
    # then
    assert fields == {
        "value": None, "numerator": None, "denominator": None, "missing_reason": reason,
    }  # fmt: skip


@pytest.mark.parametrize("text", ["0", "-", "cc", "n/a", "", "[c"])
def test_text_that_is_not_a_mark_is_not_read_as_one(text: str) -> None:
    assert suppression_mark(text) is None


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        # a withheld count with no value: the count's reason is why there is no value
        (dict(value=None, numerator=Suppressed("*"), denominator=D(120)),
         (None, None, D(120), 'Numerator suppressed (marked "*")')),
        # a withheld count beside a published value: the value stays, the reason says which
        (dict(value=D("45.2"), numerator=Suppressed("c"), denominator=D(1000)),
         (D("45.2"), None, D(1000),
          'Numerator suppressed to protect confidentiality (marked "c")')),
        # a zero denominator: no figure, whether the value is empty or a spreadsheet's 0
        (dict(value=None, numerator=D(0), denominator=D(0)), (None, D(0), D(0), ZERO_DENOMINATOR)),
        (dict(value=D(0), numerator=D(0), denominator=D(0)), (None, D(0), D(0), ZERO_DENOMINATOR)),
        # another value beside a zero denominator is kept for the rules to refuse
        (dict(value=D(5), numerator=D(1), denominator=D(0)), (D(5), D(1), D(0), "")),
        # a reason a person typed is kept as typed
        (dict(value=Suppressed("c"), numerator=None, denominator=None, reason=" Fewer than 5 "),
         (None, None, None, "Fewer than 5")),
        (dict(value=D("61.2"), numerator=D(612), denominator=D(1000)),
         (D("61.2"), D(612), D(1000), "")),
    ],
)  # fmt: skip
def test_figures_as_given_become_the_fields_a_result_stores(
    given: dict[str, object], stored: tuple[object, ...]
) -> None:
    # given / when
    fields = figures_resolve(**given)  # type: ignore[arg-type]
    # then
    assert (
        fields["value"],
        fields["numerator"],
        fields["denominator"],
        fields["missing_reason"],
    ) == stored


def _messages(**values: object) -> list[tuple[str, str]]:
    return [(b.field, b.message) for b in result_breaches(ResultValues(**values))]  # type: ignore[arg-type]


def test_a_value_that_disagrees_with_its_counts_is_refused_with_both_figures() -> None:
    assert _messages(unit="percentage", value=D("45.2"), numerator=D(400), denominator=D(1000)) == [
        (
            "value",
            "Value 45.2 but numerator/denominator give 40.0 (400 ÷ 1000 × 100). Correct the value "
            "or the counts. If the source rounds its counts, give the rounding (counts rounded "
            "to).",
        )
    ]


@pytest.mark.parametrize(
    ("values", "agrees"),
    [
        # as published: the value is rounded to the places it is written to
        (dict(unit="percentage", value=D("40.0"), numerator=D(400), denominator=D(1000)), True),
        (dict(unit="percentage", value=D("33.3"), numerator=D(1), denominator=D(3)), True),
        (dict(unit="percentage", value=D("33.4"), numerator=D(1), denominator=D(3)), False),
        (dict(unit="percentage", value=D("33"), numerator=D(1), denominator=D(3)), True),
        (dict(unit="percentage", value=D("34"), numerator=D(1), denominator=D(3)), False),
        # rates per N, and averages (days, scores, money)
        (dict(unit="rate", rate_per=100000, value=D("12.3"), numerator=D(100),
              denominator=D(813008)), True),
        (dict(unit="rate", rate_per=1000, value=D("12.3"), numerator=D(100),
              denominator=D(813008)), False),
        (dict(unit="days", value=D("5"), numerator=D(50), denominator=D(10)), True),
        (dict(unit="days", value=D("6"), numerator=D(50), denominator=D(10)), False),
        (dict(unit="currency", value=D("2.50"), numerator=D(25), denominator=D(10)), True),
        # a count's numerator and denominator are not summed into it
        (dict(unit="count", value=D("7"), numerator=D(50), denominator=D(10)), True),
        # counts rounded to 5: 10 / 20 may really be 7.5 / 22.5 up to 12.5 / 17.5
        (dict(unit="percentage", value=D("50.0"), numerator=D(10), denominator=D(20)), True),
        (dict(unit="percentage", value=D("60.0"), numerator=D(10), denominator=D(20)), False),
        (dict(unit="percentage", value=D("60.0"), numerator=D(10), denominator=D(20),
              counts_rounded_to=5), True),
        (dict(unit="percentage", value=D("71.4"), numerator=D(10), denominator=D(20),
              counts_rounded_to=5), True),
        (dict(unit="percentage", value=D("33.3"), numerator=D(10), denominator=D(20),
              counts_rounded_to=5), True),
        (dict(unit="percentage", value=D("75.0"), numerator=D(10), denominator=D(20),
              counts_rounded_to=5), False),
        (dict(unit="percentage", value=D("33.2"), numerator=D(10), denominator=D(20),
              counts_rounded_to=5), False),
        # a rounded denominator that could be 0 leaves the value unbounded above
        (dict(unit="rate", rate_per=1000, value=D("900"), numerator=D(5), denominator=D(5),
              counts_rounded_to=10), True),
    ],
)  # fmt: skip
def test_a_value_agrees_with_its_counts_within_their_rounding_and_its_own(
    values: dict[str, object], agrees: bool
) -> None:
    # given / when
    messages = _messages(**values)
    # then
    assert (messages == []) is agrees, messages
    if not agrees:
        shown = f"{values['value']:f}".rstrip("0").rstrip(".")  # type: ignore[str-format]
        assert messages[0][1].startswith(f"Value {shown} but numerator/denominator give")


def test_the_message_gives_the_range_the_rounded_counts_allow() -> None:
    assert _messages(
        unit="percentage", value=D("75.0"), numerator=D(10), denominator=D(20), counts_rounded_to=5
    ) == [
        (
            "value",
            "Value 75 but numerator/denominator give 50.0 (10 ÷ 20 × 100; between 33.3 and 71.4 "
            "with counts rounded to the nearest 5). Correct the value or the counts.",
        )
    ]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        # (a) counts agree with 100 times the value, not with the value
        (dict(value=D("0.452"), numerator=D(452), denominator=D(1000)),
         "Value 0.452 looks like a proportion (0 to 1), not a percentage: numerator/denominator "
         "give 45.2%. Enter percentages from 0 to 100: multiply by 100 (45.2)."),
        # (b) no counts, and the KPI's other results are in the tens
        (dict(value=D("0.45"), history_median=D("45.5")),
         "Value 0.45 looks like a proportion (0 to 1), not a percentage: this KPI's other "
         "results have a median of 45.5. Enter percentages from 0 to 100: multiply by 100 (45). "
         "If it really is 0.45%, give the numerator and denominator that show it."),
        (dict(value=D("1"), history_median=D("10")),
         "Value 1 looks like a proportion (0 to 1), not a percentage: this KPI's other results "
         "have a median of 10.0. Enter percentages from 0 to 100: multiply by 100 (100). If it "
         "really is 1%, give the numerator and denominator that show it."),
    ],
)  # fmt: skip
def test_a_proportion_sent_to_a_percentage_kpi_is_refused_saying_so(
    values: dict[str, object], message: str
) -> None:
    assert _messages(unit="percentage", **values) == [("value", message)]


@pytest.mark.parametrize(
    "values",
    [
        dict(value=D("0.45"), history_median=D("9.9")),  # a history below the tens
        dict(value=D("0.45"), history_median=None),  # no history at all
        dict(value=D("0"), history_median=D("45")),  # 0 is 0 on either scale
        dict(value=D("1.5"), history_median=D("45")),  # above 1: not a proportion
        # counts that show a real 0.45% settle it, whatever the history
        dict(value=D("0.45"), numerator=D(45), denominator=D(10000), history_median=D("45")),
    ],
)
def test_a_small_percentage_is_not_taken_for_a_proportion(values: dict[str, object]) -> None:
    assert _messages(unit="percentage", **values) == []


def test_a_proportion_is_not_looked_for_in_other_units() -> None:
    assert _messages(unit="score", value=D("0.45"), history_median=D("45")) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (dict(unit="percentage", value=None), [("value", NO_VALUE)]),
        (dict(unit="percentage", value=None, missing_reason="Suppressed"), []),
        (dict(unit="percentage", value=None, numerator=D(0), denominator=D(0),
              missing_reason=ZERO_DENOMINATOR), []),
        (dict(unit="percentage", value=D(5), numerator=D(1), denominator=D(0)),
         [("value", "Value 5 but the denominator is 0, so numerator/denominator give no figure. "
                    "Leave the value empty: a zero denominator is stored as no value.")]),
        (dict(unit="percentage", value=D(5), numerator=D(1), denominator=D(-20)),
         [("denominator", "The denominator cannot be negative.")]),
        # a withheld count beside a value: the other count alone is allowed, with the reason
        (dict(unit="percentage", value=D("45.2"), denominator=D(1000),
              missing_reason="Numerator suppressed"), []),
        (dict(unit="percentage", value=D("45.2"), denominator=D(1000)),
         [("numerator", "Enter both numerator and denominator, or neither; the numerator is "
                        "missing. If the source withheld it, enter its mark (*, c, x, .., [c], "
                        "[x] or [z]).")]),
        (dict(unit="percentage", value=D("40"), numerator=D(400), denominator=D(1000),
              missing_reason="Suppressed"),
         [("missing_reason", "The value, numerator and denominator are all given, so no figure "
                             "is missing: leave the reason empty (a data-quality note can say "
                             "more).")]),
        # a numerator above its denominator, beyond what rounding explains
        (dict(unit="percentage", value=D("100"), numerator=D(105), denominator=D(100),
              counts_rounded_to=5), []),
        (dict(unit="percentage", value=D("100"), numerator=D(110), denominator=D(100),
              counts_rounded_to=5),
         [("numerator", "The numerator (110) cannot be larger than the denominator (100), even "
                        "with counts rounded to the nearest 5.")]),
    ],
)  # fmt: skip
def test_gaps_and_counts_break_the_rules_they_should(
    values: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    assert _messages(**values) == expected


@pytest.mark.parametrize(
    ("number", "half"),
    [(D("45.2"), D("0.05")), (D("45.200000"), D("0.05")), (D("40"), D("0.5")),
     (D("4E+1"), D("0.5")), (D("0.452"), D("0.0005"))],
)  # fmt: skip
def test_a_value_is_taken_as_rounded_to_the_places_it_is_written_to(
    number: Decimal, half: Decimal
) -> None:
    assert half_unit(number) == half


def test_the_median_skips_periods_with_no_value() -> None:
    assert median([D(40), None, D(50), D(45)]) == D(45)
    assert median([None]) is None


def test_a_standardised_rate_is_not_checked_against_its_counts() -> None:
    # given a directly standardised rate of 512.3 per 100,000 beside 402 in 81,300 (crude 494.5)
    figures = {"unit": "rate", "value": D("512.3"), "numerator": D(402),
               "denominator": D(81300), "rate_per": 100000}  # fmt: skip
    # when / then
    assert result_breaches(ResultValues(**figures, standardised_rate=True)) == []
    [crude] = result_breaches(ResultValues(**figures))
    assert crude.message.startswith("Value 512.3 but numerator/denominator give 494.5")
    # and the other rules still hold
    assert [b.field for b in result_breaches(
        ResultValues(**{**figures, "numerator": D(-1)}, standardised_rate=True)
    )] == ["numerator"]  # fmt: skip
