"""RAG rating against a target, and direction of travel against a comparator.

Sources (METHODS.md §4.2 and §4.4; DESIGN.md "Assessment methods"):

- Tolerance RAG as councils describe it, e.g. Reigate & Banstead ("Amber = within agreed
  tolerance"): higher-is-better → Green if A ≥ T; Amber if T − τ ≤ A < T; Red if A < T − τ;
  mirrored for lower-is-better. τ is absolute, or a percentage of T (Pentana-style "variance %").
- Fingertips' single-goal comparison (SingleValueTargetComparer in
  https://github.com/ukhsa-collaboration/fingertips-open, PholioVisualisationWS/Analysis): the
  same rule with τ = 0.
- Interim direction targets (METHODS.md §4.4, *[proposal]*): against the comparator value P
  with materiality m, improving beyond m → Green "(interim)"; within ±m → Amber "no material
  change"; worsening beyond m → Red.

Decisions recorded here (METHODS.md leaves them open):

- **Published precision.** Results are judged as published: the value is rounded to the KPI's
  decimal places (``ValueFormat.decimal_places``) before it is compared, so the rating can never
  contradict the sentence ("Amber: 65.0% is 0.0 points below the 65% target" cannot happen). A
  relative slack of 1e-9 absorbs binary floating point (0.1 + 0.2 ≠ 0.3).
- **Boundaries.** Meeting the target exactly is Green; missing it by exactly the tolerance is
  Amber (both inclusive, as in the rule above).
- **Default materiality = 0 at published precision**, for interim targets and for direction of
  travel: a change is material when the two published figures differ. Readers see the published
  figures, so "no change" means "the same number"; a KPI owner can set a larger materiality per
  KPI (absolute, in the KPI's units) where small movements are noise. Making Data Count warns
  against reading two-point comparisons as signals; SPC (``spc.py``) is the tool for that.
- **Trackers** (polarity "none") and results without a target are "not rated"; a tracker's
  direction of travel says "increased"/"decreased", never "improved"/"worsened".
- An interim direction target that contradicts the KPI's polarity ("increase" on a
  lower-is-better KPI) is a data error and raises ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from quarterly.assessment.polarity import Polarity, polarity_sign
from quarterly.assessment.wording import ValueFormat

RagStatus = Literal["green", "amber", "red", "not_rated"]
TravelStatus = Literal[
    "improved", "worsened", "no_change", "increased", "decreased", "not_comparable"
]

_RAG_WORD = {"green": "Green", "amber": "Amber", "red": "Red", "not_rated": "Not rated"}


@dataclass(frozen=True)
class ValueTarget:
    """A numeric target with a tolerance (the amber band) for one financial year.

    ``tolerance_basis="percent_of_target"`` reads ``tolerance`` as a percentage of the target
    (5 → 5% of T), as Pentana's variance settings do.
    """

    value: float
    tolerance: float = 0.0
    tolerance_basis: Literal["absolute", "percent_of_target"] = "absolute"

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError("target value must be a finite number")
        if not math.isfinite(self.tolerance) or self.tolerance < 0:
            raise ValueError("tolerance must be a finite number ≥ 0")

    @property
    def tolerance_amount(self) -> float:
        """The tolerance in the KPI's own units."""
        if self.tolerance_basis == "percent_of_target":
            return abs(self.value) * self.tolerance / 100.0
        return self.tolerance


@dataclass(frozen=True)
class DirectionTarget:
    """An interim target to move in a direction where no value has been agreed."""

    direction: Literal["increase", "decrease"]
    materiality: float = 0.0

    def __post_init__(self) -> None:
        if self.direction not in ("increase", "decrease"):
            raise ValueError("direction must be 'increase' or 'decrease'")
        if not math.isfinite(self.materiality) or self.materiality < 0:
            raise ValueError("materiality must be a finite number ≥ 0")


Target = ValueTarget | DirectionTarget


@dataclass(frozen=True)
class RagResult:
    """A RAG judgement of one result.

    ``gap`` is the published value minus the target (or minus the comparator for an interim
    target), signed so that a positive gap is *better* than the target. ``threshold`` is the
    tolerance (value targets) or materiality (direction targets) in the KPI's units.
    """

    status: RagStatus
    interim: bool
    value: float | None
    target: float | None
    threshold: float | None
    gap: float | None
    label: str
    sentence: str


@dataclass(frozen=True)
class DirectionOfTravel:
    """How a result moved against its comparator (previous period or same period last year).

    ``change`` is published value minus published comparator (not oriented by polarity).
    """

    status: TravelStatus
    value: float | None
    comparator: float | None
    change: float | None
    materiality: float
    sentence: str


def _slack(*numbers: float) -> float:
    return 1e-9 * max([1.0, *(abs(n) for n in numbers)])


def _missing(x: float | None) -> bool:
    return x is None or math.isnan(x)


def _not_rated(sentence: str, value: float | None, target: float | None) -> RagResult:
    return RagResult("not_rated", False, value, target, None, None, "Not rated", sentence)


def rag_rate(
    value: float | None,
    target: Target | None,
    *,
    polarity: Polarity,
    comparator: float | None = None,
    comparator_label: str = "the previous period",
    fmt: ValueFormat | None = None,
) -> RagResult:
    """Rate a result Green/Amber/Red against its target (see the module docstring).

    ``comparator`` is only used by interim ``DirectionTarget``s: the value of the comparator
    period (previous period or same period last year, per the KPI's supporting information).
    """
    fmt = fmt or ValueFormat()
    sign = polarity_sign(polarity)
    if sign == 0:
        return _not_rated("Not rated: this KPI is a tracker, so it has no target.", value, None)
    if target is None:
        return _not_rated("Not rated: no target has been set.", value, None)
    if _missing(value):
        return _not_rated("Not rated: there is no result for this period.", None, None)
    assert value is not None
    published = fmt.round(value)
    if isinstance(target, DirectionTarget):
        return _rate_direction(published, target, sign, comparator, comparator_label, fmt)
    return _rate_value(published, target, sign, fmt)


def _rate_value(published: float, target: ValueTarget, sign: int, fmt: ValueFormat) -> RagResult:
    tolerance = target.tolerance_amount
    gap = sign * (published - target.value)  # positive = better than target
    slack = _slack(published, target.value, tolerance)
    shown_value = fmt.value(published)
    shown_target = fmt.attributive(target.value)
    if gap >= -slack:
        status: RagStatus = "green"
        if abs(published - target.value) <= slack:
            detail = f"{shown_value} meets the {shown_target} target."
        else:
            side = "above" if published > target.value else "below"
            detail = f"{shown_value} is {fmt.difference(gap)} {side} the {shown_target} target."
    else:
        status = "amber" if -gap <= tolerance + slack else "red"
        side = "below" if published < target.value else "above"
        detail = f"{shown_value} is {fmt.difference(gap)} {side} the {shown_target} target"
        if tolerance <= slack:
            detail += ", and there is no tolerance."
        elif status == "amber":
            detail += f", within the {fmt.threshold(tolerance)} tolerance."
        else:
            detail += f", beyond the {fmt.threshold(tolerance)} tolerance."
    label = _RAG_WORD[status]
    return RagResult(
        status, False, published, target.value, tolerance, gap, label, f"{label}: {detail}"
    )


def _rate_direction(
    published: float,
    target: DirectionTarget,
    sign: int,
    comparator: float | None,
    comparator_label: str,
    fmt: ValueFormat,
) -> RagResult:
    wanted = 1 if target.direction == "increase" else -1
    if wanted != sign:
        raise ValueError(f"an interim target to {target.direction} contradicts the KPI's polarity")
    aim = f"the interim target to {target.direction}"
    if _missing(comparator):
        return _not_rated(
            f"Not rated: there is no value for {comparator_label} to judge {aim}.",
            published,
            None,
        )
    assert comparator is not None
    before = fmt.round(comparator)
    change = published - before
    gap = wanted * change
    m = target.materiality
    slack = _slack(published, before, m)
    shown, shown_before = fmt.value(published), fmt.value(before)
    if abs(change) <= m + slack:
        status: RagStatus = "amber"
        if abs(change) <= slack:
            detail = (
                f"{shown} is unchanged from {comparator_label} ({shown_before}), "
                f"so there is no progress against {aim}."
            )
        else:
            detail = (
                f"{shown} is within the {fmt.threshold(m)} materiality threshold of "
                f"{shown_before} in {comparator_label}, so there is no material change "
                f"against {aim}."
            )
    else:
        status = "green" if gap > 0 else "red"
        word = "higher" if change > 0 else "lower"
        verdict = "in line with" if status == "green" else "against"
        detail = (
            f"{shown} is {fmt.difference(change)} {word} than {shown_before} in "
            f"{comparator_label}, {verdict} {aim}."
        )
    label = f"{_RAG_WORD[status]} (interim)"
    return RagResult(status, True, published, before, m, gap, label, f"{label}: {detail}")


def direction_of_travel(
    value: float | None,
    comparator: float | None,
    *,
    polarity: Polarity,
    materiality: float = 0.0,
    comparator_label: str = "the previous period",
    fmt: ValueFormat | None = None,
) -> DirectionOfTravel:
    """Say whether a result improved, worsened or did not change against its comparator.

    Judged on published figures with ``materiality`` in the KPI's units (default 0: any
    difference in the published figures counts). A tracker (polarity "none") is described as
    increased / decreased / no change.
    """
    fmt = fmt or ValueFormat()
    sign = polarity_sign(polarity)
    if not math.isfinite(materiality) or materiality < 0:
        raise ValueError("materiality must be a finite number ≥ 0")
    if _missing(value):
        return DirectionOfTravel(
            "not_comparable",
            None,
            comparator,
            None,
            materiality,
            "Not comparable: there is no result for this period.",
        )
    if _missing(comparator):
        return DirectionOfTravel(
            "not_comparable",
            value,
            None,
            None,
            materiality,
            f"Not comparable: there is no value for {comparator_label}.",
        )
    assert value is not None and comparator is not None
    now, before = fmt.round(value), fmt.round(comparator)
    change = now - before
    slack = _slack(now, before, materiality)
    shown, shown_before = fmt.value(now), fmt.value(before)
    status: TravelStatus
    if abs(change) <= materiality + slack:
        status = "no_change"
        if abs(change) <= slack:
            sentence = f"No change: {shown} is the same as in {comparator_label}."
        else:
            sentence = (
                f"No change: {shown} is within the {fmt.threshold(materiality)} materiality "
                f"threshold of {shown_before} in {comparator_label}."
            )
        return DirectionOfTravel(status, now, before, change, materiality, sentence)
    moved = "up" if change > 0 else "down"
    if sign == 0:
        status = "increased" if change > 0 else "decreased"
    else:
        status = "improved" if sign * change > 0 else "worsened"
    word = status.capitalize()
    sentence = (
        f"{word}: {shown} is {moved} {fmt.difference(change)} from {shown_before} in "
        f"{comparator_label}."
    )
    return DirectionOfTravel(status, now, before, change, materiality, sentence)
