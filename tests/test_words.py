"""Counted nouns are right by construction."""

from __future__ import annotations

import pytest

from assess.words import counted, listing, plural


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, "SRE", "1 SRE"),
        (2, "SRE", "2 SREs"),
        (0, "team", "0 teams"),
        (1, "team", "1 team"),
        (23, "tooling gap", "23 tooling gaps"),
        (1, "high risk", "1 high risk"),
        (3, "high risk", "3 high risks"),
        (2, "person", "2 people"),
        (2, "policy", "2 policies"),
        (2, "day", "2 days"),
        (2, "process", "2 processes"),
        (1.5, "week", "1.5 weeks"),
        (1000, "file", "1,000 files"),
    ],
)
def test_counted(n: float, noun: str, expected: str) -> None:
    assert counted(n, noun) == expected


def test_an_explicit_plural_wins() -> None:
    assert counted(2, "service", "services run") == "2 services run"
    assert plural("Analysis") == "Analyses"


def test_listing_joins_items_as_a_sentence_does() -> None:
    assert listing(["a"]) == "a"
    assert listing(["a", "b"]) == "a and b"
    assert listing(["a", "b", "c"]) == "a, b and c"
