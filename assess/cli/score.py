"""`assess score`, `assess validate`, `assess init` and `assess migrate`: one team's answers file."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from assess import catalog
from assess.cli.common import err, print_diagnostics, wrote
from assess.errors import EXIT_INVALID, EXIT_OK, InvalidInput, UsageError
from assess.files import iter_yaml_files
from assess.pipeline import output, render
from assess.pipeline.migrate import migrate_file
from assess.pipeline.team import load_team
from assess.template import answers_template


def score(args: argparse.Namespace) -> int:
    output.refuse_overlap([args.output, args.domains_csv])
    loaded = load_team(args.file, args.questionnaire, strict=args.strict)
    print_diagnostics(loaded.warnings)
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
        answered = sum(
            v is not None and k not in loaded.not_applicable for k, v in loaded.answers.answers.items()
        )
        total = len(loaded.questionnaire.questions())
        results.append(
            {
                "file": str(path),
                "ok": True,
                "answered": answered,
                "total": total,
                "not_applicable": len(loaded.not_applicable),
                "warnings": [d.as_dict() for d in loaded.warnings],
            }
        )
        if args.format == "text":
            skipped = f", {len(loaded.not_applicable)} do not apply" if loaded.not_applicable else ""
            print(f"{path}: ok ({answered} of {total} questions answered{skipped})")
            print_diagnostics(loaded.warnings)
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


def migrate(args: argparse.Namespace) -> int:
    if args.in_place and args.output is not None:
        raise UsageError("migrate: give either -o OUT or --in-place, not both")
    if (
        args.output is not None
        and not output.to_stdout(args.output)
        and args.output.exists()
        and not args.force
    ):
        err(f"{args.output} exists; use --force to replace it")
        return EXIT_INVALID
    migrated = migrate_file(args.file)
    for line in migrated.report():
        err(line)
    if migrated.up_to_date:
        return EXIT_OK
    if args.in_place:
        output.replace_input(args.file, migrated.text)
        wrote(args.file)
        return EXIT_OK
    output.emit(args.output, migrated.text, migrated.inputs)
    wrote(args.output)
    return EXIT_OK
