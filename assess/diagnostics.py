"""Problems found in input files, printable as ``file:line:col: message``.

Kept apart from ``loading`` (which needs pydantic and PyYAML) so the command
line and ``assess.errors`` can use them without paying for those imports before
it knows which command runs: the terminal app's first frame depends on it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one file, printable as ``file:line:col: message``."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        # One line per problem, whatever the message holds, so editors and grep can rely on it.
        message = " ".join(self.message.split())
        return f"{self.file}:{self.line}:{self.column}: {prefix}{message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


MAX_SHOWN = 100  # problems printed per file; the rest are counted in one more line
_RANK = {"error": 0, "warning": 1}  # what is shown first when a file has more than MAX_SHOWN


def capped(diagnostics: Sequence[Diagnostic], limit: int = MAX_SHOWN) -> list[Diagnostic]:
    """At most ``limit`` problems per file, errors before warnings and notes (so the reason a
    file is refused is never among those left out), kept in their order; then, for a file with
    more, one note saying how many were left out, placed at the first of them."""
    by_file: dict[str, list[int]] = {}
    for i, d in enumerate(diagnostics):
        by_file.setdefault(d.file, []).append(i)
    hidden: set[int] = set()
    notes: dict[int, Diagnostic] = {}  # the note goes after this index
    for file, indexes in by_file.items():
        if len(indexes) <= limit:
            continue
        ranked = sorted(indexes, key=lambda i: (_RANK.get(diagnostics[i].severity, 2), i))
        shown = set(ranked[:limit])
        rest = [i for i in indexes if i not in shown]
        hidden.update(rest)
        more = f"{len(rest):,} more problem{'s' if len(rest) != 1 else ''}"
        first = diagnostics[rest[0]]
        notes[max(shown)] = Diagnostic(
            file,
            first.line,
            first.column,
            f"and {more} in this file, not shown (only {limit} are, errors first)",
            "note",
        )
    out: list[Diagnostic] = []
    for i, d in enumerate(diagnostics):
        if i not in hidden:
            out.append(d)
        if i in notes:
            out.append(notes[i])
    return out


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest option, or nothing."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


__all__ = ["MAX_SHOWN", "Diagnostic", "capped", "did_you_mean"]
