"""`assess actions`: the plan's open actions, for an issue tracker."""

from __future__ import annotations

import argparse

from assess.cli.common import print_diagnostics, wrote
from assess.errors import EXIT_OK
from assess.pipeline import output, render
from assess.pipeline.team import load_team


def actions(args: argparse.Namespace) -> int:
    loaded = load_team(args.file, args.questionnaire)
    print_diagnostics(loaded.warnings)
    assessment = loaded.assess(as_of=args.date)
    output.emit(args.output, render.actions(assessment, args.format), loaded.inputs)
    wrote(args.output)
    return EXIT_OK
