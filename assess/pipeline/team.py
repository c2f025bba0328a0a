"""One team: load its answers file with the questionnaire it names, and assess it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assess import catalog
from assess.checks import check_answers
from assess.engine import assess
from assess.errors import InvalidInput
from assess.files import read_text
from assess.loading import Parsed, diagnostic_at, parse_yaml, validate
from assess.models import Answers, Assessment, Questionnaire


@dataclass(frozen=True)
class LoadedTeam:
    """An answers file that passed every check, with its questionnaire."""

    path: Path
    answers: Answers
    questionnaire: Questionnaire
    questionnaire_path: Path
    parsed: Parsed

    @property
    def inputs(self) -> list[Path]:
        """The files this was read from: an output must never replace them."""
        return [self.path, self.questionnaire_path]

    def assess(self, default_targets: Mapping[str, int] | None = None) -> Assessment:
        return assess(self.questionnaire, self.answers, default_targets=default_targets)


Known = dict[str, "catalog.Found | InvalidInput"]


def questionnaire_for(ref: str, known: Known | None = None) -> catalog.Found:
    """The checked questionnaire ``ref`` names, read once per command when ``known`` (what this
    command has read so far, refusals included) is given: a pipe can be read only once."""
    if known is None:
        return catalog.load_fast(ref)
    if ref not in known:
        try:
            known[ref] = catalog.load_fast(ref)
        except InvalidInput as exc:
            known[ref] = exc
    found = known[ref]
    if isinstance(found, InvalidInput):
        raise InvalidInput(found.diagnostics)
    return found


def load_team(
    path: Path,
    questionnaire: str | None = None,
    *,
    strict: bool = False,
    known: Known | None = None,
) -> LoadedTeam:
    """The answers file at ``path`` checked against its questionnaire (or ``questionnaire``,
    an id or a file, when given); InvalidInput with every problem otherwise.

    ``known`` holds questionnaires already read by this command, by reference: a command that
    loads several teams reads each questionnaire once (a pipe can be read only once)."""
    return check_team(path, parse_yaml(read_text(path), str(path)), questionnaire, strict=strict, known=known)


def check_team(
    path: Path,
    parsed: Parsed,
    questionnaire: str | None = None,
    *,
    strict: bool = False,
    known: Known | None = None,
) -> LoadedTeam:
    """``load_team`` for a file already parsed."""
    answers = validate(Answers, parsed)
    ref = questionnaire or answers.questionnaire_id
    try:
        found = questionnaire_for(ref, known)
    except InvalidInput as exc:
        if questionnaire is None and all(d.file == answers.questionnaire_id for d in exc.diagnostics):
            # An unknown id named inside the file: point at the line that names it.
            raise InvalidInput(
                [diagnostic_at(parsed, ("questionnaire",), exc.diagnostics[0].message)]
            ) from None
        raise
    problems = check_answers(found.questionnaire, answers, parsed, strict=strict)
    if problems:
        raise InvalidInput(problems)
    return LoadedTeam(path, answers, found.questionnaire, found.path, parsed)


def assess_file(path: Path, questionnaire: str | None = None, *, strict: bool = False) -> Assessment:
    return load_team(path, questionnaire, strict=strict).assess()
