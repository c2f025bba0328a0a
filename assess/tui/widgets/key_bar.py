"""The keys that work on a screen, read from its bindings: the key bar at the bottom and the F1 list.

Both are generated from the same bindings the screen reacts to, so neither can
drift from what the keys do. The bar shows the keys marked to be shown that fit
the terminal's width, whole words only, and always ends with the key for help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from assess.tui import keys

_NAMES = {
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "delete": "Del",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
}


def key_name(key: str) -> str:
    if key in _NAMES:
        return _NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key


@dataclass(frozen=True)
class KeyInfo:
    keys: tuple[str, ...]  # Textual key names
    label: str
    help: str
    show: bool
    display: str  # for the bar

    @property
    def written(self) -> str:
        """Every key, for the help: ``F1 / ?``."""
        if self.keys and self.keys[0] == "1" and self.label == keys.KEYS["pick"].label:
            return "1-9, 0"
        return " / ".join(dict.fromkeys(key_name(k) for k in self.keys))


def screen_keys(screen: Screen[Any]) -> list[KeyInfo]:
    """The keys that work on ``screen`` now (its focused widget's, its own and the app's)."""
    groups: dict[str, list[tuple[str, Binding]]] = {}
    order: list[str] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        group = keys.meaning(binding.id)
        if binding.system or group is None:  # Textual's own widget keys (cursor movement...)
            continue
        if group not in groups:
            groups[group] = []
            order.append(group)
        groups[group].append((key, binding))
    found = []
    for group in order:
        entries = groups[group]
        first = next((b for _, b in entries if b.description), entries[0][1])
        mapped = keys.KEYS.get(group)
        found.append(
            KeyInfo(
                keys=tuple(k for k, _ in entries),
                label=first.description or (mapped.label if mapped else group),
                help=first.tooltip or (mapped.help if mapped else first.description or group),
                show=any(b.show for _, b in entries),
                display=first.key_display or key_name(entries[0][0]),
            )
        )
    return found


def help_table(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every key that works on ``screen``, for the F1 help."""
    rows = [(info.written, info.help) for info in screen_keys(screen)]
    return [*rows, ("Ctrl+P", keys.KEYS["palette"].help)]


class KeyBar(Static):
    """The key bar: whole entries only, help always last."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.redraw)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        width = self.content_region.width or self.app.size.width - 2
        entries = [i for i in screen_keys(self.screen) if i.show]
        help_entry = next((i for i in entries if i.label == keys.KEYS["help"].label), None)
        others = [i for i in entries if i is not help_entry]
        tail = self._entry(help_entry) if help_entry else Content("")
        room = width - tail.cell_length
        parts: list[Content] = []
        used = 0
        for info in others:
            piece = self._entry(info)
            gap = 2 if parts else 0
            if used + gap + piece.cell_length > room - (2 if help_entry else 0):
                break
            parts.append(piece)
            used += gap + piece.cell_length
        body = Content("  ").join(parts)
        if help_entry:
            pad = max(2 if parts else 0, width - body.cell_length - tail.cell_length)
            body = Content.assemble(body, " " * pad, tail)
        self.update(body, layout=False)

    @staticmethod
    def _entry(info: KeyInfo) -> Content:
        return Content.assemble((info.display, "bold $footer-key-foreground"), " ", info.label)
