"""KPI polarity: which direction of movement is an improvement.

DESIGN.md ("Domain"): a KPI's polarity is *higher is better*, *lower is better*, or *none* for a
tracker. Every assessment in this package takes the same three words, and maps them onto the
conventions of its source:

- Making Data Count / NHSRplotthedots ``improvement_direction``: ``"increase"`` (+1),
  ``"decrease"`` (-1), ``"neutral"`` (0)
  (https://github.com/nhs-r-community/NHSRplotthedots, R/ptd_spc.R);
- OHID Fingertips polarity: ``HighIsGood``, ``LowIsGood``, ``BlueOrangeBlue``/``NotApplicable``
  (https://github.com/ukhsa-collaboration/fingertips-open, PholioObjects/Constants.cs).
"""

from __future__ import annotations

from typing import Literal, get_args

Polarity = Literal["higher", "lower", "none"]

POLARITIES: tuple[str, ...] = get_args(Polarity)


def polarity_sign(polarity: Polarity) -> int:
    """Return +1 when higher is better, -1 when lower is better and 0 for a tracker."""
    if polarity == "higher":
        return 1
    if polarity == "lower":
        return -1
    if polarity == "none":
        return 0
    raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")
