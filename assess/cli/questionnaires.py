"""`assess questionnaire list|show|validate|import-lens|export-lens` and `assess schema`."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import yaml

from assess import catalog
from assess import schema as schemas
from assess.checks import check_questionnaire
from assess.cli.common import err, note, out, print_diagnostics, wrote
from assess.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidInput, UsageError
from assess.files import MAX_BYTES
from assess.lens import export_lens as lens_from_questionnaire
from assess.lens import export_messages
from assess.lens import import_lens as lens_to_questionnaire
from assess.loading import Diagnostic, load_model
from assess.models import ID_PATTERN, SCHEMA_VERSION, Questionnaire, SingleQuestion
from assess.pipeline import output
from assess.printable import one_line
from assess.schema import schema_text
from assess.words import counted


def list_(args: argparse.Namespace) -> int:
    """Every questionnaire that can be named by id, checked as fully as any command checks it:
    one that a command would refuse (a duplicate id, a dependency cycle) is listed as invalid."""
    rows = []
    for entry in catalog.entries():
        try:
            found = catalog.load_fast(str(entry.path))
            q = found.questionnaire
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
        except InvalidInput as exc:
            problems = len(exc.diagnostics)
            more = f" (and {problems - 1} more problem{'s' if problems > 2 else ''})" if problems > 1 else ""
            rows.append(
                {
                    "id": entry.id,
                    "version": None,
                    "title": f"invalid: {exc.diagnostics[0]}{more}",
                    "questions": 0,
                    "source": entry.source,
                    "path": str(entry.path),
                }
            )
    if args.format == "json":
        out(json.dumps({"schema_version": SCHEMA_VERSION, "questionnaires": rows}, indent=2) + "\n")
    else:
        lines = []
        for r in rows:
            ident, version, title, where = (
                one_line(str(r[k] or "?")) for k in ("id", "version", "title", "path")
            )
            lines.append(f"{ident:<20} v{version:<6} {r['questions']:>3} questions  {r['source']:<8} {title}")
            lines.append(f"{'':<20} {where}")
        out("".join(f"{line}\n" for line in lines))
    return EXIT_OK


def outline(q: Questionnaire) -> dict[str, Any]:
    """Domains, questions and choices as plain data (choice scores of a checklist are its weights' shares)."""

    def choices(question: Any) -> list[dict[str, Any]]:
        if isinstance(question, SingleQuestion):
            return [{"id": c.id, "label": c.label, "score": c.score} for c in question.choices]
        total = sum(c.weight for c in question.choices if not c.none_of_these) or 1.0
        return [
            {"id": c.id, "label": c.label, "score": 0.0 if c.none_of_these else round(c.weight / total, 4)}
            for c in question.choices
        ]

    return {
        "schema_version": SCHEMA_VERSION,
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


def show(args: argparse.Namespace) -> int:
    q, _ = catalog.load(args.id)
    data = outline(q)
    if args.format == "json":
        out(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "yaml":
        out(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    else:
        lines = [f"{one_line(q.title)} ({q.id} v{q.version})"]
        for d in q.domains:
            lines.append(f"\n{one_line(d.title)} [{d.id}]")
            for qq in d.questions:
                lines.append(f"  {qq.id}: {one_line(qq.text)}")
                lines.extend(f"      {c.id:<18} {one_line(c.label)}" for c in qq.choices)
        out("\n".join(lines) + "\n")
    return EXIT_OK


def validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            q, parsed = load_model(Questionnaire, path)
        except InvalidInput as exc:
            print_diagnostics(exc.diagnostics)
            status = EXIT_INVALID
            continue
        found = check_questionnaire(q, parsed)
        print_diagnostics(found)
        if any(d.severity == "error" for d in found):
            status = EXIT_INVALID
        else:
            warnings = sum(d.severity == "warning" for d in found)
            out(
                f"{one_line(str(path))}: ok ({counted(len(q.domains), 'domain')}, "
                f"{counted(len(q.questions()), 'question')}"
                + (f", {counted(warnings, 'warning')})" if warnings else ")")
                + "\n"
            )
    return status


def import_lens(args: argparse.Namespace) -> int:
    qid = args.id
    if qid is not None and not re.fullmatch(ID_PATTERN, qid):
        err(f"assess: --id {qid!r}: use letters, digits, '-' and '_', starting with a letter or digit")
        return EXIT_USAGE
    named = args.output is not None and not output.to_stdout(args.output)
    if qid is None and named and re.fullmatch(ID_PATTERN, args.output.stem):
        qid = args.output.stem  # questionnaires are found by file name, so the two should agree
    output.check([args.output], [args.lens])
    imported = lens_to_questionnaire(args.lens, qid)
    print_diagnostics(imported.diagnostics())
    text = imported.yaml()
    if len(text.encode("utf-8")) > MAX_BYTES:
        message = f"the questionnaire would be larger than {MAX_BYTES // 1024} KiB"
        raise InvalidInput([Diagnostic(str(args.lens), 1, 1, message)])
    output.emit(args.output, text, [args.lens])
    wrote(args.output)
    q = imported.questionnaire
    note(
        f"{args.lens}: lens “{imported.lens.name}” imported as questionnaire {q.id!r} v{q.version} "
        f"({counted(len(q.domains), 'domain')}, {counted(len(q.questions()), 'question')})"
    )
    if named and args.output.stem != q.id:
        note(f"note: questionnaires are found by file name; save it as {q.id}.yaml to use it by id")
    return EXIT_OK


def export_lens(args: argparse.Namespace) -> int:
    source = catalog.locate(args.questionnaire)
    q, parsed = catalog.load(args.questionnaire)
    exported = lens_from_questionnaire(q)
    for line in export_messages(exported, parsed):
        err(line)
    texts = exported.texts()
    out: Path = args.output
    paths = [out] + [out.with_name(f"{out.stem}-{k}{out.suffix}") for k in range(2, len(texts) + 1)]
    output.check(paths, [source])
    for path, text in zip(paths, texts, strict=True):
        output.emit(path, text, [source])
        wrote(path)
    pillars = sum(len(lens.pillars) for lens in exported.lenses)
    questions = sum(len(p.questions) for lens in exported.lenses for p in lens.pillars)
    note(
        f"{q.id} v{q.version} exported as {len(texts)} lens{'es' if len(texts) > 1 else ''} "
        f"({counted(pillars, 'pillar')}, {counted(questions, 'question')}); load it in the AWS "
        "Well-Architected Tool under Custom lenses"
    )
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    if args.questionnaire is not None and args.kind != "answers":
        raise UsageError("assess schema: --questionnaire goes with `assess schema answers` only")
    if args.questionnaire is None:
        output.emit(args.output, schema_text(args.kind))
    else:
        q, _ = catalog.load(args.questionnaire)
        output.emit(args.output, schemas.text(schemas.answers_for(q)), [catalog.locate(args.questionnaire)])
    wrote(args.output)
    return EXIT_OK
