"""Plain words for the terms of Team Topologies, DevOps Topologies and SRE, given once per report.

A ``Glossary`` is passed over the report's texts in reading order; the first time a term appears it
gets its gloss, in brackets after it (or after a colon when the term already sits in brackets), and
never again. A term the text defines itself ("An embedded SRE: one SRE works inside ...") counts as
glossed there; a mention already followed by brackets is skipped for the next one. The texts stay
plain strings, so every format (HTML, PDF, Markdown) carries the same glosses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# (pattern, gloss). Longer terms first, so "enabling SRE team" is glossed before "enabling".
TERMS: tuple[tuple[str, str], ...] = (
    (r"stream-aligned team", "a team that builds and runs services for its users"),
    (r"stream-aligned", "building and running services for its users"),
    (r"enabling (?:SRE )?team", "specialists who coach a team for a few weeks, then move on"),
    (r"platform team", "a team offering shared tooling as a self-service product"),
    (r"X-as-a-Service", "using what another team provides, with little need to talk"),
    (r"collaboration", "working closely together for a set time"),
    (r"facilitating", "coaching until the team can do it itself"),
    (r"interaction mode", "how two teams work together"),
    (r"embedded SRE", "an SRE working inside the team for a set time"),
    (r"kitchen[- ]sink", "Google's name for a first SRE team that takes on whatever needs doing"),
    (r"Anti-Type [A-Z]", "a setup DevOps Topologies warns against"),
    (r"Type 7", "DevOps Topologies' SRE team, which takes over services that meet its bar"),
    (r"SREs?\b", "site reliability engineer"),
    (r"SLOs?\b", "service level objective: a reliability target as users feel it"),
    (r"error budget", "the unreliability an SLO allows"),
    (r"toil", "manual, repetitive operations work"),
)
# Terms that may only be glossed where written exactly (SRE, SLO), not as parts of other words.
_CASED = {r"SREs?\b", r"SLOs?\b", r"Anti-Type [A-Z]", r"Type 7", r"X-as-a-Service"}
_COMPILED = tuple(
    (re.compile(rf"(?<![\w-]){pattern}", 0 if pattern in _CASED else re.IGNORECASE), gloss)
    for pattern, gloss in TERMS
)


# A longer term covers its shorter form: once "stream-aligned team" is glossed, "stream-aligned" is not.
_COVERS = {0: 1}


@dataclass
class Glossary:
    """Glosses each term the first time ``gloss`` sees it; ``seen`` lists the terms glossed."""

    seen: list[str] = field(default_factory=list)
    _done: set[int] = field(default_factory=set)

    def gloss(self, text: str) -> str:
        inserts: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for index, (pattern, gloss) in enumerate(_COMPILED):
            if index in self._done:
                continue
            for match in pattern.finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                rest = text[match.end() :]
                if rest.startswith(" ("):  # a bracket follows already: gloss a later mention
                    continue
                opening = text[: match.start()].strip().lower() in ("", "a", "an", "the")
                if opening and rest.startswith(":"):  # "An embedded SRE: ..." says what it is itself
                    self._done.add(index)
                    taken.append((match.start(), match.end()))
                    break
                if rest.startswith(")"):
                    insert = f": {gloss}"
                elif not rest or rest[0] in ",;.:" or rest[0].isspace():
                    insert = f" ({gloss})"
                else:
                    continue
                self._done.add(index)
                if index in _COVERS:
                    self._done.add(_COVERS[index])
                self.seen.append(match.group(0))
                taken.append((match.start(), match.end()))
                inserts.append((match.end(), insert))
                break
        for position, insert in sorted(inserts, reverse=True):
            text = text[:position] + insert + text[position:]
        return text

    def all(self, texts: list[str]) -> list[str]:
        return [self.gloss(t) for t in texts]
