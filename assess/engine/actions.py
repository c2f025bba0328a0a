"""What the answers file's ``actions`` section says about the plan, read on a given day (pure).

Each entry is keyed by a root-cause id and records what was agreed for that gap: status
(planned, in-progress, done, accepted-risk), owner, due date, tracker link, and optionally the
step it is about (``done_when``: question -> the choice the action aims at).

- **Closed.** An entry is closed when the answers reach its ``done_when``, or when the gap is gone
  (no question of the root cause has a step left, or, for a find-out, nothing in the area is
  unsure any more). A closed entry no longer applies: the next step of the same gap is a new
  action, with no status yet.
- **Accepted risk.** An entry with ``accepted-risk`` that is not closed keeps its action out of
  the plan (see ``roadmap``, rule 6); the risk is still listed.
- **Done, but unchanged.** "Did not improve" is checked against the step the entry names: a
  ``done`` entry whose ``done_when`` is not reached by answers dated after the day it was marked
  done (``since``; or when either date is missing) is called out. Without ``done_when`` a single
  file cannot tell which step was done, so only ``compare`` and ``history`` check it, against the
  previous assessment (``org.action_changes``). A find-out is checked by whether its area is still unsure.
- **Overdue.** A planned or in-progress entry that applies and whose due date is before ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from assess.engine.answers import Resolved
from assess.engine.roadmap import FIND_OUT, next_step
from assess.engine.scoring import effective_selection
from assess.models import (
    OPEN_STATUSES,
    ActionRecord,
    BacklogItem,
    MultiQuestion,
    Questionnaire,
    RoadmapItem,
    SingleQuestion,
    TrackedAction,
    Tracking,
)
from assess.words import agrees, counted

AnyQuestion = SingleQuestion | MultiQuestion


# Root causes per questionnaire, built once: the roll-up asks for them for every entry of every team.
# Keyed by identity, holding the questionnaire so the key stays its own; a few at most are in use.
_CAUSES: dict[int, tuple[Questionnaire, dict[str, list[AnyQuestion]]]] = {}
_CAUSES_KEPT = 4


def root_causes(questionnaire: Questionnaire) -> dict[str, list[AnyQuestion]]:
    """Every root-cause id an entry may name, with its questions: the scored questions' root causes,
    then ``find-out:DOMAIN`` for each area (its questions). Do not change what it returns."""
    found = _CAUSES.get(id(questionnaire))
    if found is not None and found[0] is questionnaire:
        return found[1]
    causes = _root_causes(questionnaire)
    if len(_CAUSES) >= _CAUSES_KEPT:
        _CAUSES.pop(next(iter(_CAUSES)))
    _CAUSES[id(questionnaire)] = (questionnaire, causes)
    return causes


def _root_causes(questionnaire: Questionnaire) -> dict[str, list[AnyQuestion]]:
    out: dict[str, list[AnyQuestion]] = {}
    for _, question in questionnaire.questions():
        if question.scored:
            out.setdefault(question.root_cause_id, []).append(question)
    for domain in questionnaire.domains:
        scored = [q for q in domain.questions if q.scored]
        if scored:
            out[FIND_OUT + domain.id] = scored
    return out


def reaches(question: AnyQuestion, answer: Resolved | None, choice: str) -> bool:
    """Whether the answer is at least the step to ``choice`` (n/a: the question no longer applies)."""
    if answer is None or answer.status == "unsure":
        return False
    if answer.status == "n/a":
        return True
    selected = effective_selection(question, answer)
    if isinstance(question, SingleQuestion):
        scores = {c.id: question.score_of(c) for c in question.choices}
        return choice in scores and scores.get(selected[0], 0.0) >= scores[choice]
    return choice in selected


def _label(question: AnyQuestion, answer: Resolved | None) -> str:
    if answer is None:
        return "not answered"
    if answer.status != "answered":
        return answer.status
    labels = {c.id: c.label for c in question.choices}
    chosen = effective_selection(question, answer)
    return "; ".join(labels.get(c, c) for c in chosen) if chosen else "none selected"


def _choice_label(question: AnyQuestion, choice: str) -> str:
    return next((c.label for c in question.choices if c.id == choice), choice)


def reached(
    questionnaire: Questionnaire, root: str, record: ActionRecord, resolved: Mapping[str, Resolved]
) -> str | None:
    """When the answers reach the entry's ``done_when``: why it is closed, in a sentence; else None."""
    if not record.done_when:
        return None
    said = []
    for qid, choice in record.done_when.items():
        question = questionnaire.question(qid)
        if question is None or not reaches(question, resolved.get(qid), choice):
            return None
        answer = resolved.get(qid)
        now = (
            "does not apply any more"
            if answer and answer.status == "n/a"
            else f"is now “{_label(question, answer)}”"
        )
        said.append(f"{qid} {now}")
    return "; ".join(said)


def accepted(
    questionnaire: Questionnaire, records: Mapping[str, ActionRecord], resolved: Mapping[str, Resolved]
) -> set[str]:
    """Root causes whose risk the team accepted, for entries that are not closed."""
    return {
        root
        for root, record in records.items()
        if record.status == "accepted-risk" and reached(questionnaire, root, record, resolved) is None
    }


def _overdue(record: ActionRecord, as_of: dt.date | None) -> int | None:
    if record.status not in OPEN_STATUSES or record.due is None or as_of is None or record.due >= as_of:
        return None
    return (as_of - record.due).days


def _marked(record: ActionRecord) -> str:
    return f"Marked done on {record.since.isoformat()}" if record.since else "Marked done"


def _unchanged(
    questionnaire: Questionnaire,
    root: str,
    record: ActionRecord,
    resolved: Mapping[str, Resolved],
    assessed_at: dt.date | None,
) -> str | None:
    """The callout for a done entry whose answers, assessed after it was marked done, did not reach it."""
    if record.status != "done":
        return None
    if record.since is not None and assessed_at is not None and assessed_at <= record.since:
        return None  # these answers were given before it was done: the next assessment tells
    if root.startswith(FIND_OUT):
        domain = root.removeprefix(FIND_OUT)
        still = [
            q.id
            for q in root_causes(questionnaire).get(root, [])
            if (a := resolved.get(q.id)) is not None and a.status == "unsure"
        ]
        if not still:
            return None
        title = next((d.title for d in questionnaire.domains if d.id == domain), domain)
        shown = ", ".join(still[:5]) + (f" and {len(still) - 5} more" if len(still) > 5 else "")
        return (
            f"{_marked(record)}, but {counted(len(still), 'answer')} in {title} "
            f"{agrees(len(still), 'is', 'are')} still unsure: {shown}."
        )
    if not record.done_when:
        return None  # which step was done is not known: compare and history check it
    parts = []
    for qid, choice in record.done_when.items():
        question = questionnaire.question(qid)
        if question is None or reaches(question, resolved.get(qid), choice):
            continue
        parts.append(
            f"{qid} is unchanged: still “{_label(question, resolved.get(qid))}”, "
            f"not yet “{_choice_label(question, choice)}”"
        )
    if not parts:
        return None
    return f"{_marked(record)}, but " + "; ".join(parts) + "."


def tracking(
    questionnaire: Questionnaire,
    root: str,
    record: ActionRecord,
    resolved: Mapping[str, Resolved],
    *,
    as_of: dt.date | None,
    assessed_at: dt.date | None,
) -> Tracking:
    return Tracking(
        status=record.status,
        owner=record.owner,
        due=record.due,
        link=record.link,
        reason=record.reason,
        since=record.since,
        overdue_days=_overdue(record, as_of),
        unchanged=_unchanged(questionnaire, root, record, resolved, assessed_at),
    )


def track(
    questionnaire: Questionnaire,
    records: Mapping[str, ActionRecord],
    resolved: Mapping[str, Resolved],
    roadmap: Sequence[RoadmapItem],
    beyond: Sequence[BacklogItem],
    *,
    as_of: dt.date | None,
    assessed_at: dt.date | None,
) -> tuple[list[RoadmapItem], list[BacklogItem], list[TrackedAction]]:
    """The plan with each action's tracking attached, and every entry with what became of it."""
    if not records:
        return list(roadmap), list(beyond), []
    current: dict[str, Tracking] = {}
    closed: dict[str, str] = {}
    actions = {i.root_cause: i for i in roadmap}
    later = {b.root_cause: b for b in beyond}
    for root, record in records.items():
        why = reached(questionnaire, root, record, resolved)
        if why is None and root not in actions and root not in later:
            why = _gone(questionnaire, root, resolved)
        if why is not None:
            closed[root] = why
        else:
            current[root] = tracking(
                questionnaire, root, record, resolved, as_of=as_of, assessed_at=assessed_at
            )
    items = [i.model_copy(update={"tracking": current.get(i.root_cause)}) for i in roadmap]
    rest = [b.model_copy(update={"tracking": current.get(b.root_cause)}) for b in beyond]

    causes = root_causes(questionnaire)
    position = {
        root: n for n, root in enumerate([*(i.root_cause for i in items), *(b.root_cause for b in rest)])
    }
    tracked = []
    for root, record in records.items():
        item: RoadmapItem | BacklogItem | None = actions.get(root) or later.get(root)
        if item is not None:
            questions, domain, title = list(item.questions), item.domain, item.title
        elif root.startswith(FIND_OUT):  # nothing is unsure any more, or not known yet
            questions, domain = [], root.removeprefix(FIND_OUT)
            title = _title(questionnaire, root, None)
        else:
            questions = [q.id for q in causes.get(root, [])]
            area = questionnaire.domain_of(questions[0]) if questions else None
            domain = area.id if area else ""
            title = _title(questionnaire, root, questionnaire.question(questions[0]) if questions else None)
        if root in closed:
            state = "closed"
        elif root in actions:
            state = actions[root].phase
        else:
            state = "beyond" if root in later else "unknown"
        base = current.get(root) or tracking(
            questionnaire, root, record, resolved, as_of=None, assessed_at=assessed_at
        )
        if root in closed:
            base = base.model_copy(update={"overdue_days": None, "unchanged": None})
        tracked.append(
            TrackedAction(
                **base.model_dump(),
                root_cause=root,
                title=title,
                domain=domain,
                questions=questions,
                done_when=dict(record.done_when),
                state=state,
                closed=closed.get(root),
            )
        )
    tracked.sort(key=lambda t: _order(t, position))
    return items, rest, tracked


def _order(t: TrackedAction, position: Mapping[str, int]) -> tuple[int, int, int, str]:
    if t.overdue_days is not None:
        return (0, -t.overdue_days, position.get(t.root_cause, 0), t.root_cause)
    if t.unchanged is not None:
        return (1, 0, position.get(t.root_cause, 0), t.root_cause)
    if t.state == "closed":
        return (3, 0, 0, t.root_cause)
    return (2, 0, position.get(t.root_cause, 0), t.root_cause)


def _title(questionnaire: Questionnaire, root: str, lead: AnyQuestion | None) -> str:
    if root.startswith(FIND_OUT):
        domain = root.removeprefix(FIND_OUT)
        return "Find out: " + next((d.title for d in questionnaire.domains if d.id == domain), domain)
    return lead.short_title if lead else root


def gap_left(questionnaire: Questionnaire, root: str, resolved: Mapping[str, Resolved]) -> bool | None:
    """Whether the root cause still has a step to take (None: not known, its questions unanswered);
    what the plan would say, without building it."""
    questions = root_causes(questionnaire).get(root, [])
    if root.startswith(FIND_OUT):
        return any((a := resolved.get(q.id)) is not None and a.status == "unsure" for q in questions)
    unknown = False
    for question in questions:
        answer = resolved.get(question.id)
        if answer is None or answer.status == "unsure":
            unknown = True  # unsure answers become a find-out action, not this one
        elif answer.status != "n/a" and next_step(question, effective_selection(question, answer)):
            return True
    return None if unknown else False


def summary(
    questionnaire: Questionnaire,
    records: Mapping[str, ActionRecord],
    resolved: Mapping[str, Resolved],
    *,
    as_of: dt.date | None,
    assessed_at: dt.date | None,
) -> list[tuple[str, ActionRecord, Tracking | None]]:
    """Each entry naming a known root cause, with its tracking while it applies (None: closed), for
    the organisation roll-up, which builds no plans."""
    causes = root_causes(questionnaire)
    out: list[tuple[str, ActionRecord, Tracking | None]] = []
    for root, record in records.items():
        if root not in causes:
            continue
        closed = reached(questionnaire, root, record, resolved) is not None or (
            gap_left(questionnaire, root, resolved) is False
        )
        out.append(
            (
                root,
                record,
                None
                if closed
                else tracking(questionnaire, root, record, resolved, as_of=as_of, assessed_at=assessed_at),
            )
        )
    return out


def _gone(questionnaire: Questionnaire, root: str, resolved: Mapping[str, Resolved]) -> str | None:
    """Why a gap with no action left is closed, or None when that is not known (unanswered)."""
    questions = root_causes(questionnaire).get(root, [])
    if root.startswith(FIND_OUT):
        return "nothing in the area is unsure any more"
    answers = [resolved.get(q.id) for q in questions]
    if not questions or any(a is None or a.status == "unsure" for a in answers):
        return None  # unanswered or unsure: nothing is known about it yet
    said = [
        f"{q.id} does not apply" if a is not None and a.status == "n/a" else f"{q.id} is “{_label(q, a)}”"
        for q, a in zip(questions, answers, strict=True)
    ]
    return "no step left: " + "; ".join(said)
