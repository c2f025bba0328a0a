"""Assemble the Assessment from a questionnaire and answers (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from assess.engine import actions, confidence, consistency, readings, roadmap, topology, workshop
from assess.engine.answers import Resolved, resolve
from assess.engine.scoring import Scored, answered_choices, label_of, matching_rule_why, score_all
from assess.models import (
    DEFAULT_TARGET,
    Answers,
    Assessment,
    DomainResult,
    Gap,
    MultiQuestion,
    Overall,
    Questionnaire,
    QuestionnaireRef,
    QuestionResult,
    RiskFinding,
    SingleQuestion,
    TeamProfile,
    Topology,
)
from assess.models.workshop import REVIEW_DAYS, QuestionWorkshop
from assess.words import counted

STRENGTH = 0.75  # a question at or above this score is a strength of its domain
WEAKNESS = 0.25  # at or below this, a gap


class InvalidAnswers(ValueError):
    """The answers do not fit the questionnaire; ``problems`` says where."""

    def __init__(self, problems: list[object]) -> None:
        super().__init__(f"{counted(len(problems), 'problem')} in the answers")
        self.problems = problems


def domain_targets(
    questionnaire: Questionnaire, answers: Answers, defaults: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Target level per domain: the team's own setting wins over the organisation's."""
    out: dict[str, int] = {}
    for layer in (defaults or {}, answers.targets):
        for domain in questionnaire.domains:
            if domain.id in layer:
                out[domain.id] = layer[domain.id]
            elif DEFAULT_TARGET in layer:
                out[domain.id] = layer[DEFAULT_TARGET]
    return out


def level_floor(level: int) -> float:
    """The lowest score that reaches ``level``."""
    return (level - 1) * 20.0


def advise(
    questionnaire: Questionnaire,
    resolved: dict[str, Resolved],
    scored: Scored,
    team: TeamProfile,
    assessed_at: dt.date | None = None,
    criticality: str | None = None,
) -> Topology:
    """Topology advice from the scores (read through the questionnaire's advice roles), the team facts
    and how the business rates the services."""
    return topology.advise(readings.read(questionnaire, resolved, scored, team, assessed_at, criticality))


def assess(
    questionnaire: Questionnaire,
    answers: Answers,
    *,
    default_targets: Mapping[str, int] | None = None,
    as_of: dt.date | None = None,
    review_days: int = REVIEW_DAYS,
) -> Assessment:
    """Score the answers. ``default_targets`` are the organisation's target levels
    (domain id or 'default' -> level); the answers' own targets override them.

    ``as_of`` is the day the results are read on (what is stale or overdue is judged against
    it); without it, the answers' ``assessed_at``. The engine never reads the clock: a caller
    that wants "today" passes it. Answers and evidence older than ``review_days`` on that day
    are stale."""
    resolved, problems = resolve(questionnaire, answers)
    if problems:
        raise InvalidAnswers(list(problems))
    scored = score_all(questionnaire, resolved)
    targets = domain_targets(questionnaire, answers, default_targets)

    others = answered_choices(resolved)
    as_of = as_of or answers.assessed_at
    min_voices = workshop.min_voices_of(answers.workshop)
    workshops: dict[str, QuestionWorkshop] = {}
    for domain, question in questionnaire.questions():
        answer = resolved.get(question.id)
        if answer is not None and answer.workshop is not None:
            found = workshop.question_workshop(domain, question, answer, min_voices, others)
            if found is not None:
                workshops[question.id] = found
    stale = confidence.stale_evidence(resolved, as_of, review_days)
    question_results: list[QuestionResult] = []
    findings: list[RiskFinding] = []
    gaps: list[Gap] = []
    order: dict[str, tuple[int, float, bool, int]] = {}
    for position, (domain, question) in enumerate(questionnaire.questions()):
        answer = resolved.get(question.id)
        if answer is None:
            gaps.append(Gap(question=question.id, domain=domain.id, kind="unanswered", text=question.text))
        elif answer.status == "unsure":
            gaps.append(Gap(question=question.id, domain=domain.id, kind="unsure", text=question.text))
        risk = scored.risks.get(question.id)
        if answer is not None and risk in ("high", "medium"):
            findings.append(
                RiskFinding(
                    question=question.id,
                    domain=domain.id,
                    severity=risk,
                    title=question.text,
                    why=matching_rule_why(question, answer, others) or "",
                    unsure=answer.status == "unsure",
                    data_loss=question.data_loss,
                    root_cause=question.root_cause_id,
                )
            )
            order[question.id] = (
                0 if risk == "high" else 1,
                -question.weight * domain.weight,
                answer.status == "unsure",
                position,
            )
        result = _result(domain.id, question, answer, scored)
        if question.id in stale or question.id in workshops:
            result = result.model_copy(
                update={"stale": question.id in stale, "workshop": workshops.get(question.id)}
            )
        question_results.append(result)
    findings.sort(key=lambda f: order[f.question])
    criticality = answers.context.criticality if answers.context else None
    topology_advice = advise(questionnaire, resolved, scored, answers.team, answers.assessed_at, criticality)
    built = roadmap.build(
        questionnaire,
        resolved,
        scored.scores,
        scored.risks,
        [f.question for f in findings],
        others=others,
        team=answers.team,
        pattern=topology_advice.recommended,
        targets=targets,
        settings=answers.plan,
        accepted=actions.accepted(questionnaire, answers.actions, resolved),
    )
    items, beyond, tracked = actions.track(
        questionnaire,
        answers.actions,
        resolved,
        built.roadmap,
        built.beyond,
        as_of=as_of,
        assessed_at=answers.assessed_at,
    )
    status = {
        q: t.status
        for questions, t in [
            *((i.questions, i.tracking) for i in items),
            *((b.questions, b.tracking) for b in beyond),
        ]
        if t is not None
        for q in questions
    }
    top = set(built.top)
    findings = [
        f.model_copy(
            update={
                "rank": rank,
                "top": f.question in top,
                "planned": built.planned.get(f.question),
                "action_status": status.get(f.question),
            }
        )
        for rank, f in enumerate(findings, 1)
    ]

    fresh = confidence.freshness(questionnaire, resolved, findings, answers.assessed_at, as_of, review_days)
    domain_results = [
        _domain_result(d.id, questionnaire, resolved, scored, targets.get(d.id)).model_copy(
            update={
                "confidence": confidence.domain_confidence(
                    d, resolved, workshops, set(stale), due=fresh.due, review_days=review_days
                )
            }
        )
        for d in questionnaire.domains
    ]
    weighted = [(d.weight, d.confidence) for d in domain_results if d.confidence is not None]
    total = len(question_results)
    return Assessment(
        questionnaire=QuestionnaireRef(
            id=questionnaire.id, version=questionnaire.version, title=questionnaire.title
        ),
        team=answers.team,
        assessed_at=answers.assessed_at,
        context=answers.context,
        as_of=as_of,
        coverage=round(len(resolved) / total, 3) if total else 0.0,
        overall=Overall(
            score=scored.overall,
            level=scored.overall_level,
            label=label_of(scored.overall_level) if scored.overall_level else None,
            capped_by=scored.capped_by,
        ),
        domains=domain_results,
        risks=findings,
        gaps=gaps,
        questions=question_results,
        topology=topology_advice,
        roadmap=items,
        plan=built.plan,
        beyond_horizon=beyond,
        inconsistencies=consistency.find(questionnaire, resolved),
        confidence=confidence.overall_confidence(weighted),
        freshness=fresh,
        workshop=workshop.summary(questionnaire, resolved, answers.workshop, workshops),
        actions=tracked,
    )


def _domain_result(
    domain_id: str,
    questionnaire: Questionnaire,
    resolved: dict[str, Resolved],
    scored: Scored,
    target: int | None,
) -> DomainResult:
    domain = questionnaire.domain(domain_id)
    ds = scored.domains[domain_id]
    statuses = [resolved.get(q.id) for q in domain.questions]
    scores = scored.scores
    return DomainResult(
        id=domain.id,
        title=domain.title,
        weight=domain.weight,
        score=ds.score,
        level=ds.level,
        label=label_of(ds.level) if ds.level else None,
        answered=sum(a is not None for a in statuses),
        total=len(domain.questions),
        not_applicable=sum(a is not None and a.status == "n/a" for a in statuses),
        unsure=sum(a is not None and a.status == "unsure" for a in statuses),
        strengths=[q.id for q in domain.questions if (s := scores.get(q.id)) is not None and s >= STRENGTH],
        gaps=[
            q.id
            for q in domain.questions
            if ((s := scores.get(q.id)) is not None and s <= WEAKNESS) or scored.risks.get(q.id) == "high"
        ],
        target=target,
        gap_to_target=(
            None if target is None or ds.score is None else round(max(0.0, level_floor(target) - ds.score), 1)
        ),
    )


def _result(
    domain_id: str, question: SingleQuestion | MultiQuestion, answer: Resolved | None, scored: Scored
) -> QuestionResult:
    labels = {c.id: c.label for c in question.choices}
    selected = list(answer.selected) if answer else []
    score = scored.scores.get(question.id)
    return QuestionResult(
        id=question.id,
        domain=domain_id,
        text=question.text,
        title=question.short_title,
        kind=question.kind,
        status=answer.status if answer else "unanswered",
        choices=selected,
        labels=[labels[c] for c in selected],
        score=None if score is None else round(score, 3),
        risk=scored.risks.get(question.id),
        note=answer.note if answer else None,
        reason=answer.reason if answer else None,
        evidence=answer.evidence if answer else None,
    )
