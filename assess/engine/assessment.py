"""Assemble the Assessment from a questionnaire and answers (pure)."""

from __future__ import annotations

from collections.abc import Mapping

from assess.engine import roadmap, topology
from assess.engine.answers import Resolved, resolve
from assess.engine.scoring import (
    domain_score,
    label_of,
    level_of,
    matching_rule_why,
    question_risk,
    question_score,
    weighted_mean,
)
from assess.models import (
    DEFAULT_TARGET,
    Answers,
    Assessment,
    DomainResult,
    Gap,
    Overall,
    Questionnaire,
    QuestionnaireRef,
    QuestionResult,
    RiskFinding,
    SingleQuestion,
)

STRENGTH = 0.75  # a question at or above this score is a strength of its domain
WEAKNESS = 0.25  # at or below this, a gap


class InvalidAnswers(ValueError):
    """The answers do not fit the questionnaire; ``problems`` says where."""

    def __init__(self, problems: list[object]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the answers")
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


def assess(
    questionnaire: Questionnaire, answers: Answers, *, default_targets: Mapping[str, int] | None = None
) -> Assessment:
    """Score the answers. ``default_targets`` are the organisation's target levels
    (domain id or 'default' -> level); the answers' own targets override them."""
    resolved, problems = resolve(questionnaire, answers)
    if problems:
        raise InvalidAnswers(list(problems))

    scores: dict[str, float | None] = {}
    risks: dict[str, str | None] = {}
    question_results: list[QuestionResult] = []
    findings: list[RiskFinding] = []
    gaps: list[Gap] = []

    for domain, question in questionnaire.questions():
        answer = resolved.get(question.id)
        if answer is None:
            gaps.append(Gap(question=question.id, domain=domain.id, kind="unanswered", text=question.text))
            question_results.append(_result(domain.id, question, None, None, None))
            continue
        score = question_score(question, answer)
        risk = question_risk(question, answer)
        scores[question.id] = score
        risks[question.id] = risk
        if answer.status == "unsure":
            gaps.append(Gap(question=question.id, domain=domain.id, kind="unsure", text=question.text))
        if risk in ("high", "medium"):
            why = matching_rule_why(question, answer) or ""
            findings.append(
                RiskFinding(
                    question=question.id,
                    domain=domain.id,
                    severity=risk,
                    title=question.text,
                    why=why,
                    unsure=answer.status == "unsure",
                )
            )
        question_results.append(_result(domain.id, question, answer, score, risk))

    targets = domain_targets(questionnaire, answers, default_targets)
    domain_results = []
    for domain in questionnaire.domains:
        ds = domain_score(questionnaire, domain.id, scores)
        target = targets.get(domain.id)
        statuses = [resolved.get(q.id) for q in domain.questions]
        domain_results.append(
            DomainResult(
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
                strengths=[
                    q.id for q in domain.questions if (s := scores.get(q.id)) is not None and s >= STRENGTH
                ],
                gaps=[
                    q.id
                    for q in domain.questions
                    if ((s := scores.get(q.id)) is not None and s <= WEAKNESS) or risks.get(q.id) == "high"
                ],
                target=target,
                gap_to_target=(
                    None
                    if target is None or ds.score is None
                    else round(max(0.0, level_floor(target) - ds.score), 1)
                ),
            )
        )

    overall = _overall(domain_results)
    total = len(question_results)
    coverage = round(len(resolved) / total, 3) if total else 0.0
    signals = topology.Signals(
        overall=overall.score,
        domain_scores={d.id: d.score for d in domain_results if d.score is not None},
        domain_titles={d.id: d.title for d in domain_results},
        shared_toil=_single_choice(resolved, "toil.shared"),
        team=answers.team,
    )
    severity_rank = {"high": 0, "medium": 1}
    return Assessment(
        questionnaire=QuestionnaireRef(
            id=questionnaire.id, version=questionnaire.version, title=questionnaire.title
        ),
        team=answers.team,
        assessed_at=answers.assessed_at,
        coverage=coverage,
        overall=overall,
        domains=domain_results,
        risks=sorted(findings, key=lambda f: severity_rank[f.severity]),
        gaps=gaps,
        questions=question_results,
        topology=topology.advise(signals),
        roadmap=roadmap.build(questionnaire, resolved, scores, targets),
    )


def _overall(domains: list[DomainResult]) -> Overall:
    scored = [d for d in domains if d.score is not None and d.level is not None]
    mean = weighted_mean([(d.score, d.weight) for d in scored if d.score is not None])
    if mean is None:
        return Overall(score=None, level=None, label=None)
    score = round(mean, 1)
    level = level_of(score)
    weakest = min(scored, key=lambda d: (d.level or 0, d.score or 0.0))
    capped_by = None
    if weakest.level is not None and level > weakest.level + 1:
        level, capped_by = weakest.level + 1, weakest.id
    return Overall(score=score, level=level, label=label_of(level), capped_by=capped_by)


def _single_choice(resolved: dict[str, Resolved], question_id: str) -> str | None:
    answer = resolved.get(question_id)
    if answer is None or answer.status != "answered" or len(answer.selected) != 1:
        return None
    return answer.selected[0]


def _result(
    domain_id: str,
    question: object,
    answer: Resolved | None,
    score: float | None,
    risk: str | None,
) -> QuestionResult:
    from assess.models import MultiQuestion

    assert isinstance(question, SingleQuestion | MultiQuestion)
    labels = {c.id: c.label for c in question.choices}
    selected = list(answer.selected) if answer else []
    return QuestionResult(
        id=question.id,
        domain=domain_id,
        text=question.text,
        kind=question.kind,
        status=answer.status if answer else "unanswered",
        choices=selected,
        labels=[labels[c] for c in selected],
        score=None if score is None else round(score, 3),
        risk=risk,
        note=answer.note if answer else None,
        reason=answer.reason if answer else None,
        evidence=answer.evidence if answer else None,
    )
