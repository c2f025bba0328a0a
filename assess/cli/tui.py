"""`assess tui [FILE]` (and `assess` alone in a terminal): the terminal app."""

from __future__ import annotations

import argparse
import sys

from assess.cli.common import err
from assess.errors import EXIT_USAGE
from assess.tui.app import run


def tui(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        err("assess: the terminal app needs a terminal; for files and pipes use `assess score` (see --help)")
        return EXIT_USAGE
    return run(args.file)
