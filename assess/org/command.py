"""`assess org`, `assess compare` and `assess history`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assess.diagnostics import Diagnostic, LoadError


def cmd_org(args: argparse.Namespace) -> int:
    from assess.cli import EXIT_INVALID, EXIT_OK, _err, _write_output
    from assess.engine.org import rollup
    from assess.org.load import load_teams
    from assess.org.render import rollup_markdown

    loaded = load_teams(args.paths, args.questionnaire)
    for bad in loaded.invalid:
        for message in bad.diagnostics:
            _err(message)
    if loaded.questionnaire is None or not loaded.teams:
        _err("assess org: no valid answers files to roll up")
        return EXIT_INVALID
    targets = loaded.settings.targets if loaded.settings else None
    result = rollup(loaded.questionnaire, loaded.teams, loaded.invalid, targets)
    name = loaded.settings.organisation if loaded.settings else None
    inputs = [Path(t.file) for t in loaded.teams]
    if args.format == "json":
        _write_output(args.output, result.model_dump_json(indent=2) + "\n", inputs)
    elif args.format == "markdown":
        _write_output(args.output, rollup_markdown(result, name), inputs)
    elif args.format == "csv":
        from assess.engine import assess
        from assess.report.csv_export import domains_csv, questions_csv

        assessments = [assess(loaded.questionnaire, t.answers, default_targets=targets) for t in loaded.teams]
        _write_output(args.output, questions_csv(assessments), inputs)
        if args.domains_csv:
            _write_output(args.domains_csv, domains_csv(assessments), inputs)
    else:
        from assess.report.org_report import render_org

        render_org(result, name, args, inputs)
    return EXIT_INVALID if loaded.invalid else EXIT_OK


def _load_assessment(path: Path, questionnaire: str | None) -> Any:
    from assess.cli import _assessment

    return _assessment(path, questionnaire, False)


def cmd_compare(args: argparse.Namespace) -> int:
    from assess.cli import EXIT_OK, _write_output
    from assess.engine.org import compare
    from assess.org.render import comparison_markdown, comparison_text

    old = _load_assessment(args.old, args.questionnaire)
    new = _load_assessment(args.new, args.questionnaire)
    if old.questionnaire.id != new.questionnaire.id:
        raise LoadError(
            [
                Diagnostic(
                    str(args.new),
                    1,
                    1,
                    f"answers for a different questionnaire than {args.old}; only like can be compared",
                )
            ]
        )
    result = compare(old, new)
    text = {
        "json": lambda: result.model_dump_json(indent=2) + "\n",
        "markdown": lambda: comparison_markdown(result),
        "text": lambda: comparison_text(result),
    }[args.format]()
    _write_output(args.output, text, [args.old, args.new])
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from assess.cli import EXIT_OK, _write_output
    from assess.engine.org import history
    from assess.loading import iter_yaml_files
    from assess.org.render import history_markdown, history_text

    files = list(iter_yaml_files(args.paths))
    points = [(str(p), _load_assessment(p, args.questionnaire)) for p in files]
    problems = [
        Diagnostic(f, 1, 1, "no assessed_at date; history needs dated answers files")
        for f, a in points
        if a.assessed_at is None
    ]
    names = {a.team.name for _, a in points}
    if len(names) > 1:
        problems.append(
            Diagnostic(
                files[0].as_posix(),
                1,
                1,
                "history is for one team, but these files are "
                f"for {len(names)}: {', '.join(sorted(names))}; use `assess org` for many",
            )
        )
    if len({a.questionnaire.id for _, a in points}) > 1:
        problems.append(Diagnostic(files[0].as_posix(), 1, 1, "the files answer different questionnaires"))
    if problems:
        raise LoadError(problems)
    if len(points) < 2:
        raise LoadError(
            [Diagnostic(str(args.paths[0]), 1, 1, "history needs at least two dated answers files")]
        )
    from assess import catalog

    questionnaire, _ = catalog.load(args.questionnaire or points[0][1].questionnaire.id)
    result = history(questionnaire, points)
    inputs = [Path(f) for f, _ in points]
    if args.format == "json":
        _write_output(args.output, result.model_dump_json(indent=2) + "\n", inputs)
    elif args.format == "markdown":
        _write_output(args.output, history_markdown(result), inputs)
    elif args.format == "text":
        _write_output(args.output, history_text(result), inputs)
    else:
        from assess.report.org_report import render_history

        render_history(result, args, inputs)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the organisation commands to the top-level subparsers."""
    p = sub.add_parser(
        "org",
        help="Roll up many teams: heatmap, shared gaps, organisation advice.",
        description="Roll up many teams' answers files (files or folders of them). A file with "
        "an `organisation:` key sets default targets for every team.",
    )
    p.set_defaults(handler=cmd_org)
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", choices=["json", "csv", "markdown", "html", "pdf"], default="markdown")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout (required for pdf)")
    p.add_argument(
        "--domains-csv",
        type=Path,
        metavar="FILE",
        help="with --format csv: also write one row per team and domain to FILE",
    )
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4")
    p.add_argument("--date", help="report date (YYYY-MM-DD); default: the newest assessed_at")

    p = sub.add_parser(
        "compare",
        help="What changed between two assessments of one team.",
        description="What changed between two assessments of one team.",
    )
    p.set_defaults(handler=cmd_compare)
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--format", "-f", choices=["text", "json", "markdown"], default="text")
    p.add_argument("--output", "-o", type=Path)
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")

    p = sub.add_parser(
        "history",
        help="Trend per practice area over several dated assessments of one team.",
        description="Trend per practice area over several dated assessments of one team.",
    )
    p.set_defaults(handler=cmd_history)
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", choices=["text", "json", "markdown", "html", "pdf"], default="text")
    p.add_argument("--output", "-o", type=Path)
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4")
    p.add_argument("--date", help="report date (YYYY-MM-DD)")
