"""Many teams: load their answers files (invalid ones are reported and skipped), roll them up,
and follow one team over time (compare two assessments, or the history of several)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from assess.diagnostics import MAX_SHOWN, Diagnostic, capped
from assess.engine import assess, org
from assess.engine.answers import resolve
from assess.errors import InvalidInput
from assess.files import is_stdio, iter_yaml_files, read_text, same_file
from assess.loading import Parsed, diagnostic_at, did_you_mean, parse_yaml, validate
from assess.models import DEFAULT_TARGET, Answers, Assessment, Questionnaire
from assess.models.org import Comparison, DiagnosticEntry, History, InvalidFile, OrgRollup, OrgSettings
from assess.models.workshop import REVIEW_DAYS
from assess.pipeline.team import Known, load_once, load_team, questionnaire_for


@dataclass
class LoadedOrg:
    """The valid teams, the files skipped with their problems, and the organisation file if any."""

    questionnaire: Questionnaire | None = None
    questionnaire_path: Path | None = None
    teams: list[org.TeamInput] = field(default_factory=list)
    invalid: list[InvalidFile] = field(default_factory=list)
    settings: OrgSettings | None = None
    settings_parsed: Parsed | None = None
    read: list[Path] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return self.settings.organisation if self.settings else None

    @property
    def targets(self) -> dict[str, int] | None:
        return dict(self.settings.targets) if self.settings else None

    @property
    def review_days(self) -> int:
        return self.settings.review_days if self.settings else REVIEW_DAYS

    @property
    def inputs(self) -> list[Path]:
        """Every file the roll-up read (valid or not): an output must never replace one."""
        return [*self.read, *([self.questionnaire_path] if self.questionnaire_path else [])]


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


def load_org(
    paths: Sequence[Path], questionnaire_ref: str | None = None, *, progress_bar: bool = True
) -> LoadedOrg:
    """Every answers file under ``paths``; a file that is not valid is kept in ``invalid``.
    ``progress_bar``: show one on stderr when it is a terminal and there are many files."""
    found = list(iter_yaml_files(paths))
    out = LoadedOrg(read=found)
    progress = Progress(len(found) if progress_bar else 0)
    questionnaires: Known = {}
    for done, path in enumerate(found, 1):
        try:
            _load_one(path, questionnaire_ref, questionnaires, out)
        except InvalidInput as exc:
            out.invalid.append(InvalidFile(file=str(path), diagnostics=entries(exc.diagnostics)))
        progress.update(done)
    progress.close()
    _check_settings(out)
    return out


def _check_settings(out: LoadedOrg) -> None:
    """Organisation targets must name the questionnaire's domains; if not, the file is skipped."""
    if out.settings is None or out.settings_parsed is None or out.questionnaire is None:
        return
    problems = check_settings(out.settings, out.settings_parsed, out.questionnaire)
    if problems:
        out.invalid.append(InvalidFile(file=out.settings_parsed.file, diagnostics=entries(problems)))
        out.settings = None


def entries(diagnostics: Sequence[Diagnostic]) -> list[DiagnosticEntry]:
    """A skipped file's problems: as many as are shown per file, then a note counting the rest."""
    return [DiagnosticEntry.model_validate(d.as_dict()) for d in capped(diagnostics)]


def check_settings(settings: OrgSettings, parsed: Parsed, questionnaire: Questionnaire) -> list[Diagnostic]:
    """Organisation targets must name the questionnaire's domains."""
    domains = [d.id for d in questionnaire.domains]
    unknown = [key for key in settings.targets if key != DEFAULT_TARGET and key not in domains]
    return [
        diagnostic_at(
            parsed,
            ("targets", key),
            # A fuzzy match costs a comparison with every id: hints for as many as are shown.
            f"unknown domain {key!r}{did_you_mean(key, domains) if n < MAX_SHOWN else ''} "
            f"(domains: {', '.join(domains)}, or default)",
            on_key=True,
        )
        for n, key in enumerate(unknown)
    ]


def is_organisation_file(parsed: Parsed) -> bool:
    """An organisation file is the YAML mapping with an ``organisation`` key."""
    return isinstance(parsed.data, dict) and "organisation" in parsed.data


def _load_one(path: Path, ref: str | None, cache: Known, out: LoadedOrg) -> None:
    parsed = parse_yaml(read_text(path), str(path))
    if is_organisation_file(parsed):
        settings = validate(OrgSettings, parsed)
        if out.settings is not None:
            raise InvalidInput([diagnostic_at(parsed, ("organisation",), "a second organisation file")])
        out.settings, out.settings_parsed = settings, parsed
        return
    answers = validate(Answers, parsed)
    found = load_once(ref or answers.questionnaire, cache)
    resolved, problems = resolve(found.questionnaire, answers)
    if problems:
        # Not the version named (or, with none named, perhaps an earlier one): the full check
        # finds the version that fits, or reports every problem.
        found, _ = questionnaire_for(answers, parsed, ref, cache=cache)
        resolved, _ = resolve(found.questionnaire, answers)
    if out.questionnaire is None:
        out.questionnaire, out.questionnaire_path = found.questionnaire, found.path
    elif (found.questionnaire.id, found.questionnaire.version) != (
        out.questionnaire.id,
        out.questionnaire.version,
    ):
        first, this = out.questionnaire, found.questionnaire
        hint = (
            f"; run 'assess migrate' on the files written for version {min(first.version, this.version)}"
            if first.id == this.id
            else ""
        )
        raise InvalidInput(
            [
                diagnostic_at(
                    parsed,
                    ("questionnaire",),
                    f"answers for {this.id}@{this.version}; the other teams "
                    f"answered {first.id}@{first.version}, so this team cannot be compared with them{hint}",
                )
            ]
        )
    out.teams.append(org.TeamInput(file=str(path), answers=answers, resolved=resolved))


def rollup(loaded: LoadedOrg, as_of: dt.date | None = None) -> OrgRollup:
    """The organisation roll-up; InvalidInput when no file could be rolled up. Teams due for
    re-assessment and overdue actions are judged on ``as_of`` (the caller's "today"; without it,
    on the newest assessed_at)."""
    if loaded.questionnaire is None or not loaded.teams:
        raise InvalidInput([Diagnostic("assess org", 1, 1, "no valid answers files to roll up")])
    return org.rollup(
        loaded.questionnaire,
        loaded.teams,
        loaded.invalid,
        loaded.targets,
        as_of=as_of,
        review_days=loaded.review_days,
    )


def assessments(loaded: LoadedOrg, as_of: dt.date | None = None) -> list[Assessment]:
    """Each valid team's full assessment, with the organisation's default targets and review interval."""
    assert loaded.questionnaire is not None
    return [
        assess(
            loaded.questionnaire,
            t.answers,
            default_targets=loaded.targets,
            as_of=as_of,
            review_days=loaded.review_days,
        )
        for t in loaded.teams
    ]


def compare_files(old: Path, new: Path, questionnaire: str | None = None) -> tuple[Comparison, list[Path]]:
    """What changed between two assessments of one team, and the files read."""
    if not is_stdio(old) and same_file(old, new) and not old.is_file():
        raise InvalidInput(
            [Diagnostic(str(new), 1, 1, f"the same pipe as {old}, which can be read only once")]
        )
    known: Known = {}
    before, after = load_team(old, questionnaire, known=known), load_team(new, questionnaire, known=known)
    if (
        before.questionnaire.id == after.questionnaire.id
        and before.questionnaire.version != after.questionnaire.version
    ):
        raise InvalidInput(
            [
                Diagnostic(
                    str(new),
                    1,
                    1,
                    f"answers for version {after.questionnaire.version} of {after.questionnaire.id}, and "
                    f"{old} for version {before.questionnaire.version}; run 'assess migrate' on the older "
                    "one first",
                )
            ]
        )
    if before.questionnaire.id != after.questionnaire.id:
        raise InvalidInput(
            [
                Diagnostic(
                    str(new),
                    1,
                    1,
                    f"answers for a different questionnaire than {old}; only like can be compared",
                )
            ]
        )
    return org.compare(before.assess(), after.assess()), [*before.inputs, *after.inputs]


def history_of(paths: Sequence[Path], questionnaire: str | None = None) -> tuple[History, list[Path]]:
    """The trend over several dated answers files of one team, and the files read."""
    found = list(iter_yaml_files(paths))
    known: Known = {}
    teams = [load_team(p, questionnaire, known=known) for p in found]
    points = [(str(t.path), t.assess()) for t in teams]
    problems = [
        Diagnostic(f, 1, 1, "no assessed_at date; history needs dated answers files")
        for f, a in points
        if a.assessed_at is None
    ]
    names = {a.team.name for _, a in points}
    if len(names) > 1:
        problems.append(
            Diagnostic(
                found[0].as_posix(),
                1,
                1,
                "history is for one team, but these files are "
                f"for {len(names)}: {', '.join(sorted(names))}; use `assess org` for many",
            )
        )
    if len({t.questionnaire.id for t in teams}) > 1:
        problems.append(Diagnostic(found[0].as_posix(), 1, 1, "the files answer different questionnaires"))
    elif len({t.questionnaire.version for t in teams}) > 1:
        problems.append(
            Diagnostic(
                found[0].as_posix(),
                1,
                1,
                "the files answer different versions of the questionnaire; run 'assess migrate' on the "
                "older ones first",
            )
        )
    if problems:
        raise InvalidInput(problems)
    if len(points) < 2:
        where = str(paths[0]) if paths else "assess history"
        raise InvalidInput([Diagnostic(where, 1, 1, "history needs at least two dated answers files")])
    inputs = [p for t in teams for p in t.inputs]
    return org.history(teams[0].questionnaire, points), inputs
