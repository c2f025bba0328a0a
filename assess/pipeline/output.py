"""Where results go: standard output, or a file written safely and never over an input."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from assess import files
from assess.errors import EnvironmentProblem


def to_stdout(output: Path | None) -> bool:
    """No ``-o``, or ``-o -``: the result goes to standard output."""
    return output is None or files.is_stdio(output)


def emit(output: Path | None, result: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write ``result`` to standard output (``output`` None or ``-``) or to the file ``output``.

    A file that the command read is refused (InvalidInput); a file that cannot be written
    raises EnvironmentProblem and leaves what was there untouched (see ``assess.files``)."""
    if output is None or to_stdout(output):
        if isinstance(result, str):
            sys.stdout.write(result)
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(result)
            sys.stdout.buffer.flush()
        return
    data = result.encode("utf-8") if isinstance(result, str) else result
    files.refuse_inputs(output, inputs)
    try:
        files.write_bytes(output, data)
    except OSError as exc:
        raise EnvironmentProblem(files.describe_os_error(output, exc)) from None


def refuse_overlap(outputs: Sequence[Path | None]) -> None:
    """Two outputs of one command must be different files (InvalidInput otherwise)."""
    named = [o for o in outputs if o is not None and not to_stdout(o)]
    for i, first in enumerate(named):
        for second in named[i + 1 :]:
            files.refuse_inputs(second, [first])


def replace_input(path: Path, text: str) -> None:
    """Write over a file the command read, because the person asked for exactly that (such as
    ``assess migrate --in-place``): atomically, so a crash leaves the old file or the new one."""
    try:
        files.write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise EnvironmentProblem(files.describe_os_error(path, exc)) from None
