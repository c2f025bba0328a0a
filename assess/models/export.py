"""What ``assess actions -f json`` prints: a team's open actions, ready for a tracker."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from assess.models.answers import ActionStatus
from assess.models.assessment import QuestionnaireRef
from assess.models.common import Phase, Published, Result


class ExportedQuestion(Result):
    id: str
    text: str
    answer: str = Field(description="The answer now, in words.")
    done_when: str | None = Field(None, description="The answer the action aims at, in words.")


class ExportedAction(Result):
    """One open action of the plan, with everything a tracker item needs."""

    id: str = Field(
        description="Stable: team/root-cause/target choice. The same file gives the same id; the next "
        "step of the same gap gets a new one. It is also the last line of every item's text."
    )
    title: str = Field(description="One line: the team and the gap.")
    root_cause: str
    action: str = Field(description="What to do.")
    why: str
    phase: Phase
    horizon: str
    start_day: int
    end_day: int
    domain: str
    domain_title: str
    questions: list[ExportedQuestion]
    done_when: dict[str, str] = Field(
        description="Question -> choice id: copy it into the actions section to record the step."
    )
    level_from: int | None
    level_to: int | None
    size: str
    person_days: list[int]
    owner_role: str = Field(description="The suggested owner role.")
    risk: str | None = Field(description="The worst risk the action removes: high, medium or none.")
    top_risk: bool
    labels: list[str] = Field(description="assess, area:DOMAIN, phase:PHASE and risk:SEVERITY.")
    status: ActionStatus | None = Field(description="From the actions section (None: nothing agreed yet).")
    owner: str | None
    due: dt.date | None
    overdue_days: int | None
    link: str | None


class ActionsExport(Published):
    team: str
    questionnaire: QuestionnaireRef
    assessed_at: dt.date | None
    as_of: dt.date | None = Field(description="The day overdue is judged on.")
    actions: list[ExportedAction] = Field(
        description="The plan's open actions (no status yet, planned or in-progress), overdue ones first."
    )
