"""`assess report` (the leadership report as PDF, HTML or Markdown) and `assess demo`.

A PDF is binary, so without ``-o`` it goes to stdout only when stdout is not a terminal.
The report's date comes from ``--date`` or the answers' ``assessed_at``, never the clock,
so the same inputs give the same file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assess.cli.common import out, refuse_binary_on_terminal, wrote
from assess.errors import EXIT_OK, EnvironmentProblem
from assess.pipeline import output, render
from assess.pipeline.team import load_team
from assess.report.context import Options
from assess.resources import examples_dir

SUFFIX_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
DEMO_EXAMPLE = "payments-product-team.yaml"
DEMO_PDF = "assess-demo-report.pdf"


def output_format(requested: str | None, path: Path | None) -> str:
    if requested:
        return requested
    if path is not None and not output.to_stdout(path):
        return SUFFIX_FORMATS.get(path.suffix.lower(), "pdf")
    return "pdf"


def report(args: argparse.Namespace) -> int:
    fmt = output_format(args.format, args.output)
    refuse_binary_on_terminal(fmt, args.output, "assess report")
    if args.output is not None and not output.to_stdout(args.output) and args.output.is_dir():
        raise EnvironmentProblem(f"{args.output}: is a directory; give a file name for the report")
    loaded = load_team(args.file, args.questionnaire, strict=args.strict)
    output.check([args.output], loaded.inputs)
    options = Options(paper=args.paper, report_date=args.date, answers=args.answers)
    data = render.report(loaded.assess(as_of=args.date), fmt, options)
    output.emit(args.output, data, loaded.inputs)
    wrote(args.output)
    return EXIT_OK


def demo(args: argparse.Namespace) -> int:
    path = examples_dir() / DEMO_EXAMPLE
    loaded = load_team(path)
    assessment = loaded.assess()
    out(f"Demo: scoring {path}\n\n")
    out(render.assessment(assessment, "text"))
    pdf = Path.cwd() / DEMO_PDF
    output.emit(pdf, render.report(assessment, "pdf", Options()), loaded.inputs)
    out(f"\nThe leadership report (PDF) for this team: {pdf}\n")
    out("\nTry it on your own team:  assess init -o answers.yaml  then  assess score answers.yaml\n")
    return EXIT_OK
