"""What every command prints besides its result: diagnostics and notes, on stderr.

``--quiet`` silences notes (``note``, ``wrote``); problems (``err``, diagnostics) always print."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from assess.diagnostics import Diagnostic
from assess.errors import UsageError

_quiet = False


def set_quiet(quiet: bool) -> None:
    global _quiet
    _quiet = quiet


def quiet() -> bool:
    return _quiet


def never_fail_to_encode() -> None:
    """Text the terminal's encoding cannot show is replaced (``?``), never a UnicodeEncodeError.

    Files written with -o are UTF-8 whatever the terminal; only what is shown is affected."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def err(message: str) -> None:
    print(message, file=sys.stderr)


def note(message: str) -> None:
    """Something the reader may want to know, that is neither a result nor a problem."""
    if not _quiet:
        err(message)


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        err(str(d))


def wrote(path: Path | None) -> None:
    """Say where a file went (nothing for standard output, which the reader already has)."""
    if path is not None and str(path) != "-":
        note(f"wrote {path}")


def refuse_binary_on_terminal(fmt: str, output: Path | None, command: str) -> None:
    """A PDF goes to a file or a pipe; on a terminal it would be noise (UsageError)."""
    if fmt == "pdf" and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise UsageError(
            f"{command}: a PDF cannot be shown on a terminal; give -o FILE.pdf, or --format html"
        )
