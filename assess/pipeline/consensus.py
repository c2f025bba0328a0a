"""``assess consensus``: several participants' answers files merged into one team answers file.

Each person answers alone (``assess init --respondent NAME`` or ``--respondent anonymous``, or
the terminal app's participant mode); this reads their files, checks they answer the same
questionnaire version for the same team, and writes one team file (see ``docs/workshops.md``):
per question the proposed consensus as the answer, every vote where at least ``min_voices`` people
answered it, how many did, and a disagreement mark. The engine's ``workshop.merge`` decides all of
that; here the files are read, the team facts are agreed, and the file is written, checked by
reading it back before anything is written.

Anonymous participants' names are never written: not their file names, not an evidence owner
they gave. The notes on standard error name files, since only the facilitator reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.checks import check_answers
from assess.diagnostics import Diagnostic
from assess.engine.answers import Voted, resolve
from assess.engine.workshop import Merged, Participant, merge, value
from assess.errors import InvalidInput, UsageError
from assess.files import iter_yaml_files, same_file
from assess.loading import Parsed, diagnostic_at, parse_yaml, validate
from assess.models import Answers, Evidence, MultiQuestion, Questionnaire, SingleQuestion, TeamProfile
from assess.models.workshop import MIN_VOICES, is_anonymous
from assess.pipeline import output
from assess.pipeline.init import schema_beside
from assess.pipeline.team import LoadedTeam, load_team
from assess.template import schema_file_name
from assess.words import counted

SPAN_DAYS = 30  # participants' files further apart than this are noted


@dataclass
class Consensus:
    """The merged team file's text, and what the facilitator should know about it."""

    text: str
    questionnaire: Questionnaire
    inputs: list[Path]
    voices: int
    anonymous: int
    respondents: list[str]
    merged: list[Merged]
    notes: list[str] = field(default_factory=list)

    @property
    def disagreements(self) -> list[Merged]:
        """Questions with some or wide disagreement, most costly first."""
        found = [m for m in self.merged if m.disagreement in ("some", "wide")]
        return sorted(found, key=lambda m: -(m.cost or 0.0))


def _problem(team: LoadedTeam, path: tuple[str | int, ...], message: str) -> Diagnostic:
    return diagnostic_at(team.parsed, path, message)


def load_participants(
    paths: Sequence[Path], questionnaire: str | None = None
) -> tuple[list[LoadedTeam], list[str]]:
    """Every participant file under ``paths``, checked, and notes on what was left out; InvalidInput
    with every problem of every file. A merged team file named on the command line is an error; one
    found in a folder (the team file of an earlier merge, say) is left out, with a note."""
    named = {str(p) for p in paths if not p.is_dir()}
    found = list(iter_yaml_files(paths))
    if not found:
        raise InvalidInput([Diagnostic("assess consensus", 1, 1, "no participants' answers files given")])
    loaded: list[LoadedTeam] = []
    notes: list[str] = []
    problems: list[Diagnostic] = []
    for path in found:
        try:
            team = load_team(path, questionnaire)
        except InvalidInput as exc:
            problems.extend(exc.diagnostics)
            continue
        if any(_same(team.path, other.path) for other in loaded):
            problems.append(Diagnostic(str(path), 1, 1, "this file is given twice"))
            continue
        merged_file = team.answers.workshop is not None or any(
            getattr(raw, "votes", None) is not None or getattr(raw, "voices", None) is not None
            for raw in team.answers.answers.values()
        )
        if merged_file and str(path) not in named:
            notes.append(f"left out {path}: a merged team file, not a participant's own answers")
            continue
        if merged_file:
            problems.append(
                _problem(
                    team,
                    ("workshop",) if team.answers.workshop is not None else (),
                    "this is a merged team file (it holds votes); give the participants' own answers files",
                )
            )
            continue
        loaded.append(team)
    if problems:
        raise InvalidInput(problems)
    if not loaded:
        raise InvalidInput([Diagnostic(str(paths[0]), 1, 1, "no participants' answers files in it")])
    _check_alike(loaded)
    return loaded, notes


def _same(a: Path, b: Path) -> bool:
    if str(a) == "-" or str(b) == "-":
        return False
    return a == b or same_file(a, b)


def _check_alike(teams: list[LoadedTeam]) -> None:
    """One questionnaire version, one team, each named respondent once."""
    first = teams[0]
    problems: list[Diagnostic] = []
    ref = (first.questionnaire.id, first.questionnaire.version)
    name = " ".join(first.answers.team.name.split()).casefold()
    seen: dict[str, LoadedTeam] = {}
    for team in teams:
        q = team.questionnaire
        if (q.id, q.version) != ref:
            problems.append(
                _problem(
                    team,
                    ("questionnaire",),
                    f"answers for {q.id}@{q.version}, but {first.path} answers {ref[0]}@{ref[1]}; every "
                    "participant must answer the same version ('assess migrate' moves a file to the "
                    "current one)",
                )
            )
        if " ".join(team.answers.team.name.split()).casefold() != name:
            problems.append(
                _problem(
                    team,
                    ("team", "name"),
                    f"answers for the team {team.answers.team.name!r}, but {first.path} answers for "
                    f"{first.answers.team.name!r}; merge one team's files at a time",
                )
            )
        respondent = team.answers.respondent
        if not is_anonymous(respondent):
            assert respondent is not None
            key = " ".join(respondent.split()).casefold()
            if key in seen:
                problems.append(
                    _problem(
                        team,
                        ("respondent",),
                        f"{seen[key].path} names the same respondent; each person answers in one file",
                    )
                )
            seen[key] = team
    if problems:
        raise InvalidInput(problems)


def _agreed_team(teams: list[LoadedTeam], notes: list[str]) -> dict[str, Any]:
    """Each team fact as most files give it (numbers: the median when they differ), noted when they differ."""
    fields = list(TeamProfile.model_fields)
    out: dict[str, Any] = {"name": teams[0].answers.team.name}
    for name in fields[1:]:
        given = [getattr(t.answers.team, name) for t in teams if getattr(t.answers.team, name) is not None]
        if not given:
            continue
        distinct = list(dict.fromkeys(given))
        if len(distinct) == 1:
            out[name] = distinct[0]
            continue
        if all(isinstance(v, int | float) for v in given):
            chosen = statistics.median_low(given)
        else:
            chosen = Counter(given).most_common(1)[0][0]
        out[name] = chosen
        shown = ", ".join(str(v.isoformat() if isinstance(v, dt.date) else v) for v in distinct)
        used = chosen.isoformat() if isinstance(chosen, dt.date) else chosen
        notes.append(f"the files give different values for team.{name} ({shown}); {used} is used: check it")
    return out


def consensus(
    paths: Sequence[Path],
    *,
    min_voices: int = MIN_VOICES,
    date: dt.date | None = None,
    questionnaire: str | None = None,
) -> Consensus:
    """Merge the participants' files into the text of one team answers file (nothing is written)."""
    if min_voices < 2:
        raise UsageError(f"consensus: --min-voices must be at least 2 (got {min_voices})")
    teams, notes = load_participants(paths, questionnaire)
    q = teams[0].questionnaire
    participants = []
    for team in teams:
        resolved, _ = resolve(q, team.answers)
        respondent = None if is_anonymous(team.answers.respondent) else team.answers.respondent
        participants.append(Participant(respondent, resolved))
    merged = merge(q, participants, min_voices)
    named = sorted({p.respondent for p in participants if p.respondent is not None}, key=str.casefold)
    anonymous = sum(p.respondent is None for p in participants)
    dates = [t.answers.assessed_at for t in teams if t.answers.assessed_at is not None]
    when = date or (max(dates) if dates else None)
    if dates and (max(dates) - min(dates)).days > SPAN_DAYS:
        dated = when.isoformat() if when else "without a date"
        notes.append(
            f"the files were answered between {min(dates).isoformat()} and {max(dates).isoformat()}; "
            f"the team file is dated {dated} (--date sets it): check the older answers still hold"
        )
    team_facts = _agreed_team(teams, notes)
    targets = _shared(teams, "targets", notes)
    plan = _shared(teams, "plan", notes)
    text = render(
        q,
        team=team_facts,
        merged=merged,
        voices=len(teams),
        anonymous=anonymous,
        respondents=named,
        min_voices=min_voices,
        when=when,
        targets=targets,
        plan=plan,
    )
    _check(text, q)
    if len(teams) < min_voices:
        notes.append(
            f"{counted(len(teams), 'file')} merged, fewer than {min_voices} voices: no question shows its "
            "votes or their spread (--min-voices sets the threshold)"
        )
    return Consensus(
        text=text,
        questionnaire=q,
        inputs=[p for t in teams for p in t.inputs],
        voices=len(teams),
        anonymous=anonymous,
        respondents=named,
        merged=merged,
        notes=notes,
    )


def _shared(teams: list[LoadedTeam], key: str, notes: list[str]) -> dict[str, Any] | None:
    """Targets (or plan settings) when every file that sets them agrees; otherwise none, and a note."""
    given = []
    for team in teams:
        raw = getattr(team.answers, key)
        data = raw.model_dump(exclude_none=True) if hasattr(raw, "model_dump") else dict(raw or {})
        if data:
            given.append(data)
    if not given:
        return None
    if all(g == given[0] for g in given):
        return given[0]
    notes.append(f"the files set different '{key}', so the team file sets none: add them by hand")
    return None


# ---- writing the team file ----------------------------------------------------------------------


def q_(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's; YAML also breaks lines at these)."""
    quoted = json.dumps(text, ensure_ascii=False)
    for raw, escaped in (("\u0085", "\\N"), ("\u2028", "\\L"), ("\u2029", "\\P")):
        quoted = quoted.replace(raw, escaped)
    return quoted


def _scalar(value_: Any) -> str:
    if isinstance(value_, bool):
        return "true" if value_ else "false"
    if isinstance(value_, str):
        return q_(value_)
    if isinstance(value_, dt.date):
        return value_.isoformat()
    return str(value_)


def _words(question: SingleQuestion | MultiQuestion, vote: Voted) -> tuple[str, str]:
    """(key, value) of an answer as written: ``choices: [a, b]`` for a checklist, else ``choice: x``."""
    if isinstance(question, MultiQuestion) and vote.status == "answered":
        return "choices", "[" + ", ".join(vote.selected) + "]"
    return "choice", value(vote)[0] if vote.status == "answered" else vote.status


def _vote_line(question: SingleQuestion | MultiQuestion, vote: Voted) -> str:
    key, given = _words(question, vote)
    parts = ([f"respondent: {q_(vote.respondent)}"] if vote.respondent is not None else []) + [
        f"{key}: {given}"
    ]
    if vote.note:
        parts.append(f"note: {q_(vote.note)}")
    return "      - {" + ", ".join(parts) + "}"


def _evidence_lines(evidence: Evidence) -> list[str]:
    lines = ["    evidence:"]
    for k, v in evidence.model_dump(mode="json", exclude_none=True).items():
        lines.append(f"      {k}: {_scalar(v)}")
    return lines


def render(
    q: Questionnaire,
    *,
    team: dict[str, Any],
    merged: list[Merged],
    voices: int,
    anonymous: int,
    respondents: list[str],
    min_voices: int,
    when: dt.date | None,
    targets: dict[str, Any] | None,
    plan: dict[str, Any] | None,
) -> str:
    by_id = {m.question: m for m in merged}
    lines = [
        f"# yaml-language-server: $schema={schema_file_name(q)}",
        "# The team's answers, merged with 'assess consensus' from the answers of "
        f"{counted(voices, 'participant')}.",
        "# Each answer is the proposed consensus (one choice: the median vote; a checklist: what more",
        f"# than half chose). Where at least {min_voices} people answered, 'votes' lists every answer",
        "# (anonymous ones without a name) and 'disagreement' says how far apart they were. Open this",
        "# file in the terminal app (assess tui FILE) to talk the disagreements through, most costly",
        "# first; each one the team agrees gets 'settled' with why. Every command that reads an answers",
        "# file reads this one.",
        f"questionnaire: {q.id}@{q.version}",
    ]
    if when is not None:
        lines.append(f"assessed_at: {when.isoformat()}")
    lines.append("team:")
    lines += [f"  {k}: {_scalar(v)}" for k, v in team.items()]
    lines.append("workshop:")
    lines.append(f"  voices: {voices}")
    lines.append(f"  anonymous: {anonymous}")
    if respondents:
        lines.append("  respondents: [" + ", ".join(q_(r) for r in respondents) + "]")
    lines.append(f"  min_voices: {min_voices}")
    if when is not None:
        lines.append(f"  merged_at: {when.isoformat()}")
    lines.append("answers:")
    for domain in q.domains:
        if not any(question.id in by_id for question in domain.questions):
            continue
        lines += ["", f"  # ---- {domain.title} " + "-" * max(4, 88 - len(domain.title))]
        for question in domain.questions:
            m = by_id.get(question.id)
            if m is None:
                continue
            key, given = _words(question, m.consensus)
            lines.append(f"  {question.id}:")
            lines.append(f"    {key}: {given}")
            lines.append(f"    consensus: {given}")
            if m.disagreement is not None:
                lines.append(f"    disagreement: {m.disagreement}")
            lines.append(f"    voices: {m.voices}")
            if m.votes:
                lines.append("    votes:")
                lines += [_vote_line(question, v) for v in m.votes]
            if m.evidence is not None:
                lines += _evidence_lines(m.evidence)
    if targets:
        lines.append("targets:")
        lines += [f"  {k}: {_scalar(v)}" for k, v in targets.items()]
    if plan:
        lines.append("plan:")
        lines += [f"  {k}: {_scalar(v)}" for k, v in plan.items()]
    return "\n".join(lines) + "\n"


def _check(text: str, q: Questionnaire) -> None:
    """The team file must read back as a valid answers file for ``q``; if not, nothing is written."""
    parsed: Parsed = parse_yaml(text, "the merged team file")
    answers = validate(Answers, parsed)
    problems = check_answers(q, answers, parsed)
    if problems:
        raise InvalidInput(
            [Diagnostic("assess consensus", 1, 1, f"the merged file would not be valid: {problems[0]}")]
        )


def write(result: Consensus, target: Path | None, *, force: bool = False) -> list[Path]:
    """Put the team file where asked, with its questionnaire's answers schema beside it; the files
    written."""
    if output.to_stdout(target):
        output.emit(target, result.text)
        return []
    assert target is not None
    if target.exists() and not force:
        raise InvalidInput([Diagnostic(str(target), 1, 1, "exists; use --force to replace it")])
    output.emit(target, result.text, result.inputs)
    written, _ = schema_beside(result.questionnaire, target)
    return [target, *written]
