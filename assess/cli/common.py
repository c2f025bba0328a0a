"""What every command prints besides its result: diagnostics and notes, on stderr."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from assess.diagnostics import Diagnostic
from assess.errors import UsageError


def err(message: str) -> None:
    print(message, file=sys.stderr)


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        err(str(d))


def wrote(path: Path | None) -> None:
    """Say where a file went (nothing for standard output, which the reader already has)."""
    if path is not None and str(path) != "-":
        err(f"wrote {path}")


def refuse_binary_on_terminal(fmt: str, output: Path | None, command: str) -> None:
    """A PDF goes to a file or a pipe; on a terminal it would be noise (UsageError)."""
    if fmt == "pdf" and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise UsageError(
            f"{command}: a PDF cannot be shown on a terminal; give -o FILE.pdf, or --format html"
        )
