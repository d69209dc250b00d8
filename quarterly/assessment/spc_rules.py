"""The rules on one segment of a series: its centre line and process limits, then shift,
trend, two-in-three and points outside the limits (method in ``spc.py``'s docstring)."""

from __future__ import annotations

import math

from quarterly.assessment.spc_options import SpcOptions


def runs_at_least(keys: list[int], length: int) -> list[bool]:
    """Flag members of maximal runs of equal non-zero keys that are ``length`` or longer."""
    n = len(keys)
    out = [False] * n
    i = 0
    while i < n:
        j = i + 1
        while j < n and keys[j] == keys[i]:
            j += 1
        if keys[i] != 0 and j - i >= length:
            for t in range(i, j):
                out[t] = True
        i = j
    return out


class Segment:
    """Working values for one segment (plain lists: faster than numpy at this size).

    A gap is NaN: it counts as a position (for ``fix_after_n_points`` and for what is
    consecutive) but not in the mean, no moving range touches it, and every comparison with it
    is false, so its side and both steps beside it are 0 and it breaks every run and window
    (``spc.py``'s docstring, "Gaps").
    """

    __slots__ = ("cl", "amr", "outside", "shift", "trend_dir", "two", "codes", "beyond", "side")

    def __init__(self, y: list[float], opts: SpcOptions) -> None:
        n = len(y)
        k = n if opts.fix_after_n_points is None else min(n, opts.fix_after_n_points)
        known = [v for v in y[:k] if not math.isnan(v)]
        self.cl = cl = sum(known) / len(known) if known else math.nan
        mrs = [abs(y[i] - y[i - 1]) for i in range(1, k)]
        mrs = [m for m in mrs if not math.isnan(m)]  # a range beside a gap is NaN: dropped
        amr = sum(mrs) / len(mrs) if mrs else math.nan
        if opts.screen_outliers and amr > 0:
            kept = [m for m in mrs if m < opts.screen_multiplier * amr]
            amr = sum(kept) / len(kept)
        self.amr = amr
        # no moving range (one value, or no two values side by side): no limits, so no
        # point is outside them or near them (NaN compares false), but runs and trends
        # against the centre line still count, as in NHSRplotthedots
        half = opts.limit_multiplier * amr
        near = 2.0 * opts.limit_multiplier / 3.0 * amr
        upl, lpl, nupl, nlpl = cl + half, cl - half, cl + near, cl - near
        self.side = side = [(v > cl) - (v < cl) for v in y]
        self.outside = outside = [v > upl or v < lpl for v in y]
        if opts.two_in_three == "legacy":
            beyond = [(v > nupl or v < nlpl) and not o for v, o in zip(y, outside, strict=True)]
        else:
            beyond = [v > nupl or v < nlpl for v in y]
        self.beyond = beyond
        self.shift = shift = runs_at_least(side, opts.shift_length)
        # d[i] is the sign of the step into point i; a trend of L points is L - 1 equal steps
        d = [0] + [(y[i] > y[i - 1]) - (y[i] < y[i - 1]) for i in range(1, n)]
        dq = runs_at_least(d, opts.trend_length - 1)
        self.trend_dir = trend_dir = [0] * n
        for i in range(n):
            if i + 1 < n and dq[i + 1]:  # on a turning point, the trend that starts here wins
                trend_dir[i] = d[i + 1]
            elif dq[i]:
                trend_dir[i] = d[i]
        window = [
            beyond[w] + beyond[w + 1] + beyond[w + 2] >= 2
            and abs(side[w] + side[w + 1] + side[w + 2]) == 3
            for w in range(n - 2)
        ]
        self.two = two = [
            beyond[i] and any(0 <= w < n - 2 and window[w] for w in (i - 2, i - 1, i))
            for i in range(n)
        ]
        codes = [0] * n
        for i in range(n):
            up = side[i] > 0
            if outside[i]:
                codes[i] = 1 if up else 2
            elif trend_dir[i]:
                codes[i] = 3 if trend_dir[i] > 0 else 4
            elif two[i]:
                codes[i] = 5 if up else 6
            elif shift[i]:
                codes[i] = 7 if up else 8
        self.codes = codes
