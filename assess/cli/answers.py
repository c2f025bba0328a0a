"""`assess validate` (answers and organisation files checked, not scored), `assess init`
(a template to fill in, with its schema beside it) and `assess migrate` (answers moved to the
current version of their questionnaire)."""

from __future__ import annotations

import argparse
import datetime as dt

from assess.cli.common import err, note, out, quiet, wrote
from assess.errors import EXIT_INVALID, EXIT_OK, UsageError
from assess.pipeline import output
from assess.pipeline.init import init as initialise
from assess.pipeline.migrate import migrate_file
from assess.pipeline.migrate import write as write_migrated
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
            if check.ok and not quiet():
                out(one_line(validation.summary(check)) + "\n")
            for d in check.diagnostics:  # the problems (at most MAX_SHOWN per file), or a pass's warnings
                err(one_line(str(d)))
    return EXIT_OK if result.ok else EXIT_INVALID


def init(args: argparse.Namespace) -> int:
    done = initialise(
        args.questionnaire,
        args.output,
        team=args.team,
        today=dt.date.today(),
        force=args.force,
        respondent=args.respondent,
    )
    for path in done.written:
        wrote(path)
    for line in done.notes:
        note(line)
    return EXIT_OK


def migrate(args: argparse.Namespace) -> int:
    if args.in_place and args.output is not None:
        raise UsageError("migrate: give either -o OUT or --in-place, not both")
    if args.in_place and str(args.file) == "-":
        raise UsageError("migrate: --in-place needs a file, not standard input")
    migrated = migrate_file(args.file)
    for line in migrated.report():
        err(line)
    if migrated.up_to_date:
        return EXIT_OK
    for path in write_migrated(migrated, args.output, in_place=args.in_place, force=args.force):
        wrote(path)
    return EXIT_OK
