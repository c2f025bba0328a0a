"""The terminal app's settings, kept in the user config folder (``tui.json``): the theme, for now.

Read before the first frame (it is a small JSON file) so the app starts in the
chosen theme; written whenever a setting changes. A missing or broken file
means the defaults; failing to write it never stops the work.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any


def settings_file() -> Path:
    """``tui.json`` in the user config folder, as ``platformdirs`` names it.

    On Linux that is ``$XDG_CONFIG_HOME/assess`` (``~/.config/assess``), worked out here so
    the first frame does not wait for platformdirs; elsewhere platformdirs says."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CONFIG_HOME", "")
        root = Path(base) if base.strip() else Path.home() / ".config"
        return root / "assess" / "tui.json"
    from platformdirs import user_config_path  # lazy: first frame

    return user_config_path("assess") / "tui.json"


def load() -> dict[str, Any]:
    try:
        raw = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def save(**changes: Any) -> bool:
    """Merge ``changes`` into the settings file; False if it could not be written."""
    from assess.files import write_text  # lazy: first frame

    current = load()
    current.update(changes)
    with contextlib.suppress(OSError):
        settings_file().parent.mkdir(parents=True, exist_ok=True)
        write_text(settings_file(), json.dumps(current, indent=1, sort_keys=True) + "\n")
        return True
    return False
