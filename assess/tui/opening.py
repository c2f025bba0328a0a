"""Opening an answers file, or starting a new one, as a Session plus the text it is saved into."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assess import catalog
from assess.errors import InvalidInput
from assess.files import read_text, write_text
from assess.loading import Diagnostic
from assess.models import Questionnaire
from assess.pipeline.team import load_team
from assess.template import answers_template
from assess.tui.answers_file import Document
from assess.tui.session import Session

_cache: dict[str, Questionnaire] = {}
_cache_lock = threading.Lock()


def questionnaire(ref: str) -> Questionnaire:
    """A checked questionnaire by id or path, loaded once per run."""
    with _cache_lock:
        if ref not in _cache:
            _cache[ref] = catalog.load(ref)[0]
        return _cache[ref]


class ChangedOutside(Exception):
    """The file on disk is no longer what the app last wrote: someone else edited it."""


class DocumentWriter:
    """Turns answers data into file text, keeping the person's layout (runs on the saver thread).

    Before each save it checks the file still holds what the app last wrote, so
    edits made in another program are never overwritten.
    """

    def __init__(self, path: Path, document: Document, order: Mapping[str, list[str]]) -> None:
        self.path = path
        self.document = document
        self.order = order

    def __call__(self, data: Mapping[str, Any]) -> str:
        try:
            on_disk = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            on_disk = self.document.text  # deleted meanwhile: writing it again loses nothing
        if on_disk != self.document.text:
            raise ChangedOutside(
                "it was changed by another program since the app last saved it, so it was not "
                "overwritten; open it again to go on"
            )
        self.document = self.document.updated(data, self.order)
        return self.document.text


def open_answers(path: Path) -> tuple[Session, Document]:
    """Load and fully check an answers file; InvalidInput (file:line:col) if it is not valid."""
    loaded = load_team(path)
    document = Document.parse(read_text(path), str(path))
    if document.data != loaded.parsed.data:
        raise InvalidInput(
            [Diagnostic(str(path), 1, 1, "the file changed while it was being opened; try again")]
        )
    return Session(loaded.questionnaire, dict(document.data), path), document


def start_answers(
    questionnaire_ref: str, team: Mapping[str, Any], path: Path, *, today: dt.date | None = None
) -> tuple[Session, Document]:
    """Write a new answers file (the commented ``assess init`` template, with the team facts)."""
    if path.exists():
        raise InvalidInput(
            [Diagnostic(str(path), 1, 1, "already exists; open it instead of starting over it")]
        )
    q = questionnaire(questionnaire_ref)
    name = str(team.get("name", ""))
    template = Document.parse(answers_template(q, team=name, today=today or dt.date.today()), str(path))
    session = Session(q, dict(template.data), path)
    session.set_team({k: v for k, v in team.items() if v is not None})
    document = template.updated(session.data, session.order())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, document.text)
    except OSError as exc:
        raise InvalidInput([Diagnostic(str(path), 1, 1, f"cannot write: {exc.strerror or exc}")]) from None
    session.data = dict(document.data)
    return session, document
