"""`assess org` (many teams rolled up), `assess compare` and `assess history` (one team over time)."""

from __future__ import annotations

import argparse
import datetime as dt

from assess.cli.common import err, quiet, refuse_binary_on_terminal, wrote
from assess.errors import EXIT_INVALID, EXIT_OK
from assess.pipeline import output, render
from assess.pipeline.org import assessments, compare_files, history_of, load_org, rollup


def org(args: argparse.Namespace) -> int:
    refuse_binary_on_terminal(args.format, args.output, "assess org")
    output.refuse_overlap([args.output, args.domains_csv, args.actions_csv])
    loaded = load_org(args.paths, args.questionnaire, progress_bar=not quiet())
    output.check([args.output, args.domains_csv, args.actions_csv], loaded.inputs)
    for bad in loaded.invalid:
        for message in bad.diagnostics:
            err(str(message))
    # Who is due for re-assessment and which agreed actions are overdue are judged on --date,
    # else on today's date (read here: the engine never reads the clock).
    as_of = args.date or dt.date.today()
    result = rollup(loaded, as_of)
    teams = assessments(loaded, as_of) if args.format == "csv" or args.actions_csv else []
    if args.format == "csv":
        output.emit(args.output, render.questions_csv(teams), loaded.inputs)
        wrote(args.output)
        if args.domains_csv:
            output.emit(args.domains_csv, render.domains_csv(teams), loaded.inputs)
            wrote(args.domains_csv)
    else:
        when = args.date or max((t.assessed_at for t in result.teams if t.assessed_at), default=None)
        created = when.isoformat() if when else None
        data = render.rollup(result, args.format, name=loaded.name, paper=args.paper, created=created)
        output.emit(args.output, data, loaded.inputs)
        wrote(args.output)
    if args.actions_csv:
        output.emit(args.actions_csv, render.actions_csv(teams), loaded.inputs)
        wrote(args.actions_csv)
    return EXIT_INVALID if loaded.invalid else EXIT_OK


def compare(args: argparse.Namespace) -> int:
    result, inputs = compare_files(args.old, args.new, args.questionnaire)
    output.check([args.output], inputs)
    output.emit(args.output, render.comparison(result, args.format), inputs)
    wrote(args.output)
    return EXIT_OK


def history(args: argparse.Namespace) -> int:
    refuse_binary_on_terminal(args.format, args.output, "assess history")
    result, inputs = history_of(args.paths, args.questionnaire)
    output.check([args.output], inputs)
    when = args.date or (result.points[-1].assessed_at if result.points else None)
    created = when.isoformat() if when else None
    data = render.history(result, args.format, paper=args.paper, created=created)
    output.emit(args.output, data, inputs)
    wrote(args.output)
    return EXIT_OK
