"""Yes/no answers and choices from a list, read one way everywhere: web forms and uploaded
workbooks give the same message for the same bad answer. Pure Python: no Django."""

from __future__ import annotations

from collections.abc import Sequence

YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


class AnswerError(ValueError):
    """An answer that is not one of those allowed; the message is for the person who gave it."""


def parse_yes_no(text: str) -> bool:
    """Read "Yes" or "No" (or y/n, true/false, 1/0), or raise AnswerError."""
    answer = text.strip().casefold()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise AnswerError(f'"{text}" should be Yes or No.')


def parse_choice(text: str, choices: Sequence[tuple[str, str]]) -> str:
    """The stored value of the choice `text` names (by its value or its label, in any case), or
    AnswerError listing the labels allowed."""
    answer = text.strip().casefold()
    for value, label in choices:
        if answer in {value.casefold(), label.casefold()}:
            return value
    allowed = ", ".join(label for _, label in choices)
    raise AnswerError(f'"{text}" is not one of: {allowed}.')


def parse_list(text: str) -> list[str]:
    """Items separated by semicolons or new lines, each trimmed, empty ones dropped."""
    return [item.strip() for item in text.replace("\n", ";").split(";") if item.strip()]
