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
        ("enterprise-interrupts.yaml", "separate", "x-as-a-service", 3),
    ],
)
def test_example_recommendation(name: str, pattern: str, mode: str, level: int) -> None:
    a = score(name)
    assert a.topology.recommended == pattern
    assert a.topology.interaction_mode == mode
    assert a.overall.level == level
    assert a.coverage == 1.0
    assert a.topology.rationale and a.topology.evolution


def test_startup_rationale_cites_its_maturity_and_size() -> None:
    t = score("startup-sre-native.yaml").topology
    assert any("6 engineers" in r for r in t.rationale)
    assert t.confidence >= 0.9


def test_payments_is_told_to_embed_because_skills_are_missing() -> None:
    a = score("payments-product-team.yaml")
    assert any("largely missing" in r for r in a.topology.rationale)
    assert any(g.kind == "unsure" for g in a.gaps)
    first = a.roadmap[0]
    # The plan opens with page 1's first risk: customers, not monitoring, find broken journeys.
    assert a.risks[0].question == "obs.customer-journeys" and a.risks[0].planned == "now"
    assert first.phase == "now" and first.root_cause == "obs.customer-journeys"


def test_orders_platform_case_cites_repeated_toil_across_fifteen_teams() -> None:
    a = score("platform-toil-team.yaml")
    assert any("toil.shared: repeated" in r and "15 teams" in r for r in a.topology.rationale)
    shared = next(q for q in a.questions if q.id == "toil.shared")
    assert shared.status == "answered" and shared.score is None and shared.risk is None  # context, not scored
    assert a.overall.capped_by == "iac"


def test_core_banking_gets_product_sre_and_an_overload_warning() -> None:
    t = score("enterprise-interrupts.yaml").topology
    assert t.google_implementation is not None and t.google_implementation.startswith("product/application")
    assert "on-call-overload" in {ap.id for ap in t.anti_patterns}
    assert t.evolution[0].startswith("Before the SRE team takes the pager")
