"""The answers file: the one format for headless input and the terminal app's autosave."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictFloat, StrictInt, StrictStr, field_validator, model_validator

from assess.models.common import NA, Document, IsoDate, WholeNumber
from assess.models.workshop import DisagreementLevel, RespondentName, Settled, Vote, WorkshopInfo

CurrentSetup = Literal["within-team", "embedded", "enabling", "platform", "separate", "none"]


class TeamProfile(Document):
    """Facts about the team; the topology advice cites each one it uses."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    engineers: Annotated[WholeNumber, Field(ge=1, le=10_000)] | None = Field(
        None, description="People in this team."
    )
    services: Annotated[WholeNumber, Field(ge=0, le=100_000)] | None = Field(
        None, description="Production services the team runs."
    )
    teams_in_org: Annotated[WholeNumber, Field(ge=1, le=100_000)] | None = Field(
        None, description="Stream-aligned teams in the organisation."
    )
    sre_count: Annotated[WholeNumber, Field(ge=0, le=100_000)] | None = Field(
        None, description="Dedicated SREs the organisation has today."
    )
    on_call_engineers: Annotated[WholeNumber, Field(ge=0, le=10_000)] | None = Field(
        None, description="People in this team's on-call rotation."
    )
    pages_per_week: Annotated[StrictInt | StrictFloat, Field(ge=0, le=100_000)] | None = Field(
        None, description="Pages or interrupts reaching on-call per week."
    )
    incidents_per_week: Annotated[StrictInt | StrictFloat, Field(ge=0, le=100_000)] | None = Field(
        None,
        description="Incidents reaching on-call per week: events that need investigation and follow-up. "
        "Pages are not incidents; several pages can belong to one incident, and many pages to none.",
    )
    current_setup: CurrentSetup | None = Field(
        None,
        description="How reliability work is organised for this team today: one of the five topology "
        "patterns, or 'none' when nothing has been set up on purpose.",
    )
    setup_since: IsoDate | None = Field(None, description="The date today's setup started.")


class Evidence(Document):
    text: Annotated[StrictStr, Field(min_length=1)]
    date: IsoDate | None = None
    owner: StrictStr | None = None


class AnswerDetail(Document):
    """The long form of an answer: a choice (or checklist) with a note and evidence."""

    choice: StrictStr | None = Field(None, description="A choice id, 'n/a' or 'unsure'.")
    choices: list[StrictStr] | None = Field(None, description="Checklist: the choices that apply.")
    note: StrictStr | None = None
    reason: StrictStr | None = Field(None, description="Why the question does not apply (with n/a).")
    evidence: Evidence | None = None
    # A merged team file (``assess consensus``): see assess/models/workshop.py.
    votes: list[Vote] | None = Field(
        None,
        description="Workshop: every person's answer (kept only where at least min_voices answered).",
    )
    voices: Annotated[WholeNumber, Field(ge=1, le=10_000)] | None = Field(
        None, description="Workshop: how many people answered this question."
    )
    consensus: StrictStr | list[StrictStr] | None = Field(
        None, description="Workshop: the answer the merge proposed (median rung; checklist: majority)."
    )
    disagreement: DisagreementLevel | None = Field(
        None, description="Workshop: how far the votes disagreed (none, some or wide), as merged."
    )
    settled: Settled | None = Field(
        None, description="Workshop: the team agreed this answer after talking it through, and why."
    )

    @model_validator(mode="after")
    def _one_of_choice_or_choices(self) -> AnswerDetail:
        if self.choice is not None and self.choices is not None:
            raise ValueError("give either 'choice' or 'choices', not both")
        if self.choice is None and self.choices is None:
            raise ValueError("give 'choice' (or 'choices' for a checklist)")
        if self.reason is not None and self.choice != NA:
            raise ValueError("'reason' only goes with choice: n/a")
        if self.votes is not None and self.voices is not None and self.voices != len(self.votes):
            raise ValueError(f"'voices' is {self.voices} but {len(self.votes)} votes are listed")
        return self


TargetLevel = Annotated[WholeNumber, Field(ge=1, le=5)]
DEFAULT_TARGET = "default"


class PlanSettings(Document):
    """How the roadmap is sized for this team (every field optional)."""

    now_limit: Annotated[StrictInt, Field(ge=1, le=20)] | None = Field(
        None,
        description="At most this many actions in the first 30 days (default: from the team size: "
        "3 for up to 5 engineers, 4 for 6-7, 5 for 8-9, 6 for 10 or more, 4 when unknown).",
    )


ActionStatus = Literal["planned", "in-progress", "done", "accepted-risk"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("planned", "in-progress", "done", "accepted-risk")
OPEN_STATUSES: tuple[ActionStatus, ...] = ("planned", "in-progress")


class ActionRecord(Document):
    """What was agreed for one roadmap action, keyed by its root-cause id in ``actions``."""

    model_config = ConfigDict(
        **Document.model_config,
        json_schema_extra={
            # accepted-risk needs a reason that is not blank
            "if": {"required": ["status"], "properties": {"status": {"const": "accepted-risk"}}},
            "then": {"required": ["reason"], "properties": {"reason": {"type": "string", "pattern": "\\S"}}},
        },
    )

    status: ActionStatus = Field(
        "planned",
        description="planned (agreed, not started), in-progress, done, or accepted-risk (the team "
        "decided not to act now; give the reason). Default: planned.",
    )
    owner: Annotated[StrictStr, Field(min_length=1, max_length=200)] | None = Field(
        None, description="Who owns it: a person or a team (for Jira, the assignee's e-mail address)."
    )
    due: IsoDate | None = Field(None, description="The date it should be done by.")
    link: Annotated[StrictStr, Field(min_length=1, max_length=2000)] | None = Field(
        None, description="Where it is tracked: an issue URL or key (such as PAY-123)."
    )
    reason: StrictStr | None = Field(
        None, description="Why: required with accepted-risk (why the risk is accepted); optional otherwise."
    )
    since: IsoDate | None = Field(
        None,
        description="The day the status was set (the terminal app fills it in): a done action whose "
        "answers, assessed after this day, did not improve is called out.",
    )
    done_when: dict[StrictStr, StrictStr] = Field(
        default_factory=dict,
        description="The step this entry is about: question id -> the choice id the action aims at "
        "(the terminal app and `assess actions -f json` give it). Once the answers reach it, the entry "
        "is closed and the next step is a new action; until then a done action is checked against it.",
        json_schema_extra={"type": ["object", "null"]},
    )

    @field_validator("done_when", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return {} if value is None else value

    @model_validator(mode="after")
    def _accepted_risk_has_a_reason(self) -> ActionRecord:
        if self.status == "accepted-risk" and not (self.reason or "").strip():
            raise ValueError("an accepted risk needs a 'reason': why the team accepts it")
        return self


Criticality = Literal["low", "medium", "high", "critical"]
Name = Annotated[StrictStr, Field(min_length=1, max_length=200)]


class AssessmentContext(Document):
    """Who assessed what, and how sensitive the result is (every field optional). The report shows it
    on the cover; the result JSON carries it as given."""

    facilitator: Name | None = Field(None, description="Who ran the assessment (facilitator or assessor).")
    participants: list[Name] = Field(
        default_factory=list,
        max_length=200,
        json_schema_extra={"type": ["array", "null"]},
        description="Who answered: names or roles of the people in the session.",
    )
    scope: list[Name] = Field(
        default_factory=list,
        max_length=1000,
        description="The services (or systems) the answers cover.",
        json_schema_extra={"type": ["array", "null"]},
    )
    criticality: Criticality | None = Field(
        None,
        description="How much the business depends on these services: low, medium, high or critical.",
    )
    confidentiality: Annotated[StrictStr, Field(min_length=1, max_length=80)] | None = Field(
        None,
        description="A marking for every page of the report, such as 'Internal' or 'Confidential'.",
    )
    next_assessment: IsoDate | None = Field(None, description="The date the next assessment is due.")

    @field_validator("participants", "scope", mode="before")
    @classmethod
    def _empty_list(cls, value: object) -> object:
        return [] if value is None else value


# None (an empty value, as ``assess init`` writes them) means "not answered yet".
AnswerValue = StrictStr | list[StrictStr] | AnswerDetail | None


class Answers(Document):
    """The answers file: the one format for headless input and TUI autosave."""

    questionnaire: Annotated[
        StrictStr,
        Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*(@[A-Za-z0-9][A-Za-z0-9._-]*)?$"),
    ] = Field(description="Questionnaire id, optionally with @version.")
    assessed_at: IsoDate | None = Field(None, description="The date the answers describe.")
    team: TeamProfile
    # An empty section (``answers:`` with nothing under it) is no answers, hence "null" too.
    answers: dict[StrictStr, AnswerValue] = Field(
        default_factory=dict, json_schema_extra={"type": ["object", "null"]}
    )
    targets: dict[StrictStr, TargetLevel] = Field(
        default_factory=dict,
        description="Target level (1-5) per domain id; 'default' applies to every domain not listed.",
        json_schema_extra={"type": ["object", "null"]},
    )
    plan: PlanSettings | None = Field(None, description="How the roadmap is sized for this team.")
    context: AssessmentContext | None = Field(
        None,
        description="Optional: facilitator, participants, services in scope, business criticality, "
        "confidentiality marking and the date the next assessment is due.",
    )
    respondent: RespondentName | None = Field(
        None,
        description="A participant's own answers file: their name, or 'anonymous' (never shown by name).",
    )
    workshop: WorkshopInfo | None = Field(
        None, description="A merged team file: how many people's answers it holds (assess consensus)."
    )

    actions: dict[StrictStr, ActionRecord] = Field(
        default_factory=dict,
        description="What was agreed per roadmap action, keyed by its root-cause id: status, owner, due "
        "date, tracker link (and a reason for an accepted risk).",
        json_schema_extra={"type": ["object", "null"]},
    )

    @model_validator(mode="after")
    def _participant_or_team(self) -> Answers:
        if self.respondent is not None and self.workshop is not None:
            raise ValueError(
                "a participant's file names its 'respondent'; a merged team file has 'workshop'; not both"
            )
        return self

    @field_validator("answers", "targets", "actions", mode="before")
    @classmethod
    def _empty_section_is_no_answers(cls, value: object) -> object:
        return {} if value is None else value

    @property
    def questionnaire_id(self) -> str:
        return self.questionnaire.partition("@")[0]

    @property
    def questionnaire_version(self) -> str | None:
        return self.questionnaire.partition("@")[2] or None
