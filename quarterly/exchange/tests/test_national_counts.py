"""`import-benchmarks --value-per P [--counts-rounded-to N]`: each value is checked against
P × count ÷ denominator, within the counts' rounding; a row that disagrees is refused with both
figures and nothing is imported. National files record no unit, so nothing is checked unless
the command is told the scale."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quarterly.benchmarking.models import NationalValue
from quarterly.exchange.formats.national_long import HEADERS
from quarterly.exchange.tests.test_national_values import FINGERTIPS, _export_rows

pytestmark = pytest.mark.django_db
# value, count, denominator: 41.0% from 40 of 100 agrees only if the counts were rounded (to
# 5: 37.5..42.5 of 97.5..102.5 gives 36.6% to 43.6%); 60.0% agrees with neither.
ROWS = (("E08000035", "41.0", "40", "100"), ("E08000025", "50.0", "50", "100"))


def _file(tmp_path: Path, rows: tuple[tuple[str, str, str, str], ...]) -> str:
    path = tmp_path / "values.csv"
    lines = [",".join(HEADERS)]
    for code, value, count, denominator in rows:
        lines.append(f"PH-1,{code},,2023/24,{value},{count},{denominator},,,,,higher,")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _import(path: str, *options: str) -> str:
    out = StringIO()
    call_command(
        "import_benchmarks", path, "--format", "long", *options, stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def test_values_within_the_counts_rounding_are_accepted(tmp_path: Path) -> None:
    # when
    out = _import(_file(tmp_path, ROWS), "--value-per", "100", "--counts-rounded-to", "5")
    # then
    assert "2 added" in out and NationalValue.objects.count() == 2


def test_a_value_that_disagrees_with_exact_counts_is_refused_with_both_figures(
    tmp_path: Path,
) -> None:
    # given exact counts (no rounding): 41.0% is not 40 ÷ 100
    err = StringIO()
    # when
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_benchmarks", _file(tmp_path, ROWS), "--format", "long", "--value-per", "100",
            stdout=StringIO(), stderr=err,
        )  # fmt: skip
    # then
    assert (
        'row 2, column "value": Value 41 but numerator/denominator give 40.0 (40 ÷ 100 × 100). '
        "Correct the value or the counts. If the source rounds its counts, give the rounding "
        "(--counts-rounded-to)." in err.getvalue()
    )
    assert "row 3" not in err.getvalue() and NationalValue.objects.count() == 0


def test_a_value_beyond_the_rounding_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    # given a third row whose 60.0% no rounding of 40 of 100 allows
    rows = (*ROWS, ("E08000003", "60.0", "40", "100"))
    err = StringIO()
    # when
    with pytest.raises(CommandError):
        call_command(
            "import_benchmarks", _file(tmp_path, rows), "--format", "long", "--value-per", "100",
            "--counts-rounded-to", "5", stdout=StringIO(), stderr=err,
        )  # fmt: skip
    # then
    assert (
        'row 4, column "value": Value 60 but numerator/denominator give 40.0 (40 ÷ 100 × 100; '
        "between 36.6 and 43.6 with counts rounded to the nearest 5)" in err.getvalue()
    )
    assert NationalValue.objects.count() == 0


def test_without_a_scale_nothing_is_checked_and_rounding_alone_is_refused(tmp_path: Path) -> None:
    # given a file holding, say, age-standardised rates, which are no count ÷ denominator
    path = _file(tmp_path, (*ROWS, ("E08000003", "60.0", "40", "100")))
    # when / then
    with pytest.raises(CommandError, match="--counts-rounded-to needs --value-per"):
        _import(path, "--counts-rounded-to", "5")
    with pytest.raises(CommandError, match="--value-per must be a positive number"):
        _import(path, "--value-per", "0")
    assert "3 added" in _import(path)


def test_fingertips_rates_per_100000_agree_with_their_counts() -> None:
    # when: the Campylobacter export's crude rates per 100,000, checked against their counts
    out = _import_fingertips("--value-per", "100000")
    # then every published rate agrees with Fingertips' own count and denominator
    assert f"{len(_export_rows())} added" in out


def _import_fingertips(*options: str) -> str:
    out = StringIO()
    call_command(
        "import_benchmarks", str(FINGERTIPS), "--format", "fingertips", *options, stdout=out,
        stderr=StringIO(),
    )  # fmt: skip
    return out.getvalue()
