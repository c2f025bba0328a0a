"""The bundled questionnaire: complete, consistent, and covering every practice of the seed talk."""

from __future__ import annotations

from assess import catalog
from assess.checks import check_questionnaire
from assess.models import MultiQuestion, Questionnaire, SingleQuestion

# Each practice the questionnaire must ask about, and the question that asks it.
SEED_PRACTICES = {
    "monitoring of customer journeys": "obs.customer-journeys",
    "alerts that link a dashboard or runbook": "obs.alert-runbooks",
    "incident commander, scribe and responders": "inc.roles",
    "blameless debriefs": "learn.blameless",
    "debrief fixes get scheduled": "learn.action-items",
    "on-call fatigue": "oncall.load",
    "toil automation weighed against time saved": "toil.automation",
    "infrastructure as code": "iac.coverage",
    "continuous integration": "rel.ci",
    "continuous delivery": "rel.cd",
    "chaos engineering": "res.chaos",
    "least-privilege production access": "iac.prod-access",
    "tested backups and restores": "res.backups",
    "SLOs": "slo.defined",
    "error budget policy": "slo.error-budget-policy",
}


def test_size_and_shape(sre_core: Questionnaire) -> None:
    assert len(sre_core.domains) >= 8
    assert all(len(d.questions) >= 5 for d in sre_core.domains)
    assert len(sre_core.questions()) >= 50
    assert {"observability", "incident-response", "toil", "iac"} <= {d.id for d in sre_core.domains}


def test_every_seed_practice_is_asked(sre_core: Questionnaire) -> None:
    missing = {practice for practice, qid in SEED_PRACTICES.items() if sre_core.question(qid) is None}
    assert not missing


def test_no_errors_or_warnings_from_the_validator() -> None:
    questionnaire, parsed = catalog.load("sre-core")
    assert check_questionnaire(questionnaire, parsed) == []


def test_every_answer_carries_guidance_and_a_way_up(sre_core: Questionnaire) -> None:
    for _, question in sre_core.questions():
        assert len(question.help) > 100, question.id
        assert question.title, question.id
        if not question.scored:
            # A context question: plain facts to pick from, no guidance, no action, no score.
            assert all(c.guidance is None and c.action is None for c in question.choices)
            assert isinstance(question, SingleQuestion) and all(c.score is None for c in question.choices)
            continue
        for choice in question.choices:
            assert choice.guidance is not None, f"{question.id}.{choice.id}"
        if isinstance(question, SingleQuestion):
            top = max(question.score_of(c) for c in question.choices)
            assert all(c.action for c in question.choices if question.score_of(c) < top), question.id
            assert min(question.score_of(c) for c in question.choices) == 0.0 and top == 1.0
        elif isinstance(question, MultiQuestion):
            assert all(c.action for c in question.choices if not c.none_of_these), question.id


def test_dangerous_answers_are_flagged(sre_core: Questionnaire) -> None:
    with_rules = [q for _, q in sre_core.questions() if q.risk_rules]
    assert len(with_rules) >= len(sre_core.questions()) * 0.8
    assert all(r.why for q in with_rules for r in q.risk_rules if r.risk != "none")
    assert any(r.risk == "high" for q in with_rules for r in q.risk_rules)


def test_the_lowest_answer_of_the_key_safety_questions_is_high_risk(sre_core: Questionnaire) -> None:
    from assess.engine.answers import Resolved
    from assess.engine.scoring import question_risk

    for qid in ("obs.customer-journeys", "res.backups", "iac.prod-access", "learn.blameless", "oncall.load"):
        question = sre_core.question(qid)
        assert isinstance(question, SingleQuestion)
        lowest = min(question.choices, key=question.score_of).id
        assert question_risk(question, Resolved("answered", (lowest,))) == "high", qid
