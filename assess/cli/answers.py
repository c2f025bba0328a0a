"""`assess validate` (answers and organisation files checked, not scored) and `assess init`
(a template to fill in, with its schema beside it)."""

from __future__ import annotations

import argparse
import datetime as dt

from assess.cli.common import err, note, out, quiet, wrote
from assess.errors import EXIT_INVALID, EXIT_OK
from assess.pipeline import output
from assess.pipeline.init import init as initialise
from assess.pipeline.validate import validate_files
from assess.printable import one_line
from assess.report import validation


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
                    out(one_line(validation.summary(check)) + "\n")
            else:
                for d in check.diagnostics:  # at most MAX_SHOWN per file, then a note counting the rest
                    err(one_line(str(d)))
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
