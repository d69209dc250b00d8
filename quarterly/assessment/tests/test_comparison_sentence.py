"""The sentence that places an area in its comparator group, for every polarity and outcome."""

from __future__ import annotations

from typing import Any

import pytest

from quarterly.assessment.benchmark import HIGHER, LOWER, NOT_COMPARED, SIMILAR
from quarterly.assessment.comparison_sentence import comparison_sentence, ordinal, quartile_words


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (112, "112th"), (150, "150th")],
)  # fmt: skip
def test_ordinals(number: int, text: str) -> None:
    assert ordinal(number) == text


@pytest.mark.parametrize(
    ("quartile", "polarity", "words"),
    [(1, "higher", "in the bottom quartile"), (4, "higher", "in the top quartile"),
     (1, "lower", "in the top quartile"), (4, "lower", "in the bottom quartile"),
     (2, "higher", ""), (3, "lower", ""), (0, "higher", ""), (1, "none", ""), (4, "none", "")],
)  # fmt: skip
def test_quartile_words_follow_polarity(quartile: int, polarity: Any, words: str) -> None:
    assert quartile_words(quartile, polarity) == words


BASE = {"area": "Leeds", "n": 8, "of_group": "Core Cities", "tied": False, "quartile": 2,
        "has_intervals": True, "has_england": True}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"rank": 6, "polarity": "higher", "vs_england": LOWER},
         "Leeds ranks 6th of 8 Core Cities, significantly worse than England."),
        ({"rank": 6, "polarity": "lower", "vs_england": LOWER},
         "Leeds ranks 6th of 8 Core Cities, significantly better than England."),
        ({"rank": 1, "polarity": "lower", "vs_england": HIGHER, "quartile": 4},
         "Leeds ranks 1st of 8 Core Cities, in the bottom quartile, significantly worse than "
         "England."),
        ({"rank": 8, "polarity": "higher", "vs_england": SIMILAR, "quartile": 1},
         "Leeds ranks 8th of 8 Core Cities, in the bottom quartile, similar to England."),
        ({"rank": 2, "polarity": "higher", "vs_england": SIMILAR, "quartile": 4, "tied": True},
         "Leeds ranks joint 2nd of 8 Core Cities, in the top quartile, similar to England."),
        ({"rank": 1, "polarity": "none", "vs_england": HIGHER, "quartile": 4},
         "Leeds has the highest value of 8 Core Cities, significantly higher than England."),
        ({"rank": 3, "polarity": "none", "vs_england": LOWER, "quartile": 1},
         "Leeds has the 3rd highest value of 8 Core Cities, significantly lower than England."),
        ({"rank": 1, "polarity": "none", "vs_england": SIMILAR, "tied": True},
         "Leeds has the joint 1st highest value of 8 Core Cities, similar to England."),
        ({"rank": 3, "polarity": "higher", "vs_england": NOT_COMPARED, "has_intervals": False},
         "Leeds ranks 3rd of 8 Core Cities; not compared with England (no confidence "
         "intervals)."),
        ({"rank": 3, "polarity": "higher", "vs_england": NOT_COMPARED, "has_england": False},
         "Leeds ranks 3rd of 8 Core Cities; not compared with England (no England value)."),
        ({"rank": 12, "polarity": "lower", "vs_england": NOT_COMPARED, "n": 16,
          "of_group": "in Oflog nearest neighbours of Leeds"},
         "Leeds ranks 12th of 16 in Oflog nearest neighbours of Leeds; not compared with "
         "England."),
    ],
)  # fmt: skip
def test_the_sentence(changes: dict[str, Any], sentence: str) -> None:
    assert comparison_sentence(**{**BASE, **changes}) == sentence


def test_an_area_without_a_rank_has_no_sentence() -> None:
    with pytest.raises(ValueError, match="needs a value and a rank"):
        comparison_sentence(**{**BASE, "rank": 0, "polarity": "higher", "vs_england": SIMILAR})
