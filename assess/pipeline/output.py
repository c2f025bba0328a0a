"""Where results go: standard output, or a file written safely and never over an input."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

from assess import files
from assess.diagnostics import Diagnostic
from assess.errors import EnvironmentProblem, InvalidInput
from assess.printable import for_stream


def to_stdout(output: Path | None) -> bool:
    """No ``-o``, or ``-o -``: the result goes to standard output."""
    return output is None or files.is_stdio(output)


def emit(output: Path | None, result: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write ``result`` to standard output (``output`` None or ``-``) or to the file ``output``.

    A file that the command read is refused (InvalidInput); a file that cannot be written
    raises EnvironmentProblem and leaves what was there untouched (see ``assess.files``)."""
    if output is None or to_stdout(output):
        try:
            _to_stdout(result)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the command line ends quietly
        except OSError as exc:
            raise EnvironmentProblem(f"cannot write to standard output: {exc.strerror or exc}") from None
        return
    data = result.encode("utf-8") if isinstance(result, str) else result
    files.refuse_inputs(output, inputs)
    try:
        files.write_bytes(output, data)
    except OSError as exc:
        raise EnvironmentProblem(files.describe_os_error(output, exc)) from None


def _to_stdout(result: str | bytes) -> None:
    """Text as it is to a file or a pipe; on a terminal, with control characters shown as marks
    (whatever the format: a CSV or JSON read on a terminal must not drive it)."""
    if isinstance(result, bytes) and sys.stdout.isatty():
        with contextlib.suppress(UnicodeDecodeError):
            result = result.decode("utf-8")  # Markdown, HTML or JSON bytes; a PDF never gets here
    if isinstance(result, str):
        sys.stdout.write(for_stream(result, sys.stdout))
        sys.stdout.flush()
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(result)
        sys.stdout.buffer.flush()


def refuse_overlap(outputs: Sequence[Path | None]) -> None:
    """Two outputs of one command must be different files (InvalidInput otherwise)."""
    named = [o for o in outputs if o is not None and not to_stdout(o)]
    for i, first in enumerate(named):
        for second in named[i + 1 :]:
            if files.same_file(first, second):
                raise InvalidInput(
                    [Diagnostic(str(second), 1, 1, f"two outputs would be written to one file ({first})")]
                )


def check(outputs: Sequence[Path | None], inputs: Sequence[Path]) -> None:
    """Before anything is written: no output is a file the command read, and no two outputs
    are one file (InvalidInput otherwise), so a refused command writes nothing at all."""
    refuse_overlap(outputs)
    for o in outputs:
        if o is not None and not to_stdout(o):
            files.refuse_inputs(o, inputs)


def replace_input(path: Path, text: str) -> None:
    """Write over a file the command read, because the person asked for exactly that (such as
    ``assess migrate --in-place``): atomically, so a crash leaves the old file or the new one."""
    try:
        files.write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise EnvironmentProblem(files.describe_os_error(path, exc)) from None
