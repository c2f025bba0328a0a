"""Where the app keeps things, and the autosave that writes every change at once.

New assessments are saved under the platform's user state folder
(``platformdirs.user_state_path("assess")/drafts``), named after the team.
The list of recent assessments lives beside it. Saving runs on one background
thread that always writes the newest state (a burst of keystrokes in a note
becomes one write), through ``assess.files.write_text``: a crash or a closed
terminal leaves the previous file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def recent_paths() -> list[Path]:
    """Recently opened answers files that still exist, newest first, then any other drafts."""
    listed: list[Path] = []
    try:
        raw = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = []
    if isinstance(raw, list):
        listed = [Path(p) for p in raw if isinstance(p, str)]
    drafts_folder = drafts_dir()
    drafts = sorted(drafts_folder.glob("*.yaml")) if drafts_folder.is_dir() else []
    seen: set[Path] = set()
    found: list[Path] = []
    for path in [*listed, *drafts]:
        key = path.resolve()
        if key not in seen and path.is_file():
            seen.add(key)
            found.append(path)
    return found[:RECENT_LIMIT]


def remember(path: Path) -> None:
    """Put ``path`` first in the recent list. Failing to record it never stops the work."""
    resolved = path.resolve()
    try:
        current = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = []
    kept = (
        [p for p in current if isinstance(p, str) and Path(p).resolve() != resolved]
        if isinstance(current, list)
        else []
    )
    with contextlib.suppress(OSError):
        state_dir().mkdir(parents=True, exist_ok=True)
        write_text(_recent_file(), json.dumps([str(resolved), *kept][:RECENT_LIMIT], indent=1) + "\n")


@dataclass(frozen=True)
class Summary:
    """What the welcome screen shows about a recent file, read without validating it."""

    path: Path
    team: str
    questionnaire: str
    answered: int


def summarise(path: Path) -> Summary | None:
    try:
        data = parse_yaml(read_text(path), str(path)).data
    except InvalidInput:
        return None
    if not isinstance(data, Mapping):
        return None
    team = data.get("team")
    answers = data.get("answers")
    name = team.get("name") if isinstance(team, Mapping) else None
    return Summary(
        path=path,
        team=name if isinstance(name, str) else path.stem,
        questionnaire=str(data.get("questionnaire", "?")),
        answered=sum(v is not None for v in answers.values()) if isinstance(answers, Mapping) else 0,
    )


# --------------------------------------------------------------------------
# Autosave
# --------------------------------------------------------------------------


class Saver:
    """Writes the newest answers data to one file on a background thread.

    ``render`` turns the data into the file's text (it runs on the saver thread);
    ``report`` is told the outcome of every write: None when saved, else the problem.
    """

    def __init__(
        self,
        path: Path,
        render: Callable[[Mapping[str, Any]], str],
        report: Callable[[str | None], None],
    ) -> None:
        self.path = path
        self._render = render
        self._report = report
        self._lock = threading.Condition()
        self._pending: Mapping[str, Any] | None = None
        self._busy = False
        self._closed = False
        self.error: str | None = None
        self._thread = threading.Thread(target=self._run, name="assess-autosave", daemon=True)
        self._thread.start()

    def submit(self, data: Mapping[str, Any]) -> None:
        """Save ``data`` soon; a newer submit replaces one not yet written."""
        with self._lock:
            self._pending = data
            self._lock.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted is written; False if it could not be."""
        with self._lock:
            done = self._lock.wait_for(lambda: self._pending is None and not self._busy, timeout)
            return done and self.error is None

    def close(self, timeout: float = 10.0) -> bool:
        saved = self.flush(timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._thread.join(timeout)
        return saved

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                data, self._pending = self._pending, None
                self._busy = True
            problem = self._write(data)
            with self._lock:
                self.error = problem
                self._busy = False
                self._lock.notify_all()
            self._report(problem)

    def _write(self, data: Mapping[str, Any]) -> str | None:
        try:
            write_text(self.path, self._render(data))
        except OSError as exc:
            return f"cannot save {self.path}: {exc.strerror or exc}"
        except Exception as exc:  # the file changed elsewhere, or a bug: report it, keep the thread
            return f"cannot save {self.path}: {exc}"
        return None
