"""Scores, levels and risks.

A question scores in [0, 1]: the chosen choice's score (single) or the share of
practice weights selected (checklist). ``unsure`` scores as the least mature
answer and is reported as a transparency gap; ``n/a`` is left out of every
average (neutral); unanswered questions are left out and lower coverage.
Context questions (``scored: false``) have no score and no risk.
A domain is the weighted mean of its scored questions, 0-100. The overall
score is the weighted mean of domain scores, and the overall level is capped
at the weakest domain's level + 1 so one strong area cannot hide a weak one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.engine.answers import Resolved
from assess.engine.compiled import Answered, compiled
from assess.models import MultiQuestion, Questionnaire, Risk, SingleQuestion

LEVELS: dict[int, tuple[str, str]] = {
    1: ("Initial", "Reliability depends on individual heroics; practices are absent or ad hoc."),
    2: ("Repeatable", "Some practices exist and are repeated, but unevenly and by habit."),
    3: ("Defined", "Practices are written down and followed by the whole team."),
    4: ("Managed", "Practices are measured and steered with data such as SLOs and toil budgets."),
    5: ("Optimizing", "The team improves its practices continuously and helps others do the same."),
}

_RISK_SCORE: dict[Risk, float] = {"none": 1.0, "medium": 0.5, "high": 0.0}


def level_of(score: float) -> int:
    """0-100 to level 1-5 in even bands: [0,20) is 1 ... [80,100] is 5."""
    return min(5, int(score // 20) + 1)


def label_of(level: int) -> str:
    return LEVELS[level][0]


def effective_selection(question: SingleQuestion | MultiQuestion, answer: Resolved) -> tuple[str, ...]:
    """What the answer counts as: ``unsure`` counts as the least mature answer."""
    if answer.status == "unsure":
        return compiled(question).unsure_selection
    return answer.selected


def answered_choices(resolved: Mapping[str, Resolved]) -> Answered:
    """What risk rules' ``unless`` clauses read: the choices of every question answered with choices."""
    return {qid: a.selected for qid, a in resolved.items() if a.status == "answered"}


def question_risk(
    question: SingleQuestion | MultiQuestion, answer: Resolved, others: Answered | None = None
) -> Risk | None:
    """First matching risk rule; None for n/a, a context question, or when no rule matches.
    ``others`` (the team's other answers) lets a rule's ``unless`` apply."""
    if answer.status == "n/a" or not question.scored:
        return None
    return compiled(question).risk(effective_selection(question, answer), others)[0]


def matching_rule_why(
    question: SingleQuestion | MultiQuestion, answer: Resolved, others: Answered | None = None
) -> str | None:
    return compiled(question).risk(effective_selection(question, answer), others)[1]


def question_score(question: SingleQuestion | MultiQuestion, answer: Resolved) -> float | None:
    if answer.status == "n/a" or not question.scored:
        return None
    selected = effective_selection(question, answer)
    table = compiled(question)
    if isinstance(question, SingleQuestion):
        return table.scores[selected[0]]
    if question.scoring == "risk":
        # A risk-scored checklist may not use ``unless`` (the model refuses it), so no context is needed.
        return _RISK_SCORE[question_risk(question, answer) or "none"]
    return sum(table.weights.get(c, 0.0) for c in selected) / table.total_weight


@dataclass(frozen=True)
class DomainScore:
    score: float | None
    level: int | None


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None when there is nothing to average."""
    total = sum(w for _, w in pairs)
    if not pairs or total == 0:
        return None
    return sum(v * w for v, w in pairs) / total


def domain_score(
    questionnaire: Questionnaire, domain_id: str, scores: dict[str, float | None]
) -> DomainScore:
    domain = questionnaire.domain(domain_id)
    pairs = [(s, q.weight) for q in domain.questions if (s := scores.get(q.id)) is not None]
    mean = weighted_mean(pairs)
    if mean is None:
        return DomainScore(None, None)
    score = round(mean * 100, 1)
    return DomainScore(score, level_of(score))


@dataclass(frozen=True)
class Scored:
    """Everything numeric about one team's answers: the lean core that both the
    full Assessment and the organisation roll-up are built from."""

    scores: dict[str, float | None]  # question id -> score; None for n/a; absent if unanswered
    risks: dict[str, Risk | None]
    domains: dict[str, DomainScore]
    overall: float | None
    overall_level: int | None
    capped_by: str | None


def score_all(questionnaire: Questionnaire, resolved: dict[str, Resolved]) -> Scored:
    scores: dict[str, float | None] = {}
    risks: dict[str, Risk | None] = {}
    others = answered_choices(resolved)
    for _, question in questionnaire.questions():
        answer = resolved.get(question.id)
        if answer is not None:
            scores[question.id] = question_score(question, answer)
            risks[question.id] = question_risk(question, answer, others)
    domains = {d.id: domain_score(questionnaire, d.id, scores) for d in questionnaire.domains}
    weights = {d.id: d.weight for d in questionnaire.domains}
    scored = [(i, ds) for i, ds in domains.items() if ds.score is not None and ds.level is not None]
    mean = weighted_mean([(ds.score, weights[i]) for i, ds in scored if ds.score is not None])
    if mean is None:
        return Scored(scores, risks, domains, None, None, None)
    overall = round(mean, 1)
    level = level_of(overall)
    weakest_id, weakest = min(scored, key=lambda p: (p[1].level or 0, p[1].score or 0.0))
    capped_by = None
    if weakest.level is not None and level > weakest.level + 1:
        level, capped_by = weakest.level + 1, weakest_id
    return Scored(scores, risks, domains, overall, level, capped_by)
