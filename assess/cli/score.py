"""`assess score`, `assess validate` and `assess init`: one team's answers file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from assess import catalog
from assess.cli.common import err, out, print_diagnostics, wrote
from assess.diagnostics import Diagnostic
from assess.errors import EXIT_INVALID, EXIT_OK, InvalidInput
from assess.files import empty_folders, iter_yaml_files
from assess.pipeline import output, render
from assess.pipeline.team import Known, load_team
from assess.printable import one_line
from assess.template import answers_template


def score(args: argparse.Namespace) -> int:
    output.refuse_overlap([args.output, args.domains_csv])
    loaded = load_team(args.file, args.questionnaire, strict=args.strict)
    output.check([args.output, args.domains_csv], loaded.inputs)
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
    results: list[dict[str, Any]] = []
    status = EXIT_OK
    for folder in empty_folders(args.files):
        status = EXIT_INVALID
        nothing = Diagnostic(str(folder), 1, 1, "no answers files (*.yaml, *.yml) in this folder")
        results.append({"file": str(folder), "ok": False, "diagnostics": [nothing.as_dict()]})
        if args.format == "text":
            print_diagnostics([nothing])
    known: Known = {}  # each questionnaire read once (it may be a pipe)
    for path in iter_yaml_files(args.files):
        try:
            loaded = load_team(path, args.questionnaire, strict=args.strict, known=known)
        except InvalidInput as exc:
            status = EXIT_INVALID
            results.append(
                {"file": str(path), "ok": False, "diagnostics": [d.as_dict() for d in exc.diagnostics]}
            )
            if args.format == "text":
                print_diagnostics(exc.diagnostics)
            continue
        answered = sum(v is not None for v in loaded.answers.answers.values())
        total = len(loaded.questionnaire.questions())
        results.append({"file": str(path), "ok": True, "answered": answered, "total": total})
        if args.format == "text":
            out(f"{one_line(str(path))}: ok ({answered} of {total} questions answered)\n")
    if args.format == "json":
        out(json.dumps(results, indent=2) + "\n")
    return status


def init(args: argparse.Namespace) -> int:
    q, _ = catalog.load(args.questionnaire)
    text = answers_template(q, team=args.team, today=dt.date.today())
    if (
        args.output is not None
        and not output.to_stdout(args.output)
        and args.output.exists()
        and not args.force
    ):
        err(f"{args.output} exists; use --force to replace it")
        return EXIT_INVALID
    inputs = [catalog.locate(args.questionnaire)]
    output.check([args.output], inputs)
    output.emit(args.output, text, inputs)
    wrote(args.output)
    return EXIT_OK
