"""What an import or export found: errors, warnings (how something was read) and notes.

Each note names a place: a JSON path in the lens (import) or a path in the
questionnaire YAML (export). Notes that repeat the same finding carry a
``group`` so a long list can be shown as the first few plus a count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from assess.lens.jsonsource import JsonPath
from assess.loading import Diagnostic

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Note:
    severity: Severity
    message: str
    path: JsonPath | None = None  # where in the lens
    where: tuple[str | int, ...] | None = None  # where in the questionnaire
    key: bool = False  # point at the key rather than the value
    offset: int | None = None  # character offset inside a string value
    group: str | None = None  # what repeated notes have in common, for a summary line


class Notes:
    """A growing list of notes with one helper per severity."""

    def __init__(self) -> None:
        self.items: list[Note] = []

    def add(self, severity: Severity, message: str, path: JsonPath | None = None, **kw: object) -> None:
        self.items.append(Note(severity, message, path, **kw))  # type: ignore[arg-type]

    def error(self, path: JsonPath, message: str, **kw: object) -> None:
        self.add("error", message, path, **kw)

    def warn(self, path: JsonPath, message: str, **kw: object) -> None:
        self.add("warning", message, path, **kw)

    @property
    def errors(self) -> list[Note]:
        return [n for n in self.items if n.severity == "error"]


def condensed(
    notes: Iterable[Note], to_diagnostic: Callable[[Note], Diagnostic], *, keep: int = 3
) -> list[Diagnostic]:
    """Diagnostics in order, with each group cut to its first ``keep`` and a count of the rest."""
    notes = list(notes)
    totals: dict[str, int] = {}
    for note in notes:
        if note.group:
            totals[note.group] = totals.get(note.group, 0) + 1
    shown: dict[str, int] = {}
    out: list[Diagnostic] = []
    for note in notes:
        if note.group:
            shown[note.group] = shown.get(note.group, 0) + 1
            if shown[note.group] > keep:
                continue
        diagnostic = to_diagnostic(note)
        if note.group and shown[note.group] == keep and totals[note.group] > keep:
            rest = totals[note.group] - keep
            diagnostic = Diagnostic(
                diagnostic.file,
                diagnostic.line,
                diagnostic.column,
                f"{diagnostic.message} (and {rest} more like this: {note.group})",
                diagnostic.severity,
            )
        out.append(diagnostic)
    return out
