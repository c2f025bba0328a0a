"""Text from files shown on a terminal: escape sequences become visible marks, never commands."""

from __future__ import annotations

import pytest

from assess.printable import one_line, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # window title
        ("\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\", "␛]8;;https://evil␛\\link␛]8;;␛\\"),  # OSC 8 link
        ("\x1b[2J\x1b[H", "␛[2J␛[H"),  # clear screen, cursor home
        ("\x1bP+q\x1b\\", "␛P+q␛\\"),  # DCS
        ("ok\rfake", "ok␍fake"),  # carriage return overwriting the line
        ("\x9b2J", "⟨U+009B⟩2J"),  # 8-bit CSI
        ("abc\u202etxt.exe", "abc⟨U+202E⟩txt.exe"),  # bidi override
        ("bell\x07 del\x7f nul\x00", "bell␇ del␡ nul␀"),
    ],
)
def test_control_characters_are_shown_not_run(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in visible(raw))


def test_ordinary_text_is_left_alone() -> None:
    text = "Payments & Risk — café, 日本語, emoji 🚀\n\tindented line"
    assert visible(text) == text


def test_one_line_fields_show_newlines_and_tabs() -> None:
    assert one_line("a\tb\nc") == "a␉b␤c"
