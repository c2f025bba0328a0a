"""Pydantic models for the three documents of the pipeline.

Questionnaire and Answers are what people write (YAML); Assessment is what
the engine produces and every renderer consumes. Unknown fields are errors in
the input documents so a typo never silently changes a score.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PrivateAttr,
    StrictFloat,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from assess import conditions

Risk = Literal["high", "medium", "none"]
Effort = Literal["low", "medium", "high"]
Phase = Literal["now", "next", "later"]
PatternId = Literal["within-team", "embedded", "enabling", "platform", "separate"]

NA = "n/a"
UNSURE = "unsure"
RESERVED_ANSWERS = (NA, UNSURE)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
QUESTION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)*$"

Score = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Weight = Annotated[float, Field(gt=0.0, le=100.0, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------
# Questionnaire
# --------------------------------------------------------------------------


class Link(_Document):
    title: Text
    url: Text
    kind: Literal["reference", "improvement"] = Field(
        "reference", description="reference: reading about the practice; improvement: how to improve it."
    )


class Guidance(_Document):
    """GDS-style guidance for one answer."""

    good_enough: Text = Field(description="When this answer is good enough.")
    do_better: Text | None = Field(None, description="How to do better from here.")


class SingleChoice(_Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    label: Text
    score: Score = Field(description="Maturity of this answer, 0 (least) to 1 (most).")
    guidance: Guidance | None = None
    action: Text | None = Field(None, description="The improvement that moves a team up from here.")
    links: tuple[Link, ...] = ()
    details: Text | None = Field(None, description="More about this answer (Markdown), beyond the label.")


class MultiChoice(_Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    label: Text
    weight: Weight = Field(1.0, description="Share of the question's score this practice carries.")
    none_of_these: bool = Field(False, description="The exclusive 'none of these' choice.")
    guidance: Guidance | None = None
    action: Text | None = Field(None, description="How to adopt this practice.")
    links: tuple[Link, ...] = ()
    details: Text | None = Field(None, description="More about this answer (Markdown), beyond the label.")


class RiskRule(_Document):
    """First matching rule wins (AWS Well-Architected semantics)."""

    when: Text = Field(description="Condition over choice ids (&&, ||, !, parentheses) or 'default'.")
    risk: Risk
    why: Text | None = None

    @field_validator("when")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            conditions.parse(value)
        except conditions.ConditionError as exc:
            raise ValueError(f"condition does not parse at character {exc.offset + 1}: {exc}") from None
        return value

    @model_validator(mode="after")
    def _risky_rules_say_why(self) -> RiskRule:
        if self.risk != "none" and self.why is None:
            raise ValueError("a high or medium risk rule needs 'why'")
        return self


class _QuestionBase(_Document):
    id: Annotated[str, Field(pattern=QUESTION_ID_PATTERN)]
    text: Text
    help: Text = Field(description="Markdown: why it matters and what good looks like.")
    weight: Weight = 1.0
    allow_na: bool = False
    effort: Effort = Field("medium", description="Typical effort of the improvement actions.")
    depends_on: tuple[str, ...] = ()
    risk_rules: tuple[RiskRule, ...] = ()
    details: Text | None = Field(
        None, description="Background beyond the help text (Markdown), for readers who want more."
    )
    links: tuple[Link, ...] = ()

    # Lookup tables the engine builds once (assess.engine.compiled); not part of the document.
    _compiled: Any = PrivateAttr(None)

    def choice_ids(self) -> list[str]:
        raise NotImplementedError

    @model_validator(mode="after")
    def _rules_name_known_choices(self) -> _QuestionBase:
        known = set(self.choice_ids())
        if len(known) != len(self.choice_ids()):
            seen: set[str] = set()
            dupes = [c for c in self.choice_ids() if c in seen or seen.add(c)]  # type: ignore[func-returns-value]
            raise ValueError(f"duplicate choice id {dupes[0]!r}")
        for reserved in RESERVED_ANSWERS:
            if reserved in known:
                raise ValueError(f"choice id {reserved!r} is reserved")
        for rule in self.risk_rules:
            unknown = conditions.references(conditions.parse(rule.when)) - known
            if unknown:
                raise ValueError(f"risk rule {rule.when!r} names unknown choice {sorted(unknown)[0]!r}")
        return self


class SingleQuestion(_QuestionBase):
    kind: Literal["single"]
    choices: tuple[SingleChoice, ...] = Field(min_length=2)

    def choice_ids(self) -> list[str]:
        return [c.id for c in self.choices]


class MultiQuestion(_QuestionBase):
    kind: Literal["multi"]
    choices: tuple[MultiChoice, ...] = Field(min_length=1)
    scoring: Literal["weights", "risk"] = Field(
        "weights",
        description="weights: share of practice weights selected; risk: none=1, medium=0.5, high=0.",
    )

    def choice_ids(self) -> list[str]:
        return [c.id for c in self.choices]

    @model_validator(mode="after")
    def _one_none_choice(self) -> MultiQuestion:
        if sum(c.none_of_these for c in self.choices) > 1:
            raise ValueError("at most one choice may be 'none_of_these'")
        if self.scoring == "weights" and all(c.none_of_these for c in self.choices):
            raise ValueError("a checklist scored by weights needs at least one practice")
        return self


Question = Annotated[SingleQuestion | MultiQuestion, Field(discriminator="kind")]


class Domain(_Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Text
    description: Text
    weight: Weight = 1.0
    questions: tuple[Question, ...] = Field(min_length=1)


class Questionnaire(_Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    version: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    title: Text
    description: Text
    domains: tuple[Domain, ...] = Field(min_length=1)
    metadata: dict[str, JsonValue] | None = Field(
        None,
        description="Information carried over from where the questionnaire came from (such as an imported "
        "lens's own fields); kept for export, never used in scoring.",
    )

    _by_id: dict[str, tuple[Domain, SingleQuestion | MultiQuestion]] | None = PrivateAttr(None)
    _domains: dict[str, Domain] | None = PrivateAttr(None)

    def questions(self) -> list[tuple[Domain, SingleQuestion | MultiQuestion]]:
        return [(d, q) for d in self.domains for q in d.questions]

    def question(self, question_id: str) -> SingleQuestion | MultiQuestion | None:
        found = self._index().get(question_id)
        return found[1] if found else None

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id (KeyError if there is none)."""
        # Private attributes go through pydantic's slow __getattr__; the engine
        # asks for these indexes hundreds of times per team, so read the slot.
        private = self.__pydantic_private__
        assert private is not None
        if private["_domains"] is None:
            private["_domains"] = {d.id: d for d in self.domains}
        domains: dict[str, Domain] = private["_domains"]
        return domains[domain_id]

    def domain_of(self, question_id: str) -> Domain | None:
        return self._index().get(question_id, (None, None))[0]

    def _index(self) -> dict[str, tuple[Domain, SingleQuestion | MultiQuestion]]:
        private = self.__pydantic_private__
        assert private is not None
        if private["_by_id"] is None:
            private["_by_id"] = {q.id: (d, q) for d, q in self.questions()}
        index: dict[str, tuple[Domain, SingleQuestion | MultiQuestion]] = private["_by_id"]
        return index


# --------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------


class TeamProfile(_Document):
    """Facts about the team; the topology advice cites each one it uses."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    engineers: Annotated[StrictInt, Field(ge=1, le=10_000)] | None = Field(
        None, description="People in this team."
    )
    services: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = Field(
        None, description="Production services the team runs."
    )
    teams_in_org: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = Field(
        None, description="Stream-aligned teams in the organisation."
    )
    sre_count: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = Field(
        None, description="Dedicated SREs the organisation has today."
    )
    on_call_engineers: Annotated[StrictInt, Field(ge=0, le=10_000)] | None = Field(
        None, description="People in this team's on-call rotation."
    )
    pages_per_week: Annotated[StrictInt | StrictFloat, Field(ge=0, le=100_000)] | None = Field(
        None, description="Pages or interrupts reaching on-call per week."
    )


class Evidence(_Document):
    text: Annotated[StrictStr, Field(min_length=1)]
    date: dt.date | None = None
    owner: StrictStr | None = None


class AnswerDetail(_Document):
    """The long form of an answer: a choice (or checklist) with a note and evidence."""

    choice: StrictStr | None = Field(None, description="A choice id, 'n/a' or 'unsure'.")
    choices: list[StrictStr] | None = Field(None, description="Checklist: the choices that apply.")
    note: StrictStr | None = None
    reason: StrictStr | None = Field(None, description="Why the question does not apply (with n/a).")
    evidence: Evidence | None = None

    @model_validator(mode="after")
    def _one_of_choice_or_choices(self) -> AnswerDetail:
        if self.choice is not None and self.choices is not None:
            raise ValueError("give either 'choice' or 'choices', not both")
        if self.choice is None and self.choices is None:
            raise ValueError("give 'choice' (or 'choices' for a checklist)")
        if self.reason is not None and self.choice != NA:
            raise ValueError("'reason' only goes with choice: n/a")
        return self


TargetLevel = Annotated[StrictInt, Field(ge=1, le=5)]
DEFAULT_TARGET = "default"

# None (an empty value, as ``assess init`` writes them) means "not answered yet".
AnswerValue = StrictStr | list[StrictStr] | AnswerDetail | None


class Answers(_Document):
    """The answers file: the one format for headless input and TUI autosave."""

    questionnaire: Annotated[
        StrictStr,
        Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*(@[A-Za-z0-9][A-Za-z0-9._-]*)?$"),
    ] = Field(description="Questionnaire id, optionally with @version.")
    assessed_at: dt.date | None = Field(None, description="The date the answers describe.")
    team: TeamProfile
    answers: dict[StrictStr, AnswerValue] = Field(default_factory=dict)
    targets: dict[StrictStr, TargetLevel] = Field(
        default_factory=dict,
        description="Target level (1-5) per domain id; 'default' applies to every domain not listed.",
    )

    @field_validator("answers", "targets", mode="before")
    @classmethod
    def _empty_section_is_no_answers(cls, value: object) -> object:
        return {} if value is None else value

    @property
    def questionnaire_id(self) -> str:
        return self.questionnaire.partition("@")[0]

    @property
    def questionnaire_version(self) -> str | None:
        return self.questionnaire.partition("@")[2] or None


# --------------------------------------------------------------------------
# Assessment: the engine's output (see DESIGN.md for the JSON contract)
# --------------------------------------------------------------------------


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuestionnaireRef(_Result):
    id: str
    version: str
    title: str


class Overall(_Result):
    score: float | None
    level: int | None
    label: str | None
    capped_by: str | None = Field(None, description="Domain whose weakness capped the level.")


class DomainResult(_Result):
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


class QuestionResult(_Result):
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


class RiskFinding(_Result):
    question: str
    domain: str
    severity: Literal["high", "medium"]
    title: str
    why: str
    unsure: bool = Field(False, description="Flagged because the answer was 'unsure'.")


class Gap(_Result):
    question: str
    domain: str
    kind: Literal["unanswered", "unsure"]
    text: str


class Alternative(_Result):
    pattern: PatternId
    why_not: str


class AntiPattern(_Result):
    id: str
    title: str
    why: str


class Topology(_Result):
    recommended: PatternId
    interaction_mode: Literal["none", "collaboration", "facilitating", "x-as-a-service"]
    confidence: float
    summary: str
    rationale: list[str]
    alternatives: list[Alternative]
    evolution: list[str]
    google_implementation: str | None
    anti_patterns: list[AntiPattern]


class RoadmapItem(_Result):
    phase: Phase
    action: str
    domain: str
    questions: list[str]
    impact: Literal["high", "medium", "low"]
    effort: Effort
    level_from: int | None
    level_to: int | None
    why: str


class Assessment(_Result):
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
