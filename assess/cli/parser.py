"""The command line's arguments. Light on purpose: building the parser imports nothing heavy.

Each command names its handler as ``"module:function"``; ``assess.cli.main`` imports the
module only when that command runs. Every option and argument has help text, every command
an Examples section; ``tests/test_cli_help.py`` keeps it so.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess import __version__

ASSESSMENT_FORMATS = ("text", "json", "yaml", "markdown", "csv")
REPORT_FORMATS = ("pdf", "html", "markdown")
VALIDATE_FORMATS = ("text", "json", "github", "sarif")
ACTION_FORMATS = ("json", "github", "jira-csv")
PAPERS = ("a4", "letter")
SCHEMA_KINDS = ("answers", "questionnaire", "organisation", "result")
SHELLS = ("bash", "zsh", "tcsh")

# What shell completion offers for an argument (shtab reads ``action.complete``); the same
# values as shtab.FILE and shtab.DIRECTORY, written out so that building the parser never
# imports shtab.
FILE = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
DIRECTORY = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/", "tcsh": "d"}

STDIN = "'-' reads standard input"
STDOUT = "'-' or no -o writes to standard output"


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


def respondent_name(text: str) -> str:
    """argparse type for --respondent: a name (1 to 200 characters), or the word anonymous."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a name, or the word anonymous")
    if len(text) > TEAM_NAME_MAX:
        raise argparse.ArgumentTypeError(f"the name is {len(text)} characters; at most {TEAM_NAME_MAX}")
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise argparse.ArgumentTypeError("the name is not valid text in this locale's encoding")
    return text


def path(text: str) -> Path:
    """argparse type for files: ``-`` is standard input or output; a file really named ``-`` is
    written ``./-`` (which pathlib alone would turn back into ``-``)."""
    if text != "-" and Path(text) == Path("-"):
        return Path.cwd() / "-"
    return Path(text)


class Parser(argparse.ArgumentParser):
    """An argument parser whose commands report an unknown option with their own usage.

    argparse hands what a command does not know back to the top level, which then prints
    ``usage: assess [-h] ...`` for ``assess score --bogus``; here the command says it."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def examples(*lines: str) -> str:
    return "Examples:\n" + "\n".join(f"  {line}" for line in lines)


def _complete(action: argparse.Action, what: dict[str, str]) -> argparse.Action:
    action.complete = what  # type: ignore[attr-defined]
    return action


def build_parser() -> Parser:
    parser = Parser(
        prog="assess",
        description="SRE maturity assessment and team-topology advisor.",
        epilog=examples(
            "assess                                 open the terminal app",
            "assess init --team Payments -o payments.yaml",
            "assess score payments.yaml",
            "assess report payments.yaml -o payments.pdf",
            "assess org teams/ -o org.html",
            "assess completion bash > ~/.local/share/bash-completion/completions/assess",
        )
        + "\n\nExit codes: 0 ok, 1 invalid input or --fail-under not met, 2 usage, 3 environment.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"assess {__version__}")
    parser.add_argument(
        "--quiet", action="store_true", help="print results and problems only: no notes such as 'wrote FILE'"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str,
        handler: str | None,
        help: str,
        example: list[str],
        parent: Any = sub,
        description: str = "",
    ) -> Parser:
        p: Parser = parent.add_parser(
            name,
            help=help,
            description=description or help,
            epilog=examples(*example),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if handler is not None:
            p.set_defaults(handler=handler)
        # SUPPRESS: a command's default must not undo `assess --quiet COMMAND`.
        p.add_argument(
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help="print results and problems only: no notes such as 'wrote FILE'",
        )
        return p

    def questionnaire_option(p: argparse.ArgumentParser, help: str = "") -> None:
        _complete(
            p.add_argument(
                "--questionnaire",
                "-q",
                metavar="ID|FILE",
                help=help
                or "check against this questionnaire (an id or a file) instead of the one named in the file",
            ),
            FILE,
        )

    def output_option(p: argparse.ArgumentParser, help: str = f"file to write; {STDOUT}") -> None:
        _complete(p.add_argument("--output", "-o", type=path, metavar="FILE", help=help), FILE)

    def answers_argument(p: argparse.ArgumentParser) -> None:
        _complete(p.add_argument("file", type=path, metavar="FILE", help=f"answers YAML file; {STDIN}"), FILE)

    def paths_argument(p: argparse.ArgumentParser, what: str) -> None:
        _complete(
            p.add_argument(
                "paths",
                type=path,
                nargs="+",
                metavar="PATH",
                help=f"{what}: files, or folders searched for *.yaml and *.yml; {STDIN}",
            ),
            FILE,
        )

    def strict_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--strict", action="store_true", help="treat unanswered questions as errors")

    def paper_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--paper", choices=PAPERS, default="a4", help="PDF page size (default: a4)")

    def format_option(p: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
        p.add_argument(
            "--format", "-f", choices=choices, default=default, help=f"output format (default: {default})"
        )

    # ---- one team -------------------------------------------------------------------------
    p = command(
        "score",
        "assess.cli.score:score",
        "Score an answers file.",
        [
            "assess score payments.yaml",
            "assess score payments.yaml -f json -o payments.json",
            "assess score payments.yaml -f csv --domains-csv domains.csv -o questions.csv",
            "assess score payments.yaml --strict --fail-under 60      # in CI",
            "cat payments.yaml | assess score -",
        ],
    )
    answers_argument(p)
    format_option(p, ASSESSMENT_FORMATS, "text")
    output_option(p)
    _complete(
        p.add_argument(
            "--domains-csv", type=path, metavar="FILE", help="also write one CSV row per domain to FILE"
        ),
        FILE,
    )
    strict_option(p)
    p.add_argument(
        "--fail-under",
        type=score_threshold,
        metavar="N",
        help="exit 1 if the overall score (0-100) is below N",
    )
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the results are read on: answers and evidence older than 90 days then are stale "
        "(default: the answers' assessed_at)",
    )
    questionnaire_option(p)

    p = command(
        "validate",
        "assess.cli.answers:validate",
        "Check answers files (and organisation files) without scoring them.",
        [
            "assess validate payments.yaml",
            "assess validate teams/ --strict",
            "assess validate teams/ -f github          # annotations in a GitHub Actions log",
            "assess validate teams/ -f sarif > assess.sarif",
            "cat payments.yaml | assess validate -",
        ],
        description="Check answers files without scoring them. An organisation file (one with an "
        "`organisation:` key) is checked as one, and said to be one.",
    )
    _complete(
        p.add_argument(
            "files",
            type=path,
            nargs="+",
            metavar="FILE",
            help=f"answers or organisation files, or folders searched for *.yaml and *.yml; {STDIN}",
        ),
        FILE,
    )
    strict_option(p)
    p.add_argument(
        "--format",
        "-f",
        choices=VALIDATE_FORMATS,
        default="text",
        help="text (default), json, github (workflow annotations on stdout) or sarif (SARIF 2.1.0)",
    )
    questionnaire_option(p)

    p = command(
        "init",
        "assess.cli.answers:init",
        "Write a commented answers template to fill in.",
        [
            "assess init --team Payments -o payments.yaml",
            "assess init -q my-questionnaire.yaml -o team.yaml",
            "assess init --team Payments --respondent anonymous -o mine.yaml   # a workshop participant",
            "assess init > payments.yaml",
        ],
        description="Write a commented answers template to fill in. With -o, the questionnaire's answers "
        "schema is written beside it (ID.vVERSION.answers.schema.json) and the template's first line "
        "points to it, so editors complete choice ids and flag wrong ones wherever the folder goes.",
    )
    questionnaire_option(p, "questionnaire to answer: an id or a file (default: sre-core)")
    p.set_defaults(questionnaire="sre-core")
    output_option(p, f"answers file to write (never replaced without --force); {STDOUT}")
    p.add_argument(
        "--team",
        type=team_name,
        default="My team",
        help="team name to put in the template, 1 to 200 characters (default: My team)",
    )
    p.add_argument(
        "--respondent",
        type=respondent_name,
        metavar="NAME|anonymous",
        help="a participant's own file for a workshop: their name, or 'anonymous' (merge the files "
        "with `assess consensus`)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = command(
        "migrate",
        "assess.cli.answers:migrate",
        "Move an answers file to the current version of its questionnaire.",
        [
            "assess migrate payments.yaml                  # the new file on stdout, what changed on stderr",
            "assess migrate payments.yaml -o payments-v2.yaml",
            "assess migrate payments.yaml --in-place",
        ],
        description="Move an answers file to the current version of its questionnaire (sre-core@1 to "
        "sre-core@2), using the questionnaire's migrations. Standard error lists what was carried over, "
        "what to check and which new questions need an answer (left empty in the new file). Nothing is "
        "written unless asked: the new file goes to standard output, -o writes it elsewhere (never over "
        "FILE), and only --in-place replaces FILE itself.",
    )
    answers_argument(p)
    output_option(p, f"the new answers file (never FILE itself; an existing one only with --force); {STDOUT}")
    p.add_argument(
        "--in-place", action="store_true", help="replace FILE itself with the new version, atomically"
    )
    p.add_argument("--force", action="store_true", help="with -o: replace an existing output file")

    p = command(
        "consensus",
        "assess.cli.workshop:consensus",
        "Merge participants' answers files into one team answers file, with every vote.",
        [
            "assess consensus ana.yaml bo.yaml anonymous-1.yaml -o team.yaml",
            "assess consensus workshop/ -o team.yaml --min-voices 4",
            "assess tui team.yaml                     # then talk the disagreements through",
        ],
        description="Merge participants' answers files (each person answers alone: `assess init "
        "--respondent NAME` or `--respondent anonymous`) into one team answers file. Each answer is the "
        "proposed consensus (one choice: the median vote; a checklist: what more than half chose); where "
        "at least --min-voices people answered a question the file keeps every vote (anonymous ones "
        "without a name) and a disagreement mark. Standard error lists the disagreements, most costly "
        "first. The file is an answers file every command reads; `assess tui FILE` walks the "
        "disagreements and records what the team agreed.",
    )
    paths_argument(p, "participants' answers files")
    output_option(p, f"team answers file to write (never replaced without --force); {STDOUT}")
    p.add_argument(
        "--min-voices",
        type=int,
        default=3,
        metavar="N",
        help="keep and show votes only for questions at least N people answered (default: 3; at least 2)",
    )
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the team file's assessed_at (default: the newest assessed_at of the participants' files)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    questionnaire_option(p)

    p = command(
        "schema",
        "assess.cli.questionnaires:schema",
        "Print a JSON Schema (draft-07): answers, questionnaire, organisation or result files.",
        [
            "assess schema answers -q sre-core -o sre-core.v2.answers.schema.json",
            "assess schema answers -q my-questionnaire.yaml",
            "assess schema result       # what `assess score -f json` prints",
            "assess schema organisation",
        ],
    )
    p.add_argument(
        "kind",
        choices=SCHEMA_KINDS,
        help="answers (with -q: that questionnaire's questions and choices), questionnaire, "
        "organisation (the organisation file) or result (`assess score -f json`)",
    )
    questionnaire_option(
        p, "with answers: the questionnaire (id or file) whose questions and choices the schema lists"
    )
    output_option(p)

    p = command(
        "report",
        "assess.cli.report:report",
        "Write the leadership report: PDF, HTML or Markdown.",
        [
            "assess report payments.yaml -o payments.pdf",
            "assess report payments.yaml -o payments.html",
            "assess report payments.yaml --paper letter --date 2026-12-01 > payments.pdf",
            "assess report payments.yaml --no-answers -o payments-short.pdf",
        ],
    )
    answers_argument(p)
    output_option(
        p, "file to write; '-' or no -o writes to stdout (a PDF only when stdout is not a terminal)"
    )
    p.add_argument(
        "--format",
        "-f",
        choices=REPORT_FORMATS,
        help="output format (default: from the -o suffix: .html, .md, otherwise pdf)",
    )
    paper_option(p)
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="report date for the cover and the PDF metadata, and the day staleness is judged on "
        "(default: the answers' assessed_at)",
    )
    p.add_argument(
        "--answers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the appendix of every answer, with the notes and medium risks' reasons the practice areas "
        "leave out (default: included; --no-answers for the leader's part, plan long tail and method only)",
    )
    strict_option(p)
    questionnaire_option(p)

    p = command(
        "actions",
        "assess.cli.actions:actions",
        "The plan's open actions for an issue tracker: GitHub issues, a Jira CSV, or JSON.",
        [
            "assess actions payments.yaml -f github -o actions.json   # for gh issue create (README)",
            "assess actions payments.yaml -f jira-csv -o actions.csv  # for Jira's CSV importer",
            "assess actions payments.yaml --date 2026-12-01           # overdue as of that day",
        ],
        description="The plan's open actions (no status yet, planned or in-progress; overdue first) for "
        "an issue tracker: github (a JSON array of title, body and labels, one `gh issue create` each), "
        "jira-csv (Summary, Description, Labels, Due date and Assignee, the columns Jira's CSV importer "
        "maps by name), or json (everything, with the done_when to record in the actions section). "
        "Nothing is sent anywhere. Each item carries a stable id in its text, so running it again on "
        "the same file gives the same items.",
    )
    answers_argument(p)
    format_option(p, ACTION_FORMATS, "json")
    output_option(p)
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day overdue is judged on (default: the answers' assessed_at)",
    )
    questionnaire_option(p)

    command(
        "demo",
        "assess.cli.report:demo",
        "Score a bundled example team, print the summary and write its PDF report.",
        ["assess demo            # writes ./assess-demo-report.pdf"],
        description="Score a bundled example team, print the summary, and write its PDF report to "
        "assess-demo-report.pdf in the current folder.",
    )

    p = command(
        "tui",
        "assess.cli.tui:tui",
        "Open the terminal app (also what `assess` alone does).",
        ["assess tui", "assess tui payments.yaml"],
    )
    _complete(
        p.add_argument(
            "file",
            type=path,
            nargs="?",
            metavar="FILE",
            help="answers file to open; one that does not exist yet is started there",
        ),
        FILE,
    )

    # ---- many teams, one team over time -----------------------------------------------------
    p = command(
        "org",
        "assess.cli.org:org",
        "Roll up many teams: heatmap, shared gaps, organisation advice.",
        [
            "assess org teams/",
            "assess org teams/ -f html -o org.html",
            "assess org teams/ -f pdf -o org.pdf",
            "assess org teams/ -f csv -o questions.csv --domains-csv domains.csv",
        ],
        description="Roll up many teams' answers files (files or folders of them). A file with "
        "an `organisation:` key sets default targets for every team.",
    )
    paths_argument(p, "answers files and the organisation file")
    format_option(p, ("json", "csv", "markdown", "html", "pdf"), "markdown")
    output_option(
        p, "file to write; '-' or no -o writes to stdout (a PDF only when stdout is not a terminal)"
    )
    _complete(
        p.add_argument(
            "--domains-csv",
            type=path,
            metavar="FILE",
            help="with --format csv: also write one row per team and domain to FILE",
        ),
        FILE,
    )
    _complete(
        p.add_argument(
            "--actions-csv",
            type=path,
            metavar="FILE",
            help="also write every team's actions section to FILE, one row per entry",
        ),
        FILE,
    )
    questionnaire_option(p)
    paper_option(p)
    p.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="report date (default: the newest assessed_at), and the day who is due for re-assessment "
        "and which agreed actions are overdue are judged on (default: today's date)",
    )

    p = command(
        "compare",
        "assess.cli.org:compare",
        "What changed between two assessments of one team.",
        [
            "assess compare payments-2026-03.yaml payments-2026-09.yaml",
            "assess compare old.yaml new.yaml -f json",
        ],
    )
    _complete(
        p.add_argument("old", type=path, metavar="OLD", help=f"the earlier answers file; {STDIN}"), FILE
    )
    _complete(p.add_argument("new", type=path, metavar="NEW", help=f"the later answers file; {STDIN}"), FILE)
    format_option(p, ("text", "json", "markdown"), "text")
    output_option(p)
    questionnaire_option(p)

    p = command(
        "history",
        "assess.cli.org:history",
        "Trend per practice area over several dated assessments of one team.",
        ["assess history payments/", "assess history payments/ -f html -o trend.html"],
    )
    paths_argument(p, "dated answers files of one team")
    format_option(p, ("text", "json", "markdown", "html", "pdf"), "text")
    output_option(
        p, "file to write; '-' or no -o writes to stdout (a PDF only when stdout is not a terminal)"
    )
    questionnaire_option(p)
    paper_option(p)
    p.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="report date (default: the newest assessed_at)"
    )

    # ---- questionnaires ----------------------------------------------------------------------
    qp = command(
        "questionnaire",
        None,
        "List, show, validate, import or export questionnaires.",
        [
            "assess questionnaire list",
            "assess questionnaire show sre-core",
            "assess questionnaire validate my-questionnaire.yaml",
            "assess questionnaire import-lens lens.json -o my-lens.yaml",
        ],
    )
    qsub = qp.add_subparsers(dest="qcommand", metavar="SUBCOMMAND", required=True, parser_class=Parser)
    p = command(
        "list",
        "assess.cli.questionnaires:list_",
        "List the questionnaires that can be named by id.",
        ["assess questionnaire list", "assess questionnaire list -f json"],
        qsub,
    )
    format_option(p, ("text", "json"), "text")
    p = command(
        "show",
        "assess.cli.questionnaires:show",
        "Show a questionnaire's domains, questions and choices.",
        ["assess questionnaire show sre-core", "assess questionnaire show my-questionnaire.yaml -f yaml"],
        qsub,
    )
    _complete(
        p.add_argument("id", metavar="ID|FILE", help=f"a questionnaire id or file; {STDIN}"),
        FILE,
    )
    format_option(p, ("text", "json", "yaml"), "text")
    p = command(
        "validate",
        "assess.cli.questionnaires:validate",
        "Check questionnaire files.",
        [
            "assess questionnaire validate my-questionnaire.yaml",
            "cat q.yaml | assess questionnaire validate -",
        ],
        qsub,
    )
    _complete(
        p.add_argument(
            "files", type=path, nargs="+", metavar="FILE", help=f"questionnaire YAML files; {STDIN}"
        ),
        FILE,
    )

    p = command(
        "import-lens",
        "assess.cli.questionnaires:import_lens",
        "Convert an AWS Well-Architected custom lens (JSON) into a questionnaire.",
        [
            "assess questionnaire import-lens lens.json -o my-lens.yaml",
            "assess questionnaire import-lens - < lens.json",
        ],
        qsub,
    )
    _complete(
        p.add_argument("lens", type=path, metavar="LENS.json", help=f"the lens file; {STDIN}"),
        FILE,
    )
    output_option(p, f"questionnaire YAML to write; {STDOUT}")
    p.add_argument("--id", help="questionnaire id (default: the output file name, else from the lens name)")
    p = command(
        "export-lens",
        "assess.cli.questionnaires:export_lens",
        "Write a questionnaire as an AWS Well-Architected custom lens (JSON).",
        ["assess questionnaire export-lens sre-core -o sre-core-lens.json"],
        qsub,
    )
    _complete(
        p.add_argument("questionnaire", metavar="ID|FILE", help=f"a questionnaire id or file; {STDIN}"),
        FILE,
    )
    _complete(
        p.add_argument(
            "--output",
            "-o",
            type=path,
            metavar="LENS.json",
            required=True,
            help="lens file to write (a second lens, if needed, goes beside it as LENS-2.json)",
        ),
        FILE,
    )

    p = command(
        "completion",
        "assess.cli.completion:completion",
        "Print a shell completion script.",
        [
            "assess completion bash > ~/.local/share/bash-completion/completions/assess",
            "assess completion zsh > ~/.zfunc/_assess     # with fpath+=(~/.zfunc) in ~/.zshrc",
        ],
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete for")
    return parser
