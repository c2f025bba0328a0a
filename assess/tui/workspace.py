"""The assessment being edited and its file: every change saved at once, and what to do when it cannot be.

The app owns one ``Workspace`` while an assessment is open. Each change goes
through ``change``: the session is updated and the file written (see
``saving``) before control returns to the screen, so the next frame never shows
something that is not on disk. When a save fails the session keeps the change,
``pending`` says which answers the file lacks, and the next change or the retry
timer tries again. When another program changed the file, nothing more is
written until the person chooses: reload (with their unsaved changes merged on
top), overwrite, or save elsewhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.diagnostics import Diagnostic
from assess.errors import InvalidInput
from assess.files import read_text, real_target
from assess.models import NA
from assess.tui import saving, workshop
from assess.tui.answers_file import Document
from assess.tui.opening import open_answers
from assess.tui.saving import AnswersFile, Outcome
from assess.tui.session import NeedsAnswer, Session
from assess.tui.text import line


@dataclass(frozen=True)
class Status:
    """What the status line says about saving."""

    saved: bool
    pending: tuple[str, ...] = ()
    problem: str | None = None
    conflict: bool = False
    drafts: tuple[str, ...] = ()

    def short(self) -> str:
        if self.conflict:
            return "✗ CONFLICT"
        if not self.saved:
            return "✗ NOT SAVED"
        return "✓ saved"

    def long(self) -> str:
        """Exactly what is not on disk and why, for the line under the question."""
        parts = []
        if not self.saved:
            count = len(self.pending)
            what = "change" if count == 1 else "changes"
            listed = ", ".join(line(p) for p in self.pending[:4]) + (" …" if count > 4 else "")
            parts.append(f"Not saved: {count} {what} ({listed}): {self.problem}.")
            if self.conflict:
                parts.append(
                    "Ctrl+S to choose: reload and merge, overwrite, save as, or see the differences."
                )
            else:
                parts.append("Trying again every 5 s and on the next change; Ctrl+S tries now.")
        if self.drafts:
            count = len(self.drafts)
            which = ", ".join(line(d) for d in self.drafts[:3])
            noun = "note waits" if count == 1 else "notes wait"
            parts.append(f"{count} {noun} for an answer ({which}); a note is saved with its answer.")
        return " ".join(parts)


class Workspace:
    def __init__(self, session: Session, document: Document) -> None:
        self.session = session
        self.file = AnswersFile(session.path, document, session.order())
        self.problem: str | None = None
        self.conflict = False
        self.drafts: dict[str, str] = {}  # notes typed before their question had an answer
        self.read_only = saving.read_only(real_target(session.path))

    @property
    def path(self) -> Path:
        return self.session.path

    # ---- changes ----------------------------------------------------------

    def change(self, edit: Callable[[Session], bool]) -> bool:
        """Apply ``edit`` to the session and save at once; True if anything changed."""
        if not edit(self.session):
            return False
        self.save()
        return True

    def pick(self, question_id: str, option: str) -> bool:
        def edit(session: Session) -> bool:
            changed = session.pick(question_id, option)
            draft = self.drafts.get(question_id)
            if draft is not None and session.is_answered(question_id):
                self.drafts.pop(question_id)
                existing = session.view(question_id).note
                note = f"{existing}\n{draft}" if existing and draft not in existing else draft
                changed = session.set_note(question_id, note) or changed
            return changed

        return self.change(edit)

    def set_note(self, question_id: str, note: str) -> bool:
        if not self.session.is_answered(question_id):
            if note.strip():
                self.drafts[question_id] = note
            else:
                self.drafts.pop(question_id, None)
            return False
        return self.change(lambda s: s.set_note(question_id, note))

    def note_of(self, question_id: str) -> str:
        if question_id in self.drafts:
            return self.drafts[question_id]
        return self.session.view(question_id).note

    def set_na(self, question_id: str, reason: str) -> bool:
        """Answer n/a with the reason it does not apply (stored as ``reason``)."""

        def edit(session: Session) -> bool:
            changed = False
            if session.view(question_id).status != NA:
                changed = session.pick(question_id, NA)
            return session.set_reason(question_id, reason) or changed

        return self.change(edit)

    def clear(self, question_id: str) -> bool:
        return self.change(lambda s: s.clear(question_id))

    def settle(self, question_id: str, option: str | None, note: str) -> bool:
        """A workshop's disagreement talked through: the agreed answer, and why (see ``tui.workshop``)."""
        question = self.session.questions[self.session.index_of[question_id]]
        return self.change(
            lambda s: s.replace_answer(
                question_id, workshop.settle(question, s.answers.get(question_id), option, note)
            )
        )

    def set_team(self, values: Mapping[str, Any]) -> bool:
        return self.change(lambda s: s.set_team(values))

    def set_action(self, root_cause: str, entry: Mapping[str, Any] | None) -> bool:
        """What was agreed for one roadmap action (None: nothing any more), saved at once."""
        return self.change(lambda s: s.set_action(root_cause, entry))

    # ---- saving -------------------------------------------------------------

    def pending(self) -> list[str]:
        return saving.pending_changes(self.file.saved, self.session.data)

    def save(self) -> Outcome:
        if self.conflict:
            return Outcome(self.problem, conflict=True)
        outcome = self.file.save(self.session.data)
        self.problem = outcome.problem
        self.conflict = outcome.conflict
        return outcome

    def status(self) -> Status:
        pending = tuple(self.pending()) if self.problem else ()
        return Status(
            saved=not pending and self.problem is None,
            pending=pending,
            problem=self.problem,
            conflict=self.conflict,
            drafts=tuple(self.drafts),
        )

    def changed_on_disk(self) -> bool:
        return self.file.changed_on_disk()

    # ---- conflicts ------------------------------------------------------------

    def on_disk(self) -> str | None:
        """The file's text as it is now (None if it is gone or unreadable)."""
        try:
            return read_text(self.path)
        except InvalidInput:
            return None

    def reload(self) -> list[Diagnostic]:
        """Take the file as it is on disk, with my changes not yet saved merged on top, and save.

        Returns the problems that stopped it (the file on disk is not valid, or now
        names another questionnaire); nothing changes then."""
        try:
            theirs, document = open_answers(self.path)
        except InvalidInput as exc:
            return exc.diagnostics or [Diagnostic(str(self.path), 1, 1, "cannot be read")]
        except RecursionError:
            return [Diagnostic(str(self.path), 1, 1, "its questionnaire is nested too deeply to read")]
        ours = self.session.questionnaire
        if (theirs.questionnaire.id, theirs.questionnaire.version) != (ours.id, ours.version):
            named = f"{theirs.questionnaire.id} v{theirs.questionnaire.version}"
            return [
                Diagnostic(
                    str(self.path),
                    1,
                    1,
                    f"it now names the questionnaire {line(named)}, so your answers cannot be "
                    "merged into it; overwrite it or save yours elsewhere",
                )
            ]
        merged = saving.merge(self.file.saved, self.session.data, document.data)
        self.file.adopt(document)
        self.session.data = merged
        self.session.revision += 1
        self.conflict = False
        self.problem = None
        self.save()
        return []

    def overwrite(self) -> Outcome:
        """Write my answers over whatever the file holds now."""
        outcome = self.file.save(self.session.data, force=True)
        self.problem, self.conflict = outcome.problem, outcome.conflict
        return outcome

    def save_as(self, path: Path) -> Outcome:
        """Write my answers (in the layout of the file I opened) to ``path`` and go on there."""
        document = self.file.document.updated(self.session.data, self.session.order())
        target = AnswersFile(path, document, self.session.order())
        try:
            saving.write_if_unchanged(path, None, document.text.encode("utf-8"))
        except (saving.Locked, saving.ChangedOutside) as exc:
            return Outcome(str(exc))
        except OSError as exc:
            return Outcome(saving.describe(path, exc))
        self.file = target
        self.session.path = path
        self.problem, self.conflict = None, False
        self.read_only = False
        return Outcome()

    def differences(self) -> list[str]:
        """The file on disk against what the app would write, as a unified diff."""
        mine = self.file.document.updated(self.session.data, self.session.order()).text
        theirs = self.on_disk()
        if theirs is None:
            return [f"{self.path} cannot be read now (deleted, or not text)."]
        diff = difflib.unified_diff(
            theirs.splitlines(),
            mine.splitlines(),
            fromfile="on disk now",
            tofile="what the app would save",
            lineterm="",
            n=1,
        )
        return list(diff) or ["No differences: the file already holds your answers."]


__all__ = ["NeedsAnswer", "Status", "Workspace"]
