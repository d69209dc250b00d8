"""Recoded areas: the codes an area was published under before (pure, no Django).

ONS recodes an area when its boundary changes a little: Sheffield was E08000019 and is
E08000039. National files name an area by the code of their time, so a 2020 file names Sheffield
E08000019. `Area.successor_code` links an old code to the new; this module follows those links.

Only a **recode** is followed: an old code that is the sole predecessor of its successor. When
several areas merged into one (Bournemouth, Christchurch and Poole into BCP), none of the old
areas' values is the new area's, so none is followed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping


def recodes(successors: Mapping[str, str]) -> dict[str, str]:
    """The one-to-one recodes among `successors` (old code -> successor), new code -> old code."""
    before: dict[str, list[str]] = defaultdict(list)
    for old, new in successors.items():
        if new and new != old:
            before[new].append(old)
    return {new: olds[0] for new, olds in before.items() if len(olds) == 1}


def earlier_codes(code: str, recoded: Mapping[str, str]) -> list[str]:
    """The codes `code` was published under before, the latest first, following the chain of
    recodes (`recoded` as `recodes` returns it)."""
    found: list[str] = []
    current = code
    while (old := recoded.get(current)) is not None and old != code and old not in found:
        found.append(old)
        current = old
    return found


def current_code(code: str, recoded: Mapping[str, str]) -> str:
    """The code an area has now, following the chain of recodes forward (`recoded` as `recodes`
    returns it); its own code where it was never recoded, or merged into another area."""
    later = {old: new for new, old in recoded.items()}
    seen = {code}
    current = code
    while (new := later.get(current)) is not None and new not in seen:
        seen.add(new)
        current = new
    return current
