"""The organisation: its settings file, and the roll-up, comparison and history the engine produces."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictStr, field_validator

from assess.models.answers import ActionStatus
from assess.models.assessment import QuestionnaireRef
from assess.models.common import Document, PatternId, Published, Result, WholeNumber
from assess.models.workshop import REVIEW_DAYS


class TeamRow(Result):
    name: str
    file: str
    assessed_at: dt.date | None
    overall: float | None
    level: int | None
    coverage: float
    recommended: PatternId
    levels: dict[str, int | None] = Field(description="Domain id -> level (None when unscored).")
    scores: dict[str, float | None]
    targets: dict[str, int]
    high_risks: int
    medium_risks: int
    pages_per_week: float | None
    engineers: int | None
    confidence: float | None = Field(None, description="Confidence of this team's topology advice.")
    anti_patterns: list[str] = Field(default_factory=list, description="Ids of this team's warnings.")
    due: bool = Field(False, description="Older than the review interval on as_of: due for re-assessment.")
    age_days: int | None = Field(None, description="Days from assessed_at to as_of.")
    stale_evidence: int = Field(0, description="Answers whose evidence is older than the review interval.")
    actions: dict[str, int] = Field(
        default_factory=dict,
        description="Entries of the team's actions section by status (planned, in-progress, done, "
        "accepted-risk) while they apply, and closed: those whose step the answers reach, or whose gap "
        "is gone, whatever their status.",
    )
    overdue_actions: int = Field(0, description="Planned or in-progress entries past their due date.")
    done_unchanged: int = Field(
        0, description="Entries marked done whose answers, assessed since, do not reach what they aim at."
    )


class DomainSpread(Result):
    id: str
    title: str
    levels: dict[int, int] = Field(description="Level -> number of teams at it.")
    unscored: int
    median: float | None
    below_target: int


class SharedGap(Result):
    question: str
    domain: str
    text: str
    teams: list[str]
    count: int
    of: int
    severity: Literal["high", "medium", "low"]
    common_answer: str
    statement: str
    action: str | None


class Interaction(Result):
    team: str
    mode: Literal["collaboration", "facilitating", "x-as-a-service"]
    purpose: str
    duration: str


class TeamApi(Result):
    """A draft Team API (Team Topologies template fields) for a proposed team."""

    name: str
    type: Literal["platform", "enabling", "sre"]
    focus: str
    services_offered: list[str]
    service_expectations: str
    interactions: list[Interaction]
    why: str


class Proposal(Result):
    recommended: bool
    why: list[str]


class EmbedCandidate(Result):
    team: str
    why: str
    staffed: bool = Field(True, description="False: no SRE is left for it today; it waits for a hire.")


class OrgHeadcount(Result):
    """The SREs the organisation advice spends: never more than it has; the rest is named as hires."""

    sres: int | None = Field(description="The organisation's SREs (the largest sre_count any team gives).")
    embedded: int = Field(description="SREs embedded in teams now.")
    enabling: int = Field(description="SREs in the enabling (consulting) team.")
    separate: int = Field(description="SREs in the SRE team's rotation.")
    hires: int = Field(description="SREs still needed for everything proposed.")
    why: list[str]


class OrgAntiPattern(Result):
    """A warning the teams' own advice raised, counted across the organisation."""

    id: str
    title: str
    teams: list[str]
    count: int
    why: str


class OrgTopology(Result):
    embedded_first: list[EmbedCandidate]
    platform: Proposal
    enabling: Proposal
    separate: Proposal
    google_implementation: str | None
    team_apis: list[TeamApi]
    headcount: OrgHeadcount | None = None
    anti_patterns: list[OrgAntiPattern] = Field(default_factory=list)
    not_enough_evidence: list[str] = Field(
        default_factory=list, description="Teams whose answers are too sparse for structure advice."
    )
    notes: list[str] = Field(default_factory=list)


class OrgRoadmapItem(Result):
    phase: Literal["now", "next", "later"]
    action: str
    domain: str
    question: str
    teams: int
    owner: str = Field(description="Who should carry it: a proposed team, or each team itself.")
    why: str


class DiagnosticEntry(Result):
    """One problem in one file: the shape `assess validate -f json` prints too."""

    file: str
    line: int
    column: int
    severity: Literal["error", "warning", "note"] = "error"  # a note: how many more were left out
    message: str

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.column}: {prefix}{' '.join(self.message.split())}"


class InvalidFile(Result):
    file: str
    diagnostics: list[DiagnosticEntry]


class DueTeam(Result):
    """A team due for re-assessment (or with evidence to re-check)."""

    name: str
    file: str
    assessed_at: dt.date | None
    age_days: int | None = Field(description="Days from assessed_at to as_of; None when undated.")
    due_on: dt.date | None = Field(description="assessed_at plus the review interval.")
    stale_evidence: int = Field(description="Answers whose evidence is older than the review interval.")
    why: str


class Reassessment(Result):
    """Which teams are due for another assessment on ``as_of``, most overdue first."""

    as_of: dt.date | None = Field(description="The day it is judged on (assess org: --date, else today).")
    review_days: int = Field(description="The review interval, from the organisation file (default 90).")
    due: list[DueTeam] = Field(description="Older than the review interval, or undated; most overdue first.")
    recheck: list[DueTeam] = Field(
        default_factory=list, description="Not due yet, but with evidence older than the review interval."
    )


class OverdueAction(Result):
    """A planned or in-progress action past its due date, on the roll-up's date."""

    team: str
    file: str
    root_cause: str
    title: str
    status: ActionStatus
    owner: str | None
    due: dt.date
    days: int = Field(description="Days past the due date.")
    link: str | None


class OrgRollup(Published):
    questionnaire: QuestionnaireRef
    teams: list[TeamRow]
    domains: list[DomainSpread]
    shared_gaps: list[SharedGap]
    topology: OrgTopology
    roadmap: list[OrgRoadmapItem]
    invalid: list[InvalidFile]
    reassessment: Reassessment | None = Field(
        None, description="Teams due for re-assessment, judged on as_of against the review interval."
    )
    as_of: dt.date | None = Field(
        None,
        description="The day it is read on (overdue actions, who is due): assess org's --date, else today.",
    )
    overdue: list[OverdueAction] = Field(
        default_factory=list, description="Every team's overdue actions, most overdue first."
    )


class DomainDelta(Result):
    id: str
    title: str
    old: float | None
    new: float | None
    delta: float | None
    old_level: int | None
    new_level: int | None


class QuestionChange(Result):
    question: str
    domain: str
    text: str
    old: str
    new: str
    delta: float


class ActionChange(Result):
    """An action that closed or opened between two assessments, or that was marked done in vain."""

    root_cause: str
    title: str
    domain: str
    old_status: ActionStatus | None = Field(description="Its status in the earlier answers file, if any.")
    new_status: ActionStatus | None = Field(description="Its status in the later answers file, if any.")
    phase: Literal["now", "next", "later", "beyond"] | None = Field(
        None, description="Where it sits in the later plan (None: closed)."
    )
    why: str


class FactChange(Result):
    """A team fact that differs between two assessments (pages per week 9 -> 22)."""

    fact: str = Field(description="The team fact's field name, such as pages_per_week.")
    old: str | None = Field(description="The earlier value as written (None: not given).")
    new: str | None


class RiskChange(Result):
    """A risk that opened or closed between two assessments."""

    question: str
    domain: str
    title: str = Field(description="The question's short name.")
    severity: Literal["high", "medium"] = Field(description="Its severity where it was raised.")


class Comparison(Published):
    team: str
    old_date: dt.date | None
    new_date: dt.date | None
    overall_old: float | None
    overall_new: float | None
    domains: list[DomainDelta]
    improved: list[QuestionChange]
    regressed: list[QuestionChange]
    risks_opened: list[str]
    risks_closed: list[str]
    actions_closed: list[ActionChange] = Field(
        default_factory=list,
        description="Actions of the earlier assessment whose step was reached (or is no longer needed).",
    )
    actions_opened: list[ActionChange] = Field(
        default_factory=list,
        description="Actions in the later plan that the earlier one did not have: a new gap, the next step "
        "of a gap, or one that moved into the plan.",
    )
    actions_done_unchanged: list[ActionChange] = Field(
        default_factory=list,
        description="Actions marked done whose answers did not change since the earlier assessment (or do "
        "not reach what the entry aims at).",
    )
    facts_changed: list[FactChange] = Field(
        default_factory=list, description="Team facts that differ between the two assessments."
    )


class HistoryPoint(Result):
    assessed_at: dt.date
    file: str
    overall: float | None
    level: int | None
    scores: dict[str, float | None]
    levels: dict[str, int | None] = Field(
        default_factory=dict, description="Domain id -> level (None when unscored)."
    )
    high_risks: int = 0
    medium_risks: int = 0


class HistoryStep(Result):
    """What changed from one assessment to the next."""

    old_date: dt.date
    new_date: dt.date
    overall_old: float | None
    overall_new: float | None
    domains: list[DomainDelta]
    risks_opened: list[RiskChange]
    risks_closed: list[RiskChange]
    improved: int = Field(description="Answers that scored higher.")
    regressed: list[QuestionChange] = Field(description="Answers that scored lower.")
    facts_changed: list[FactChange]
    actions_closed: list[ActionChange] = Field(default_factory=list, description="As in compare.")
    actions_opened: list[ActionChange] = Field(default_factory=list, description="As in compare.")
    actions_done_unchanged: list[ActionChange] = Field(default_factory=list, description="As in compare.")


class History(Published):
    team: str
    domains: dict[str, str] = Field(description="Domain id -> title, in questionnaire order.")
    points: list[HistoryPoint]
    steps: list[HistoryStep] = Field(
        default_factory=list, description="What changed between each assessment and the next, oldest first."
    )


class OrgSettings(Document):
    """An organisation file: found among the answer files by its ``organisation`` key."""

    organisation: StrictStr = Field(min_length=1, description="The organisation's name.")
    targets: dict[StrictStr, Annotated[WholeNumber, Field(ge=1, le=5)]] = Field(
        default_factory=dict,
        description="Default target level (1-5) per domain id, or 'default' for all; teams may override.",
        json_schema_extra={"type": ["object", "null"]},
    )
    review_days: Annotated[WholeNumber, Field(ge=1, le=3660)] = Field(
        REVIEW_DAYS,
        description="Re-assess every this many days: answers and evidence older than this are stale "
        "(default 90, the quarterly cadence).",
    )

    @field_validator("targets", mode="before")
    @classmethod
    def _empty_section_is_no_targets(cls, value: object) -> object:
        return {} if value is None else value
