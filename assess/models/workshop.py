"""Workshop mode: several people answer alone, one team file holds every vote, results say how far to
trust each score.

Input (what people write, or ``assess consensus`` writes):

- a participant's answers file is an ordinary answers file with a ``respondent``: a name, or the
  word ``anonymous`` (a file without one counts as anonymous when merged);
- the merged team file gives each answer its ``votes`` (only where at least ``min_voices`` people
  answered the question), ``voices`` (how many did), the ``consensus`` the merge proposed, a
  ``disagreement`` mark and, once the team has talked it through, ``settled`` with why; and a
  top-level ``workshop`` section that says how many took part.

Results (what the engine produces): each practice area's ``Confidence``, each question's
``QuestionWorkshop``, the ranked disagreements (``WorkshopSummary``) and the ``Freshness`` of the
answers and their evidence. Anonymous votes carry no name anywhere: not in the file, not in a result.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StrictStr, field_validator, model_validator

from assess.models.common import Document, IsoDate, Result, WholeNumber

ANONYMOUS = "anonymous"
MIN_VOICES = 3  # spread and votes are shown only where at least this many people answered
REVIEW_DAYS = 90  # answers and evidence older than this are stale (the quarterly cadence)

DisagreementLevel = Literal["none", "some", "wide"]
ConfidenceLevel = Literal["high", "medium", "low"]
RespondentName = Annotated[StrictStr, Field(min_length=1, max_length=200)]


def is_anonymous(name: str | None) -> bool:
    """No name, or the word ``anonymous`` (in any case): the person's name is never shown."""
    return name is None or name.strip().casefold() == ANONYMOUS


class Vote(Document):
    """One person's answer to one question, in a merged team file."""

    respondent: RespondentName | None = Field(
        None, description="Who answered, as they chose to be named; left out (or 'anonymous'): anonymous."
    )
    choice: StrictStr | None = Field(None, description="A choice id, 'n/a' or 'unsure'.")
    choices: list[StrictStr] | None = Field(None, description="Checklist: the choices that apply.")
    note: StrictStr | None = Field(None, description="What this person wrote with their answer.")

    @field_validator("respondent")
    @classmethod
    def _anonymous_has_no_name(cls, value: str | None) -> str | None:
        return None if is_anonymous(value) else value

    @model_validator(mode="after")
    def _one_of_choice_or_choices(self) -> Vote:
        if (self.choice is None) == (self.choices is None):
            raise ValueError("a vote gives either 'choice' or 'choices' (for a checklist)")
        return self


class Settled(Document):
    """The team talked a disagreement through and agreed the answer given in ``choice``."""

    note: StrictStr | None = Field(None, description="Why the team settled on this answer.")


class WorkshopInfo(Document):
    """The top-level ``workshop`` section of a merged team file (written by ``assess consensus``)."""

    voices: Annotated[WholeNumber, Field(ge=1, le=10_000)] = Field(
        description="How many people's answers files were merged."
    )
    anonymous: Annotated[WholeNumber, Field(ge=0, le=10_000)] = Field(
        0, description="How many of them chose to stay anonymous."
    )
    respondents: list[RespondentName] = Field(
        default_factory=list,
        description="The names of those who chose to be named (never an anonymous one).",
        json_schema_extra={"type": ["array", "null"]},
    )
    min_voices: Annotated[WholeNumber, Field(ge=2, le=10_000)] = Field(
        MIN_VOICES,
        description="Votes and their spread are kept and shown only for questions at least this many "
        "people answered, so that one person's vote cannot be singled out.",
    )
    merged_at: IsoDate | None = Field(None, description="The day the answers were merged.")

    @field_validator("respondents", mode="before")
    @classmethod
    def _empty_list(cls, value: object) -> object:
        return [] if value is None else value

    @model_validator(mode="after")
    def _counts_add_up(self) -> WorkshopInfo:
        if self.anonymous > self.voices:
            raise ValueError("more anonymous voices than voices")
        if len(self.respondents) > self.voices - self.anonymous:
            raise ValueError("more named respondents than named voices")
        if any(is_anonymous(name) for name in self.respondents):
            raise ValueError("respondents lists names only; anonymous voices are counted in 'anonymous'")
        return self


# ---- results -----------------------------------------------------------------------------------


class VoteResult(Result):
    respondent: str | None = Field(description="The name the person gave; None: anonymous.")
    answer: list[str] = Field(description="Choice ids, or ['unsure'] / ['n/a'].")
    labels: list[str]
    note: str | None


class Tally(Result):
    """How many people gave one answer (a choice, unsure or n/a; for a checklist, a practice)."""

    option: str
    label: str
    count: int


class QuestionWorkshop(Result):
    """What the workshop said about one question."""

    voices: int = Field(description="How many people answered it.")
    shown: bool = Field(
        description="At least min_voices people answered, so the votes and their spread are shown."
    )
    votes: list[VoteResult] = Field(description="Every vote, named or anonymous; empty unless shown.")
    tally: list[Tally] = Field(
        description="Votes per choice (per practice for a checklist); empty unless shown."
    )
    consensus: list[str] | None = Field(
        description="The answer the merge proposed (choice ids, or unsure/n/a)."
    )
    disagreement: DisagreementLevel | None = Field(description="None unless shown.")
    spread: float | None = Field(
        description="0 (everyone agreed) to 1 (the votes span the whole scale); None unless shown."
    )
    cost: float | None = Field(
        description="What the disagreement costs: spread x question weight x risk at the low end."
    )
    low_risk: Literal["high", "medium", "none"] | None = Field(
        description="The worst risk among the votes: what the team risks if the lowest vote is right."
    )
    settled: bool = Field(description="The team talked it through and agreed the answer.")
    settled_note: str | None
    changed: bool = Field(description="The agreed answer differs from the proposed consensus.")


class Disagreement(Result):
    """A question the team disagreed on, ranked by what the disagreement costs."""

    rank: int
    question: str
    domain: str
    title: str
    voices: int
    disagreement: DisagreementLevel
    spread: float
    cost: float
    low_risk: Literal["high", "medium", "none"]
    tally: list[Tally]
    consensus: list[str] | None
    answer: list[str] = Field(description="The team's answer now (the consensus, or what was settled).")
    answer_labels: list[str]
    settled: bool
    settled_note: str | None


class WorkshopSummary(Result):
    """Several people answered: who took part, and where they disagreed."""

    voices: int
    anonymous: int
    respondents: list[str] = Field(description="Those who chose to be named.")
    min_voices: int
    disagreements: list[Disagreement] = Field(description="Most costly first; only questions shown.")
    settled: int = Field(description="Disagreements the team has settled.")
    hidden: int = Field(description="Questions fewer than min_voices people answered: no spread shown.")


class Confidence(Result):
    """How far to trust one practice area's score, and why, in numbers and in words."""

    level: ConfidenceLevel
    score: float = Field(description="0 to 1: voices x agreement x what is known x freshness.")
    voices: int = Field(description="How many people answered (the median over the area's questions).")
    wide: int = Field(description="Questions with wide disagreement.")
    some: int = Field(description="Questions with some disagreement.")
    questions: int
    unsure: int
    not_applicable: int
    unanswered: int
    stale: int = Field(
        description="Answers whose evidence, or the whole assessment, is older than the review interval."
    )
    text: str = Field(description="The level and its reasons in words.")


class Recheck(Result):
    """Something to look at again first, because it is old or because the plan acts on it."""

    question: str
    domain: str
    title: str
    kind: Literal["evidence", "risk"]
    why: str


class Freshness(Result):
    review_days: int = Field(description="Answers and evidence older than this many days are stale.")
    as_of: dt.date | None
    age_days: int | None = Field(description="Days from assessed_at to as_of.")
    due: bool = Field(description="The assessment is older than the review interval: re-assess.")
    due_on: dt.date | None = Field(description="The day the next assessment is due.")
    stale_evidence: int = Field(description="Answers whose evidence is older than the review interval.")
    recheck: list[Recheck] = Field(description="What to re-check first: stale evidence, then the risks.")
