"""The Assessment: what the engine produces and every renderer consumes (see DESIGN.md for the JSON)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from assess.models.answers import ActionStatus, AssessmentContext, Evidence, TeamProfile
from assess.models.common import Effort, PatternId, Phase, Published, Result, Risk
from assess.models.workshop import Confidence, Freshness, QuestionWorkshop, WorkshopSummary


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
    confidence: Confidence | None = Field(
        None, description="How far to trust this score: voices, disagreement, unsure, n/a, coverage, age."
    )


class QuestionResult(Result):
    id: str
    domain: str
    text: str
    title: str = Field("", description="A short name for the practice (the question's title, else its text).")
    kind: Literal["single", "multi"]
    status: Literal["answered", "n/a", "unsure", "unanswered"]
    choices: list[str]
    labels: list[str]
    score: float | None
    risk: Risk | None
    note: str | None
    reason: str | None
    evidence: Evidence | None
    stale: bool = Field(False, description="Its evidence is older than the review interval.")
    workshop: QuestionWorkshop | None = Field(
        None, description="A merged team file: the votes (shown from min_voices), consensus and spread."
    )


Owner = Literal["team", "embedded-sre", "enabling-team", "sre-team", "platform-team", "leadership"]
OWNER_WORDS: dict[str, str] = {  # how each owner is named in every output
    "team": "the team",
    "embedded-sre": "an embedded SRE",
    "enabling-team": "the enabling team",
    "sre-team": "the SRE team",
    "platform-team": "the platform team",
    "leadership": "leadership",
}
Size = Literal["S", "M", "L"]
Planned = Literal["now", "next", "later", "beyond"]
PHASE_WORDS: dict[str, str] = {"now": "Now", "next": "Next", "later": "Later"}  # the plan's phases, named


class RiskFinding(Result):
    question: str
    domain: str
    severity: Literal["high", "medium"]
    title: str
    why: str
    unsure: bool = Field(False, description="Flagged because the answer was 'unsure'.")
    data_loss: bool = Field(
        False, description="The questionnaire says this risk can lose data for good (its 'data_loss')."
    )
    rank: int = Field(
        0, description="1 is the most serious: by severity, then the question's weight, known before unsure."
    )
    root_cause: str = Field("", description="The roadmap's root-cause id for the gap behind this risk.")
    top: bool = Field(
        False,
        description="One of the top risks page 1 shows; the plan starts each (or what blocks it) now.",
    )
    planned: Planned | None = Field(
        None, description="Where the action that removes it sits: a phase, beyond the plan, or none."
    )
    action_status: ActionStatus | None = Field(
        None,
        description="The status the answers file's actions section gives that action, if any; an "
        "accepted risk stays listed here but is never a top risk and never in the first phase.",
    )


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
    people: list[int] = Field(
        default_factory=lambda: [0, 0],
        min_length=2,
        max_length=2,
        description="How many people the setup takes, [fewest, most] (SREs, or engineers for a platform).",
    )
    role: Literal["SRE", "engineer"] = Field("SRE", description="Who the people are.")
    months: int | None = Field(
        None,
        description="How long they work with this team, hands-on, in months; None when nobody is needed "
        "or the setup is ongoing (a platform, an SRE team).",
    )
    part_time: bool = Field(False, description="They work with the team part-time (coaching).")
    takes: str = Field(
        "", description="What it takes in one phrase: people x months, and from which headcount or hires."
    )


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
    stops: list[str] = Field(
        default_factory=list,
        description="What the team stops doing under the recommended setup, as phrases that follow 'Stop'.",
    )


class AnswerTarget(Result):
    """The answer an action aims at for one of its questions: the action is done when it is reached."""

    question: str
    choice: str = Field(description="The choice id (for a checklist, the practice to add).")
    label: str = Field(description="That choice's label.")


class Tracking(Result):
    """What the answers file's ``actions`` section records for an action, read on ``as_of``."""

    status: ActionStatus
    owner: str | None = Field(None, description="Who owns it, as agreed (a person or a team).")
    due: dt.date | None = None
    link: str | None = Field(None, description="Where it is tracked: an issue URL or key.")
    reason: str | None = None
    since: dt.date | None = Field(None, description="The day the status was set.")
    overdue_days: int | None = Field(
        None, description="Days past its due date on as_of (planned or in-progress only); None: not overdue."
    )
    unchanged: str | None = Field(
        None,
        description="Set when the action is marked done but its answers, assessed after that, do not "
        "reach what it aims at: says so in a sentence.",
    )


class TrackedAction(Tracking):
    """One entry of the answers file's ``actions`` section and what became of it."""

    root_cause: str
    title: str
    domain: str
    questions: list[str]
    done_when: dict[str, str] = Field(default_factory=dict, description="As the entry gives it.")
    state: Literal["now", "next", "later", "beyond", "closed", "unknown"] = Field(
        description="Where its action is now: a phase of the plan, beyond it, closed (the answers "
        "reach what it aimed at, or the gap is gone), or unknown (its questions are not answered)."
    )
    closed: str | None = Field(None, description="When closed: why, in a sentence.")


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
    root_cause: str = Field(
        "",
        description="Stable id of the gap this action closes (the question's root cause, or "
        "'find-out:DOMAIN' for the questions a team was unsure about in one area). The same across "
        "re-assessments and across questionnaire versions where the gap is the same.",
    )
    title: str = Field("", description="A short name for the gap.")
    owner: Owner = Field("team", description="Suggested owner role.")
    size: Size = Field("M", description="S: up to 3 person-days; M: 1-2 person-weeks; L: 3-6 person-weeks.")
    person_days: list[int] = Field(
        default_factory=lambda: [5, 10],
        min_length=2,
        max_length=2,
        description="The size as a range of person-days: [fewest, most].",
    )
    horizon: str = Field("", description="The phase's time frame, such as '0-30 days'.")
    start_day: int = Field(0, description="First day of the phase, counted from the assessment.")
    end_day: int = Field(0, description="Last day of the phase.")
    blocked_by: list[str] = Field(
        default_factory=list, description="Root-cause ids of the actions that must come first."
    )
    top_risks: list[str] = Field(
        default_factory=list, description="Questions of page 1's top risks that this action removes."
    )
    done_when: list[AnswerTarget] = Field(
        default_factory=list,
        description="The answers this step aims at (none for a find-out action): with them, the action "
        "is done and the next step is a new action.",
    )
    tracking: Tracking | None = Field(
        None, description="Status, owner, due date and link from the answers file's actions section."
    )
    stop: str | None = Field(
        None,
        description="What the team stops doing once this action is done (the questionnaire's 'stop'), "
        "as a phrase that follows 'Stop'.",
    )


class BacklogItem(Result):
    """An action beyond the plan's horizon, listed compactly."""

    root_cause: str
    title: str
    domain: str
    questions: list[str]
    action: str
    impact: Literal["high", "medium", "low"]
    size: Size
    owner: Owner
    reason: Literal["horizon", "capacity", "blocked", "accepted-risk"] = Field(
        description="horizon: not needed to reach the plan's horizon and no risk; capacity: did not fit "
        "in 180 days; blocked: waits for an action beyond the plan; accepted-risk: the team accepted "
        "the risk (the actions section says why)."
    )
    done_when: list[AnswerTarget] = Field(default_factory=list, description="As for a roadmap item.")
    tracking: Tracking | None = Field(None, description="As for a roadmap item.")


class PlanPhase(Result):
    id: Phase
    start_day: int
    end_day: int
    limit: int = Field(description="At most this many actions start in the phase.")
    actions: int


class Plan(Result):
    """How the roadmap was sized: the contract behind the phases."""

    now_limit: int = Field(description="At most this many actions in the first 30 days.")
    now_limit_from: Literal["team size", "answers file", "default"]
    horizon: Literal["next level", "targets"] = Field(
        description="next level: one level up in each area; targets: the target levels set."
    )
    phases: list[PlanPhase]
    top_risks: int = Field(
        description="How many of the ranked risks (the first ones in 'risks') page 1 shows; each of them "
        "is removed in the first phase or blocked only by actions that start then."
    )
    sizes: dict[str, str] = Field(description="What each size means.")


class Inconsistency(Result):
    """Answers that contradict each other, or an answer to a question that does not apply."""

    id: str
    questions: list[str]
    message: str


class Assessment(Published):
    questionnaire: QuestionnaireRef
    team: TeamProfile
    assessed_at: dt.date | None
    context: AssessmentContext | None = Field(
        None, description="Who assessed what, and how sensitive it is: the answers file's 'context'."
    )
    as_of: dt.date | None = Field(
        None,
        description="The day the results are read on (what is stale or overdue is judged against it): "
        "the date the caller gave (a report's --date), else assessed_at. Never the clock.",
    )
    coverage: float
    overall: Overall
    domains: list[DomainResult]
    risks: list[RiskFinding]
    gaps: list[Gap]
    questions: list[QuestionResult]
    topology: Topology
    roadmap: list[RoadmapItem]
    plan: Plan
    beyond_horizon: list[BacklogItem] = Field(
        default_factory=list, description="Actions beyond the plan's horizon, listed compactly."
    )
    inconsistencies: list[Inconsistency] = Field(default_factory=list)
    confidence: Confidence | None = Field(
        None, description="The practice areas' confidence together, weighted like their scores."
    )
    freshness: Freshness | None = Field(
        None, description="How old the answers and evidence are on as_of, and what to re-check first."
    )
    workshop: WorkshopSummary | None = Field(
        None, description="Several people answered (a merged team file): who, and where they disagreed."
    )
    actions: list[TrackedAction] = Field(
        default_factory=list,
        description="Every entry of the answers file's actions section and what became of it: overdue "
        "ones first (most overdue first), then those marked done whose answers did not improve, then "
        "the plan's order, closed ones last.",
    )
