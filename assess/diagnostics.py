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


def capped(diagnostics: Sequence[Diagnostic], limit: int = MAX_SHOWN) -> list[Diagnostic]:
    """At most ``limit`` problems per file, in their order, then (for a file with more) one note
    saying how many were left out, placed at the first of them."""
    shown: list[Diagnostic] = []
    count: dict[str, int] = {}
    hidden: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        count[d.file] = count.get(d.file, 0) + 1
        if count[d.file] <= limit:
            shown.append(d)
        else:
            hidden.setdefault(d.file, []).append(d)
    if not hidden:
        return shown
    out: list[Diagnostic] = []
    last = {d.file: i for i, d in enumerate(shown)}
    for i, d in enumerate(shown):
        out.append(d)
        rest = hidden.get(d.file)
        if rest and last[d.file] == i:
            more = f"{len(rest):,} more problem{'s' if len(rest) != 1 else ''}"
            out.append(
                Diagnostic(
                    d.file,
                    rest[0].line,
                    rest[0].column,
                    f"and {more} in this file, not shown (only the first {limit} are)",
                    "note",
                )
            )
    return out


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest option, or nothing."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


__all__ = ["MAX_SHOWN", "Diagnostic", "capped", "did_you_mean"]
