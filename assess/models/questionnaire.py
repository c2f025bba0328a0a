"""The questionnaire: domains of weighted questions, each with ordered choices, risk rules and help."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, JsonValue, PrivateAttr, field_validator, model_validator

from assess import conditions
from assess.models.common import (
    ID_PATTERN,
    QUESTION_ID_PATTERN,
    RESERVED_ANSWERS,
    Document,
    Effort,
    Risk,
    Score,
    Text,
    Weight,
)

Role = Literal["team", "sre", "platform", "leadership"]
ROLE_HELP = (
    "Who should own the improvement: team (the team itself), sre (needs SRE skills: an embedded SRE, "
    "an enabling or SRE team where the advice has one), platform (shared tooling: a platform team where "
    "the organisation is large enough), leadership (a decision or policy only leaders can make)."
)

STOP_HELP = (
    "What a team stops doing once it takes this improvement, as a phrase that follows 'Stop' (for "
    "example 'changing production by hand in the console'). The report's first page lists it for the "
    "actions that start in the first 30 days."
)


class Link(Document):
    title: Text
    url: Text
    kind: Literal["reference", "improvement"] = Field(
        "reference", description="reference: reading about the practice; improvement: how to improve it."
    )


class Guidance(Document):
    """GDS-style guidance for one answer."""

    good_enough: Text = Field(description="When this answer is good enough.")
    do_better: Text | None = Field(None, description="How to do better from here.")


def _condition(value: str) -> str:
    try:
        conditions.parse(value)
    except conditions.ConditionError as exc:
        raise ValueError(f"condition does not parse at character {exc.offset + 1}: {exc}") from None
    return value


class AnswerIs(Document):
    """A condition on another question's answer. It holds when that question is answered with
    choices (not unsure, not n/a) and its choices match ``when``."""

    question: Annotated[str, Field(pattern=QUESTION_ID_PATTERN)] = Field(description="A question id.")
    when: Text = Field(description="Condition over that question's choice ids (&&, ||, !, parentheses).")

    @field_validator("when")
    @classmethod
    def _parses(cls, value: str) -> str:
        return _condition(value)


class SingleChoice(Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    label: Text
    score: Score | None = Field(
        None,
        description="Maturity of this answer, 0 (least) to 1 (most). Required, except in a context "
        "question (scored: false), whose choices carry none.",
    )
    guidance: Guidance | None = None
    action: Text | None = Field(None, description="The improvement that moves a team up from here.")
    effort: Effort | None = Field(
        None, description="Effort of this answer's action (default: the question's)."
    )
    owner: Role | None = Field(
        None, description="Who should own this answer's action (default: the question's)."
    )
    stop: Text | None = Field(None, description=STOP_HELP + " Default: the question's.")
    links: tuple[Link, ...] = ()
    details: Text | None = Field(None, description="More about this answer (Markdown), beyond the label.")


class MultiChoice(Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    label: Text
    weight: Weight = Field(1.0, description="Share of the question's score this practice carries.")
    none_of_these: bool = Field(False, description="The exclusive 'none of these' choice.")
    guidance: Guidance | None = None
    action: Text | None = Field(None, description="How to adopt this practice.")
    effort: Effort | None = Field(None, description="Effort of adopting it (default: the question's).")
    owner: Role | None = Field(None, description="Who should own adopting it (default: the question's).")
    stop: Text | None = Field(None, description=STOP_HELP + " Default: the question's.")
    links: tuple[Link, ...] = ()
    details: Text | None = Field(None, description="More about this answer (Markdown), beyond the label.")


class RiskRule(Document):
    """First matching rule wins (AWS Well-Architected semantics)."""

    when: Text = Field(description="Condition over choice ids (&&, ||, !, parentheses) or 'default'.")
    risk: Risk
    why: Text | None = None
    unless: tuple[AnswerIs, ...] = Field(
        (),
        description="The rule does not apply when any of these answers to other questions holds "
        "(for example no risk for skipping a practice whose purpose another answer already covers).",
    )

    @field_validator("when")
    @classmethod
    def _parses(cls, value: str) -> str:
        return _condition(value)

    @model_validator(mode="after")
    def _risky_rules_say_why(self) -> RiskRule:
        if self.risk != "none" and self.why is None:
            raise ValueError("a high or medium risk rule needs 'why'")
        return self


Signal = Literal["shared-toil", "readiness-review", "error-budget-policy", "actionable-pages", "shift-load"]


class QuestionAdvice(Document):
    """What the topology advice reads one question as: a named signal, read from the answer's score
    (0 least mature, 1 most), so no rule names a question id. See docs/questionnaires.md."""

    signal: Signal = Field(
        description="shared-toil: other teams repeat the same toil (a score of 0.5 or less says they do); "
        "readiness-review: services pass a production readiness review (0.75 or more: one that can block a "
        "launch); error-budget-policy: SLOs have agreed consequences (0.75 or more: a written policy); "
        "actionable-pages: pages need a human (0.5 or more: mostly on user-visible symptoms); shift-load: "
        "incidents per on-call shift (0: most shifts bring more than two; 0.5 or more: usually two or fewer)."
    )


class _QuestionBase(Document):
    id: Annotated[str, Field(pattern=QUESTION_ID_PATTERN)]
    text: Text
    title: Text | None = Field(
        None,
        description="A short name for the practice (a few words), for plans and lists; default: the text.",
    )
    help: Text = Field(description="Markdown: why it matters and what good looks like.")
    weight: Weight = 1.0
    scored: bool = Field(
        True,
        description="false: a context question. Its answer is kept and read by the advice, but it has "
        "no score, no risk and no roadmap action.",
    )
    allow_na: bool = False
    effort: Effort = Field("medium", description="Typical effort of the improvement actions.")
    owner: Role = Field("team", description=ROLE_HELP)
    stop: Text | None = Field(None, description=STOP_HELP)
    data_loss: bool = Field(
        False,
        description="true: the risk this question measures can lose data for good (backups, disaster "
        "recovery, destructive access). An 'unsure' answer here is called out on the report's first page.",
    )
    root_cause: Annotated[str, Field(pattern=QUESTION_ID_PATTERN)] | None = Field(
        None,
        description="A stable id for the gap this question measures (default: the question id). "
        "Questions sharing one get a single roadmap action, and the id stays the same across "
        "versions of a questionnaire where the gap is the same.",
    )
    depends_on: tuple[str, ...] = ()
    not_applicable_when: tuple[AnswerIs, ...] = Field(
        (),
        description="The question does not apply (it is scored as n/a, with no risk and no action) when "
        "any of these answers holds, or when a question named here does not apply itself. Each question "
        "named must also be in depends_on.",
    )
    risk_rules: tuple[RiskRule, ...] = ()
    details: Text | None = Field(
        None, description="Background beyond the help text (Markdown), for readers who want more."
    )
    links: tuple[Link, ...] = ()
    advice: QuestionAdvice | None = Field(
        None, description="What the topology advice reads this question as, if anything (a signal)."
    )

    # Lookup tables the engine builds once (assess.engine.compiled); not part of the document.
    _compiled: Any = PrivateAttr(None)

    @property
    def root_cause_id(self) -> str:
        return self.root_cause or self.id

    @property
    def short_title(self) -> str:
        return self.title or self.text

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
        if not self.scored and self.risk_rules:
            raise ValueError("a context question (scored: false) has no risk rules")
        for clause in self.not_applicable_when:
            if clause.question == self.id:
                raise ValueError("not_applicable_when names the question itself")
            if clause.question not in self.depends_on:
                raise ValueError(
                    f"not_applicable_when names {clause.question!r}; list it in depends_on as well"
                )
        return self


class SingleQuestion(_QuestionBase):
    kind: Literal["single"]
    choices: tuple[SingleChoice, ...] = Field(min_length=2)

    def choice_ids(self) -> list[str]:
        return [c.id for c in self.choices]

    @model_validator(mode="after")
    def _scores_match_kind(self) -> SingleQuestion:
        for choice in self.choices:
            if self.scored and choice.score is None:
                raise ValueError(f"choice {choice.id!r} needs a score (0 to 1)")
            if not self.scored and choice.score is not None:
                raise ValueError(f"choice {choice.id!r}: a context question (scored: false) has no scores")
        return self

    def score_of(self, choice: SingleChoice) -> float:
        """The choice's score; 0 for the choices of a context question, which carry none."""
        return 0.0 if choice.score is None else choice.score

    def reading_of(self, choice: SingleChoice) -> float:
        """What an advice signal reads this choice as: its score, or, in a context question, its
        place among the choices (0 for the first, 1 for the last)."""
        if choice.score is not None:
            return choice.score
        return self.choices.index(choice) / max(1, len(self.choices) - 1)


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
        if self.scoring == "risk" and any(rule.unless for rule in self.risk_rules):
            raise ValueError(
                "a checklist scored by risk cannot use 'unless': its score would depend on other answers"
            )
        return self


Question = Annotated[SingleQuestion | MultiQuestion, Field(discriminator="kind")]


Topic = Literal[
    "slo", "observability", "incidents", "learning", "oncall", "toil", "iac", "release", "resilience"
]


class DomainAdvice(Document):
    """How the topology advice reads a domain: the vocabulary the rules use lives here, in data,
    so a custom or imported questionnaire can say which of its domains hold what."""

    kind: Literal["practice", "tooling"] | None = Field(
        None,
        description="practice: skills and judgement a team builds itself (a case for coaching or an "
        "embedded SRE); tooling: what a platform team can offer as a service.",
    )
    topic: Topic | None = Field(
        None, description="The practice area this domain measures, for rules that look for one by name."
    )


class Domain(Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Text
    description: Text
    weight: Weight = 1.0
    advice: DomainAdvice | None = Field(
        None, description="What the topology advice reads this domain as; without it, overall scores only."
    )
    questions: tuple[Question, ...] = Field(min_length=1)


def _non_finite(value: JsonValue, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """Where the first infinite or NaN number in a JSON value is (None if there is none)."""
    if isinstance(value, float) and not math.isfinite(value):
        return path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _non_finite(item, (*path, key))
        if found is not None:
            return found
    return None


class ConsistencyCheck(Document):
    """Answers that contradict each other: reported as a warning at each answer, never an error."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    answers: tuple[AnswerIs, ...] = Field(
        min_length=2, description="The check fires when all of these hold (each about a different question)."
    )
    message: Text = Field(description="What disagrees, and which answer to look at again, in plain words.")

    @model_validator(mode="after")
    def _different_questions(self) -> ConsistencyCheck:
        named = [a.question for a in self.answers]
        if len(set(named)) != len(named):
            raise ValueError("each answer of a consistency check must be about a different question")
        return self


class QuestionMigration(Document):
    """How one question of the earlier version is carried over."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    from_: Annotated[str, Field(pattern=QUESTION_ID_PATTERN)] = Field(
        alias="from", description="The question id in the earlier version."
    )
    to: Annotated[str, Field(pattern=QUESTION_ID_PATTERN)] | None = Field(
        None, description="The question id in this version; none: the question is no longer asked."
    )
    choices: dict[str, str] | None = Field(
        None,
        description="Earlier choice id -> choice id here. An earlier choice not listed needs a new "
        "answer. Without this map, choice ids are carried over as they are.",
    )
    check: bool | tuple[str, ...] = Field(
        False,
        description="The mapping is approximate, so the new answer should be checked: true for every answer, "
        "or the earlier choice ids for which it is.",
    )

    def needs_check(self, selected: tuple[str, ...]) -> bool:
        if isinstance(self.check, bool):
            return self.check
        return any(c in self.check for c in selected)

    note: Text | None = Field(None, description="Why, for the migration report.")


class Migration(Document):
    """How answers written for an earlier version map onto this one (``assess migrate``). A question
    of the earlier version that is not listed is carried over when this version has a question with
    the same id and the same choice ids."""

    from_version: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    questions: tuple[QuestionMigration, ...] = ()


class Questionnaire(Document):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    version: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    title: Text
    description: Text
    domains: tuple[Domain, ...] = Field(min_length=1)
    consistency: tuple[ConsistencyCheck, ...] = Field(
        (), description="Pairs (or more) of answers that contradict each other, reported as warnings."
    )
    migrations: tuple[Migration, ...] = Field(
        (), description="How answers written for earlier versions map onto this one."
    )
    metadata: dict[str, JsonValue] | None = Field(
        None,
        description="Information carried over from where the questionnaire came from (such as an imported "
        "lens's own fields); kept for export, never used in scoring.",
    )

    @field_validator("metadata")
    @classmethod
    def _json_numbers(cls, value: dict[str, JsonValue] | None) -> dict[str, JsonValue] | None:
        """Metadata goes back out as JSON (a lens), which has no infinity and no NaN."""
        where = _non_finite(value, ())
        if where is not None:
            shown = ".".join(str(p) for p in where)
            raise ValueError(f"{shown}: not a finite number; JSON (a lens) cannot hold .inf or .nan")
        return value

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
