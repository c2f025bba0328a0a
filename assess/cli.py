"""Command line. Results go to stdout, diagnostics to stderr.

Exit codes: 0 ok; 1 invalid input or a failed --fail-under; 2 usage;
3 environment (missing system library, unwritable output); 130 interrupted.
Heavy modules (textual, weasyprint) are imported inside the commands that
need them, so scoring starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assess import __version__
from assess.diagnostics import Diagnostic, LoadError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_ENV, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class EnvironmentProblem(Exception):
    """Something about the machine, not the input (exit 3)."""


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        _err(str(d))


def _write_output(path: Path | None, text: str, inputs: Sequence[Path] = ()) -> None:
    """stdout, or an atomic write that never replaces one of the inputs."""
    if path is None:
        sys.stdout.write(text)
        return
    from assess.loading import atomic_write_text

    _refuse_input(path, inputs)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise EnvironmentProblem(f"{path}: cannot write: {exc.strerror or exc}") from None
    _err(f"wrote {path}")


def _refuse_input(path: Path, inputs: Sequence[Path]) -> None:
    for source in inputs:
        try:
            same = path.resolve() == source.resolve()
        except OSError:
            same = False
        if same:
            raise LoadError([Diagnostic(str(path), 1, 1, "refusing to write the output over an input file")])


# --------------------------------------------------------------------------
# Loading answers with their questionnaire
# --------------------------------------------------------------------------


def load_answers(path: Path, questionnaire_ref: str | None = None, *, strict: bool = False) -> Any:
    """Answers, questionnaire and parsed file, or LoadError with every problem."""
    from assess import catalog
    from assess.checks import check_answers
    from assess.loading import diagnostic_at, load_model
    from assess.models import Answers

    answers, parsed = load_model(Answers, path)
    try:
        questionnaire = catalog.load_fast(questionnaire_ref or answers.questionnaire_id)
    except LoadError as exc:
        if questionnaire_ref is None and all(d.file == answers.questionnaire_id for d in exc.diagnostics):
            message = exc.diagnostics[0].message
            raise LoadError([diagnostic_at(parsed, ("questionnaire",), message)]) from None
        raise
    problems = check_answers(questionnaire, answers, parsed, strict=strict)
    if problems:
        raise LoadError(problems)
    return answers, questionnaire, parsed


def _assessment(path: Path, questionnaire: str | None, strict: bool) -> Any:
    from assess.engine import assess

    answers, q, _ = load_answers(path, questionnaire, strict=strict)
    return assess(q, answers)


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def render_assessment(assessment: Any, fmt: str) -> str:
    if fmt == "json":
        return str(assessment.model_dump_json(indent=2)) + "\n"
    if fmt == "yaml":
        import yaml

        return str(yaml.safe_dump(assessment.model_dump(mode="json"), sort_keys=False, allow_unicode=True))
    if fmt == "markdown":
        from assess.report import markdown

        return markdown.render(assessment)
    if fmt == "csv":
        from assess.report.csv_export import questions_csv

        return questions_csv([assessment])
    from assess.report import text

    return text.render(assessment)


def cmd_score(args: argparse.Namespace) -> int:
    assessment = _assessment(args.file, args.questionnaire, args.strict)
    _write_output(args.output, render_assessment(assessment, args.format), [args.file])
    if args.domains_csv is not None:
        from assess.report.csv_export import domains_csv

        _write_output(args.domains_csv, domains_csv([assessment]), [args.file])
    if args.fail_under is not None:
        score = assessment.overall.score or 0.0
        if score < args.fail_under:
            _err(f"overall score {score:.1f} is below --fail-under {args.fail_under:g}")
            return EXIT_INVALID
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from assess.loading import iter_yaml_files

    results: list[dict[str, Any]] = []
    status = EXIT_OK
    for path in iter_yaml_files(args.files):
        try:
            answers, q, _ = load_answers(path, args.questionnaire, strict=args.strict)
        except LoadError as exc:
            status = EXIT_INVALID
            results.append(
                {"file": str(path), "ok": False, "diagnostics": [d.as_dict() for d in exc.diagnostics]}
            )
            if args.format == "text":
                _print_diagnostics(exc.diagnostics)
            continue
        answered = sum(v is not None for v in answers.answers.values())
        total = len(q.questions())
        results.append({"file": str(path), "ok": True, "answered": answered, "total": total})
        if args.format == "text":
            print(f"{path}: ok ({answered} of {total} questions answered)")
    if args.format == "json":
        import json

        print(json.dumps(results, indent=2))
    return status


def cmd_init(args: argparse.Namespace) -> int:
    import datetime as dt

    from assess import catalog
    from assess.template import answers_template

    q, _ = catalog.load(args.questionnaire)
    text = answers_template(q, team=args.team, today=dt.date.today())
    if args.output is not None and args.output.exists() and not args.force:
        _err(f"{args.output} exists; use --force to replace it")
        return EXIT_INVALID
    _write_output(args.output, text)
    return EXIT_OK


def cmd_questionnaire_list(args: argparse.Namespace) -> int:
    from assess import catalog
    from assess.loading import load_model
    from assess.models import Questionnaire

    rows = []
    for entry in catalog.entries():
        try:
            q, _ = load_model(Questionnaire, entry.path)
            rows.append(
                {
                    "id": entry.id,
                    "version": q.version,
                    "title": q.title,
                    "questions": len(q.questions()),
                    "source": entry.source,
                    "path": str(entry.path),
                }
            )
        except LoadError as exc:
            rows.append(
                {
                    "id": entry.id,
                    "version": None,
                    "title": f"invalid: {exc.diagnostics[0]}",
                    "questions": 0,
                    "source": entry.source,
                    "path": str(entry.path),
                }
            )
    if args.format == "json":
        import json

        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            print(
                f"{r['id']:<20} v{r['version'] or '?':<6} {r['questions']:>3} questions  "
                f"{r['source']:<8} {r['title']}\n{'':<20} {r['path']}"
            )
    return EXIT_OK


def questionnaire_outline(q: Any) -> dict[str, Any]:
    from assess.models import SingleQuestion

    def choices(question: Any) -> list[dict[str, Any]]:
        if isinstance(question, SingleQuestion):
            return [{"id": c.id, "label": c.label, "score": c.score} for c in question.choices]
        total = sum(c.weight for c in question.choices if not c.none_of_these) or 1.0
        return [
            {"id": c.id, "label": c.label, "score": 0.0 if c.none_of_these else round(c.weight / total, 4)}
            for c in question.choices
        ]

    return {
        "id": q.id,
        "version": q.version,
        "title": q.title,
        "domains": [
            {
                "id": d.id,
                "title": d.title,
                "weight": d.weight,
                "questions": [
                    {
                        "id": qq.id,
                        "kind": qq.kind,
                        "text": qq.text,
                        "weight": qq.weight,
                        "allow_na": qq.allow_na,
                        "choices": choices(qq),
                    }
                    for qq in d.questions
                ],
            }
            for d in q.domains
        ],
    }


def cmd_questionnaire_show(args: argparse.Namespace) -> int:
    from assess import catalog

    q, _ = catalog.load(args.id)
    outline = questionnaire_outline(q)
    if args.format == "json":
        import json

        print(json.dumps(outline, indent=2, ensure_ascii=False))
    elif args.format == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(outline, sort_keys=False, allow_unicode=True))
    else:
        print(f"{q.title} ({q.id} v{q.version})")
        for d in q.domains:
            print(f"\n{d.title} [{d.id}]")
            for qq in d.questions:
                print(f"  {qq.id}: {qq.text}")
                for c in qq.choices:
                    print(f"      {c.id:<18} {c.label}")
    return EXIT_OK


def cmd_questionnaire_validate(args: argparse.Namespace) -> int:
    from assess.checks import check_questionnaire
    from assess.loading import load_model
    from assess.models import Questionnaire

    status = EXIT_OK
    for path in args.files:
        try:
            q, parsed = load_model(Questionnaire, path)
        except LoadError as exc:
            _print_diagnostics(exc.diagnostics)
            status = EXIT_INVALID
            continue
        found = check_questionnaire(q, parsed)
        _print_diagnostics(found)
        if any(d.severity == "error" for d in found):
            status = EXIT_INVALID
        else:
            warnings = sum(d.severity == "warning" for d in found)
            print(
                f"{path}: ok ({len(q.domains)} domains, {len(q.questions())} questions"
                + (f", {warnings} warning(s))" if warnings else ")")
            )
    return status


def cmd_questionnaire_import_lens(args: argparse.Namespace) -> int:
    import re

    from assess.lens import import_lens
    from assess.loading import MAX_BYTES
    from assess.models import ID_PATTERN

    qid = args.id
    if qid is not None and not re.fullmatch(ID_PATTERN, qid):
        _err(f"assess: --id {qid!r}: use letters, digits, '-' and '_', starting with a letter or digit")
        return EXIT_USAGE
    if qid is None and args.output is not None and re.fullmatch(ID_PATTERN, args.output.stem):
        qid = args.output.stem  # questionnaires are found by file name, so the two should agree
    imported = import_lens(args.lens, qid)
    _print_diagnostics(imported.diagnostics())
    text = imported.yaml()
    if len(text.encode("utf-8")) > MAX_BYTES:
        message = f"the questionnaire would be larger than {MAX_BYTES // 1024} KiB"
        raise LoadError([Diagnostic(str(args.lens), 1, 1, message)])
    _write_output(args.output, text, [args.lens])
    q = imported.questionnaire
    _err(
        f"{args.lens}: lens “{imported.lens.name}” imported as questionnaire {q.id!r} v{q.version} "
        f"({len(q.domains)} domains, {len(q.questions())} questions)"
    )
    if args.output is not None and args.output.stem != q.id:
        _err(f"note: questionnaires are found by file name; save it as {q.id}.yaml to use it by id")
    return EXIT_OK


def cmd_questionnaire_export_lens(args: argparse.Namespace) -> int:
    from assess import catalog
    from assess.lens import export_lens, export_messages

    source = catalog.locate(args.questionnaire)
    q, parsed = catalog.load(args.questionnaire)
    exported = export_lens(q)
    for line in export_messages(exported, parsed):
        _err(line)
    texts = exported.texts()
    out: Path = args.output
    paths = [out] + [out.with_name(f"{out.stem}-{k}{out.suffix}") for k in range(2, len(texts) + 1)]
    for path, text in zip(paths, texts, strict=True):
        _write_output(path, text, [source])
    pillars = sum(len(lens.pillars) for lens in exported.lenses)
    questions = sum(len(p.questions) for lens in exported.lenses for p in lens.pillars)
    _err(
        f"{q.id} v{q.version} exported as {len(texts)} lens{'es' if len(texts) > 1 else ''} "
        f"({pillars} pillars, {questions} questions); load it in the AWS Well-Architected Tool "
        "under Custom lenses"
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from assess.schema import schema_text

    _write_output(args.output, schema_text(args.kind))
    return EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        _err("assess: the terminal app needs a terminal; for files and pipes use `assess score` (see --help)")
        return EXIT_USAGE
    from assess.tui.app import run

    return run(args.file)


def cmd_demo(args: argparse.Namespace) -> int:
    from assess.resources import examples_dir

    path = examples_dir() / "payments-product-team.yaml"
    assessment = _assessment(path, None, False)
    print(f"Demo: scoring {path}\n")
    sys.stdout.write(render_assessment(assessment, "text"))
    from assess.report.command import write_demo_pdf

    sys.stdout.flush()
    print(f"\nThe leadership report (PDF) for this team: {write_demo_pdf(assessment, [path])}")
    print("\nTry it on your own team:  assess init -o answers.yaml  then  assess score answers.yaml")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from assess.report.command import cmd_report as report

    return report(args)


# --------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assess",
        description="SRE maturity assessment and team-topology advisor.",
        epilog="Exit codes: 0 ok, 1 invalid input or --fail-under not met, 2 usage, 3 environment.",
    )
    parser.add_argument("--version", action="version", version=f"assess {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help: str, parent: Any = sub
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(name, help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    p = command("score", cmd_score, "Score an answers file.")
    p.add_argument("file", type=Path, help="answers YAML file")
    p.add_argument("--format", "-f", choices=["text", "json", "yaml", "markdown", "csv"], default="text")
    p.add_argument("--output", "-o", type=Path, help="write here instead of stdout")
    p.add_argument(
        "--domains-csv", type=Path, metavar="FILE", help="also write one CSV row per domain to FILE"
    )
    p.add_argument("--strict", action="store_true", help="unanswered questions are errors")
    p.add_argument("--fail-under", type=float, metavar="N", help="exit 1 if the overall score is below N")
    p.add_argument(
        "--questionnaire", "-q", metavar="ID|FILE", help="override the questionnaire named in the file"
    )

    p = command("validate", cmd_validate, "Check answers files without scoring them.")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="answers files or folders of them")
    p.add_argument("--strict", action="store_true", help="unanswered questions are errors")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p.add_argument("--questionnaire", "-q", metavar="ID|FILE")

    p = command("init", cmd_init, "Write a commented answers template to fill in.")
    p.add_argument("--questionnaire", "-q", default="sre-core", metavar="ID|FILE")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    p.add_argument("--team", default="My team", help="team name to put in the template")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = command("schema", cmd_schema, "Print the JSON Schema of answers or questionnaire files.")
    p.add_argument("kind", choices=["answers", "questionnaire"])
    p.add_argument("--output", "-o", type=Path)

    command("demo", cmd_demo, "Score a bundled example team, print the summary and write its PDF report.")

    from assess.report.command import add_arguments as report_arguments

    report_arguments(command("report", cmd_report, "Write the leadership report: PDF, HTML or Markdown."))

    p = command("tui", cmd_tui, "Open the terminal app (also what `assess` alone does).")
    p.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="answers file to open; one that does not exist yet is started there",
    )

    from assess.org.command import register as register_org_commands

    register_org_commands(sub)

    qp = sub.add_parser(
        "questionnaire",
        help="List, show, validate, import or export questionnaires.",
        description="List, show, validate, import or export questionnaires.",
    )
    qsub = qp.add_subparsers(dest="qcommand", metavar="SUBCOMMAND", required=True)
    p = command("list", cmd_questionnaire_list, "List the questionnaires that can be named by id.", qsub)
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p = command(
        "show", cmd_questionnaire_show, "Show a questionnaire's domains, questions and choices.", qsub
    )
    p.add_argument("id", metavar="ID|FILE")
    p.add_argument("--format", "-f", choices=["text", "json", "yaml"], default="text")
    p = command("validate", cmd_questionnaire_validate, "Check questionnaire files.", qsub)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")

    p = command(
        "import-lens",
        cmd_questionnaire_import_lens,
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
        cmd_questionnaire_export_lens,
        "Write a questionnaire as an AWS Well-Architected custom lens (JSON).",
        qsub,
    )
    p.add_argument("questionnaire", metavar="ID|FILE")
    p.add_argument("--output", "-o", type=Path, metavar="LENS.json", required=True, help="lens file to write")
    return parser


def _app_fast_path(argv: Sequence[str]) -> argparse.Namespace | None:
    """`assess` or `assess tui [FILE]` in a terminal: skip building the whole parser.

    Building every subcommand's parser costs about 30 ms, a tenth of the
    terminal app's first frame; the app needs nothing from it."""
    words = list(argv)
    if words[:1] == ["tui"]:
        words = words[1:]
    elif words:
        return None
    if len(words) > 1 or any(w.startswith("-") for w in words):
        return None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    return argparse.Namespace(handler=cmd_tui, file=Path(words[0]) if words else None)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = _app_fast_path(words)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(words)
    handler = getattr(args, "handler", None)
    if handler is None:
        # No command: the terminal app, when there is a terminal to show it in.
        if sys.stdin.isatty() and sys.stdout.isatty():
            args.file = None
            handler = cmd_tui
        else:
            parser.print_help()
            return EXIT_OK
    try:
        return int(handler(args))
    except LoadError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_INVALID
    except EnvironmentProblem as exc:
        _err(f"assess: {exc}")
        return EXIT_ENV
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error of ours.
        sys.stderr.close()
        return EXIT_OK
