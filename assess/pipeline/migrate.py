"""Move an answers file to the current version of its questionnaire (``assess migrate``).

The map lives in the current questionnaire's ``migrations`` (data, not code). For each
question of the old version that was answered:
- listed in the map: its answer goes to the question named ``to`` (choices through the
  ``choices`` map; a choice not in the map needs a new answer; ``check`` asks the person to
  look at it again); ``to`` left out: the question is no longer asked;
- not listed: carried over as it is when the current version has a question of that id
  and the same choice ids, otherwise it needs a new answer (or is no longer asked).
Two old answers landing on one question keep the less mature one, marked to check.
``unsure`` and ``n/a`` travel with the answer (n/a only where the new question allows it),
and so do notes, reasons and evidence. New questions are left empty, with their choices in
a comment, except follow-ups that do not apply given the other answers.

``migrate_file`` writes nothing; ``write`` puts the new file where the person asked (standard
output, a new file, or, only when asked in so many words, over the old one), with the new
version's answers schema beside a file it writes, as ``assess init`` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess import catalog
from assess.checks import check_answers
from assess.engine.actions import root_causes
from assess.engine.answers import Resolved, apply_not_applicable, resolve
from assess.errors import InvalidInput
from assess.files import read_text
from assess.loading import Diagnostic, Parsed, diagnostic_at, parse_yaml, validate
from assess.models import (
    NA,
    UNSURE,
    Answers,
    Migration,
    MultiQuestion,
    QuestionMigration,
    Questionnaire,
    SingleQuestion,
)
from assess.pipeline import output
from assess.pipeline.init import schema_beside
from assess.pipeline.team import questionnaire_for
from assess.template import schema_file_name
from assess.words import agrees, counted

AnyQuestion = SingleQuestion | MultiQuestion


@dataclass(frozen=True)
class Moved:
    """One old answer and where it went."""

    old: str
    new: str
    check: bool
    note: str | None


@dataclass
class Migrated:
    """The new answers file and what happened to each answer."""

    path: Path
    old: Questionnaire
    new: Questionnaire
    text: str = ""
    carried: list[str] = field(default_factory=list)  # same question, same answer
    moved: list[Moved] = field(default_factory=list)  # to another question, or through a choice map
    needs_answer: list[str] = field(default_factory=list)  # questions of the new version left empty
    dropped: list[tuple[str, str | None]] = field(default_factory=list)  # old questions no longer asked
    not_applicable: list[str] = field(default_factory=list)  # follow-ups that need no answer
    actions_dropped: list[str] = field(default_factory=list)  # entries whose root cause is gone
    actions_unaimed: list[str] = field(default_factory=list)  # entries whose done_when no longer fits
    inputs: list[Path] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return self.old.version == self.new.version

    @property
    def from_ref(self) -> str:
        return f"{self.old.id}@{self.old.version}"

    @property
    def to_ref(self) -> str:
        return f"{self.new.id}@{self.new.version}"

    def report(self) -> list[str]:
        """What changed, in lines for a person (the command prints them on standard error)."""
        if self.up_to_date:
            return [f"{self.path}: already answers {self.to_ref}; nothing to migrate"]
        lines = [f"{self.path}: {self.from_ref} -> {self.to_ref}"]
        lines.append(f"  {counted(len(self.carried), 'answer')} carried over as they were")
        plain = [m for m in self.moved if not m.check]
        rough = [m for m in self.moved if m.check]
        if plain:
            lines.append(f"  {counted(len(plain), 'answer')} mapped onto the new questions:")
            lines += [f"    {m.old} -> {m.new}" + (f" ({m.note})" if m.note else "") for m in plain]
        if rough:
            lines.append(f"  {counted(len(rough), 'answer')} to check, the old answer maps only roughly:")
            lines += [f"    {m.old} -> {m.new}" + (f": {m.note}" if m.note else "") for m in rough]
        if self.needs_answer:
            lines.append(
                f"  {counted(n := len(self.needs_answer), 'question')} {agrees(n, 'needs', 'need')} "
                "a new answer (left empty):"
            )
            for qid in self.needs_answer:
                question = self.new.question(qid)
                lines.append(f"    {qid}: {question.text if question else ''}")
        if self.dropped:
            lines.append(
                f"  {counted(n := len(self.dropped), 'old question')} {agrees(n, 'is', 'are')} "
                "no longer asked:"
            )
            lines += [f"    {qid}" + (f": {note}" if note else "") for qid, note in self.dropped]
        if self.not_applicable:
            shown = ", ".join(self.not_applicable)
            lines.append(
                f"  {counted(n := len(self.not_applicable), 'follow-up')} {agrees(n, 'does', 'do')} "
                f"not apply given the answers: {shown}"
            )
        if self.actions_dropped:
            shown = ", ".join(self.actions_dropped)
            lines.append(
                f"  {counted(n := len(self.actions_dropped), 'action')} dropped: {agrees(n, 'its', 'their')} "
                f"root cause is gone from the new version: {shown}"
            )
        if self.actions_unaimed:
            shown = ", ".join(self.actions_unaimed)
            lines.append(
                f"  {counted(len(self.actions_unaimed), 'action')} kept without done_when (it named a "
                f"question or choice the new version lacks): {shown}"
            )
        return lines


@dataclass
class _Proposal:
    value: Resolved
    source: str
    check: bool
    note: str | None
    conflict: list[str] = field(default_factory=list)


def migrate_file(path: Path) -> Migrated:
    """The answers at ``path`` on the current version of their questionnaire; InvalidInput when
    they are not valid, or no migration leads from their version to the current one."""
    original = read_text(path)
    parsed = parse_yaml(original, str(path))
    answers = validate(Answers, parsed)
    found, _ = questionnaire_for(answers, parsed)
    old = found.questionnaire
    current = catalog.load_fast(old.id)
    out = Migrated(path, old, current.questionnaire, inputs=[path, found.path, current.path])
    if answers.workshop is not None and not out.up_to_date:
        # Its votes name the old version's choices, and the merge decided its answers from them.
        raise InvalidInput(
            [
                diagnostic_at(
                    parsed,
                    ("workshop",),
                    "a merged team file (assess consensus): migrate the participants' own files, then "
                    "merge them again",
                )
            ]
        )
    if out.up_to_date:
        return out
    new = current.questionnaire
    migration = next((m for m in new.migrations if m.from_version == old.version), None)
    if migration is None:
        raise InvalidInput(
            [
                Diagnostic(
                    str(path),
                    1,
                    1,
                    f"{new.id} version {new.version} has no migration from version {old.version}",
                )
            ]
        )
    resolved, _ = resolve(old, answers)
    proposals = _propose(old, new, migration, answers, resolved, out)
    applied = apply_not_applicable(new, {q: p.value for q, p in proposals.items()})
    for _, question in new.questions():
        if question.id in applied and applied[question.id].because is not None:
            # A follow-up that does not apply given the new answers needs no answer, even if one was carried.
            proposals.pop(question.id, None)
            out.carried = [c for c in out.carried if c != question.id]
            out.moved = [m for m in out.moved if m.new != question.id]
            out.not_applicable.append(question.id)
        elif question.id not in proposals:
            out.needs_answer.append(question.id)
    out.text = _render(original, answers, new, proposals, out)
    _check(out.text, str(path), new)
    return out


def _propose(
    old: Questionnaire,
    new: Questionnaire,
    migration: Migration,
    answers: Answers,
    resolved: dict[str, Resolved],
    out: Migrated,
) -> dict[str, _Proposal]:
    proposals: dict[str, _Proposal] = {}
    steps: dict[str, list[QuestionMigration]] = {}
    for step in migration.questions:
        steps.setdefault(step.from_, []).append(step)
    for _, question in old.questions():
        answer = resolved.get(question.id)
        if answer is None or answer.because is not None:
            continue  # unanswered, or n/a only because of another answer (recomputed in the new version)
        mine = steps.get(question.id)
        if mine is None:
            if new.question(question.id) is None:
                out.dropped.append((question.id, None))
                continue
            mine = [QuestionMigration.model_validate({"from": question.id, "to": question.id})]
        for step in mine:
            if step.to is None:
                out.dropped.append((question.id, step.note))
                continue
            target = new.question(step.to)
            assert target is not None  # checked when the questionnaire was loaded
            value = _map(answer, question, target, step)
            if value is None:
                continue  # needs a new answer: the old one has no counterpart
            check = step.needs_check(answer.selected)
            exact = step.to == question.id and not check and value.selected == answer.selected
            proposal = _Proposal(value, question.id, check, step.note)
            earlier = proposals.get(target.id)
            if earlier is None:
                proposals[target.id] = proposal
                if exact:
                    out.carried.append(target.id)
                else:
                    out.moved.append(Moved(question.id, target.id, check, step.note))
                continue
            kept = _less_mature(target, earlier, proposal)
            proposals[target.id] = kept
            kept.check = True
            kept.conflict.append(question.id if kept is earlier else earlier.source)
            if target.id in out.carried:
                out.carried.remove(target.id)
            out.moved = [m for m in out.moved if m.new != target.id]
            sources = " and ".join(sorted({earlier.source, proposal.source}))
            out.moved.append(
                Moved(
                    kept.source, target.id, True, f"{sources} both map here; the less mature answer is kept"
                )
            )
    return proposals


def _map(answer: Resolved, old: AnyQuestion, target: AnyQuestion, step: QuestionMigration) -> Resolved | None:
    def keep(status: str, selected: tuple[str, ...]) -> Resolved:
        """The new answer, with the old one's note, reason and evidence."""
        return Resolved(status, selected, note=answer.note, reason=answer.reason, evidence=answer.evidence)

    if answer.status == UNSURE:
        return keep(UNSURE, ())
    if answer.status == NA:
        return keep(NA, ()) if target.allow_na else None
    ids = set(target.choice_ids())
    mapped = [
        new
        for c in answer.selected
        if (new := (step.choices.get(c) if step.choices is not None else (c if c in ids else None)))
        is not None
    ]
    if not mapped:
        return None
    if isinstance(target, SingleQuestion):
        scores = {c.id: target.score_of(c) for c in target.choices}
        return keep("answered", (min(mapped, key=lambda c: scores[c]),))
    exclusive = {c.id for c in target.choices if c.none_of_these}
    chosen = [c for c in dict.fromkeys(mapped) if c not in exclusive]
    if not chosen:
        chosen = [next(iter(exclusive))] if exclusive else []
    return keep("answered", tuple(chosen)) if chosen else None


def _less_mature(target: AnyQuestion, a: _Proposal, b: _Proposal) -> _Proposal:
    def rank(p: _Proposal) -> float:
        if p.value.status != "answered":
            return -1.0
        if isinstance(target, SingleQuestion):
            return next(target.score_of(c) for c in target.choices if c.id == p.value.selected[0])
        return float(len(p.value.selected))

    return b if rank(b) < rank(a) else a


# ---------------------------------------------------------------------------------------------
# Writing the new file
# ---------------------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _leading_comments(text: str, old: Questionnaire, new: Questionnaire) -> list[str]:
    """The comments at the top of the old file; a modeline naming the old version's answers schema
    now names the new one's."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            lines.append(line.rstrip().replace(schema_file_name(old), schema_file_name(new)))
        elif line.strip():
            break
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _q(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _answer_lines(question: AnyQuestion, value: Resolved) -> list[str]:
    qid = question.id
    checklist = isinstance(question, MultiQuestion) and value.status == "answered"
    if checklist:
        choice = f"[{', '.join(value.selected)}]"
    else:
        choice = value.selected[0] if value.status == "answered" else value.status
    long = value.note is not None or value.reason is not None or value.evidence is not None
    if not long:
        return [f"  {qid}: {choice}"]
    key = "choices" if checklist else "choice"
    lines = [f"  {qid}:", f"    {key}: {choice}"]
    if value.note is not None:
        lines.append(f"    note: {_q(value.note)}")
    if value.reason is not None:
        lines.append(f"    reason: {_q(value.reason)}")
    if value.evidence is not None:
        lines.append("    evidence:")
        for k, v in value.evidence.model_dump(mode="json", exclude_none=True).items():
            lines.append(f"      {k}: {_scalar(v)}")
    return lines


def _choices_comment(question: AnyQuestion) -> str:
    ids = ", ".join(question.choice_ids())
    extra = "unsure" + (", n/a" if question.allow_na else "")
    kind = "one of" if isinstance(question, SingleQuestion) else "a list of"
    return f"{kind}: {ids}; or {extra}"


def _render(
    original: str,
    answers: Answers,
    new: Questionnaire,
    proposals: dict[str, _Proposal],
    out: Migrated,
) -> str:
    lines = _leading_comments(original, out.old, new)
    lines.append(
        f"# Moved from {out.from_ref} to {out.to_ref} with 'assess migrate'. Questions new in version "
        f"{new.version} are left empty,"
    )
    lines.append("# each with its choices above it; answer them, then run 'assess validate' on this file.")
    lines.append(f"questionnaire: {out.to_ref}")
    if answers.assessed_at is not None:
        lines.append(f"assessed_at: {answers.assessed_at.isoformat()}")
    if answers.respondent is not None:  # a workshop participant's own file stays theirs
        lines.append(f"respondent: {_q(answers.respondent)}")
    lines.append("team:")
    for key, value in answers.team.model_dump(mode="json", exclude_none=True).items():
        lines.append(f"  {key}: {_scalar(value)}")
    lines.append("answers:")
    for domain in new.domains:
        lines += ["", f"  # ---- {domain.title} " + "-" * max(4, 88 - len(domain.title))]
        for question in domain.questions:
            proposal = proposals.get(question.id)
            if proposal is not None:
                if proposal.check:
                    lines.append(
                        f"  # check: carried over from {proposal.source}; the old answer maps only roughly"
                    )
                lines += _answer_lines(question, proposal.value)
            elif question.id in out.needs_answer:
                lines.append(f"  # new: {' '.join(question.text.split())}")
                lines.append(f"  #   {_choices_comment(question)}")
                lines.append(f"  {question.id}:")
    domains = {d.id for d in new.domains}
    targets = {k: v for k, v in answers.targets.items() if k == "default" or k in domains}
    if targets:
        lines.append("targets:")
        lines += [f"  {k}: {v}" for k, v in targets.items()]
    if answers.plan is not None:
        settings = answers.plan.model_dump(exclude_none=True)
        if settings:
            lines.append("plan:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in settings.items()]
    lines += _action_lines(answers, new, out)
    return "\n".join(lines) + "\n"


def _action_lines(answers: Answers, new: Questionnaire, out: Migrated) -> list[str]:
    """The actions section, for the root causes the new version still has (root-cause ids stay
    the same across versions where the gap is the same); a ``done_when`` that names a question or
    choice the new version lacks is left out, so the entry applies to the gap as it stands."""
    causes = root_causes(new)
    lines: list[str] = []
    for root, record in answers.actions.items():
        if root not in causes:
            out.actions_dropped.append(root)
            continue
        questions = {q.id: q for q in causes[root]}
        fits = all(
            qid in questions and choice in questions[qid].choice_ids()
            for qid, choice in record.done_when.items()
        )
        if not fits:
            out.actions_unaimed.append(root)
        lines.append(f"  {_q(root)}:")
        for key, value in record.model_dump(mode="json", exclude_none=True).items():
            if key == "done_when":
                if value and fits:
                    pairs = ", ".join(f"{_q(k)}: {_q(v)}" for k, v in value.items())
                    lines.append(f"    done_when: {{{pairs}}}")
                continue
            lines.append(f"    {key}: {_scalar(value)}")
    return ["actions:", *lines] if lines else []


def _check(text: str, file: str, new: Questionnaire) -> None:
    """The new file must load cleanly against the new version; if not, the migration map is wrong."""
    parsed: Parsed = parse_yaml(text, file)
    answers = validate(Answers, parsed)
    problems = check_answers(new, answers, parsed)
    if problems:
        raise InvalidInput(
            [
                Diagnostic(
                    file,
                    1,
                    1,
                    f"the migration in {new.id} version {new.version} produces answers it does not "
                    f"accept: {problems[0].message}",
                )
            ]
        )


def write(
    migrated: Migrated, target: Path | None, *, in_place: bool = False, force: bool = False
) -> list[Path]:
    """Put the new file where asked; the files written (none for standard output)."""
    if in_place:
        # The answers file is replaced as asked; neither it nor the schema beside it may land on a
        # questionnaire, or on each other.
        output.check([migrated.path, _beside(migrated, migrated.path)], migrated.inputs[1:])
        output.replace_input(migrated.path, migrated.text)
        destination = migrated.path
    elif output.to_stdout(target):
        output.emit(target, migrated.text)
        return []
    else:
        assert target is not None
        if target.exists() and not force:
            raise InvalidInput([Diagnostic(str(target), 1, 1, "exists; use --force to replace it")])
        output.check([target, _beside(migrated, target)], migrated.inputs)
        output.emit(target, migrated.text, migrated.inputs)
        destination = target
    written, _ = schema_beside(migrated.new, destination)
    return [destination, *written]


def _beside(migrated: Migrated, destination: Path) -> Path:
    """Where ``schema_beside`` puts the new version's answers schema."""
    return destination.parent / schema_file_name(migrated.new)
