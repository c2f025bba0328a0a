"""One assessment in progress: the questionnaire, the answers document and the rules for changing it.

The answers are kept as the plain data of the answers YAML (what the strict
loader returns), so what is saved is exactly what ``assess score`` reads, and
anything a person wrote that the app does not edit (evidence, other keys,
short forms) passes through untouched. Every change replaces the containers it
touches instead of mutating them, so a snapshot handed to the saver thread
never changes under it. Scores always come from ``assess.engine.assess``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assess.engine import assess
from assess.engine.actions import root_causes
from assess.engine.answers import Resolved, ruled_out
from assess.models import NA, UNSURE, Answers, Assessment, MultiQuestion, Questionnaire, SingleQuestion

AnyQuestion = SingleQuestion | MultiQuestion
Status = Literal["unanswered", "answered", "n/a", "unsure"]

TEAM_FIELDS = (
    "name",
    "engineers",
    "services",
    "teams_in_org",
    "sre_count",
    "on_call_engineers",
    "pages_per_week",
    "incidents_per_week",
    "current_setup",
    "setup_since",
)
_CHOICE_KEYS = ("choice", "choices")


class NeedsAnswer(ValueError):
    """The change would leave a note (or evidence) without an answer, which the format cannot hold."""


@dataclass(frozen=True)
class AnswerView:
    """How one question stands, for display."""

    status: Status
    selected: tuple[str, ...]
    note: str
    reason: str
    has_evidence: bool

    @property
    def answered(self) -> bool:
        return self.status != "unanswered"

    def marks(self, option: str) -> bool:
        """True if ``option`` (a choice id, n/a or unsure) is part of this answer."""
        if option in (NA, UNSURE):
            return self.status == option
        return option in self.selected


def _parts(raw: object) -> tuple[object, dict[str, Any]]:
    """Split a raw answer into its value and the other keys of the long form."""
    if isinstance(raw, Mapping):
        value = raw.get("choices") if raw.get("choices") is not None else raw.get("choice")
        return value, {k: v for k, v in raw.items() if k not in _CHOICE_KEYS}
    return raw, {}


def view(raw: object) -> AnswerView:
    value, extras = _parts(raw)
    note, reason = extras.get("note"), extras.get("reason")

    def made(status: Status, selected: tuple[str, ...] = ()) -> AnswerView:
        return AnswerView(
            status,
            selected,
            note if isinstance(note, str) else "",
            reason if isinstance(reason, str) else "",
            extras.get("evidence") is not None,
        )

    if value is None:
        return made("unanswered")
    if value == NA:
        return made("n/a")
    if value == UNSURE:
        return made("unsure")
    if isinstance(value, str):
        return made("answered", (value,))
    if isinstance(value, list):
        return made("answered", tuple(str(v) for v in value))
    return made("unanswered")


def _compose(question: AnyQuestion, value: str | list[str] | None, raw: object) -> object:
    """The raw answer holding ``value``, keeping the long form's other keys in their places."""
    _, extras = _parts(raw)
    if value != NA and "reason" in extras:
        # 'reason' is only valid with n/a; keep the words as part of the note.
        reason = extras.pop("reason")
        if isinstance(reason, str) and reason:
            note = extras.get("note")
            extras["note"] = (
                f"{note}\n(n/a: {reason})" if isinstance(note, str) and note else f"(n/a: {reason})"
            )
    if value is None:
        if any(v is not None for v in extras.values()):
            raise NeedsAnswer(f"{question.id} has a note; a note needs an answer to be saved")
        return None
    return _long_form(raw, value, extras)


def _long_form(raw: object, value: str | list[str], extras: dict[str, Any]) -> object:
    """The short form when nothing but the value is left, else the mapping, in the file's key order."""
    if not extras:
        return value
    key = "choices" if isinstance(value, list) else "choice"
    out: dict[str, Any] = {}
    if isinstance(raw, Mapping):
        for k in raw:
            if k in _CHOICE_KEYS:
                out.setdefault(key, value)
            elif k in extras:
                out[k] = extras[k]
    if key not in out:
        out = {key: value, **out}
    for k, v in extras.items():
        out.setdefault(k, v)
    return out


def pick(question: AnyQuestion, raw: object, option: str) -> object:
    """The answer after choosing ``option``: set it (single choice) or toggle it (checklist)."""
    if option == NA and not question.allow_na:
        raise ValueError(f"{question.id} does not allow n/a")
    if option not in (NA, UNSURE) and option not in question.choice_ids():
        raise ValueError(f"{question.id} has no choice {option!r}")
    current = view(raw)
    if isinstance(question, SingleQuestion):
        return _compose(question, option, raw)
    if option in (NA, UNSURE):
        return _compose(question, None if current.status == option else option, raw)
    exclusive = {c.id for c in question.choices if c.none_of_these}
    selected = set(current.selected) if current.status == "answered" else set()
    if option in selected:
        selected.discard(option)
    elif option in exclusive:
        selected = {option}
    else:
        selected = (selected - exclusive) | {option}
    ordered = [c for c in question.choice_ids() if c in selected]
    return _compose(question, ordered or None, raw)


def clear(question: AnyQuestion, raw: object) -> object:
    return _compose(question, None, raw)


def with_note(question: AnyQuestion, raw: object, note: str) -> object:
    """The answer with its note replaced; an empty note is removed (and the short form comes back)."""
    value, extras = _parts(raw)
    if value is None:
        if note.strip():
            raise NeedsAnswer(f"{question.id}: pick an answer before adding a note")
        return raw
    if note.strip():
        extras["note"] = note
    else:
        extras.pop("note", None)
    assert isinstance(value, str | list)
    return _long_form(raw, value, extras)


def with_reason(question: AnyQuestion, raw: object, reason: str) -> object:
    """An n/a answer with the reason it does not apply; an empty reason is removed."""
    value, extras = _parts(raw)
    if value != NA:
        raise NeedsAnswer(f"{question.id}: a reason goes with n/a only")
    if reason.strip():
        extras["reason"] = reason
    else:
        extras.pop("reason", None)
    return _long_form(raw, NA, extras)


class Session:
    """The assessment being edited. The app owns it; screens read it and post changes."""

    def __init__(self, questionnaire: Questionnaire, data: dict[str, Any], path: Path) -> None:
        self.questionnaire = questionnaire
        self.path = path
        self.data = data
        self.questions: list[AnyQuestion] = [q for _, q in questionnaire.questions()]
        self.index_of = {q.id: i for i, q in enumerate(self.questions)}
        self.domain_index = {q.id: d.id for d, q in questionnaire.questions()}
        self.revision = 0
        self._skipped: tuple[object, dict[str, str]] | None = None

    # ---- reading --------------------------------------------------------

    @property
    def answers(self) -> Mapping[str, Any]:
        section = self.data.get("answers")
        return section if isinstance(section, Mapping) else {}

    @property
    def team(self) -> Mapping[str, Any]:
        section = self.data.get("team")
        return section if isinstance(section, Mapping) else {}

    @property
    def actions(self) -> Mapping[str, Any]:
        """The actions section: root-cause id -> what was agreed (status, owner, due, link...)."""
        section = self.data.get("actions")
        return section if isinstance(section, Mapping) else {}

    @property
    def team_name(self) -> str:
        return str(self.team.get("name", ""))

    def view(self, question_id: str) -> AnswerView:
        return view(self.answers.get(question_id))

    def is_answered(self, question_id: str) -> bool:
        return self.answers.get(question_id) is not None

    def does_not_apply(self) -> dict[str, str]:
        """The follow-ups that do not apply on the answers so far, each with why ("Does not apply:
        it follows ..."): the questionnaire's ``not_applicable_when``, read by the same engine rule
        that scores them as n/a. Worked out once per change to the answers."""
        answers = self.data.get("answers")
        if self._skipped is not None and self._skipped[0] is answers:
            return self._skipped[1]
        known: dict[str, Resolved] = {}
        for q in self.questions:
            if self.answers.get(q.id) is None:
                continue
            v = self.view(q.id)
            known[q.id] = Resolved(v.status, v.selected)
        found = ruled_out(self.questionnaire, known)
        self._skipped = (answers, found)
        return found

    def is_done(self, question_id: str) -> bool:
        """Answered, or a follow-up that does not apply: nothing left to ask."""
        return self.is_answered(question_id) or question_id in self.does_not_apply()

    def progress(self) -> tuple[int, int]:
        """Questions answered (follow-ups that do not apply not counted), and how many there are."""
        skipped = self.does_not_apply()
        answered = sum(self.is_answered(q.id) and q.id not in skipped for q in self.questions)
        return answered, len(self.questions)

    def domain_progress(self, domain_id: str) -> tuple[int, int]:
        """Questions with nothing left to ask in the domain (answered or not applying), of how many."""
        ids = [q.id for q in self.questions if self.domain_index[q.id] == domain_id]
        return sum(self.is_done(i) for i in ids), len(ids)

    def asked(self, index: int, step: int) -> int | None:
        """The next question from ``index`` in direction ``step`` (1 or -1) that applies; None at an end."""
        skipped = self.does_not_apply()
        i = index + step
        while 0 <= i < len(self.questions):
            if self.questions[i].id not in skipped:
                return i
            i += step
        return None

    def first_unanswered(self, start: int = 0) -> int | None:
        """The first question still to answer at or after ``start``, wrapping around (follow-ups
        that do not apply are not to answer)."""
        count = len(self.questions)
        for step in range(count):
            i = (start + step) % count
            if not self.is_done(self.questions[i].id):
                return i
        return None

    def first_of_domain(self, domain_id: str) -> int:
        """The domain's first question still to answer, else its first question that applies, else
        its first question."""
        indexes = [i for i, q in enumerate(self.questions) if self.domain_index[q.id] == domain_id]
        for i in indexes:
            if not self.is_done(self.questions[i].id):
                return i
        skipped = self.does_not_apply()
        return next((i for i in indexes if self.questions[i].id not in skipped), indexes[0])

    def answers_model(self) -> Answers:
        return Answers.model_validate(self.data)

    def assessment(self, as_of: dt.date | None = None) -> Assessment:
        """The engine's result, read on ``as_of`` (what is stale or overdue is judged then; default
        assessed_at)."""
        return assess(self.questionnaire, self.answers_model(), as_of=as_of)

    def order(self) -> dict[str, list[str]]:
        """Where new keys go when the file lacks them: questionnaire and team-field order."""
        return {
            "answers": [q.id for q in self.questions],
            "team": list(TEAM_FIELDS),
            "actions": list(root_causes(self.questionnaire)),
        }

    # ---- changing (each returns True when something changed) ---------------

    def _set_answer(self, question_id: str, raw: object) -> bool:
        if self.answers.get(question_id, None) == raw and question_id in self.answers:
            return False
        self.data = {**self.data, "answers": {**self.answers, question_id: raw}}
        self.revision += 1
        return True

    def pick(self, question_id: str, option: str) -> bool:
        question = self.questions[self.index_of[question_id]]
        return self._set_answer(question_id, pick(question, self.answers.get(question_id), option))

    def clear(self, question_id: str) -> bool:
        question = self.questions[self.index_of[question_id]]
        return self._set_answer(question_id, clear(question, self.answers.get(question_id)))

    def set_note(self, question_id: str, note: str) -> bool:
        question = self.questions[self.index_of[question_id]]
        return self._set_answer(question_id, with_note(question, self.answers.get(question_id), note))

    def replace_answer(self, question_id: str, raw: object) -> bool:
        """Put ``raw`` (an answer as the file holds it) in place of the question's answer."""
        return self._set_answer(question_id, raw)

    def set_reason(self, question_id: str, reason: str) -> bool:
        question = self.questions[self.index_of[question_id]]
        return self._set_answer(question_id, with_reason(question, self.answers.get(question_id), reason))

    def set_action(self, root_cause: str, entry: Mapping[str, Any] | None) -> bool:
        """Record what was agreed for an action (``entry`` as the actions section holds it), or take
        it off the section (None). An emptied section stays as ``actions:`` with nothing under it."""
        actions = dict(self.actions)
        if entry is None:
            if root_cause not in actions:
                return False
            del actions[root_cause]
        else:
            if actions.get(root_cause) == entry:
                return False
            actions[root_cause] = dict(entry)
        self.data = {**self.data, "actions": actions or None}
        self.revision += 1
        return True

    def set_team(self, values: Mapping[str, Any]) -> bool:
        """Set team facts that passed validation; a fact the file lacks is only added when given."""
        team = dict(self.team)
        changed = False
        for key, value in values.items():
            if (key in team and team[key] == value) or (key not in team and value is None):
                continue
            team[key] = value
            changed = True
        if changed:
            self.data = {**self.data, "team": team}
            self.revision += 1
        return changed
