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


def load_team(path: Path, questionnaire: str | None = None, *, strict: bool = False) -> LoadedTeam:
    """The answers file at ``path`` checked against its questionnaire (or ``questionnaire``,
    an id or a file, when given); InvalidInput with every problem otherwise."""
    return check_team(path, parse_yaml(read_text(path), str(path)), questionnaire, strict=strict)


def check_team(
    path: Path, parsed: Parsed, questionnaire: str | None = None, *, strict: bool = False
) -> LoadedTeam:
    """``load_team`` for a file already parsed."""
    answers = validate(Answers, parsed)
    try:
        found = catalog.load_fast(questionnaire or answers.questionnaire_id)
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
