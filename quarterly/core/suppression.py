"""Marks that national statistics write in place of a figure, read one way everywhere.

Published tables withhold small counts to protect confidentiality, and mark figures that are
not available or do not apply, with a symbol in the cell instead of a number (the Government
Statistical Service's guidance on symbols: "[c]" confidential, "[x]" not available, "[z]" not
applicable; older tables write "c", "x", ".." or "*"). A cell holding one of these is not a
number and not zero: Quarterly stores the figure as missing, with the reason in words and the
mark as it was written, so nothing is lost or invented. Case does not matter ("[C]" is "[c]").

A spreadsheet's own "#DIV/0!" (a formula divided by zero) is read the same way: there is no
figure, because the denominator was 0. Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

# mark (case-folded) -> what it says about the figure, after the figure's name.
SUPPRESSION_MARKS: dict[str, str] = {
    "*": "suppressed",
    "c": "suppressed to protect confidentiality",
    "[c]": "suppressed to protect confidentiality",
    "x": "not available",
    "[x]": "not available",
    "..": "not available",
    "[z]": "not applicable",
    "#div/0!": "not calculable: the denominator was 0",
}
SUPPRESSION_MARKS_WORDS = "*, c, x, .., [c], [x] or [z]"


@dataclass(frozen=True)
class Suppressed:
    """A cell that held a suppression mark instead of a number; `mark` as it was written."""

    mark: str

    def reason(self, figure: str = "") -> str:
        """Why the figure has no number, in words: 'Suppressed to protect confidentiality
        (marked "c")', or with the figure named ("Numerator suppressed ...")."""
        meaning = f'{SUPPRESSION_MARKS[self.mark.casefold()]} (marked "{self.mark}")'
        return f"{figure} {meaning}" if figure else meaning[0].upper() + meaning[1:]


def suppression_mark(text: str) -> Suppressed | None:
    """The mark `text` is, or None when it is not one."""
    mark = text.strip()
    return Suppressed(mark) if mark.casefold() in SUPPRESSION_MARKS else None
