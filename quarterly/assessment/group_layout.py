"""How the areas of several groups are laid out so that all the groups are ranked at once.

``ranking.rank_all`` ranks every indicator × group as one row of a block. A group's areas
are gathered side by side into a *slot* of ``width`` columns; the slot's spare columns are
padding, which holds a missing value (NaN) and so changes no rank, n, percentile or mean.
Groups of much the same size share a *band* (indicators × groups × width); a group far
larger or smaller than the others gets a band of its own, so padding never more than doubles
the work. The usual cases are one band: one group of every area (no gathering at all), or
regions of 12 to 70 areas.

With one band, each area's results are read back from its slot column in one gather
(``Band.inverse``); an area in no group reads a padding column, whose results are all 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

I64 = NDArray[np.int64]


@dataclass(frozen=True)
class Band:
    """Groups laid side by side, each in a slot of ``width`` columns (``groups.size × width``
    columns in all). ``columns`` gives the area in each column (None: every area, in order,
    one group, no padding); ``pads`` the columns that hold no area; ``areas`` the band's areas
    and ``slots`` the column of each; ``inverse``, when the band is the only one, the column
    each area's results are read from (a padding column for an area in no group)."""

    groups: I64
    width: int
    columns: I64 | None
    pads: I64
    areas: I64
    slots: I64
    inverse: I64 | None


def group_codes(groups: ArrayLike | None, areas: int) -> tuple[I64, int]:
    """Each area's group code (negative = in no group) and the number of groups.

    ``None`` puts every area in one group; otherwise integer codes, one per area.
    """
    if groups is None:
        return np.zeros(areas, dtype=np.int64), 1
    codes = np.asarray(groups)
    if codes.shape != (areas,):
        raise ValueError(f"need one group code per area ({areas}), got shape {codes.shape}")
    if codes.dtype.kind not in "iu":
        raise ValueError("group codes must be integers (negative for an area in no group)")
    codes = codes.astype(np.int64)
    return codes, int(codes.max()) + 1 if codes.size and codes.max() >= 0 else 0


def _bands_of(sizes: I64) -> list[list[int]]:
    """Groups with areas, largest first, cut into bands whose padded size is at most twice
    the areas they hold."""
    order = [int(g) for g in np.argsort(-sizes, kind="stable") if sizes[g] > 0]
    bands: list[list[int]] = []
    held = 0
    for g in order:
        if bands and (len(bands[-1]) + 1) * int(sizes[bands[-1][0]]) <= 2 * (held + sizes[g]):
            bands[-1].append(g)
            held += int(sizes[g])
        else:
            bands.append([g])
            held = int(sizes[g])
    return bands


def group_layout(codes: I64, n_groups: int) -> list[Band]:
    """The bands for these group codes (see the module)."""
    areas = codes.size
    if n_groups == 1 and areas and (codes == 0).all():
        everyone = np.arange(areas, dtype=np.int64)
        return [Band(np.zeros(1, np.int64), areas, None, everyone[:0], everyone, everyone, None)]
    sizes = np.bincount(codes[codes >= 0], minlength=n_groups).astype(np.int64)
    members = np.argsort(codes, kind="stable")  # each group's areas together, in area order
    starts = np.concatenate([[0], np.cumsum(sizes)]) + np.count_nonzero(codes < 0)
    grouped = [list(band) for band in _bands_of(sizes)]
    outside = bool((codes < 0).any())
    out = []
    for band in grouped:
        width = int(sizes[band[0]])
        alone = len(grouped) == 1
        if alone and outside and all(sizes[g] == width for g in band):
            width += 1  # a padding column for the areas in no group to read
        columns = np.zeros(len(band) * width, dtype=np.int64)
        used = np.zeros(columns.size, dtype=bool)
        for j, g in enumerate(band):
            held = members[starts[g] : starts[g] + sizes[g]]
            columns[j * width : j * width + held.size] = held
            used[j * width : j * width + held.size] = True
        slots = np.flatnonzero(used)
        pads = np.flatnonzero(~used)
        band_areas = columns[slots]
        inverse = None
        if alone:
            inverse = np.full(areas, pads[0] if pads.size else 0, dtype=np.int64)
            inverse[band_areas] = slots
        groups = np.array(band, dtype=np.int64)
        out.append(Band(groups, width, columns, pads, band_areas, slots, inverse))
    return out
