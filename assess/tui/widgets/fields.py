"""A text field that shows what it holds as text: control characters as visible marks.

The value itself is never changed (a note keeps exactly what was typed or read);
only its picture on the terminal is made safe, one mark per character so the
cursor stays where it belongs.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from assess.tui.text import one_for_one


class TextField(Input):
    @property
    def _value(self) -> Text:
        text = Text(one_for_one(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text
