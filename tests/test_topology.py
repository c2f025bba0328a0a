"""Topology rules: each literature-backed rule moves the advice the way it should."""

from __future__ import annotations

from typing import Any

from assess.engine.topology import Signals, advise
from assess.models import TeamProfile

DOMAINS = (
    "slo",
    "observability",
    "incident-response",
    "learning",
    "oncall",
    "toil",
    "iac",
    "release",
    "resilience",
)


def signals(score: float | dict[str, float], shared_toil: str | None = None, **team: Any) -> Signals:
    scores = dict.fromkeys(DOMAINS, score) if isinstance(score, int | float) else score
    overall = sum(scores.values()) / len(scores)
    return Signals(
        overall=overall,
        domain_scores=scores,
        domain_titles={d: d.title() for d in DOMAINS},
        shared_toil=shared_toil,
        team=TeamProfile(name="T", **team),
    )


FULL: dict[str, Any] = {"engineers": 6, "services": 4, "on_call_engineers": 6, "pages_per_week": 2}


def test_small_mature_team_owns_its_reliability() -> None:
    t = advise(signals(80, teams_in_org=2, sre_count=0, **FULL))
    assert t.recommended == "within-team"
    assert t.interaction_mode == "none"
    assert any("80/100" in r for r in t.rationale)
    assert t.google_implementation is None


def test_team_lacking_skills_gets_an_embedded_sre() -> None:
    t = advise(signals(25, teams_in_org=3, sre_count=2, **FULL))
    assert t.recommended == "embedded"
    assert t.interaction_mode == "collaboration"
    assert any("collaboration" in step for step in t.evolution)
    assert any("facilitating" in step for step in t.evolution)


def test_repeated_toil_across_many_teams_points_to_a_platform() -> None:
    scores = {d: 55.0 for d in DOMAINS} | {"toil": 20.0, "iac": 25.0, "release": 30.0}
    t = advise(signals(scores, "repeated", teams_in_org=15, sre_count=1, **FULL))
    assert t.recommended == "platform"
    assert t.interaction_mode == "x-as-a-service"
    assert any("toil.shared: repeated" in r and "15 teams" in r for r in t.rationale)


def test_repeated_toil_in_a_tiny_org_is_no_case_for_a_platform() -> None:
    scores = {d: 55.0 for d in DOMAINS} | {"toil": 20.0}
    t = advise(signals(scores, "repeated", teams_in_org=2, sre_count=0, **FULL))
    assert t.recommended != "platform"
    platform = next(a for a in t.alternatives if a.pattern == "platform")
    assert "2 team" in platform.why_not


def test_large_mature_org_with_heavy_load_gets_a_separate_team_with_google_implementation() -> None:
    t = advise(
        signals(
            65,
            teams_in_org=60,
            sre_count=25,
            engineers=12,
            services=40,
            on_call_engineers=6,
            pages_per_week=45,
        )
    )
    assert t.recommended == "separate"
    assert t.google_implementation is not None
    assert t.google_implementation.split(":")[0] in {
        "kitchen-sink",
        "infrastructure",
        "tools",
        "product/application",
    }
    assert "on-call-overload" in {a.id for a in t.anti_patterns}


def test_separate_team_is_refused_without_engineering_maturity() -> None:
    t = advise(
        signals(
            20,
            teams_in_org=60,
            sre_count=25,
            engineers=12,
            services=40,
            on_call_engineers=6,
            pages_per_week=45,
        )
    )
    assert t.recommended != "separate"
    assert "separate-without-maturity" in {a.id for a in t.anti_patterns}


def test_fake_sre_is_named() -> None:
    scores = {d: 50.0 for d in DOMAINS} | {"slo": 10.0, "toil": 15.0}
    t = advise(signals(scores, teams_in_org=10, sre_count=4, **FULL))
    assert "fake-sre" not in {
        a.id for a in advise(signals(scores, teams_in_org=30, sre_count=4, **FULL)).anti_patterns
    }
    fake = next(a for a in t.anti_patterns if a.id == "fake-sre")
    assert "4 SRE" in fake.why


def test_every_alternative_has_a_reason_and_missing_facts_lower_confidence() -> None:
    full = advise(signals(50, teams_in_org=8, sre_count=2, **FULL))
    sparse = advise(signals(50))
    assert {a.pattern for a in full.alternatives} | {full.recommended} == {
        "within-team",
        "embedded",
        "enabling",
        "platform",
        "separate",
    }
    assert all(a.why_not for a in full.alternatives)
    assert sparse.confidence < full.confidence
    assert any(r.startswith("Not given, so not used:") for r in sparse.rationale)


def test_small_rotation_and_nobody_on_call_are_warned() -> None:
    small = advise(
        signals(
            50, teams_in_org=4, sre_count=0, engineers=5, services=3, on_call_engineers=2, pages_per_week=1
        )
    )
    assert "rotation-too-small" in {a.id for a in small.anti_patterns}
    nobody = advise(
        signals(
            50, teams_in_org=4, sre_count=0, engineers=5, services=3, on_call_engineers=0, pages_per_week=0
        )
    )
    assert "nobody-on-call" in {a.id for a in nobody.anti_patterns}
