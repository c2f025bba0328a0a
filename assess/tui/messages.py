"""Messages screens post to the app, which owns the answers and does every save."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual.message import Message


class ChoicePicked(Message):
    """A choice, ``n/a`` or ``unsure`` was chosen (set for a single choice, toggled in a checklist)."""

    def __init__(self, question_id: str, option: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.option = option


class NoteEdited(Message):
    def __init__(self, question_id: str, note: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.note = note


class AnswerCleared(Message):
    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id


class TeamEdited(Message):
    """Team facts that passed validation (only those)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__()
        self.values = dict(values)


class NewRequested(Message):
    """Start a new assessment on this questionnaire: ask for the team facts next."""

    def __init__(self, questionnaire_ref: str) -> None:
        super().__init__()
        self.questionnaire_ref = questionnaire_ref


class StartRequested(Message):
    """The team facts of a new assessment are in: create its file and begin."""

    def __init__(self, questionnaire_ref: str, team: Mapping[str, Any]) -> None:
        super().__init__()
        self.questionnaire_ref = questionnaire_ref
        self.team = dict(team)


class OpenRequested(Message):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class JumpRequested(Message):
    """Show this question (from the results, the palette or the domain list)."""

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id


class ResultsRequested(Message):
    pass
