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
from assess.loading import Diagnostic, parse_yaml
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


def classify(path: Path) -> str:
    """What ``path`` looks like before it is opened as answers: ``answers``, ``missing``,
    ``folder``, ``questionnaire``, or a few words on what else it is."""
    if not path.exists():
        return "missing" if not path.is_symlink() else "a link to nothing"
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    others = {
        ".md": "a Markdown document",
        ".markdown": "a Markdown document",
        ".pdf": "a PDF",
        ".json": "a JSON file",
        ".html": "a web page",
        ".csv": "a CSV table",
        ".txt": "a text file",
    }
    if suffix in others:
        return others[suffix]
    try:
        data = parse_yaml(read_text(path), str(path)).data
    except InvalidInput:
        return "answers"  # the answers loader says exactly where it fails
    if isinstance(data, Mapping) and "domains" in data and "answers" not in data:
        return "questionnaire"
    if isinstance(data, Mapping) and "organisation" in data and "answers" not in data:
        return "an organisation file (for assess org)"
    return "answers"


def open_answers(path: Path, attempts: int = 5) -> tuple[Session, Document]:
    """Load and fully check an answers file; InvalidInput (file:line:col) if it is not valid.

    The file is read twice (once to check, once for its text); if another program saves
    in between, it is read again, up to ``attempts`` times."""
    for _ in range(attempts):
        loaded = load_team(path)
        document = Document.parse(read_text(path), str(path))
        if document.data == loaded.parsed.data:
            return Session(loaded.questionnaire, dict(document.data), path), document
    raise InvalidInput(
        [Diagnostic(str(path), 1, 1, "the file kept changing while it was being opened; try again")]
    )


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
