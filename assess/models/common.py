"""What every document model shares: base classes, reserved answers, id patterns, small types.

Input documents (what people write) forbid unknown fields, so a typo never silently
changes a score. Results (what the engine produces) are built by the engine from
values it has already checked. Every model defers building its pydantic schema until
first used, so a command pays only for the models it touches.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Risk = Literal["high", "medium", "none"]
Effort = Literal["low", "medium", "high"]
Phase = Literal["now", "next", "later"]
PatternId = Literal["within-team", "embedded", "enabling", "platform", "separate"]

NA = "n/a"
UNSURE = "unsure"
RESERVED_ANSWERS = (NA, UNSURE)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
QUESTION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)*$"

Score = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Weight = Annotated[float, Field(gt=0.0, le=100.0, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]


class Document(BaseModel):
    """A document people write: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Result(BaseModel):
    """Something the engine produces and renderers read."""

    model_config = ConfigDict(frozen=True, defer_build=True)
