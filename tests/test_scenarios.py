"""Literature scenarios (tests/scenarios/*.yaml), run as tests.

Each file describes a team the way the sources do (its practices, its facts, today's setup), the
advice the sources lead to (a pattern or an acceptable set), the warnings, and the citation each
expectation rests on. The answers are generated from the description: every question gets the
choice nearest the target score for its domain, unless the scenario names the answer.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess import catalog
from assess.engine import assess, topology
from assess.models import NA, UNSURE, Answers, Assessment, MultiQuestion, Questionnaire

SCENARIOS = sorted((Path(__file__).resolve().parent / "scenarios").glob("*.yaml"))
SOURCES = set(topology.SOURCES) - {"ours"}  # every expectation rests on a source, not on our judgement
EXPECT_KEYS = {
    "pattern",
    "any_of",
    "never",
    "outcome",
    "warnings",
    "no_warnings",
    "rationale_has",
    "rationale_lacks",
    "confidence_at_most",
    "confidence_at_least",
    "org_decision",
    "hires",
    "google",
    "change",
    "evolution_first",
    "notes_have",
    "warning_has",
}


@functools.cache
def questionnaire(strip_roles: bool = False, allow_na_everywhere: bool = False) -> Questionnaire:
    q = catalog.load("sre-core")[0]
    if not (strip_roles or allow_na_everywhere):
        return q
    data = q.model_dump()
    for domain in data["domains"]:
        if strip_roles:
            domain["advice"] = None
        for question in domain["questions"]:
            if strip_roles:
                question["advice"] = None
            if allow_na_everywhere:
                question["allow_na"] = True
    return Questionnaire.model_validate(data)


def nearest(question: Any, target: float) -> str | list[str]:
    if isinstance(question, MultiQuestion):
        practices = [c for c in question.choices if not c.none_of_these]
        total = sum(c.weight for c in practices)
        chosen, weight = [], 0.0
        for c in practices:
            if weight / total >= target - 1e-9:
                break
            chosen.append(c.id)
            weight += c.weight
        return chosen
    value = question.reading_of  # a score, or for a context question its place among the choices
    choice = min(question.choices, key=lambda c: (abs(value(c) - target), value(c)))
    return str(choice.id)


def build(spec: dict[str, Any]) -> tuple[Questionnaire, Answers]:
    q = questionnaire(**spec.get("questionnaire", {}))
    plan = spec.get("answers", {})
    answers: dict[str, Any] = {}
    for domain, question in q.questions():
        if "fill" in plan:
            fill = plan["fill"]
            if fill == NA and not question.allow_na:
                continue
            answers[question.id] = fill
            continue
        if question.id in plan.get("questions", {}):
            answers[question.id] = plan["questions"][question.id]
            continue
        target = plan.get("domains", {}).get(domain.id, plan.get("level", 0.5))
        answers[question.id] = nearest(question, target)
    team = {"name": spec["title"]} | spec.get("team", {})
    return q, Answers.model_validate(
        {
            "questionnaire": q.id,
            "assessed_at": spec.get("assessed_at", dt.date(2026, 6, 1)),
            "team": team,
            "answers": answers,
        }
        | ({"context": spec["context"]} if "context" in spec else {})
    )


def load(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return spec


def test_there_are_enough_scenarios_and_each_cites_its_sources() -> None:
    assert len(SCENARIOS) >= 20
    for path in SCENARIOS:
        spec = load(path)
        assert spec.get("title") and spec.get("why"), path.name
        assert spec.get("sources") and set(spec["sources"]) <= SOURCES, path.name
        assert set(spec["expect"]) <= EXPECT_KEYS, path.name
        assert {"pattern", "any_of", "never"} & set(spec["expect"]), path.name


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path) -> None:
    spec = load(path)
    q, answers = build(spec)
    a: Assessment = assess(q, answers)
    t = a.topology
    expect = spec["expect"]
    text = "\n".join(t.rationale)
    context = f"{path.name}: got {t.recommended} ({t.confidence})\n{text}"
    if "pattern" in expect:
        assert t.recommended == expect["pattern"], context
    if "any_of" in expect:
        assert t.recommended in expect["any_of"], context
    for pattern in expect.get("never", []):
        assert t.recommended != pattern, context
    assert t.outcome == expect.get("outcome", "advice"), context
    ids = {ap.id for ap in t.anti_patterns}
    assert set(expect.get("warnings", [])) <= ids, f"{context}\nwarnings: {ids}"
    assert not set(expect.get("no_warnings", [])) & ids, f"{context}\nwarnings: {ids}"
    for phrase in expect.get("rationale_has", []):
        assert phrase in text, f"{phrase!r} missing\n{context}"
    for phrase in expect.get("rationale_lacks", []):
        assert phrase not in text, f"{phrase!r} present\n{context}"
    if "confidence_at_most" in expect:
        assert t.confidence <= expect["confidence_at_most"], context
    if "confidence_at_least" in expect:
        assert t.confidence >= expect["confidence_at_least"], context
    if "org_decision" in expect:
        assert bool(t.org_decisions) == expect["org_decision"], f"{context}\n{t.org_decisions}"
    if "hires" in expect:
        assert t.headcount is not None and t.headcount.hires == expect["hires"], context
    if "google" in expect:
        google = t.google_implementation or ""
        assert google.startswith(expect["google"]), f"{context}\n{google}"
    if "change" in expect:
        assert (t.change or "").startswith(expect["change"]), f"{context}\n{t.change}"
    if "evolution_first" in expect:
        assert t.evolution[0].startswith(expect["evolution_first"]), f"{context}\n{t.evolution[0]}"
    warning_text = "\n".join(ap.why for ap in t.anti_patterns)
    for phrase in expect.get("warning_has", []):
        assert phrase in warning_text, f"{phrase!r} not in warnings\n{warning_text}"
    for phrase in expect.get("notes_have", []):
        assert any(phrase in n for n in t.notes), f"{phrase!r} not in notes\n{t.notes}"
    # Whatever the scenario, the promises hold: inputs and headcount cited, why-not never in favour.
    assert sum(any(ch.isdigit() for ch in line) for line in t.rationale) >= 2, context
    assert any(line.startswith("Headcount:") for line in t.rationale), context
    for alt in t.alternatives:
        own = [r.text for c in t.candidates if c.pattern == alt.pattern for r in c.reasons if r.points > 0]
        assert not any(x in alt.why_not for x in own), f"{alt.pattern}: {alt.why_not}"
    if UNSURE in str(spec.get("answers", {}).get("fill", "")):
        assert "largely missing" not in text and "weak across the board" not in text
