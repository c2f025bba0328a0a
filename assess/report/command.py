"""``assess report``: the leadership report as PDF, HTML or Markdown; and the demo's PDF.

Output is written atomically and never over an input (the answers file or its questionnaire). A PDF
is binary, so without ``-o`` it goes to stdout only when stdout is not a terminal. The report's date
comes from ``--date`` or the answers' ``assessed_at``, never from the clock, so the same inputs give
the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Only light imports at module level: the CLI builds its parser from ``add_arguments`` on every run.
if TYPE_CHECKING:
    from assess.models import Assessment
    from assess.report.context import Options

FORMATS = ("pdf", "html", "markdown")
SUFFIX_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
DEMO_PDF = "assess-demo-report.pdf"


def iso_date(text: str) -> dt.date:
    """argparse type for --date: a calendar date written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="answers YAML file")
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="file to write; '-' or no -o writes to stdout (a PDF only when stdout is not a terminal)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="output format (default: from the -o suffix: .html, .md, otherwise pdf)",
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF page size (default a4)")
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="report date for the cover and the PDF metadata (default: the answers' assessed_at)",
    )
    p.add_argument("--strict", action="store_true", help="unanswered questions are errors")
    p.add_argument(
        "--questionnaire", "-q", metavar="ID|FILE", help="override the questionnaire named in the file"
    )


def output_format(requested: str | None, output: Path | None) -> str:
    if requested:
        return requested
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), "pdf")
    return "pdf"


def render(assessment: Assessment, fmt: str, options: Options) -> bytes:
    """The report in one format, as bytes ready to write."""
    if fmt == "pdf":
        from assess.report import pdf

        try:
            return pdf.render(assessment, options)
        except pdf.MissingLibraries as exc:
            from assess.cli import EnvironmentProblem

            raise EnvironmentProblem(str(exc)) from None
        except pdf.UnsafeFetch as exc:
            from assess.cli import EnvironmentProblem

            raise EnvironmentProblem(f"{exc} (the installed report templates have been changed)") from None
    if fmt == "html":
        from assess.report import html

        return html.render(assessment, options).encode("utf-8")
    from assess.report import markdown

    return markdown.render(assessment, report_date=options.report_date).encode("utf-8")


def write(path: Path, data: bytes, inputs: list[Path]) -> None:
    from assess.cli import EnvironmentProblem, _refuse_input
    from assess.loading import atomic_write_bytes

    _refuse_input(path, inputs)
    if path.is_dir():
        raise EnvironmentProblem(f"{path}: is a directory; give a file name for the report")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise EnvironmentProblem(f"{path}: cannot write: {exc.strerror or exc}") from None


def cmd_report(args: argparse.Namespace) -> int:
    from assess import catalog
    from assess.cli import EXIT_OK, EXIT_USAGE, _err, load_answers
    from assess.engine import assess
    from assess.report.context import Options

    to_stdout = args.output is None or str(args.output) == "-"
    fmt = output_format(args.format, None if to_stdout else args.output)
    if fmt == "pdf" and to_stdout and sys.stdout.isatty():
        _err("assess report: a PDF cannot be shown on a terminal; give -o FILE.pdf, or --format html")
        return EXIT_USAGE

    answers, questionnaire, _ = load_answers(args.file, args.questionnaire, strict=args.strict)
    assessment = assess(questionnaire, answers)
    data = render(assessment, fmt, Options(paper=args.paper, report_date=args.date))
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    inputs = [args.file, catalog.locate(args.questionnaire or answers.questionnaire_id)]
    write(args.output, data, inputs)
    _err(f"wrote {args.output}")
    return EXIT_OK


def write_demo_pdf(assessment: Assessment, inputs: list[Path]) -> Path:
    """The demo's PDF in the current directory; its absolute path."""
    from assess.report.context import Options

    path = Path.cwd() / DEMO_PDF
    write(path, render(assessment, "pdf", Options()), inputs)
    return path
