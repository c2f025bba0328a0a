"""Shared by the property-based tests: run the CLI in-process and check its promise.

Every input either loads (exit 0) or is refused (exit 1) with messages of the
form ``file:line:col: message``; never a traceback, never another exit code.
"""

from __future__ import annotations

import contextlib
import io
import re
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
