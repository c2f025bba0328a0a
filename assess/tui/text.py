"""Text from files shown on the terminal as text: every control character as a visible mark.

Team names, notes, questionnaire texts, file names and diagnostics all come from files
anyone may have written. Every widget shows them through these helpers (built on
``assess.printable``), so an escape sequence appears as ``␛]0;…`` instead of
retitling the window or clearing the screen.
"""

from __future__ import annotations

import re
from pathlib import Path

from assess.printable import one_line, visible

__all__ = ["line", "one_for_one", "path_text", "shown"]

_C1_AND_BIDI = re.compile(r"[\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """Several lines of text, control characters made visible (newlines kept)."""
    return visible(str(text), tabs=True)


def line(text: object) -> str:
    """One line: control characters, tabs and newlines made visible."""
    return one_line(str(text))


def path_text(path: Path | str) -> str:
    return one_line(str(path))


def one_for_one(text: str) -> str:
    """``line`` keeping one character per character, for text fields whose cursor counts characters."""
    return one_line(_C1_AND_BIDI.sub("\ufffd", text))
