"""Jump to a domain: a small picker for narrow terminals, where the sidebar is hidden."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList

from assess.tui import keys
from assess.tui.widgets.domain_list import DomainList


class DomainPicker(ModalScreen[str | None]):
    HELP = "Choose a practice area with ↑/↓ and Enter to go to its first unanswered question. Esc closes."
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "dismiss(None)"),
        keys.binding("help", "app.help"),
    ]

    def __init__(self, rows: list[tuple[str, str, int, int]], current: str) -> None:
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        picker = DomainList(id="domain-picker")
        picker.border_title = "Jump to a domain"
        picker.border_subtitle = "Enter jumps · Esc closes"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(DomainList)
        picker.show(self.rows, self.current)
        picker.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
