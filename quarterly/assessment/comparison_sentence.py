"""One area's place in its comparator group, in a sentence computed from the comparison.

"Leeds ranks 6th of 8 Core Cities, in the bottom quartile, significantly worse than England."

- **Rank** as ``ranking.py`` gives it (1 = best by polarity; ties share the best rank and read
  "joint 3rd"); ``n`` is the number of areas with a value. A tracker has no best, so its rank
  reads as a position: "has the 3rd highest value of 8 Core Cities" (rank 1 = highest).
- **Quartile** as Fingertips defines it (``quartile`` 1 = lowest values, 0 = not calculated,
  which needs n ≥ 4). The sentence names only the worst and best quarters, by polarity: "in
  the bottom quartile" (quartile 1 when higher is better, 4 when lower is better) and "in the
  top quartile"; a tracker's quartiles are not judged.
- **Against England**, Fingertips' comparison at 95% (``benchmark.compare_with_benchmark``:
  the area's 95% confidence interval contains England's value → similar): "significantly
  better/worse than England" (or "significantly higher/lower" for a tracker), "similar to
  England", or, when nothing could be compared, why: no confidence intervals for the area, or
  no England value.
"""

from __future__ import annotations

from quarterly.assessment.benchmark import HIGHER, LOWER, SIMILAR
from quarterly.assessment.polarity import Polarity, polarity_sign


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd, 111th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def quartile_words(quartile: int, polarity: Polarity) -> str:
    """ "in the bottom quartile" / "in the top quartile" by polarity, else "" (see module)."""
    sign = polarity_sign(polarity)
    if sign == 0 or quartile not in (1, 4):
        return ""
    best = 4 if sign > 0 else 1
    return "in the top quartile" if quartile == best else "in the bottom quartile"


def england_words(code: int, polarity: Polarity, *, has_intervals: bool, has_england: bool) -> str:
    """How the area compares with England at 95%, from a comparison code (0 not compared,
    1 lower, 2 similar, 3 higher); when not compared, why."""
    sign = polarity_sign(polarity)
    if code == SIMILAR:
        return "similar to England"
    if code in (LOWER, HIGHER):
        higher = code == HIGHER
        if sign == 0:
            word = "higher" if higher else "lower"
        else:
            word = "better" if higher == (sign > 0) else "worse"
        return f"significantly {word} than England"
    if not has_england:
        return "not compared with England (no England value)"
    if not has_intervals:
        return "not compared with England (no confidence intervals)"
    return "not compared with England"


def comparison_sentence(
    *,
    area: str,
    rank: int,
    n: int,
    of_group: str,
    tied: bool,
    quartile: int,
    vs_england: int,
    polarity: Polarity,
    has_intervals: bool,
    has_england: bool,
) -> str:
    """The sentence for one area with a value (rank ≥ 1). ``of_group`` follows "of n":
    "Core Cities", "authorities in Yorkshire and The Humber", "in Peers"."""
    if rank < 1 or n < 1:
        raise ValueError("the area needs a value and a rank to be described")
    place = f"joint {ordinal(rank)}" if tied else ordinal(rank)
    if polarity_sign(polarity) == 0:
        position = "the highest" if rank == 1 and not tied else f"the {place} highest"
        opening = f"{area} has {position} value of {n} {of_group}"
    else:
        opening = f"{area} ranks {place} of {n} {of_group}"
    clauses = [opening]
    quarter = quartile_words(quartile, polarity)
    if quarter:
        clauses.append(quarter)
    england = england_words(
        vs_england, polarity, has_intervals=has_intervals, has_england=has_england
    )
    separator = "; " if england.startswith("not compared") else ", "
    return ", ".join(clauses) + separator + england + "."
