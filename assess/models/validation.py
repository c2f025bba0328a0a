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
    organisation: str | None = Field(None, description="Organisation file: the organisation's name.")
    targets: int | None = Field(None, description="Organisation file: default targets it sets.")
    note: str | None = Field(None, description="Anything the check could not cover.")
    diagnostics: list[DiagnosticEntry] = Field(default_factory=list)


class Validation(Published):
    ok: bool = Field(description="Whether every file passed.")
    files: list[FileCheck]
