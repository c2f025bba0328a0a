"""The errors every front end turns into an exit code, and the codes themselves.

Light on purpose (no pydantic, no PyYAML): the command line catches these before it
knows which command runs, and the terminal app's first frame must not wait for them.

- 0 success;
- 1 invalid input (``InvalidInput``: every problem as ``file:line:col: message``), or a failed
  ``--fail-under``;
- 2 usage (``UsageError``: an unknown option, a value that is not allowed);
- 3 environment (``EnvironmentProblem``: an output that cannot be written, a missing library);
- 130 interrupted.
"""

from __future__ import annotations

from typing import ClassVar

from assess.diagnostics import Diagnostic

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_ENV = 3
EXIT_INTERRUPTED = 130


class AssessError(Exception):
    """Something the person can act on; ``exit_code`` is what the command line exits with."""

    exit_code: ClassVar[int] = EXIT_INVALID


class InvalidInput(AssessError):
    """Raised with every diagnostic found in an input (never just the first)."""

    exit_code = EXIT_INVALID

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


class UsageError(AssessError):
    """The command was asked for something it does not do."""

    exit_code = EXIT_USAGE


class EnvironmentProblem(AssessError):
    """Something about the machine, not the input: an unwritable output, a missing library."""

    exit_code = EXIT_ENV


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is a Ctrl+C, or was caused by one: Python wraps an exception raised while
    a class is being created (a pydantic model, during an import) in a RuntimeError."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
