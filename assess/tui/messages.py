"""Messages screens post to the app for navigation: opening, starting, jumping.

Changes to the answers are not messages: screens call the app's editing methods,
which save before they return, so nothing is painted ahead of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual.message import Message


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
