"""Load many answer files for the roll-up: bad files are reported and skipped."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from assess import catalog
from assess.engine.answers import resolve
from assess.engine.org import TeamInput
from assess.loading import (
    LoadError,
    Parsed,
    diagnostic_at,
    did_you_mean,
    iter_yaml_files,
    parse_yaml,
    read_text,
    validate,
)
from assess.models import DEFAULT_TARGET, Answers, Questionnaire
from assess.org.models import InvalidFile, OrgSettings


@dataclass
class Loaded:
    questionnaire: Questionnaire | None = None
    teams: list[TeamInput] = field(default_factory=list)
    invalid: list[InvalidFile] = field(default_factory=list)
    settings: OrgSettings | None = None
    settings_parsed: Parsed | None = None


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.stream = total, stream
        self.enabled = total > 20 and stream.isatty()

    def update(self, done: int) -> None:
        if self.enabled and (done == self.total or done % 10 == 0):
            width = 30
            filled = width * done // self.total
            self.stream.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def load_teams(paths: list[Path], questionnaire_ref: str | None = None) -> Loaded:
    files = list(iter_yaml_files(paths))
    out = Loaded()
    progress = Progress(len(files))
    questionnaires: dict[str, Questionnaire] = {}
    for done, path in enumerate(files, 1):
        try:
            _load_one(path, questionnaire_ref, questionnaires, out)
        except LoadError as exc:
            out.invalid.append(InvalidFile(file=str(path), diagnostics=[str(d) for d in exc.diagnostics]))
        progress.update(done)
    progress.close()
    _check_settings(out)
    return out


def _check_settings(out: Loaded) -> None:
    """Organisation targets must name the questionnaire's domains; if not, the file is skipped."""
    if out.settings is None or out.settings_parsed is None or out.questionnaire is None:
        return
    domains = [d.id for d in out.questionnaire.domains]
    problems = [
        str(
            diagnostic_at(
                out.settings_parsed,
                ("targets", key),
                f"unknown domain {key!r}{did_you_mean(key, domains)}",
                on_key=True,
            )
        )
        for key in out.settings.targets
        if key != DEFAULT_TARGET and key not in domains
    ]
    if problems:
        out.invalid.append(InvalidFile(file=out.settings_parsed.file, diagnostics=problems))
        out.settings = None


def _load_one(path: Path, ref: str | None, cache: dict[str, Questionnaire], out: Loaded) -> None:
    parsed = parse_yaml(read_text(path), str(path))
    if isinstance(parsed.data, dict) and "organisation" in parsed.data:
        settings = validate(OrgSettings, parsed)
        if out.settings is not None:
            raise LoadError([diagnostic_at(parsed, ("organisation",), "a second organisation file")])
        out.settings, out.settings_parsed = settings, parsed
        return
    answers = validate(Answers, parsed)
    wanted = ref or answers.questionnaire_id
    if wanted not in cache:
        cache[wanted] = catalog.load_fast(wanted)
    questionnaire = cache[wanted]
    if out.questionnaire is None:
        out.questionnaire = questionnaire
    elif questionnaire.id != out.questionnaire.id:
        raise LoadError(
            [
                diagnostic_at(
                    parsed,
                    ("questionnaire",),
                    f"answers for {questionnaire.id!r}; the other teams "
                    f"answered {out.questionnaire.id!r}, so this team cannot be compared with them",
                )
            ]
        )
    resolved, problems = resolve(questionnaire, answers)
    if problems:
        raise LoadError([diagnostic_at(parsed, p.path, p.message, on_key=p.on_key) for p in problems])
    out.teams.append(TeamInput(file=str(path), answers=answers, resolved=resolved))
