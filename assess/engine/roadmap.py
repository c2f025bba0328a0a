"""The improvement roadmap: which actions, in which phase, in which order.

Each action comes from the questionnaire (the chosen answer's improvement
action), so the roadmap falls out of the answers. Phases:
- now:   high risks, and quick wins (low effort, at least medium impact);
- next:  medium risks, and anything in a domain still at level 1-2;
- later: the rest.
A question whose prerequisite (``depends_on``) is barely in place (scores
under 0.5) moves to the phase after that prerequisite and comes after it; a
prerequisite already in place holds nothing back. Within a phase: higher
impact first, then lower effort. An ``unsure`` answer's action starts with
finding out, since the practice may well exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.engine.answers import Resolved
from assess.engine.scoring import (
    domain_score,
    effective_selection,
    label_of,
    question_risk,
    question_score,
)
from assess.models import (
    MultiChoice,
    MultiQuestion,
    Questionnaire,
    RoadmapItem,
    SingleChoice,
    SingleQuestion,
)

PHASES = ("now", "next", "later")
_IMPACT_RANK = {"high": 0, "medium": 1, "low": 2}
_EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}
MEDIUM_GAIN = 5.0  # domain points an action must add to count as medium impact
BARELY_IN_PLACE = 0.5  # a prerequisite below this score holds its dependents back a phase


@dataclass
class _Candidate:
    question: SingleQuestion | MultiQuestion
    domain: str
    domain_title: str
    action: str
    impact: str
    phase: int
    level_from: int | None
    level_to: int | None
    why: str
    position: int
    risk: str | None
    after_score: float | None
    gain: float


def _next_step(
    question: SingleQuestion | MultiQuestion, selected: tuple[str, ...]
) -> tuple[str, tuple[str, ...], SingleChoice | MultiChoice] | None:
    """(action, selection after doing it, choice carrying the action), or None at the top."""
    if isinstance(question, SingleQuestion):
        ordered = sorted(question.choices, key=lambda c: c.score)
        current = next(i for i, c in enumerate(ordered) if c.id == selected[0])
        if current == len(ordered) - 1 or ordered[current].action is None:
            return None
        action = ordered[current].action
        assert action is not None
        return action, (ordered[current + 1].id,), ordered[current]
    missing = [c for c in question.choices if not c.none_of_these and c.id not in selected and c.action]
    if not missing:
        return None
    choice = max(missing, key=lambda c: c.weight)  # first by weight, then questionnaire order
    action = choice.action
    assert action is not None
    kept = tuple(s for s in selected if s in {c.id for c in question.choices if not c.none_of_these})
    return action, (*kept, choice.id), choice


def build(
    questionnaire: Questionnaire,
    answers: dict[str, Resolved],
    scores: dict[str, float | None],
    targets: Mapping[str, int] | None = None,
) -> list[RoadmapItem]:
    candidates: dict[str, _Candidate] = {}
    position = 0
    for domain in questionnaire.domains:
        before = domain_score(questionnaire, domain.id, scores)
        for question in domain.questions:
            position += 1
            answer = answers.get(question.id)
            if answer is None or answer.status == "n/a":
                continue
            step = _next_step(question, effective_selection(question, answer))
            if step is None:
                continue
            action, after_selection, _ = step
            if answer.status == "unsure":
                action = (
                    f"Find out the real answer to \u201c{question.text}\u201d before acting; if the practice "
                    f"turns out to be missing: {action[0].lower()}{action[1:]}"
                )
            after_score = question_score(question, Resolved("answered", after_selection))
            after = domain_score(questionnaire, domain.id, {**scores, question.id: after_score})
            gain = (after.score or 0.0) - (before.score or 0.0)
            risk = question_risk(question, answer)
            impact = (
                "high" if risk == "high" else "medium" if risk == "medium" or gain >= MEDIUM_GAIN else "low"
            )
            if risk == "high" or (question.effort == "low" and impact != "low"):
                phase = 0
            elif risk == "medium" or (before.level or 1) <= 2:
                phase = 1
            else:
                phase = 2
            reasons = []
            if risk in ("high", "medium"):
                reasons.append(f"removes a {risk} risk")
            if answer.status == "unsure":
                reasons.append("the team was unsure, so this counts as missing until shown otherwise")
            if before.level is not None and after.level is not None and after.level > before.level:
                reasons.append(
                    f"lifts {domain.title} from level {before.level} ({label_of(before.level)}) "
                    f"to {after.level} ({label_of(after.level)})"
                )
            elif gain > 0:
                reasons.append(f"adds {gain:.1f} points to {domain.title}")
            if question.effort == "low":
                reasons.append("low effort")
            candidates[question.id] = _Candidate(
                question=question,
                domain=domain.id,
                domain_title=domain.title,
                action=action,
                impact=impact,
                phase=phase,
                level_from=before.level,
                level_to=after.level,
                why=_sentence(reasons),
                position=position,
                risk=risk,
                after_score=after_score,
                gain=gain,
            )

    if targets:
        _stop_at_targets(questionnaire, candidates, scores, targets)
    blockers = {
        qid: [
            p for p in c.question.depends_on if p in candidates and (scores.get(p) or 0.0) < BARELY_IN_PLACE
        ]
        for qid, c in candidates.items()
    }
    _respect_prerequisites(candidates, blockers)
    ordered = _order(candidates, blockers)
    return [
        RoadmapItem(
            phase=PHASES[c.phase],
            action=c.action,
            domain=c.domain,
            questions=[c.question.id],
            impact=c.impact,
            effort=c.question.effort,
            level_from=c.level_from,
            level_to=c.level_to,
            why=c.why,
        )
        for c in ordered
    ]


def _stop_at_targets(
    questionnaire: Questionnaire,
    candidates: dict[str, _Candidate],
    scores: dict[str, float | None],
    targets: Mapping[str, int],
) -> None:
    """Per domain, keep only the actions that reach its target level (best value
    first), plus any action that removes a high or medium risk."""
    for domain in questionnaire.domains:
        target = targets.get(domain.id)
        if target is None:
            continue
        mine = [c for c in candidates.values() if c.domain == domain.id]
        simulated = dict(scores)
        level = domain_score(questionnaire, domain.id, simulated).level
        needed: set[str] = set()
        by_value = sorted(
            mine, key=lambda c: (_IMPACT_RANK[c.impact], _EFFORT_RANK[c.question.effort], -c.gain, c.position)
        )
        for c in by_value:
            if level is None or level >= target:
                break
            needed.add(c.question.id)
            simulated[c.question.id] = c.after_score
            level = domain_score(questionnaire, domain.id, simulated).level
        for c in mine:
            if c.question.id in needed:
                continue
            if c.risk in ("high", "medium"):
                c.why = (
                    c.why.rstrip(".") + f"; beyond what the {domain.title} target needs, kept for the risk."
                )
            else:
                del candidates[c.question.id]


def _sentence(reasons: list[str]) -> str:
    if not reasons:
        return "Moves the practice up one step."
    text = "; ".join(reasons)
    return text[0].upper() + text[1:] + "."


def _respect_prerequisites(candidates: dict[str, _Candidate], blockers: dict[str, list[str]]) -> None:
    # Iterate to a fixed point: a chain of prerequisites pushes along the chain.
    # Phases only grow and are capped at "later", so this terminates.
    changed = True
    while changed:
        changed = False
        for qid, candidate in candidates.items():
            for prereq_id in blockers[qid]:
                prereq = candidates[prereq_id]
                floor = min(prereq.phase + 1, len(PHASES) - 1)
                if candidate.phase < floor:
                    candidate.phase = floor
                    candidate.why = candidate.why.rstrip(".") + f"; after {prereq_id}, which it builds on."
                    changed = True


def _order(candidates: dict[str, _Candidate], blockers: dict[str, list[str]]) -> list[_Candidate]:
    """Sort by phase, then impact and effort, with weak prerequisites always first."""

    def key(c: _Candidate) -> tuple[int, int, int, int]:
        return (c.phase, _IMPACT_RANK[c.impact], _EFFORT_RANK[c.question.effort], c.position)

    remaining = sorted(candidates.values(), key=key)
    placed: list[_Candidate] = []
    done: set[str] = set()
    while remaining:
        ready = next(
            (i for i, c in enumerate(remaining) if all(p in done for p in blockers[c.question.id])),
            0,  # a cycle (the validator rejects these): keep the sorted order
        )
        c = remaining.pop(ready)
        placed.append(c)
        done.add(c.question.id)
    return placed
