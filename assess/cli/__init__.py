"""The command line: argument parsing and one call into the application layer per command.

Results go to stdout and nothing else does; diagnostics go to stderr. Exit codes are those
of ``assess.errors`` (0 ok, 1 invalid input, 2 usage, 3 environment, 130 interrupted).

Commands live one group to a module (``score``, ``answers``, ``report``, ``questionnaires``,
``org``, ``tui``, ``completion``) and are imported here, in ``handler``, only when they run:
that is the one place the command line imports lazily, so ``assess score`` never loads the
report stack, textual or WeasyPrint, and ``assess`` opens the terminal app before pydantic is
even imported.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assess.cli.common import err, never_fail_to_encode, print_diagnostics, set_quiet, silence, stdout_problem
from assess.cli.parser import build_parser
from assess.errors import EXIT_ENV, EXIT_INTERRUPTED, EXIT_OK, AssessError, InvalidInput, interrupted

Handler = Callable[[argparse.Namespace], int]
TUI = "assess.cli.tui:tui"


def handler(name: str) -> Handler:
    """The function behind ``module:function``, importing its module now (see the docstring)."""
    module, _, function = name.partition(":")
    found: Handler = getattr(importlib.import_module(module), function)
    return found


def _app_fast_path(argv: Sequence[str]) -> argparse.Namespace | None:
    """`assess` or `assess tui [FILE]` in a terminal: skip building the whole parser.

    Building every subcommand's parser costs about 30 ms, a tenth of the
    terminal app's first frame; the app needs nothing from it."""
    words = list(argv)
    if words[:1] == ["tui"]:
        words = words[1:]
    elif words:
        return None
    if len(words) > 1 or any(w.startswith("-") for w in words):
        return None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    return argparse.Namespace(handler=TUI, file=Path(words[0]) if words else None)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    never_fail_to_encode()
    code = _main(words)
    problem = _settle_stdout()
    if problem is not None and code != EXIT_ENV:
        # Standard output could not take the result (`> /dev/full`): the one thing to say.
        err(f"assess: {problem}")
        code = EXIT_ENV
    return code


def _main(words: list[str]) -> int:
    try:
        args = _app_fast_path(words)
        if args is None:
            parser = build_parser()
            args = parser.parse_args(words)
            if getattr(args, "handler", None) is None:
                # No command: the terminal app, when there is a terminal to show it in.
                if not (sys.stdin.isatty() and sys.stdout.isatty()):
                    parser.print_help()
                    return EXIT_OK
                args.handler, args.file = TUI, None
        set_quiet(bool(getattr(args, "quiet", False)))
        return int(handler(args.handler)(args))
    except InvalidInput as exc:
        print_diagnostics(exc.diagnostics)
        return exc.exit_code
    except AssessError as exc:
        err(f"assess: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        # Every file the commands read or write reports its own problems; what is left is
        # standard output itself.
        _silence_stdout()
        err(f"assess: {stdout_problem(exc)}")
        return EXIT_ENV
    except Exception as exc:
        if not interrupted(exc):  # a Ctrl+C during an import may arrive wrapped
            raise
        err("interrupted")
        return EXIT_INTERRUPTED


def _settle_stdout() -> str | None:
    """Flush standard output now, while a problem can still be reported; None when it took
    everything (or its reader went away), else why it could not."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        return stdout_problem(exc)
    return None


def _silence_stdout() -> None:
    silence(sys.stdout)
