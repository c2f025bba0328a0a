"""`assess validate`: check answers files and organisation files without scoring them.

An organisation file (a mapping with an ``organisation`` key) is checked as one: its model, and
its target domains against the questionnaire given with ``--questionnaire``, else the one the
answers files checked alongside it answer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from assess.diagnostics import Diagnostic
from assess.errors import InvalidInput
from assess.files import empty_folders, iter_yaml_files, read_text
from assess.loading import Parsed, parse_yaml, validate
from assess.models import Questionnaire
from assess.models.org import OrgSettings
from assess.models.validation import FileCheck, Validation
from assess.pipeline.org import check_settings, entries, is_organisation_file
from assess.pipeline.team import Known, check_team, load_once


def validate_files(
    paths: Sequence[Path], questionnaire: str | None = None, *, strict: bool = False
) -> Validation:
    """Every file under ``paths`` checked; nothing raised for a file that fails."""
    checks: list[FileCheck] = [
        FileCheck(
            file=str(folder),
            kind="answers",
            ok=False,
            diagnostics=entries(
                [Diagnostic(str(folder), 1, 1, "no answers files (*.yaml, *.yml) in this folder")]
            ),
        )
        for folder in empty_folders(paths)
    ]
    organisations: list[tuple[int, OrgSettings, Parsed]] = []
    answered: dict[str, Questionnaire] = {}
    known: Known = {}  # each questionnaire read once (it may be a pipe)
    for path in iter_yaml_files(paths):
        kind: Literal["answers", "organisation"] = "answers"
        try:
            parsed = parse_yaml(read_text(path), str(path))
            if is_organisation_file(parsed):
                kind = "organisation"
                settings = validate(OrgSettings, parsed)
            else:
                team = check_team(path, parsed, questionnaire, strict=strict, known=known)
        except InvalidInput as exc:
            checks.append(
                FileCheck(file=str(path), kind=kind, ok=False, diagnostics=entries(exc.diagnostics))
            )
            continue
        if kind == "organisation":
            organisations.append((len(checks), settings, parsed))
            checks.append(FileCheck(file=str(path), kind=kind, ok=True))
            continue
        q = team.questionnaire
        answered[q.id] = q
        checks.append(
            FileCheck(
                file=str(path),
                kind=kind,
                ok=True,
                questionnaire=q.id,
                answered=sum(
                    v is not None and k not in team.not_applicable for k, v in team.answers.answers.items()
                ),
                total=len(q.questions()),
                not_applicable=len(team.not_applicable) or None,
                diagnostics=entries(team.warnings),
            )
        )
    against = _questionnaire_for_targets(questionnaire, answered, known)
    for index, settings, parsed in organisations:
        update: dict[str, object] = {"organisation": settings.organisation, "targets": len(settings.targets)}
        if against is None:
            update["note"] = (
                "target domains not checked: give --questionnaire, or validate the teams' files with it"
            )
        else:
            problems = check_settings(settings, parsed, against)
            if problems:
                update.update(ok=False, diagnostics=entries(problems))
        checks[index] = checks[index].model_copy(update=update)
    return Validation(ok=all(c.ok for c in checks), files=checks)


def _questionnaire_for_targets(
    ref: str | None, answered: dict[str, Questionnaire], known: Known
) -> Questionnaire | None:
    if ref is not None:
        try:
            return load_once(ref, known).questionnaire
        except InvalidInput:
            return None  # each answers file has already said so
    return next(iter(answered.values())) if len(answered) == 1 else None
