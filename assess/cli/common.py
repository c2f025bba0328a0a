"""What every command prints: its result on stdout, diagnostics and notes on stderr.

``--quiet`` silences notes (``note``, ``wrote``); problems (``err``, diagnostics) always print.
Everything here may reach a terminal, so it goes through ``assess.printable``: a file name or a
questionnaire text holding an escape sequence is shown, never obeyed. Light on purpose: the
terminal app starts through this module.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assess.diagnostics import Diagnostic, capped
from assess.errors import EnvironmentProblem, UsageError
from assess.printable import for_stream, one_line, visible

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
    try:
        print(visible(message), file=sys.stderr)
    except OSError:
        # Standard error itself cannot be written (`2> /dev/full`, a closed pipe): the exit code
        # still says what happened; what is left in its buffer must not fail again at exit.
        silence(sys.stderr)


def silence(stream: TextIO) -> None:
    """Point a standard stream at /dev/null, so the interpreter's own flush at exit (of what could
    not be written) adds no second message and no other exit code."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's StringIO): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def out(text: str) -> None:
    """A result on standard output (control characters shown as marks on a terminal)."""
    try:
        sys.stdout.write(for_stream(text, sys.stdout))
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise EnvironmentProblem(stdout_problem(exc)) from None


def stdout_problem(exc: OSError) -> str:
    return f"cannot write to standard output: {exc.strerror or exc}"


def note(message: str) -> None:
    """Something the reader may want to know, that is neither a result nor a problem."""
    if not _quiet:
        err(message)


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    """One line per problem, at most ``MAX_SHOWN`` per file, then how many more there are."""
    for d in capped(diagnostics):
        err(one_line(str(d)))


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
