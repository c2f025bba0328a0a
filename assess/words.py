"""Counted nouns, right by construction: ``counted(2, "SRE")`` is "2 SREs", never "2 SRE(s)".

Every text that puts a number before a noun (reports, advice, diagnostics) goes through here,
so "1 high risks" and "2 team(s)" cannot be written.
"""

from __future__ import annotations

# Nouns whose plural is not the noun plus "s".
_IRREGULAR = {
    "person": "people",
    "child": "children",
    "analysis": "analyses",
    "process": "processes",
    "lens": "lenses",
    "search": "searches",
    "fix": "fixes",
    "gap": "gaps",
}


def plural(noun: str) -> str:
    """The plural of ``noun``; the last word is the one that changes ("tooling gap" -> "tooling gaps")."""
    head, _, last = noun.rpartition(" ")
    lower = last.lower()
    if lower in _IRREGULAR:
        word = _IRREGULAR[lower]
        word = word.capitalize() if last[:1].isupper() else word
    elif last.isupper():  # an acronym: SRE -> SREs, SLO -> SLOs
        word = last + "s"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    elif lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def counted(n: float, noun: str, plural_form: str | None = None) -> str:
    """``n`` and the noun in the right number: 1 team, 2 teams, 0 teams, 1.5 days."""
    number = f"{n:g}" if isinstance(n, float) else f"{n:,}"
    return f"{number} {noun if n == 1 else (plural_form or plural(noun))}"


def listing(items: list[str]) -> str:
    """Items in a sentence: "a", "a and b", "a, b and c" (at least one item)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def agrees(n: float, singular: str, plural: str) -> str:
    """The verb that goes with ``n`` things: ``agrees(1, "is", "are")`` is "is"."""
    return singular if n == 1 else plural
