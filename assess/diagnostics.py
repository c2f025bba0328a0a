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


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest option, or nothing."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


__all__ = ["Diagnostic", "did_you_mean"]
