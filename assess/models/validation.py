"""What `assess validate` found: each file checked, what it is, and its problems."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assess.models.common import Published, Result
from assess.models.org import DiagnosticEntry


class FileCheck(Result):
    file: str
    kind: Literal["answers", "organisation"] = Field(
        description="answers: one team's answers file; organisation: the organisation file."
    )
    ok: bool
    questionnaire: str | None = Field(None, description="Answers: the questionnaire id checked against.")
    answered: int | None = Field(None, description="Answers: questions answered.")
    total: int | None = Field(None, description="Answers: questions in the questionnaire.")
    not_applicable: int | None = Field(
        None, description="Answers: follow-ups that do not apply given the other answers (they need none)."
    )
    organisation: str | None = Field(None, description="Organisation file: the organisation's name.")
    targets: int | None = Field(None, description="Organisation file: default targets it sets.")
    note: str | None = Field(None, description="Anything the check could not cover.")
    diagnostics: list[DiagnosticEntry] = Field(
        default_factory=list,
        description="Problems; a file that passed may carry warnings (answers that contradict each other).",
    )


class Validation(Published):
    ok: bool = Field(description="Whether every file passed.")
    files: list[FileCheck]
