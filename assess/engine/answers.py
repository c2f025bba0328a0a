"""Resolve raw answers against a questionnaire.

Returns the normalised answers and every problem found, each with the path of
the offending value in the answers document so the loader can point at it.
Follow-up questions whose ``not_applicable_when`` holds are resolved as n/a
(whatever was answered), so every consumer scores them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess import conditions
from assess.diagnostics import MAX_SHOWN, did_you_mean
from assess.engine.compiled import compiled
from assess.models import (
    NA,
    UNSURE,
    AnswerDetail,
    Answers,
    Evidence,
    MultiQuestion,
    Questionnaire,
    SingleQuestion,
)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Resolved:
    """One question's answer after resolution."""

    status: str  # answered | n/a | unsure
    selected: tuple[str, ...] = ()
    note: str | None = None
    reason: str | None = None
    evidence: Evidence | None = None
    because: str | None = None  # n/a by a not_applicable_when rule: the question it follows
    replaced: tuple[str, ...] | None = None  # ...and what had been answered (choices, or unsure/n/a)
    workshop: AnswerWorkshop | None = None  # a merged team file's votes for this answer


@dataclass(frozen=True)
class Voted:
    """One person's answer in a merged team file (respondent None: anonymous)."""

    respondent: str | None
    status: str  # answered | n/a | unsure
    selected: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class AnswerWorkshop:
    """What a merged team file says about one answer besides the answer itself."""

    voices: int  # how many people answered the question
    votes: tuple[Voted, ...]  # every vote; empty where fewer than min_voices answered
    consensus: Voted | None  # what the merge proposed
    settled: bool
    settled_note: str | None


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    on_key: bool = False


def check_questionnaire_ref(answers: Answers, questionnaire: Questionnaire) -> list[Problem]:
    problems = []
    if answers.questionnaire_id != questionnaire.id:
        problems.append(
            Problem(
                ("questionnaire",),
                f"these answers are for questionnaire {answers.questionnaire_id!r}, not {questionnaire.id!r}",
            )
        )
    elif answers.questionnaire_version not in (None, questionnaire.version):
        problems.append(
            Problem(
                ("questionnaire",),
                f"these answers were written for version {answers.questionnaire_version} of "
                f"{questionnaire.id!r}, but this is version {questionnaire.version}; "
                f"check the answers still mean the same and change the version, or drop '@...'",
            )
        )
    return problems


def resolve(questionnaire: Questionnaire, answers: Answers) -> tuple[dict[str, Resolved], list[Problem]]:
    resolved: dict[str, Resolved] = {}
    problems = check_questionnaire_ref(answers, questionnaire)
    all_ids = [q.id for _, q in questionnaire.questions()]
    for qid, raw in answers.answers.items():
        path: Path = ("answers", qid)
        question = questionnaire.question(qid)
        if question is not None and raw is None:
            continue  # left empty: not answered yet
        if question is None:
            # A fuzzy match costs a comparison with every id: hints for as many as are shown.
            hint = did_you_mean(qid, all_ids) if len(problems) < MAX_SHOWN else ""
            problems.append(Problem(path, f"unknown question {qid!r}{hint}", on_key=True))
            continue
        result = _resolve_one(question, raw, path)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            resolved[qid] = result
    return apply_not_applicable(questionnaire, resolved), problems


def holds(clause_question: str, when: str, resolved: dict[str, Resolved]) -> bool:
    """An ``AnswerIs`` clause: the question is answered with choices that match ``when``."""
    answer = resolved.get(clause_question)
    if answer is None or answer.status != "answered":
        return False
    return conditions.evaluate(conditions.parse(when), set(answer.selected))


def apply_not_applicable(questionnaire: Questionnaire, resolved: dict[str, Resolved]) -> dict[str, Resolved]:
    """Mark follow-ups that do not apply as n/a, in questionnaire order (prerequisites come
    first in a valid questionnaire; a prerequisite that does not apply carries its follow-ups)."""
    out = dict(resolved)
    pending = [q for _, q in questionnaire.questions() if q.not_applicable_when]
    changed = True
    while changed and pending:  # a fixed point, whatever the order the questions are listed in
        changed = False
        for question in list(pending):
            because = next(
                (
                    clause
                    for clause in question.not_applicable_when
                    if holds(clause.question, clause.when, out)
                    or ((other := out.get(clause.question)) is not None and other.because is not None)
                ),
                None,
            )
            if because is None:
                continue
            pending.remove(question)
            changed = True
            current = out.get(question.id)
            prerequisite = questionnaire.question(because.question)
            assert prerequisite is not None  # checked when the questionnaire was loaded
            reason = f"Does not apply: it follows \u201c{prerequisite.short_title}\u201d, " + (
                "which does not apply either."
                if (out[because.question].because is not None)
                else f"answered \u201c{_labels(prerequisite, out[because.question].selected)}\u201d."
            )
            was: tuple[str, ...] | None = None
            if current is not None:
                was = current.selected if current.status == "answered" else (current.status,)
            out[question.id] = Resolved(
                "n/a",
                (),
                note=current.note if current else None,
                reason=reason,
                evidence=current.evidence if current else None,
                because=because.question,
                replaced=was,
            )
    return out


def ruled_out(questionnaire: Questionnaire, resolved: dict[str, Resolved]) -> dict[str, str]:
    """The follow-ups that do not apply on these answers, each with why ("Does not apply: it
    follows ..."): the rule that scores them as n/a, for front ends that stop asking them."""
    return {
        qid: r.reason or ""
        for qid, r in apply_not_applicable(questionnaire, resolved).items()
        if r.because is not None
    }


def _labels(question: SingleQuestion | MultiQuestion, selected: tuple[str, ...]) -> str:
    labels = {c.id: c.label for c in question.choices}
    return "; ".join(labels.get(c, c) for c in selected)


def _resolve_one(
    question: SingleQuestion | MultiQuestion, raw: str | list[str] | AnswerDetail | None, path: Path
) -> Resolved | Problem:
    note = reason = None
    evidence = None
    value: str | list[str]
    value_path = path
    if isinstance(raw, AnswerDetail):
        note, reason, evidence = raw.note, raw.reason, raw.evidence
        if raw.choices is not None:
            value, value_path = raw.choices, (*path, "choices")
        else:
            value, value_path = raw.choice or "", (*path, "choice")
    else:
        assert raw is not None
        value = raw
    found = _resolve_value(question, value, value_path)
    if isinstance(found, Problem):
        return found
    status, selected = found
    workshop: AnswerWorkshop | None = None
    if isinstance(raw, AnswerDetail):
        found_workshop = _resolve_workshop(question, raw, path)
        if isinstance(found_workshop, Problem):
            return found_workshop
        workshop = found_workshop
    return Resolved(status, selected, note, reason, evidence, workshop=workshop)


def _resolve_workshop(
    question: SingleQuestion | MultiQuestion, raw: AnswerDetail, path: Path
) -> AnswerWorkshop | Problem | None:
    """The votes, proposed consensus and settlement of a merged team file's answer, checked like answers."""
    if raw.votes is None and raw.voices is None and raw.consensus is None and raw.settled is None:
        return None
    votes: list[Voted] = []
    for index, vote in enumerate(raw.votes or []):
        where: Path = (*path, "votes", index)
        given: str | list[str]
        if vote.choices is not None:
            given, where = vote.choices, (*where, "choices")
        else:
            given, where = vote.choice or "", (*where, "choice")
        found = _resolve_value(question, given, where)
        if isinstance(found, Problem):
            return found
        votes.append(Voted(vote.respondent, found[0], found[1], vote.note))
    consensus = None
    if raw.consensus is not None:
        found = _resolve_value(question, raw.consensus, (*path, "consensus"))
        if isinstance(found, Problem):
            return found
        consensus = Voted(None, found[0], found[1], None)
    voices = raw.voices if raw.voices is not None else len(votes)
    return AnswerWorkshop(
        voices=voices,
        votes=tuple(votes),
        consensus=consensus,
        settled=raw.settled is not None,
        settled_note=raw.settled.note if raw.settled is not None else None,
    )


def _resolve_value(
    question: SingleQuestion | MultiQuestion, value: str | list[str], value_path: Path
) -> tuple[str, tuple[str, ...]] | Problem:
    """(status, selected) for one answer value, or the problem with it."""
    table = compiled(question)
    ids = table.ids
    listing = ", ".join(ids)

    if isinstance(value, str):
        if value == NA:
            if not question.allow_na:
                return Problem(value_path, f"{question.id}: 'n/a' is not allowed for this question")
            return ("n/a", ())
        if value == UNSURE:
            return ("unsure", ())
        if isinstance(question, MultiQuestion):
            value = [value]  # a single practice named on its own is a one-item checklist
        else:
            if value not in ids:
                return Problem(
                    value_path,
                    f"{question.id}: unknown choice {value!r}{did_you_mean(value, ids)} "
                    f"(choices: {listing}, or unsure{', n/a' if question.allow_na else ''})",
                )
            return ("answered", (value,))

    if isinstance(question, SingleQuestion):
        return Problem(value_path, f"{question.id}: pick one choice, not a list (choices: {listing})")
    for index, choice in enumerate(value):
        if choice not in ids:
            return Problem(
                (*value_path, index),
                f"{question.id}: unknown choice {choice!r}{did_you_mean(choice, ids)} (choices: {listing})",
            )
    if len(set(value)) != len(value):
        return Problem(value_path, f"{question.id}: a choice is listed twice")
    if table.exclusive.intersection(value) and len(value) > 1:
        return Problem(value_path, f"{question.id}: 'none of these' cannot be combined with other choices")
    return ("answered", tuple(sorted(value, key=table.order.__getitem__)))
