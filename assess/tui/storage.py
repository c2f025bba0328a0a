"""Where the app keeps things: new assessments, and the list of recent ones.

New assessments are saved under the platform's user state folder
(``platformdirs.user_state_path("assess")/drafts``), named after the team.
The list of recent assessments lives beside it (``recent.json``: the recent
paths, and the ones removed from the list). Saving itself is in ``saving``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_path

from assess.errors import InvalidInput
from assess.files import read_text, write_text
from assess.loading import parse_yaml

RECENT_LIMIT = 12


def state_dir() -> Path:
    return user_state_path("assess")


def drafts_dir() -> Path:
    return state_dir() / "drafts"


def slug(name: str) -> str:
    """A file-name-safe form of a team name: ``"Payments & Risk"`` -> ``payments-risk``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return cleaned[:60].strip("-") or "team"


def new_draft_path(team_name: str) -> Path:
    """A path under the drafts folder that no file uses yet."""
    folder = drafts_dir()
    base = slug(team_name)
    candidate = folder / f"{base}.yaml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}.yaml"
        number += 1
    return candidate


def display_path(path: Path) -> str:
    """``~/...`` for paths under the home folder, for showing to people."""
    try:
        return "~/" + str(path.resolve().relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError, OSError):
        return str(path)


# --------------------------------------------------------------------------
# Recent assessments
# --------------------------------------------------------------------------


def _recent_file() -> Path:
    return state_dir() / "recent.json"


def _read_recent() -> tuple[list[str], list[str]]:
    """(recent paths newest first, paths removed from the list); an old plain list reads too."""
    try:
        raw = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = []
    if isinstance(raw, list):
        return [p for p in raw if isinstance(p, str)], []
    if isinstance(raw, dict):
        recent = raw.get("recent")
        hidden = raw.get("removed")
        return (
            [p for p in recent if isinstance(p, str)] if isinstance(recent, list) else [],
            [p for p in hidden if isinstance(p, str)] if isinstance(hidden, list) else [],
        )
    return [], []


def _write_recent(recent: list[str], removed: list[str]) -> None:
    with contextlib.suppress(OSError):
        state_dir().mkdir(parents=True, exist_ok=True)
        body = {"recent": recent[:RECENT_LIMIT], "removed": removed[-200:]}
        write_text(_recent_file(), json.dumps(body, indent=1) + "\n")


def recent_paths() -> list[Path]:
    """Recently opened answers files that still exist, newest first, then any other drafts."""
    listed, removed = _read_recent()
    hidden = {Path(p) for p in removed}
    drafts_folder = drafts_dir()
    drafts = sorted(drafts_folder.glob("*.yaml")) if drafts_folder.is_dir() else []
    seen: set[Path] = set()
    found: list[Path] = []
    for path in [*(Path(p) for p in listed), *drafts]:
        key = path.resolve()
        if key not in seen and key not in hidden and path.is_file():
            seen.add(key)
            found.append(path)
    return found[:RECENT_LIMIT]


def remember(path: Path) -> None:
    """Put ``path`` first in the recent list. Failing to record it never stops the work."""
    resolved = str(path.resolve())
    recent, removed = _read_recent()
    kept = [p for p in recent if str(Path(p).resolve()) != resolved]
    _write_recent([resolved, *kept], [p for p in removed if p != resolved])


def forget(path: Path) -> None:
    """Take ``path`` off the recent list (the file itself stays where it is)."""
    resolved = str(path.resolve())
    recent, removed = _read_recent()
    _write_recent([p for p in recent if str(Path(p).resolve()) != resolved], [*removed, resolved])


@dataclass(frozen=True)
class Summary:
    """What the welcome screen shows about a recent file."""

    path: Path
    team: str
    questionnaire: str
    answered: int
    modified: dt.datetime | None = None
    problem: str | None = None  # why it cannot be opened, if it cannot


def summarise(path: Path) -> Summary | None:
    """Team, progress and date, read without validating; None if it is not YAML at all."""
    try:
        modified: dt.datetime | None = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        modified = None
    try:
        data = parse_yaml(read_text(path), str(path)).data
    except InvalidInput as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        return Summary(path, path.stem, "?", 0, modified, str(first) if first else "cannot be read")
    if not isinstance(data, Mapping):
        return Summary(path, path.stem, "?", 0, modified, "not an answers file")
    team = data.get("team")
    answers = data.get("answers")
    name = team.get("name") if isinstance(team, Mapping) else None
    return Summary(
        path=path,
        team=name if isinstance(name, str) else path.stem,
        questionnaire=str(data.get("questionnaire", "?")),
        answered=sum(v is not None for v in answers.values()) if isinstance(answers, Mapping) else 0,
        modified=modified,
    )
