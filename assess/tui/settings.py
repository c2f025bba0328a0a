"""The terminal app's settings, kept in the user config folder (``tui.json``): the theme, for now.

Read before the first frame (it is a small JSON file) so the app starts in the
chosen theme; written whenever a setting changes. A missing or broken file
means the defaults; failing to write it never stops the work.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from assess.files import write_text


def settings_file() -> Path:
    return user_config_path("assess") / "tui.json"


def load() -> dict[str, Any]:
    try:
        raw = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def save(**changes: Any) -> bool:
    """Merge ``changes`` into the settings file; False if it could not be written."""
    current = load()
    current.update(changes)
    with contextlib.suppress(OSError):
        settings_file().parent.mkdir(parents=True, exist_ok=True)
        write_text(settings_file(), json.dumps(current, indent=1, sort_keys=True) + "\n")
        return True
    return False
