"""The command line's arguments. Light on purpose: building the parser imports nothing heavy.

Each command names its handler as ``"module:function"``; ``assess.cli.main`` imports the
module only when that command runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from assess import __version__

ASSESSMENT_FORMATS = ("text", "json", "yaml", "markdown", "csv")
REPORT_FORMATS = ("pdf", "html", "markdown")
PAPERS = ("a4", "letter")


def iso_date(text: str) -> dt.date:
    """argparse type for --date: a calendar date written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def score_threshold(text: str) -> float:
    """argparse type for --fail-under: a score from 0 to 100 (``nan`` would pass every check)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 100:  # also false for nan
        raise argparse.ArgumentTypeError(f"{text!r}: scores go from 0 to 100")
    return value


TEAM_NAME_MAX = 200  # as the answers file allows (assess.models.answers.TeamProfile)


def team_name(text: str) -> str:
    """argparse type for --team: a name the answers file accepts (1 to 200 characters)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the team name is empty")
    if len(text) > TEAM_NAME_MAX:
        raise argparse.ArgumentTypeError(f"the team name is {len(text)} characters; at most {TEAM_NAME_MAX}")
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise argparse.ArgumentTypeError("the team name is not valid text in this locale's encoding")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assess",
        description="SRE maturity assessment and team-topology advisor.",
        epilog="Exit codes: 0 ok, 1 invalid input or --fail-under not met, 2 usage, 3 environment.",
    )
    parser.add_argument("--version", action="version", version=f"assess {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: str, help: str, parent: Any = sub) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    def questionnaire_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--questionnaire", "-q", metavar="ID|FILE", help="override the questionnaire named in the file"
        )

    p = command("score", "assess.cli.score:score", "Score an answers file.")
    p.add_argument("file", type=Path, help="answers YAML file")
    p.add_argument("--format", "-f", choices=ASSESSMENT_FORMATS, default="text")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument(
        "--domains-csv", type=Path, metavar="FILE", help="also write one CSV row per domain to FILE"
    )
    p.add_argument("--strict", action="store_true", help="unanswered questions are errors")
    p.add_argument(
        "--fail-under", type=score_threshold, metavar="N", help="exit 1 if the overall score is below N"
    )
    questionnaire_option(p)

    p = command("validate", "assess.cli.score:validate", "Check answers files without scoring them.")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="answers files or folders of them")
    p.add_argument("--strict", action="store_true", help="unanswered questions are errors")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    questionnaire_option(p)

    p = command("init", "assess.cli.score:init", "Write a commented answers template to fill in.")
    p.add_argument("--questionnaire", "-q", default="sre-core", metavar="ID|FILE")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    p.add_argument("--team", type=team_name, default="My team", help="team name to put in the template")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = command(
        "schema",
        "assess.cli.questionnaires:schema",
        "Print the JSON Schema of answers or questionnaire files.",
    )
    p.add_argument("kind", choices=["answers", "questionnaire"])
    p.add_argument("--output", "-o", type=Path)

    command(
        "demo",
        "assess.cli.report:demo",
        "Score a bundled example team, print the summary and write its PDF report.",
    )

    p = command("report", "assess.cli.report:report", "Write the leadership report: PDF, HTML or Markdown.")
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
        choices=REPORT_FORMATS,
        help="output format (default: from the -o suffix: .html, .md, otherwise pdf)",
    )
    p.add_argument("--paper", choices=PAPERS, default="a4", help="PDF page size (default a4)")
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="report date for the cover and the PDF metadata (default: the answers' assessed_at)",
    )
    p.add_argument("--strict", action="store_true", help="unanswered questions are errors")
    questionnaire_option(p)

    p = command("tui", "assess.cli.tui:tui", "Open the terminal app (also what `assess` alone does).")
    p.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="answers file to open; one that does not exist yet is started there",
    )

    p = sub.add_parser(
        "org",
        help="Roll up many teams: heatmap, shared gaps, organisation advice.",
        description="Roll up many teams' answers files (files or folders of them). A file with "
        "an `organisation:` key sets default targets for every team.",
    )
    p.set_defaults(handler="assess.cli.org:org")
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", choices=["json", "csv", "markdown", "html", "pdf"], default="markdown")
    p.add_argument(
        "--output",
        "-o",
        type=Path,
        help="write here instead of stdout (a PDF goes to stdout only when it is not a terminal)",
    )
    p.add_argument(
        "--domains-csv",
        type=Path,
        metavar="FILE",
        help="with --format csv: also write one row per team and domain to FILE",
    )
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")
    p.add_argument("--paper", choices=PAPERS, default="a4")
    p.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="report date; default: the newest assessed_at"
    )

    p = command("compare", "assess.cli.org:compare", "What changed between two assessments of one team.")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--format", "-f", choices=["text", "json", "markdown"], default="text")
    p.add_argument("--output", "-o", type=Path)
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")

    p = command(
        "history",
        "assess.cli.org:history",
        "Trend per practice area over several dated assessments of one team.",
    )
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", choices=["text", "json", "markdown", "html", "pdf"], default="text")
    p.add_argument("--output", "-o", type=Path)
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")
    p.add_argument("--paper", choices=PAPERS, default="a4")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="report date")

    qp = sub.add_parser(
        "questionnaire",
        help="List, show, validate, import or export questionnaires.",
        description="List, show, validate, import or export questionnaires.",
    )
    qsub = qp.add_subparsers(dest="qcommand", metavar="SUBCOMMAND", required=True)
    p = command(
        "list", "assess.cli.questionnaires:list_", "List the questionnaires that can be named by id.", qsub
    )
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p = command(
        "show",
        "assess.cli.questionnaires:show",
        "Show a questionnaire's domains, questions and choices.",
        qsub,
    )
    p.add_argument("id", metavar="ID|FILE")
    p.add_argument("--format", "-f", choices=["text", "json", "yaml"], default="text")
    p = command("validate", "assess.cli.questionnaires:validate", "Check questionnaire files.", qsub)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")

    p = command(
        "import-lens",
        "assess.cli.questionnaires:import_lens",
        "Convert an AWS Well-Architected custom lens (JSON) into a questionnaire.",
        qsub,
    )
    p.add_argument("lens", type=Path, metavar="LENS.json")
    p.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="questionnaire YAML to write (default: stdout)"
    )
    p.add_argument("--id", help="questionnaire id (default: the output file name, else from the lens name)")
    p = command(
        "export-lens",
        "assess.cli.questionnaires:export_lens",
        "Write a questionnaire as an AWS Well-Architected custom lens (JSON).",
        qsub,
    )
    p.add_argument("questionnaire", metavar="ID|FILE")
    p.add_argument("--output", "-o", type=Path, metavar="LENS.json", required=True, help="lens file to write")
    return parser
