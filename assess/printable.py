"""Text from files, shown on a terminal as text: control characters made visible.

Team names, notes, questionnaire texts and file names come from files anyone may have
written. Written to a terminal byte for byte, an escape sequence in them could retitle the
window, plant a hyperlink, clear the screen or move the cursor. ``visible`` turns every such
character into something that only looks like it: ESC becomes ``␛``, other C0 controls their
Unicode "control picture" (``␇``, ``␍``...), DEL ``␡``, and the C1 controls and the bidi
overrides that reorder text become ``⟨U+009B⟩``-style marks. Newlines (and tabs, unless
asked) stay as they are. JSON, YAML and CSV escape by their own rules and need none of this.
"""

from __future__ import annotations

import re
from typing import TextIO

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_C0_PICTURES[0x1B] = "\u241b"  # ␛
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)

_BIDI_CLASS = "".join(f"\\u{c:04x}" for c in _BIDI)
_UNSAFE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CLASS}]")  # keeps \t and \n
_UNSAFE_WITH_TABS = re.compile(rf"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_CLASS}]")  # keeps \n


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in _C0_PICTURES:
        return _C0_PICTURES[code]
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\u27e8U+{code:04X}\u27e9"


def visible(text: str, *, tabs: bool = False) -> str:
    """``text`` with every character that would control a terminal shown as a visible mark.

    Newlines are kept; tabs too unless ``tabs`` is true (for one-line fields)."""
    pattern = _UNSAFE_WITH_TABS if tabs else _UNSAFE
    return pattern.sub(_show, text)


def one_line(text: str) -> str:
    """``visible`` for a field shown on one line: newlines and tabs become marks too."""
    return visible(text, tabs=True).replace("\n", "\u2424")  # ␤


def for_stream(text: str, stream: TextIO) -> str:
    """``visible(text)`` when ``stream`` is a terminal; a file or a pipe gets ``text`` as it is
    (JSON, YAML and CSV there escape by their own rules, and a reader wants the exact text)."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    return visible(text) if terminal else text
