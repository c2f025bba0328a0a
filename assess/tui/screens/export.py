"""Where to write a report: a small dialog with the path filled in, Enter to export."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

FORMAT_NAMES = {"pdf": "PDF report", "markdown": "Markdown report", "json": "JSON results"}
EXTENSIONS = {"pdf": "pdf", "markdown": "md", "json": "json"}


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, fmt: str, default: Path, protected: Path) -> None:
        super().__init__()
        self.fmt = fmt
        self.default = default
        self.protected = protected  # the answers file: never written over

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = f"Export the {FORMAT_NAMES[self.fmt]}"
            box.border_subtitle = "Enter exports · Esc cancels"
            yield Static(Content("Save to:"))
            yield Input(value=str(self.default), id="export-path")
            yield Static(id="export-note")

    def on_mount(self) -> None:
        self._check(str(self.default))
        path_input = self.query_one("#export-path", Input)
        path_input.focus()
        path_input.cursor_position = len(path_input.value)

    def _target(self, text: str) -> Path:
        return Path(text.strip()).expanduser()

    def _check(self, text: str) -> str | None:
        """The reason the path cannot be used, if any; shows notes either way."""
        note = self.query_one("#export-note", Static)
        problem = None
        warning = ""
        target = self._target(text)
        if not text.strip():
            problem = "Type a file name."
        elif target.is_dir():
            problem = "That is a folder; add a file name."
        elif _same(target, self.protected):
            problem = "That is the answers file; choose another name."
        elif not target.parent.exists():
            warning = f"The folder {target.parent} will be created."
        elif target.exists():
            warning = "A file with this name exists and will be replaced."
        note.update(Content(f"✗ {problem}" if problem else warning))
        note.set_class(problem is not None, "-error")
        return problem

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._check(event.value)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if self._check(event.value) is None:
            self.dismiss(self._target(event.value))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
