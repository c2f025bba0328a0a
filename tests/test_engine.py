"""Engine properties: deterministic, monotone, N/A neutral, levels capped, risks, roadmap order."""

from __future__ import annotations

import random
from typing import Any

import pytest

from assess.engine import assess
from assess.engine.assessment import InvalidAnswers
from assess.engine.scoring import level_of
from assess.models import Answers, Assessment, MultiQuestion, Questionnaire, SingleQuestion


def make(answers: dict[str, Any], **team: Any) -> Answers:
    return Answers.model_validate(
        {"questionnaire": "sre-core", "team": {"name": "T", **team}, "answers": answers}
    )


def random_answers(q: Questionnaire, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    for _, question in q.questions():
        if isinstance(question, SingleQuestion):
            out[question.id] = rng.choice(question.choices).id
        else:
            practices = [c.id for c in question.choices if not c.none_of_these]
            out[question.id] = rng.sample(practices, rng.randint(1, len(practices)))
    return out


def domain(a: Assessment, domain_id: str) -> Any:
    return next(d for d in a.domains if d.id == domain_id)


def test_deterministic(sre_core: Questionnaire) -> None:
    answers = make(random_answers(sre_core, 1), teams_in_org=9, sre_count=2)
    first = assess(sre_core, answers).model_dump_json()
    assert all(assess(sre_core, answers).model_dump_json() == first for _ in range(3))


def test_level_bands() -> None:
    assert [level_of(s) for s in (0, 19.9, 20, 47.5, 62, 79.9, 80, 100)] == [1, 1, 2, 3, 4, 4, 5, 5]


def _not_applicable(q: Questionnaire, answers: dict[str, Any]) -> frozenset[str]:
    a = assess(q, make(answers))
    return frozenset(
        r.id for r in a.questions if r.status == "n/a" and r.reason and r.reason.startswith("Does not")
    )


@pytest.mark.parametrize("seed", range(5))
def test_improving_an_answer_never_lowers_its_domain(sre_core: Questionnaire, seed: int) -> None:
    """Monotone, as long as the same follow-ups apply: moving a prerequisite off "none" brings its
    follow-ups into the score (they were neutral n/a), which may well lower the domain."""
    base = random_answers(sre_core, seed)
    for dom, question in sre_core.questions():
        if not question.scored:
            continue
        if isinstance(question, SingleQuestion):
            ordered = sorted(question.choices, key=question.score_of)
            steps = [c.id for c in ordered]
        else:
            practices = [c.id for c in question.choices if not c.none_of_these]
            steps = [practices[:n] for n in range(1, len(practices) + 1)]  # type: ignore[misc]
        previous, gated = -1.0, None
        for step in steps:
            answers = {**base, question.id: step}
            now_gated = (
                _not_applicable(sre_core, answers)
                if any(
                    c.question == question.id for _, f in sre_core.questions() for c in f.not_applicable_when
                )
                else frozenset()
            )
            score = domain(assess(sre_core, make(answers)), dom.id).score
            if gated is None or now_gated == gated:
                assert score >= previous, f"{question.id}={step} lowered {dom.id}"
            previous, gated = score, now_gated


def test_na_is_neutral(sre_core: Questionnaire) -> None:
    base = random_answers(sre_core, 7)
    na_questions = [q for _, q in sre_core.questions() if q.allow_na]
    assert na_questions, "the bundled questionnaire has questions that allow n/a"
    for question in na_questions:
        dom = sre_core.domain_of(question.id)
        assert dom is not None
        without = {k: v for k, v in base.items() if k != question.id}
        as_na = assess(sre_core, make({**without, question.id: "n/a"}))
        left_out = assess(sre_core, make(without))
        assert domain(as_na, dom.id).score == domain(left_out, dom.id).score
        assert as_na.overall.score == left_out.overall.score
        assert not any(r.question == question.id for r in as_na.risks)


def test_unsure_scores_lowest_and_is_a_transparency_gap(sre_core: Questionnaire) -> None:
    question = sre_core.question("obs.golden-signals")
    assert isinstance(question, SingleQuestion)
    lowest = min(question.choices, key=question.score_of).id
    unsure = assess(sre_core, make({"obs.golden-signals": "unsure"}))
    known = assess(sre_core, make({"obs.golden-signals": lowest}))
    assert domain(unsure, "observability").score == domain(known, "observability").score
    assert [(g.question, g.kind) for g in unsure.gaps if g.kind == "unsure"] == [
        ("obs.golden-signals", "unsure")
    ]
    flagged = [r for r in unsure.risks if r.question == "obs.golden-signals"]
    assert flagged and flagged[0].unsure


def test_unanswered_lowers_coverage_not_score(sre_core: Questionnaire) -> None:
    top = {
        q.id: max(q.choices, key=q.score_of).id
        for _, q in sre_core.questions()
        if isinstance(q, SingleQuestion)
    }
    a = assess(sre_core, make(top))
    assert a.coverage < 1.0
    assert {g.question for g in a.gaps if g.kind == "unanswered"} == {
        q.id for _, q in sre_core.questions() if isinstance(q, MultiQuestion)
    }
    assert all(d.score == 100.0 for d in a.domains if d.score is not None)


def test_overall_level_is_capped_by_the_weakest_domain(sre_core: Questionnaire) -> None:
    answers: dict[str, Any] = {}
    for dom, question in sre_core.questions():
        if isinstance(question, SingleQuestion):
            pick = min if dom.id == "resilience" else max
            answers[question.id] = pick(question.choices, key=question.score_of).id
    a = assess(sre_core, make(answers))
    assert domain(a, "resilience").level == 1
    assert a.overall.score is not None and level_of(a.overall.score) >= 4
    assert a.overall.level == 2
    assert a.overall.capped_by == "resilience"


def test_risk_rules_first_match_wins(sre_core: Questionnaire) -> None:
    a = assess(sre_core, make({"rel.practices": ["none"], "res.backups": "none"}))
    severities = {r.question: r.severity for r in a.risks}
    assert severities == {"rel.practices": "high", "res.backups": "high"}
    assert all(r.why for r in a.risks)
    assert a.risks == sorted(a.risks, key=lambda r: r.severity != "high")
    assert [r.rank for r in a.risks] == [1, 2]


def test_invalid_answers_are_refused_not_guessed(sre_core: Questionnaire) -> None:
    with pytest.raises(InvalidAnswers):
        assess(sre_core, make({"obs.golden-signals": "nonsense"}))


def test_roadmap_phases_run_in_order_and_prerequisites_come_first(sre_core: Questionnaire) -> None:
    worst = {
        q.id: (min(q.choices, key=q.score_of).id if isinstance(q, SingleQuestion) else ["none"])
        for _, q in sre_core.questions()
    }
    a = assess(sre_core, make(worst, engineers=8))
    phases = [i.phase for i in a.roadmap]
    assert phases == sorted(phases, key=["now", "next", "later"].index)
    phase_of = {i.root_cause: ["now", "next", "later"].index(i.phase) for i in a.roadmap}
    for item in a.roadmap:
        for blocker in item.blocked_by:
            assert blocker in phase_of, f"{item.root_cause} waits for {blocker}, which is not planned"
            assert phase_of[blocker] < phase_of[item.root_cause]
        assert item.level_to is None or item.level_from is None or item.level_to >= item.level_from
    high = {r.question for r in a.risks if r.severity == "high"}
    for item in a.roadmap:
        if set(item.questions) & high:
            assert item.impact == "high"


def test_roadmap_skips_practices_already_at_the_top(sre_core: Questionnaire) -> None:
    best = {
        q.id: (
            max(q.choices, key=q.score_of).id
            if isinstance(q, SingleQuestion)
            else [c.id for c in q.choices if not c.none_of_these]
        )
        for _, q in sre_core.questions()
    }
    a = assess(sre_core, make(best))
    assert a.roadmap == []
    assert a.beyond_horizon == []
    assert a.risks == []
    assert a.overall.level == 5


def test_unsure_answers_become_one_find_out_action_per_area(sre_core: Questionnaire) -> None:
    a = assess(sre_core, make({"res.backups": "unsure", "res.dr": "unsure", "obs.golden-signals": "unsure"}))
    roots = [i.root_cause for i in a.roadmap] + [b.root_cause for b in a.beyond_horizon]
    assert sorted(r for r in roots if r.startswith("find-out:")) == [
        "find-out:observability",
        "find-out:resilience",
    ]
    resilience = next(i for i in a.roadmap if i.root_cause == "find-out:resilience")
    assert resilience.questions == ["res.backups", "res.dr"]
    assert resilience.action.startswith("Find out the real answer to")
    assert resilience.size == "S"
    assert not any(set(i.questions) & {"res.backups", "res.dr"} for i in a.roadmap if i is not resilience)


def test_targets_stop_the_roadmap_and_show_the_gap(sre_core: Questionnaire) -> None:
    middling = {
        q.id: sorted(q.choices, key=q.score_of)[len(q.choices) // 2].id
        for _, q in sre_core.questions()
        if isinstance(q, SingleQuestion) and q.scored
    }
    aimed = assess(
        sre_core,
        Answers.model_validate(
            {
                "questionnaire": "sre-core",
                "team": {"name": "T"},
                "answers": middling,
                "targets": {"default": 3, "observability": 5},
            }
        ),
    )
    assert aimed.plan.horizon == "targets"
    obs = domain(aimed, "observability")
    assert obs.target == 5 and obs.gap_to_target == round(80 - (obs.score or 0), 1)
    risky = {r.question for r in aimed.risks}
    blockers = {b for i in aimed.roadmap for b in i.blocked_by}
    for d in aimed.domains:
        if d.id != "observability" and (d.level or 0) >= 3:
            assert d.gap_to_target == 0
            for item in [i for i in aimed.roadmap if i.domain == d.id]:
                assert set(item.questions) & risky or item.root_cause in blockers, item.root_cause
            assert all(
                b.reason == "horizon" for b in aimed.beyond_horizon if b.domain == d.id and b.impact == "low"
            )
    planned_obs = [i for i in aimed.roadmap if i.domain == "observability"]
    assert planned_obs, "an area below its target gets actions"


def test_organisation_targets_are_overridden_by_the_team(sre_core: Questionnaire) -> None:
    answers = Answers.model_validate(
        {
            "questionnaire": "sre-core",
            "team": {"name": "T"},
            "answers": {"slo.defined": "none"},
            "targets": {"slo": 2},
        }
    )
    a = assess(sre_core, answers, default_targets={"default": 4, "slo": 5})
    assert domain(a, "slo").target == 2
    assert domain(a, "observability").target == 4
