"""``python -m assess`` and the ``assess`` command.

The command line's own imports take a few tens of milliseconds. A Ctrl+C that lands during
them ends the program as one that lands later does (exit 130, one line), not with a traceback
from the middle of an import: so they happen here, inside the guard, and nothing but ``sys``
(loaded before any program) is imported outside it. One that lands inside the import system's
own clean-up, where Python can only report it as "ignored", is delivered again in the guard;
one that Python wraps in another exception (while a class is created) is still a Ctrl+C.
"""

import sys

EXIT_INTERRUPTED = 130  # assess.errors.EXIT_INTERRUPTED, which is not imported yet


def _interrupt_again(unraisable: "sys.UnraisableHookArgs") -> None:
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        import signal  # lazy: only for a Ctrl+C that the import system swallowed

        signal.raise_signal(signal.SIGINT)  # raised again at the next instruction, in the guard
        return
    sys.__unraisablehook__(unraisable)


def run() -> int:
    try:
        previous, sys.unraisablehook = sys.unraisablehook, _interrupt_again
        try:
            from assess.cli import main  # lazy: inside the guard, so a Ctrl+C during imports ends cleanly
        finally:
            sys.unraisablehook = previous
        return main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if not _interrupted(exc):
            raise
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupted(exc: BaseException) -> bool:
    """A Ctrl+C that Python wrapped (in a RuntimeError, when it lands while a class is created)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


if __name__ == "__main__":
    raise SystemExit(run())
