"""``python -m assess`` and the ``assess`` command.

The command line's own imports take a few tens of milliseconds. A Ctrl+C that lands during
them ends the program as one that lands later does (exit 130, one line), not with a traceback
from the middle of an import: so they happen here, inside the guard.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # assess.errors.EXIT_INTERRUPTED, which is not imported yet


def run() -> int:
    try:
        from assess.cli import main  # lazy: inside the guard, so a Ctrl+C during imports ends cleanly

        return main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(run())
