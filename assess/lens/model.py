"""An AWS Well-Architected custom lens, as plain data, and the format's rules.

The format (``schemaVersion`` 2021-11-01) is described in the AWS Well-Architected
Tool user guide, "Lens format specification". A lens holds pillars, pillars hold
questions, questions hold choices (each a best practice to tick) and risk rules.
A choice whose id ends in ``_no`` is the exclusive "None of these" choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assess.lens.jsonsource import JsonPath

SCHEMA_VERSION = "2021-11-01"

MAX_NAME = 128  # lens name, pillar name, question title, choice title
MAX_TEXT = 2048  # descriptions and display texts
MAX_PILLARS = 10
MAX_QUESTIONS = 20  # per pillar
MAX_CHOICES = 15  # per question
MAX_RULES = 3  # per question, one per risk level
MAX_EXTRA_RESOURCES = 5  # per type, per choice
MAX_BYTES = 500 * 1024  # a whole lens, as the import API takes it
ID_RE = re.compile(r"[A-Za-z0-9_]{3,128}")
URL_RE = re.compile(r"https?://\S+")
NONE_SUFFIX = "_no"

RISKS = ("NO_RISK", "MEDIUM_RISK", "HIGH_RISK")  # least to most severe
HELPFUL, IMPROVEMENT = "HELPFUL_RESOURCE", "IMPROVEMENT_PLAN"

FRAMEWORK_PILLARS = {
    "operationalExcellence": "Operational Excellence",
    "security": "Security",
    "reliability": "Reliability",
    "performance": "Performance Efficiency",
    "costOptimization": "Cost Optimization",
    "sustainability": "Sustainability",
}


@dataclass(frozen=True)
class Content:
    """A helpful resource or improvement plan: display text, a URL, or both."""

    text: str | None
    url: str | None = None

    def to_json(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.text is not None:
            out["displayText"] = self.text
        if self.url is not None:
            out["url"] = self.url
        return out


@dataclass(frozen=True)
class Choice:
    id: str
    title: str
    helpful: Content | None = None
    improvement: Content | None = None
    more_helpful: tuple[Content, ...] = ()
    more_improvement: tuple[Content, ...] = ()
    path: JsonPath = field(default=(), compare=False)

    @property
    def none_of_these(self) -> bool:
        return self.id.endswith(NONE_SUFFIX)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.helpful is not None:
            out["helpfulResource"] = self.helpful.to_json()
        if self.improvement is not None:
            out["improvementPlan"] = self.improvement.to_json()
        extra = [
            {"type": kind, "content": [c.to_json() for c in items]}
            for kind, items in ((HELPFUL, self.more_helpful), (IMPROVEMENT, self.more_improvement))
            if items
        ]
        if extra:
            out["additionalResources"] = extra
        return out


@dataclass(frozen=True)
class Rule:
    condition: str
    risk: str  # one of RISKS
    path: JsonPath = field(default=(), compare=False)

    def to_json(self) -> dict[str, str]:
        return {"condition": self.condition, "risk": self.risk}


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    description: str | None
    choices: tuple[Choice, ...]
    rules: tuple[Rule, ...]
    helpful: Content | None = None
    path: JsonPath = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.description is not None:
            out["description"] = self.description
        if self.helpful is not None:
            out["helpfulResource"] = self.helpful.to_json()
        out["choices"] = [c.to_json() for c in self.choices]
        out["riskRules"] = [r.to_json() for r in self.rules]
        return out


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    questions: tuple[Question, ...]
    path: JsonPath = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "questions": [q.to_json() for q in self.questions]}


@dataclass(frozen=True)
class Lens:
    name: str
    description: str | None
    pillars: tuple[Pillar, ...]
    # Top-level fields outside the format (such as ``_version`` or ``_teams``), kept as written.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schemaVersion": SCHEMA_VERSION, "name": self.name}
        if self.description is not None:
            out["description"] = self.description
        out.update(self.extra)
        out["pillars"] = [p.to_json() for p in self.pillars]
        return out
