"""`assess score`, `assess validate` and `assess init`: one team's answers file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from assess import catalog
from assess.cli.common import err, print_diagnostics, wrote
from assess.errors import EXIT_INVALID, EXIT_OK, InvalidInput
from assess.files import iter_yaml_files
from assess.pipeline import output, render
from assess.pipeline.team import load_team
from assess.template import answers_template


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
    results: list[dict[str, Any]] = []
    status = EXIT_OK
    for path in iter_yaml_files(args.files):
        try:
            loaded = load_team(path, args.questionnaire, strict=args.strict)
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
            print(f"{path}: ok ({answered} of {total} questions answered)")
    if args.format == "json":
        print(json.dumps(results, indent=2))
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
    output.emit(args.output, text, [catalog.locate(args.questionnaire)])
    wrote(args.output)
    return EXIT_OK
