"""Small modal dialogs: a report to read, and a yes/no question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ReportDialog(ModalScreen[None]):
    """Lines to read (validation results, problems); any of Esc, Enter or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, title: str, lines: list[str], *, error: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.error = error

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report-box", classes="-error" if self.error else "") as box:
            box.border_title = self.title_text
            box.border_subtitle = "Esc closes"
            yield Static(Content("\n".join(self.lines)))

    def on_mount(self) -> None:
        self.query_one("#report-box").focus()


class ConfirmDialog(ModalScreen[bool]):
    """A question answered with y or n."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes"),
        Binding("n,escape", "dismiss(False)", "No"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "y / n"
            yield Static(Content(self.question))
