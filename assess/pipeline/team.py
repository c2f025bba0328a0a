"""One team: load its answers file with the questionnaire it names, and assess it.

The questionnaire is the one the file names, at the version it names (``sre-core@1`` is
scored with version 1, kept as ``sre-core@1.yaml``). A file that names no version is read
against the current version; if it does not fit that one but fits an earlier kept version
exactly, it is scored with that version and a warning says so (and how to move on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assess import catalog
from assess.checks import check_answers, consistency_warnings
from assess.engine import assess
from assess.engine.answers import resolve
from assess.errors import InvalidInput
from assess.files import read_text
from assess.loading import Diagnostic, Parsed, diagnostic_at, parse_yaml, validate
from assess.models import Answers, Assessment, Questionnaire


@dataclass(frozen=True)
class LoadedTeam:
    """An answers file that passed every check, with its questionnaire."""

    path: Path
    answers: Answers
    questionnaire: Questionnaire
    questionnaire_path: Path
    parsed: Parsed
    warnings: list[Diagnostic] = field(default_factory=list)
    """Answers that contradict each other (with the place of each), answers to questions that do
    not apply, and which version an unversioned file was read as. Never errors."""
    not_applicable: list[str] = field(default_factory=list)
    """Follow-up questions that do not apply given the other answers (they need no answer)."""

    @property
    def inputs(self) -> list[Path]:
        """The files this was read from: an output must never replace them."""
        return [self.path, self.questionnaire_path]

    def assess(
        self, default_targets: Mapping[str, int] | None = None, *, as_of: dt.date | None = None
    ) -> Assessment:
        """The engine's result; ``as_of`` is the day it is read on (default: assessed_at)."""
        return assess(self.questionnaire, self.answers, default_targets=default_targets, as_of=as_of)


def questionnaire_for(
    answers: Answers,
    parsed: Parsed,
    questionnaire: str | None = None,
    *,
    strict: bool = False,
    cache: dict[str, catalog.Found] | None = None,
) -> tuple[catalog.Found, list[Diagnostic]]:
    """The checked questionnaire these answers are scored with, and a note when an unversioned
    file was read as an earlier version; InvalidInput with every problem otherwise."""
    cache = {} if cache is None else cache

    def found(ref: str) -> catalog.Found:
        if ref not in cache:
            cache[ref] = catalog.load_fast(ref)
        return cache[ref]

    try:
        current = found(questionnaire or answers.questionnaire)
    except InvalidInput as exc:
        if questionnaire is None and all(d.file == answers.questionnaire for d in exc.diagnostics):
            # An unknown id named inside the file: point at the line that names it.
            raise InvalidInput(
                [diagnostic_at(parsed, ("questionnaire",), exc.diagnostics[0].message)]
            ) from None
        raise
    wanted = answers.questionnaire_version
    have = current.questionnaire
    if (
        questionnaire is None
        and wanted is not None
        and wanted != have.version
        and have.id == answers.questionnaire_id
    ):
        kept = [v for v, _ in catalog.kept_versions(have.id)]
        listing = ", ".join(sorted({have.version, *kept}, key=catalog.version_key))
        raise InvalidInput(
            [
                diagnostic_at(
                    parsed,
                    ("questionnaire",),
                    f"these answers were written for version {wanted} of {have.id!r}, which is not installed "
                    f"(installed: {listing}); check the answers still mean the same and name one of those "
                    f"versions, or drop '@...'",
                )
            ]
        )
    problems = check_answers(current.questionnaire, answers, parsed, strict=strict)
    if not problems:
        return current, []
    if questionnaire is None and answers.questionnaire_version is None:
        for version, path in catalog.kept_versions(answers.questionnaire_id):
            older = found(str(path))
            if older.questionnaire.version == current.questionnaire.version:
                continue
            if not check_answers(older.questionnaire, answers, parsed, strict=strict):
                q = older.questionnaire
                note = diagnostic_at(
                    parsed,
                    ("questionnaire",),
                    f"no version named: these answers fit {q.id}@{version}, not the current version "
                    f"{current.questionnaire.version}, so they are scored with version {version}; write "
                    f"'questionnaire: {q.id}@{version}' to say so, or run 'assess migrate {parsed.file}' "
                    f"to move them to version {current.questionnaire.version}",
                )
                return older, [Diagnostic(note.file, note.line, note.column, note.message, "warning")]
    raise InvalidInput(problems)


def load_team(path: Path, questionnaire: str | None = None, *, strict: bool = False) -> LoadedTeam:
    """The answers file at ``path`` checked against its questionnaire (or ``questionnaire``,
    an id or a file, when given); InvalidInput with every problem otherwise."""
    return check_team(path, parse_yaml(read_text(path), str(path)), questionnaire, strict=strict)


def check_team(
    path: Path, parsed: Parsed, questionnaire: str | None = None, *, strict: bool = False
) -> LoadedTeam:
    """``load_team`` for a file already parsed."""
    answers = validate(Answers, parsed)
    found, notes = questionnaire_for(answers, parsed, questionnaire, strict=strict)
    warnings = notes + consistency_warnings(found.questionnaire, answers, parsed)
    resolved, _ = resolve(found.questionnaire, answers)
    follow_ups = [qid for qid, answer in resolved.items() if answer.because is not None]
    return LoadedTeam(path, answers, found.questionnaire, found.path, parsed, warnings, follow_ups)


def assess_file(path: Path, questionnaire: str | None = None, *, strict: bool = False) -> Assessment:
    return load_team(path, questionnaire, strict=strict).assess()
