"""`assess completion SHELL`: a shell completion script, made by shtab from the parser itself."""

from __future__ import annotations

import argparse
import sys

import shtab

from assess.cli.parser import build_parser
from assess.errors import EXIT_OK


def completion(args: argparse.Namespace) -> int:
    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    sys.stdout.flush()
    return EXIT_OK
