"""Following recodes: an area's earlier codes, the latest first, and its code now; a merge is
not a recode."""

from __future__ import annotations

import pytest

from quarterly.places.recoding import current_code, earlier_codes, recodes

SUCCESSORS = {
    "E08000019": "E08000039",  # Sheffield, recoded
    "E07000097": "E07000242",  # East Hertfordshire, recoded
    "E07000242": "E07000999",  # ... and (for the test) recoded again
    "E06000028": "E06000058",  # Bournemouth, Poole and Christchurch merged into BCP
    "E06000029": "E06000058",
    "E07000048": "E06000058",
}


@pytest.mark.parametrize(
    ("code", "earlier", "now"),
    [
        ("E08000039", ["E08000019"], "E08000039"),
        ("E08000019", [], "E08000039"),
        ("E07000999", ["E07000242", "E07000097"], "E07000999"),
        ("E07000097", [], "E07000999"),
        ("E06000058", [], "E06000058"),
        ("E06000028", [], "E06000028"),
        ("E08000035", [], "E08000035"),
    ],
)
def test_recodes_are_followed_and_merges_are_not(code: str, earlier: list[str], now: str) -> None:
    recoded = recodes(SUCCESSORS)
    assert earlier_codes(code, recoded) == earlier
    assert current_code(code, recoded) == now


def test_a_loop_of_recodes_ends() -> None:
    recoded = recodes({"E06000001": "E06000002", "E06000002": "E06000001"})
    assert earlier_codes("E06000001", recoded) == ["E06000002"]
    assert current_code("E06000001", recoded) == "E06000002"
