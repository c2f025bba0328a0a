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


class Alternative(Result):
    pattern: PatternId
    why_not: str


class AntiPattern(Result):
    id: str
    title: str
    why: str


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
