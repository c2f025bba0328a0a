"""`assess score`: one team's answers file scored."""

from __future__ import annotations

import argparse

from assess.cli.common import err, print_diagnostics, wrote
from assess.errors import EXIT_INVALID, EXIT_OK
from assess.pipeline import output, render
from assess.pipeline.team import load_team


def score(args: argparse.Namespace) -> int:
    output.refuse_overlap([args.output, args.domains_csv])
    loaded = load_team(args.file, args.questionnaire, strict=args.strict)
    output.check([args.output, args.domains_csv], loaded.inputs)
    print_diagnostics(loaded.warnings)  # answers that contradict each other: warnings, on stderr
    assessment = loaded.assess(as_of=args.date)
    output.emit(args.output, render.assessment(assessment, args.format), loaded.inputs)
    wrote(args.output)
    if args.domains_csv is not None:
        output.emit(args.domains_csv, render.domains_csv([assessment]), loaded.inputs)
        wrote(args.domains_csv)
    if args.fail_under is not None:
        value = assessment.overall.score or 0.0
        if value < args.fail_under:
            err(f"overall score {value:.1f} is below --fail-under {args.fail_under:g}")
            return EXIT_INVALID
    return EXIT_OK
