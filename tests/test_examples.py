"""Each bundled example team gets the advice the README promises, for the reasons it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.engine import assess
from assess.models import Assessment
from assess.pipeline.team import load_team

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def score(name: str) -> Assessment:
    team = load_team(EXAMPLES / name, strict=True)
    answers, questionnaire = team.answers, team.questionnaire
    return assess(questionnaire, answers)


@pytest.mark.parametrize(
    ("name", "pattern", "mode", "level"),
    [
        ("startup-sre-native.yaml", "within-team", "none", 4),
        ("payments-product-team.yaml", "embedded", "collaboration", 1),
        ("platform-toil-team.yaml", "platform", "x-as-a-service", 2),
        ("enterprise-interrupts.yaml", "embedded", "collaboration", 3),
    ],
)
def test_example_recommendation(name: str, pattern: str, mode: str, level: int) -> None:
    a = score(name)
    assert a.topology.recommended == pattern
    assert a.topology.interaction_mode == mode
    assert a.overall.level == level
    assert a.coverage == 1.0
    assert a.topology.rationale and a.topology.evolution
    assert a.topology.outcome == "advice"


def test_startup_keeps_its_own_practice_for_its_maturity_and_size() -> None:
    t = score("startup-sre-native.yaml").topology
    assert any("79/100" in r and "Resilience testing 62/100" in r for r in t.rationale)
    assert any("2 teams" in r for r in t.rationale)
    assert t.headcount is not None and t.headcount.sres_used == 0
    assert t.confidence >= 0.9


def test_payments_is_told_to_embed_because_skills_are_missing() -> None:
    a = score("payments-product-team.yaml")
    t = a.topology
    assert any("weak overall: 20/100" in r for r in t.rationale)
    assert any("one of the organisation's 2 SREs" in r for r in t.rationale)
    assert any("2 SREs for 14 teams" in d for d in t.org_decisions)
    assert "fake-sre" in {ap.id for ap in t.anti_patterns}
    assert any(g.kind == "unsure" for g in a.gaps)
    first = a.roadmap[0]
    # The plan opens with page 1's first risk: customers, not monitoring, find broken journeys.
    assert a.risks[0].question == "obs.customer-journeys" and a.risks[0].planned == "now"
    assert first.phase == "now" and first.root_cause == "obs.customer-journeys"


def test_orders_platform_case_cites_repeated_toil_across_fifteen_teams() -> None:
    a = score("platform-toil-team.yaml")
    t = a.topology
    assert any("Most teams repeat the same manual work" in r and "15 teams" in r for r in t.rationale)
    assert t.google_implementation is not None and t.google_implementation.startswith("infrastructure")
    shared = next(q for q in a.questions if q.id == "toil.shared")
    assert shared.status == "answered" and shared.score is None and shared.risk is None  # context, not scored
    assert a.overall.capped_by == "iac"


def test_core_banking_embeds_to_cut_the_load_before_any_hand_over() -> None:
    t = score("enterprise-interrupts.yaml").topology
    assert t.google_implementation is not None and t.google_implementation.startswith("embedded")
    ids = {ap.id for ap in t.anti_patterns}
    assert {"on-call-overload", "team-too-large", "cognitive-load", "separate-without-maturity"} <= ids
    separate = next(a for a in t.alternatives if a.pattern == "separate")
    assert separate.failed_gate == "separate.maturity"
    assert any("not the answer to this load" in r for r in t.rationale)
    assert t.evolution[0].startswith("First split the team")
