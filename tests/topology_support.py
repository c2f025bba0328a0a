"""Build the topology advice's inputs from a few numbers, for rule-by-rule tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from assess.engine.readings import Area, Readings, Span, combine
from assess.engine.topology import advise
from assess.models import Candidate, GateCheck, Signal, TeamProfile, Topic, Topology

# The shape of sre-core: (domain id, advice kind, topic).
DOMAINS: tuple[tuple[str, str | None, Topic], ...] = (
    ("slo", "practice", "slo"),
    ("observability", "tooling", "observability"),
    ("incident-response", "practice", "incidents"),
    ("learning", "practice", "learning"),
    ("oncall", "practice", "oncall"),
    ("toil", "tooling", "toil"),
    ("iac", "tooling", "iac"),
    ("release", "tooling", "release"),
    ("resilience", None, "resilience"),
)

# Neutral facts and signals: every rule and warning stays quiet except "base.within".
FACTS: dict[str, Any] = {
    "engineers": 7,
    "services": 8,
    "teams_in_org": 10,
    "sre_count": 4,
    "on_call_engineers": 8,
    "pages_per_week": 7,
}
SIGNALS: dict[Signal, float] = {
    "shared-toil": 1.0,
    "readiness-review": 0.75,
    "error-budget-policy": 0.75,
    "actionable-pages": 0.75,
    "shift-load": 0.75,
}


def readings(
    scores: float | dict[str, float] = 50.0,
    *,
    signals: dict[Signal, float | None] | None = None,
    roles: bool = True,
    spans: dict[str, Span] | None = None,
    answered: int = 62,
    assessed_at: dt.date | None = dt.date(2026, 6, 1),
    **team: Any,
) -> Readings:
    """``scores``: one score for every domain, or per domain id (the rest 50). ``spans`` replaces a
    domain's span outright (for open answers). ``team`` overrides FACTS (None removes a fact)."""
    per = {d: float(scores) for d, _, _ in DOMAINS} if isinstance(scores, int | float) else {}
    if not isinstance(scores, int | float):
        per = {d: 50.0 for d, _, _ in DOMAINS} | scores
    areas = tuple(
        Area(
            id=d,
            title=d.replace("-", " ").capitalize(),
            weight=1.0,
            kind=kind if roles else None,
            topic=topic if roles else None,
            span=(spans or {}).get(d, Span.known(per[d])),
        )
        for d, kind, topic in DOMAINS
    )
    overall = combine(list(areas))
    assert overall is not None
    if overall.value is not None:
        overall = Span(round(overall.value, 1), overall.low, overall.high, overall.unsure, overall.open)
    sig = dict(SIGNALS) | (signals or {})
    facts = {k: v for k, v in (FACTS | team).items() if v is not None}
    return Readings(
        team=TeamProfile(name="T", **facts),
        assessed_at=assessed_at,
        overall=overall,
        areas=areas,
        signals={s: Span.known(v) for s, v in sig.items() if v is not None} if roles else {},
        signal_answers={s: (f"answer scoring {v}",) for s, v in sig.items() if v is not None}
        if roles
        else {},
        questions=62,
        answered=answered,
        unsure=0,
        not_applicable=0,
        unanswered=62 - answered,
    )


def topo(scores: float | dict[str, float] = 50.0, **kwargs: Any) -> Topology:
    return advise(readings(scores, **kwargs))


def candidate(t: Topology, pattern: str) -> Candidate:
    return next(c for c in t.candidates if c.pattern == pattern)


def gate(t: Topology, gate_id: str) -> GateCheck:
    return next(g for c in t.candidates for g in c.gates if g.id == gate_id)


def fired(t: Topology) -> set[str]:
    return {r.rule for c in t.candidates for r in c.reasons}


def warnings(t: Topology) -> set[str]:
    return {a.id for a in t.anti_patterns}
