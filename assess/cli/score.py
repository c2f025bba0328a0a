"""`assess score`, `assess validate` and `assess init`: one team's answers file."""

from __future__ import annotations

import argparse
import datetime as dt

from assess.cli.common import err, note, quiet, wrote
from assess.errors import EXIT_INVALID, EXIT_OK
from assess.pipeline import output, render
from assess.pipeline.init import init as initialise
from assess.pipeline.team import load_team
from assess.pipeline.validate import validate_files
from assess.report import validation


def score(args: argparse.Namespace) -> int:
    output.refuse_overlap([args.output, args.domains_csv])
    loaded = load_team(args.file, args.questionnaire, strict=args.strict)
    assessment = loaded.assess()
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


def validate(args: argparse.Namespace) -> int:
    result = validate_files(args.files, args.questionnaire, strict=args.strict)
    if args.format == "json":
        output.emit(None, validation.to_json(result))
    elif args.format == "github":
        output.emit(None, validation.github(result))
    elif args.format == "sarif":
        output.emit(None, validation.sarif(result))
    else:
        for check in result.files:
            if check.ok:
                if not quiet():
                    print(validation.summary(check))
            else:
                for d in check.diagnostics:
                    err(str(d))
    return EXIT_OK if result.ok else EXIT_INVALID


def init(args: argparse.Namespace) -> int:
    done = initialise(
        args.questionnaire, args.output, team=args.team, today=dt.date.today(), force=args.force
    )
    for path in done.written:
        wrote(path)
    for line in done.notes:
        note(line)
    return EXIT_OK
