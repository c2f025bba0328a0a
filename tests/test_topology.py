"""Topology advice, rule by rule: every precondition and every preference rule, when it fires and
when it stays quiet, and the promises of the result (why-not lines, rationale, confidence)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from topology_support import candidate, fired, gate, readings, topo, warnings

from assess.engine.readings import Span
from assess.engine.topology import GATES, RULES, Facts, confidence

# ---- the baseline is quiet --------------------------------------------------------------


def test_the_baseline_team_fires_only_the_workable_base_rule() -> None:
    t = topo()
    assert fired(t) == {"base.within"}
    assert warnings(t) == set()
    assert t.recommended == "within-team"


def test_every_gate_and_rule_has_a_source_and_a_test() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    for g in GATES:
        assert g.source and f'"{g.id}"' in source, g.id
    for r in RULES:
        assert r.source and (f'"{r.id}"' in source or r.id.startswith("keep.")), r.id


# ---- stage 1: preconditions ---------------------------------------------------------------


def test_embedded_sre_gate_holds_with_an_sre_and_names_a_hire_without() -> None:
    assert gate(topo(), "embedded.sre").state == "holds"
    none = gate(topo(sre_count=0), "embedded.sre")
    assert none.state == "hire" and none.hires == 1 and "hired" in none.why
    assert gate(topo(sre_count=None), "embedded.sre").state == "hire"
    assert candidate(topo(sre_count=0), "embedded").eligible  # a hire never rules it out


def test_enabling_teams_gate() -> None:
    assert gate(topo(), "enabling.teams").state == "holds"
    small = gate(topo(teams_in_org=3), "enabling.teams")
    assert small.state == "fails" and "3 teams" in small.why
    assert gate(topo(teams_in_org=None), "enabling.teams").state == "unknown"


def test_enabling_practice_gap_gate() -> None:
    assert gate(topo(), "enabling.practice-gap").state == "fails"
    held = gate(topo({"oncall": 30}), "enabling.practice-gap")
    assert held.state == "holds" and "Oncall 30/100" in held.why
    assert gate(topo(roles=False), "enabling.practice-gap").state == "unknown"


def test_enabling_staff_gate() -> None:
    assert gate(topo(), "enabling.staff").state == "holds"
    assert gate(topo(sre_count=0), "enabling.staff").state == "hire"


def test_platform_teams_gate() -> None:
    assert gate(topo(), "platform.teams").state == "holds"
    few = gate(topo(teams_in_org=5), "platform.teams")
    assert few.state == "fails" and "at least 6" in few.why
    assert gate(topo(teams_in_org=None), "platform.teams").state == "unknown"


def test_platform_need_gate_reads_shared_toil_and_cognitive_load() -> None:
    quiet = gate(topo(), "platform.need")
    assert quiet.state == "fails"
    assert gate(topo(signals={"shared-toil": 0.5}), "platform.need").state == "holds"
    assert gate(topo(services=20), "platform.need").state == "holds"
    tooling_only = gate(topo({"iac": 20}), "platform.need")
    assert tooling_only.state == "fails" and "organisation-level question" in tooling_only.why


def test_separate_headcount_gate_never_rules_out_and_names_the_hires() -> None:
    short = gate(topo(sre_count=3), "separate.headcount")
    assert short.state == "hire" and short.hires == 5 and "5 SREs to hire" in short.why
    assert gate(topo(sre_count=8), "separate.headcount").state == "holds"
    ready = {"scores": 70.0, "sre_count": 3}
    assert candidate(topo(ready.pop("scores"), **ready), "separate").eligible


def test_separate_maturity_gate_needs_overall_slo_and_a_budget_policy() -> None:
    assert gate(topo(70), "separate.maturity").state == "holds"
    assert gate(topo(50), "separate.maturity").state == "fails"
    low_slo = gate(
        topo({d: 70.0 for d in ("observability", "toil", "iac", "release")} | {"slo": 50}),
        "separate.maturity",
    )
    assert low_slo.state == "fails" and "SLOs 50/100" in low_slo.why
    assert gate(topo(70, signals={"error-budget-policy": 0.5}), "separate.maturity").state == "fails"
    no_roles = gate(topo(70, roles=False), "separate.maturity")
    assert no_roles.state == "unknown" and "advice topic slo" in no_roles.why


def test_separate_onboarding_gate() -> None:
    assert gate(topo(70), "separate.onboarding").state == "holds"
    busy = gate(topo(70, pages_per_week=40), "separate.onboarding")
    assert busy.state == "fails" and "2.9 per 12-hour shift" in busy.why
    assert gate(topo(70, incidents_per_week=30, pages_per_week=None), "separate.onboarding").state == "fails"
    assert (
        gate(topo({"oncall": 45} | dict.fromkeys(("slo", "toil", "iac"), 70.0)), "separate.onboarding").state
        == "fails"
    )
    assert gate(topo(70, signals={"readiness-review": 0.5}), "separate.onboarding").state == "fails"
    assert gate(topo(70, signals={"actionable-pages": 0.25}), "separate.onboarding").state == "fails"
    by_answer = topo(70, pages_per_week=None, signals={"shift-load": 0.0})
    assert gate(by_answer, "separate.onboarding").state == "fails"
    unknown = gate(topo(70, pages_per_week=None, signals={"shift-load": None}), "separate.onboarding")
    assert unknown.state == "unknown" and "not known" in unknown.why


def test_separate_not_fake_gate() -> None:
    assert gate(topo(), "separate.not-fake").state == "holds"
    weak = {"slo": 20.0, "toil": 20.0}
    fake = gate(topo(weak), "separate.not-fake")
    assert fake.state == "fails" and "4 SREs" in fake.why
    assert gate(topo(weak, sre_count=0), "separate.not-fake").state == "holds"


# ---- stage 2: preference ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "fires", "quiet"),
    [
        ("weak.embedded", {"scores": 30.0}, {}),
        ("weak.within", {"scores": 30.0}, {}),
        (
            "mature.within",
            {"scores": 70.0},
            {
                "scores": {"slo": 30.0}
                | dict.fromkeys(
                    (
                        "observability",
                        "toil",
                        "iac",
                        "release",
                        "learning",
                        "oncall",
                        "incident-response",
                        "resilience",
                    ),
                    70.0,
                )
            },
        ),
        (
            "mature-uneven.within",
            {
                "scores": {"slo": 30.0}
                | dict.fromkeys(
                    (
                        "observability",
                        "toil",
                        "iac",
                        "release",
                        "learning",
                        "oncall",
                        "incident-response",
                        "resilience",
                    ),
                    70.0,
                )
            },
            {"scores": 70.0},
        ),
        ("mature.embedded", {"scores": 70.0}, {}),
        ("base.within", {}, {"scores": 70.0}),
        ("practice-gap.enabling", {"scores": {"oncall": 30.0}}, {"scores": {"iac": 30.0}}),
        ("practice-gap.embedded", {"scores": {"oncall": 30.0}}, {}),
        ("tooling-gap.platform", {"scores": {"iac": 30.0}}, {"scores": 30.0}),
        ("shared-toil.platform", {"signals": {"shared-toil": 0.5}}, {}),
        ("repeated-toil.platform", {"signals": {"shared-toil": 0.0}}, {"signals": {"shared-toil": 0.5}}),
        ("cognitive-load.platform", {"services": 15}, {"services": 14}),
        ("cognitive-load.within", {"services": 15}, {}),
        ("overload.embedded", {"pages_per_week": 29}, {"pages_per_week": 28}),
        ("overload.within", {"incidents_per_week": 29}, {"incidents_per_week": 28}),
        (
            "overload.enabling",
            {"pages_per_week": None, "signals": {"shift-load": 0.0}},
            {"pages_per_week": None},
        ),
        ("noise.embedded", {"incidents_per_week": 10, "pages_per_week": 40}, {"incidents_per_week": 10}),
        (
            "unactionable.embedded",
            {"pages_per_week": 20, "signals": {"actionable-pages": 0.0}},
            {"pages_per_week": 20, "signals": {"actionable-pages": 1.0}},
        ),
        ("small-org.within", {"teams_in_org": 3}, {"teams_in_org": 4}),
        ("hire.embedded", {"sre_count": 0}, {"sre_count": None}),
        ("hire.enabling", {"sre_count": 0}, {}),
        ("keep.platform", {"current_setup": "platform"}, {"current_setup": "none"}),
        (
            "overdue.embedded",
            {"current_setup": "embedded", "setup_since": dt.date(2025, 6, 1)},
            {"current_setup": "embedded", "setup_since": dt.date(2026, 1, 1)},
        ),
        (
            "overdue.enabling",
            {"current_setup": "enabling", "setup_since": dt.date(2025, 1, 1)},
            {"current_setup": "enabling", "setup_since": dt.date(2025, 9, 1)},
        ),
        ("hand-back.embedded", {"current_setup": "separate"}, {"current_setup": "separate", "scores": 70.0}),
        (
            "type-7-working.separate",
            {"current_setup": "separate", "scores": 70.0},
            {"current_setup": "separate"},
        ),
        ("rotation.separate", {"scores": 70.0, "on_call_engineers": 6}, {"scores": 70.0}),
    ],
)
def test_preference_rule_fires_and_stays_quiet(rule: str, fires: dict, quiet: dict) -> None:  # type: ignore[type-arg]
    def run(kwargs: dict) -> set[str]:  # type: ignore[type-arg]
        kwargs = dict(kwargs)
        return fired(topo(kwargs.pop("scores", 50.0), **kwargs))

    assert rule in run(fires)
    assert rule not in run(quiet)


def test_keep_rule_fires_for_todays_setup_only_while_in_time() -> None:
    assert "keep.embedded" in fired(topo(current_setup="embedded", setup_since=dt.date(2026, 3, 1)))
    assert "keep.embedded" not in fired(topo(current_setup="embedded", setup_since=dt.date(2025, 3, 1)))
    assert "keep.within-team" in fired(topo(current_setup="within-team"))


# ---- decisions the literature makes -----------------------------------------------------------


def test_a_tiny_organisation_without_sres_starts_with_the_practice_not_a_hire() -> None:
    # The talk: "use the methodology at start without the extra people".
    alone = topo(20, sre_count=0, teams_in_org=1)
    assert alone.recommended == "within-team"
    assert alone.headcount is not None and alone.headcount.hires == 0
    assert {"weak.embedded", "weak.within"}.isdisjoint(fired(alone))
    # A bigger organisation with the same gaps is told to embed (and hire) an SRE.
    assert "weak.embedded" in fired(topo(20, sre_count=0, teams_in_org=5))


def test_overload_goes_to_an_embedded_sre_never_to_a_separate_team() -> None:
    t = topo(70, sre_count=30, teams_in_org=60, pages_per_week=50)
    assert t.recommended == "embedded"
    assert not candidate(t, "separate").eligible
    assert any("not the answer to this load" in line for line in t.rationale)
    assert "on-call-overload" in warnings(t)


def test_a_working_type_7_is_kept() -> None:
    t = topo(70, sre_count=20, teams_in_org=30, current_setup="separate", setup_since=dt.date(2024, 1, 1))
    assert t.recommended == "separate"
    assert t.change is not None and t.change.startswith("Keep a separate SRE team")
    assert t.google_implementation is not None and t.google_implementation.startswith("product/application")
    assert "critical user-facing" in t.google_implementation


def test_a_slipping_type_7_hands_the_pager_back_with_an_embedded_sre() -> None:
    t = topo({"slo": 30.0}, sre_count=20, current_setup="separate")
    assert t.recommended == "embedded"
    assert "type-7-slide" in warnings(t)
    assert t.change == "From a separate SRE team to an embedded SRE."


def test_headcount_alone_never_makes_a_separate_team() -> None:
    for sres in (0, 8, 50, 500):
        assert topo({"slo": 5.0, "toil": 10.0}, sre_count=sres).recommended != "separate"


def test_an_embedding_past_its_bound_is_a_warning_and_moves_on() -> None:
    t = topo({"oncall": 30.0}, current_setup="embedded", setup_since=dt.date(2025, 3, 1))
    assert "embedding-without-end-date" in warnings(t)
    assert t.recommended != "embedded"
    assert t.change is not None and t.change.startswith(
        "From an embedded SRE since 2025-03-01 (about 15 months)"
    )


# ---- warnings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("warning", "fires", "quiet"),
    [
        (
            "fake-sre",
            {"scores": {"slo": 20.0, "toil": 30.0}},
            {"scores": {"slo": 20.0, "toil": 30.0}, "sre_count": 0},
        ),
        ("separate-without-maturity", {"sre_count": 8}, {"sre_count": 8, "scores": 70.0}),
        ("type-7-slide", {"current_setup": "separate"}, {"current_setup": "separate", "scores": 70.0}),
        (
            "embedding-without-end-date",
            {"current_setup": "embedded", "setup_since": dt.date(2025, 1, 1)},
            {"current_setup": "embedded", "setup_since": dt.date(2026, 1, 1)},
        ),
        (
            "coaching-without-end-date",
            {"current_setup": "enabling", "setup_since": dt.date(2025, 1, 1)},
            {"current_setup": "enabling", "setup_since": dt.date(2025, 12, 1)},
        ),
        ("on-call-overload", {"incidents_per_week": 30}, {"incidents_per_week": 28, "pages_per_week": 60}),
        ("rotation-too-small", {"on_call_engineers": 7}, {"on_call_engineers": 8}),
        ("nobody-on-call", {"on_call_engineers": 0}, {"on_call_engineers": 0, "services": 0}),
        ("team-too-large", {"engineers": 10}, {"engineers": 9}),
        ("team-too-small", {"engineers": 4}, {"engineers": 5}),
        ("cognitive-load", {"services": 15}, {"services": 14}),
    ],
)
def test_warning_fires_and_stays_quiet(warning: str, fires: dict, quiet: dict) -> None:  # type: ignore[type-arg]
    def run(kwargs: dict) -> set[str]:  # type: ignore[type-arg]
        kwargs = dict(kwargs)
        return warnings(topo(kwargs.pop("scores", 50.0), **kwargs))

    assert warning in run(fires)
    assert warning not in run(quiet)


def test_fake_sre_is_a_question_and_blocks_a_separate_team() -> None:
    t = topo(
        {"slo": 20.0, "toil": 30.0}
        | dict.fromkeys(
            ("observability", "iac", "release", "learning", "oncall", "incident-response", "resilience"), 90.0
        ),
        sre_count=12,
    )
    fake = next(a for a in t.anti_patterns if a.id == "fake-sre")
    assert fake.title.endswith("?") and "Worth checking" in fake.why and "12 SREs" in fake.why
    assert "Anti-Type H" in fake.source
    assert gate(t, "separate.not-fake").state == "fails"


def test_rotation_warning_quotes_the_one_threshold_it_uses() -> None:
    t = topo(on_call_engineers=6)
    rotation = next(a for a in t.anti_patterns if a.id == "rotation-too-small")
    assert "8 people on one site" in rotation.why and "33%" in rotation.why


def test_overload_is_judged_per_shift_and_by_incidents_when_counted() -> None:
    f = Facts.of(readings(incidents_per_week=14, pages_per_week=70))
    assert f.incidents_per_shift == 1.0 and f.overloaded is False and f.noisy
    assert Facts.of(readings(pages_per_week=35)).overloaded  # a 3-person rotation's 35 pages a week
    pages_only = next(a for a in topo(pages_per_week=35).anti_patterns if a.id == "on-call-overload")
    assert "pages, not incidents" in pages_only.why and "2.5 per 12-hour shift" in pages_only.why


# ---- the result's promises --------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"scores": 20.0, "sre_count": 2},
        {"scores": 80.0, "teams_in_org": 2, "sre_count": 0},
        {"signals": {"shared-toil": 0.0}, "scores": {"iac": 10.0}},
        {"scores": {"oncall": 30.0}},
        {"scores": 70.0, "current_setup": "separate", "sre_count": 12},
    ],
)
def test_every_recommendation_cites_inputs_and_its_headcount(kwargs: dict) -> None:  # type: ignore[type-arg]
    kwargs = dict(kwargs)
    t = topo(kwargs.pop("scores", 50.0), **kwargs)
    with_numbers = [line for line in t.rationale if any(ch.isdigit() for ch in line)]
    assert len(with_numbers) >= 2
    assert any(line.startswith("Headcount:") for line in t.rationale)
    assert t.headcount is not None and t.headcount.text in t.rationale
    assert t.for_this_team


@pytest.mark.parametrize("scores", [20.0, 50.0, 80.0, {"oncall": 30.0}, {"iac": 20.0}])
def test_why_not_never_argues_for_the_alternative(scores: float | dict[str, float]) -> None:
    t = topo(scores, signals={"shared-toil": 0.0})
    for alt in t.alternatives:
        own = [r.text for r in candidate(t, alt.pattern).reasons if r.points > 0]
        assert not any(text in alt.why_not for text in own), (alt.pattern, alt.why_not)
        if alt.failed_gate:
            assert alt.points is None and alt.failed_gate in alt.why_not
        else:
            assert alt.points == candidate(t, alt.pattern).points


def test_points_and_gates_are_in_the_json_for_every_pattern() -> None:
    data = topo(signals={"shared-toil": 0.0}).model_dump(mode="json")
    assert [c["pattern"] for c in data["candidates"]] == [
        "within-team",
        "embedded",
        "enabling",
        "platform",
        "separate",
    ]
    platform = next(c for c in data["candidates"] if c["pattern"] == "platform")
    assert platform["points"] == sum(r["points"] for r in platform["reasons"])
    assert {g["id"] for g in platform["gates"]} == {"platform.teams", "platform.need"}


def test_google_implementation_is_named_for_every_sre_staffed_pattern() -> None:
    assert topo(20).google_implementation.startswith("embedded")  # type: ignore[union-attr]
    assert topo({"oncall": 30.0}).google_implementation.startswith("consulting")  # type: ignore[union-attr]
    platform = topo({"iac": 20.0}, signals={"shared-toil": 0.0})
    assert platform.recommended == "platform" and platform.google_implementation.startswith("infrastructure")  # type: ignore[union-attr]
    tools = topo({"observability": 20.0}, signals={"shared-toil": 0.0})
    assert tools.google_implementation.startswith("tools")  # type: ignore[union-attr]
    first = topo(70, current_setup="separate", sre_count=9)
    assert first.google_implementation.startswith("kitchen sink")  # type: ignore[union-attr]
    assert topo(80, teams_in_org=2).google_implementation is None


def test_org_level_decisions_are_flagged() -> None:
    embedded = topo(20, sre_count=2, teams_in_org=14)
    assert any("2 SREs for 14 teams" in d for d in embedded.org_decisions)
    assert any(line.startswith("Needs an organisation-level decision") for line in embedded.rationale)
    assert any("first SRE" in d for d in topo(20, sre_count=0).org_decisions)
    assert any(
        "platform team serves" in d
        for d in topo(signals={"shared-toil": 0.0}, scores={"iac": 10.0}).org_decisions
    )
    assert any("Splitting" in d for d in topo(engineers=14).org_decisions)
    assert topo(80, teams_in_org=2).org_decisions == []


# ---- evidence and confidence ------------------------------------------------------------------


def test_confidence_falls_with_missing_answers_facts_and_roles() -> None:
    full = topo(20)
    assert topo(20, answered=40).confidence < full.confidence
    assert topo(20, teams_in_org=None, on_call_engineers=None).confidence < full.confidence
    assert topo(20, roles=False).confidence < full.confidence
    assert confidence(1.0, 4, 0, True) == 0.95 and confidence(0.5, 0, 0, True) == 0.3


def test_too_little_evidence_gives_the_lightest_setup_at_low_confidence() -> None:
    t = topo(20, answered=30, pages_per_week=60)
    assert t.outcome == "not-enough-evidence" and t.recommended == "within-team" and t.confidence == 0.2
    assert t.rationale[0].startswith("Not enough evidence to recommend a structure")
    assert t.evolution[0].startswith("First, answer the open questions")
    assert t.evidence is not None and not t.evidence.enough
    assert "on-call-overload" in warnings(t)  # the facts still speak
    kept = topo(20, answered=30, current_setup="embedded")
    assert kept.change is not None and "not judged" in kept.change
    assert not any(line.startswith("Why not keep") for line in kept.rationale)


def test_open_answers_that_could_change_the_advice_lower_confidence() -> None:
    settled = topo({"oncall": 30.0})
    wide = Span(30.0, 0.0, 100.0, unsure=5, open=5, total=7)
    t = topo({"oncall": 30.0}, spans={"oncall": wide})
    assert t.recommended == settled.recommended
    assert t.evidence is not None and t.evidence.robust_margin == 0
    assert t.confidence < settled.confidence
    assert any("could change this advice" in line for line in t.rationale)


def test_without_roles_the_advice_says_what_it_could_not_read() -> None:
    t = topo(20, roles=False)
    assert t.recommended == "embedded"  # from the overall score and the facts alone
    assert any("advice roles" in line for line in t.rationale)
    assert any("advice roles" in n for n in t.notes)
    assert any("shared-toil" in n for n in t.notes)


def test_todays_setup_gives_from_and_to() -> None:
    t = topo(20, current_setup="none")
    assert t.change == "From no deliberate setup to an embedded SRE."
    assert t.rationale[0] == t.change
    assert topo(20).change is None
    assert any("current_setup" in n for n in topo(20).notes)
    orphan = topo(20, setup_since=dt.date(2025, 1, 1))
    assert any("without current_setup" in n for n in orphan.notes)
    future = topo(20, current_setup="embedded", setup_since=dt.date(2027, 1, 1))
    assert any("assessed_at" in n for n in future.notes)


def test_a_why_not_says_which_preconditions_wait_for_hires() -> None:
    # A nimble team of 3 with no SREs: a separate SRE team is out on points, and it would also take
    # a rotation of 8 SREs to hire; "its preconditions hold" alone would hide that.
    t = topo(75, sre_count=0, teams_in_org=1, engineers=3, on_call_engineers=3)
    why = next(a.why_not for a in t.alternatives if a.pattern == "separate")
    assert "once 8 SREs are hired" in why, why
