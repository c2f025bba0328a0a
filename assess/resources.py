"""Where the bundled data lives, solved once.

In a wheel, hatchling force-includes the top-level ``questionnaires/`` and
``reports/templates/`` folders as ``assess/_data/...``. An editable install
does not see force-included files, so from a source checkout we fall back to
the folders at the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """``questionnaires`` or ``templates``: the bundled folder of that name."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    source = _PACKAGE.parent / ("reports/templates" if name == "templates" else name)
    if source.is_dir():
        return source
    raise FileNotFoundError(f"bundled data folder {name!r} is missing from this installation")


def questionnaires_dir() -> Path:
    return data_dir("questionnaires")


def templates_dir() -> Path:
    return data_dir("templates")


def examples_dir() -> Path:
    return data_dir("examples")


def schema_path(kind: str) -> Path:
    """The committed JSON Schema for ``answers`` or ``questionnaire`` files."""
    return _PACKAGE / "schemas" / f"{kind}.schema.json"
