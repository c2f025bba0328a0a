"""Shared by the property-based tests: run the CLI in-process and check its promise.

Every input either loads (exit 0) or is refused (exit 1) with messages of the
form ``file:line:col: message``; never a traceback, never another exit code. Hostile paths
(``run_cli``) may also end in a usage error (2) or an environment problem (3).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections import Counter
from pathlib import Path

from assess.cli import main

COUNTS: Counter[str] = Counter()
LOCATED = re.compile(r"^.+:\d+:\d+: \S")


def check_cli(args: list[str], path: Path) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, str(path)])
    assert code in (0, 1), (code, err.getvalue())
    if code == 1:
        lines = [line for line in err.getvalue().splitlines() if line]
        assert lines, "refused without saying why"
        for line in lines:
            assert LOCATED.match(line) and line.startswith(str(path)), line
    COUNTS["ran"] += 1
    COUNTS["rejected"] += code == 1
    return code


DOCUMENTED = (0, 1, 2, 3)  # README: ok, invalid input, usage, environment


def run_cli(args: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """The command line in-process: (exit code, stdout, stderr). Standard output has a byte
    buffer, as a real one does (reports go there as bytes); standard input holds ``stdin``."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse refusing a value: the usage error, exit 2
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved
    out.flush()
    assert code in DOCUMENTED, (code, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue(), err.getvalue()[-2000:]
    COUNTS["ran"] += 1
    COUNTS["rejected"] += code != 0
    assert isinstance(out.buffer, io.BytesIO)
    return code, out.buffer.getvalue().decode("utf-8", "replace"), err.getvalue()
