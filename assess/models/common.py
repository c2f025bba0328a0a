"""What every document model shares: base classes, reserved answers, id patterns, small types.

Input documents (what people write) forbid unknown fields, so a typo never silently
changes a score. Results (what the engine produces) are built by the engine from
values it has already checked. Every model defers building its pydantic schema until
first used, so a command pays only for the models it touches.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, WithJsonSchema

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

_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_ISO_DATE_RE = re.compile(_ISO_DATE, re.ASCII)


def _whole(value: Any) -> Any:
    """``8.0`` is the integer 8, as JSON Schema (and so every editor) counts it; ``8.5`` is not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _iso_date(value: Any) -> Any:
    """Only ``YYYY-MM-DD``: no timestamps, no ``20261127``, no ``2026-11-27T00:00``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE_RE.match(value):
        return value  # pydantic checks it is a real day of the calendar
    raise ValueError("expected a date written YYYY-MM-DD")


# An integer, written ``8`` or ``8.0``; never text, never true/false.
WholeNumber = Annotated[StrictInt, BeforeValidator(_whole)]
# A calendar date written YYYY-MM-DD (the JSON Schema says the same with a pattern and format).
IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _ISO_DATE}),
]


class Document(BaseModel):
    """A document people write: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Result(BaseModel):
    """Something the engine produces and renderers read."""

    model_config = ConfigDict(frozen=True, defer_build=True)


# The version of every JSON document a command prints. It changes only when a field is removed
# or changes meaning; new fields come without a new version.
SCHEMA_VERSION: Literal[1] = 1


class Published(Result):
    """A result printed as a JSON document of its own: it says which version of its schema it follows."""

    schema_version: Literal[1] = Field(
        SCHEMA_VERSION, description="Version of this document's schema (`assess schema result`)."
    )
