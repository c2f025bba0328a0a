"""The Assessment: what the engine produces and every renderer consumes (see DESIGN.md for the JSON)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assess.models.answers import Evidence, TeamProfile
from assess.models.common import Effort, PatternId, Phase, Published, Result, Risk


class QuestionnaireRef(Result):
    id: str
    version: str
    title: str


class Overall(Result):
    score: float | None
    level: int | None
    label: str | None
    capped_by: str | None = Field(None, description="Domain whose weakness capped the level.")


class DomainResult(Result):
    id: str
    title: str
    weight: float
    score: float | None
    level: int | None
    label: str | None
    answered: int
    total: int
    not_applicable: int
    unsure: int
    strengths: list[str]
    gaps: list[str]
    target: int | None = Field(None, description="Target level, from the answers or the organisation.")
    gap_to_target: float | None = Field(None, description="Points still needed to reach the target level.")


class QuestionResult(Result):
    id: str
    domain: str
    text: str
    kind: Literal["single", "multi"]
    status: Literal["answered", "n/a", "unsure", "unanswered"]
    choices: list[str]
    labels: list[str]
    score: float | None
    risk: Risk | None
    note: str | None
    reason: str | None
    evidence: Evidence | None


class RiskFinding(Result):
    question: str
    domain: str
    severity: Literal["high", "medium"]
    title: str
    why: str
    unsure: bool = Field(False, description="Flagged because the answer was 'unsure'.")


class Gap(Result):
    question: str
    domain: str
    kind: Literal["unanswered", "unsure"]
    text: str


GateState = Literal["holds", "fails", "hire", "unknown"]


class GateCheck(Result):
    """One precondition of a pattern, checked against this team's answers and facts."""

    id: str
    state: GateState = Field(
        description="holds; fails; hire: holds once the SREs in 'hires' are hired; unknown: the answers "
        "or facts it needs are missing (it then counts as not met)."
    )
    why: str
    source: str
    hires: int = Field(0, description="SREs to hire before this precondition holds.")


class Reason(Result):
    """One preference rule that fired: its points for (or, negative, against) a pattern."""

    rule: str
    points: float
    text: str
    source: str


class Candidate(Result):
    """A pattern as the decision saw it: its preconditions, then its points among those that pass."""

    pattern: PatternId
    eligible: bool = Field(description="Every precondition holds (or holds once hired for).")
    points: float
    gates: list[GateCheck]
    reasons: list[Reason]


class Headcount(Result):
    """The SRE headcount a recommendation spends."""

    sres_available: int | None = Field(description="The organisation's SREs today (sre_count), if given.")
    sres_used: int = Field(description="SREs the recommendation takes from today's headcount.")
    hires: int = Field(description="SREs to hire before it can start.")
    text: str


class AdviceEvidence(Result):
    """What the advice stands on, and how much of it there is."""

    questions: int
    answered: int = Field(description="Questions answered with a choice (not unsure, n/a or left open).")
    unsure: int
    not_applicable: int
    unanswered: int
    known_share: float = Field(description="answered / questions.")
    missing_facts: list[str] = Field(description="Team facts the preconditions read that were not given.")
    roles: bool = Field(description="The questionnaire declares advice roles for its domains.")
    margin: float = Field(description="Points between the recommendation and the next eligible pattern.")
    robust_margin: float = Field(
        description="The smallest margin over every way the open answers (unsure, n/a, unanswered) could "
        "go; 0 when they could change the recommendation."
    )
    enough: bool = Field(description="False: too little is known to recommend a structure.")


class Alternative(Result):
    pattern: PatternId
    why_not: str
    points: float | None = Field(None, description="Its preference points; None when a precondition failed.")
    failed_gate: str | None = Field(None, description="The id of the precondition it failed, if any.")


class AntiPattern(Result):
    id: str
    title: str
    why: str
    source: str = Field("", description="Where the warning comes from.")


class Topology(Result):
    recommended: PatternId
    interaction_mode: Literal["none", "collaboration", "facilitating", "x-as-a-service"]
    confidence: float
    summary: str
    rationale: list[str]
    alternatives: list[Alternative]
    evolution: list[str]
    google_implementation: str | None
    anti_patterns: list[AntiPattern]
    outcome: Literal["advice", "not-enough-evidence"] = Field(
        "advice", description="not-enough-evidence: the lightest setup is given, at low confidence."
    )
    for_this_team: str = Field("", description="What this team should get, in one sentence.")
    current_setup: str | None = Field(None, description="Today's setup, from the team facts.")
    change: str | None = Field(None, description="From today's setup to the recommendation, in words.")
    org_decisions: list[str] = Field(
        default_factory=list, description="Parts of the advice that need an organisation-level decision."
    )
    headcount: Headcount | None = None
    evidence: AdviceEvidence | None = None
    candidates: list[Candidate] = Field(
        default_factory=list, description="Every pattern with its preconditions and points, in pattern order."
    )
    notes: list[str] = Field(default_factory=list, description="What the advice could not read, and why.")


class RoadmapItem(Result):
    phase: Phase
    action: str
    domain: str
    questions: list[str]
    impact: Literal["high", "medium", "low"]
    effort: Effort
    level_from: int | None
    level_to: int | None
    why: str


class Assessment(Published):
    questionnaire: QuestionnaireRef
    team: TeamProfile
    assessed_at: dt.date | None
    coverage: float
    overall: Overall
    domains: list[DomainResult]
    risks: list[RiskFinding]
    gaps: list[Gap]
    questions: list[QuestionResult]
    topology: Topology
    roadmap: list[RoadmapItem]
