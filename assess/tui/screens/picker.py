"""Choosing a file: a path field that completes as you type, and the folders to browse below it.

Used to open an answers file and to choose where an export or a copy goes. The
field completes the path (→ takes the suggestion); the tree shows the folder
of what is typed; choosing a file in the tree fills the field (and, to open,
opens it). A folder is never taken for a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import DirectoryTree, Input, Static

from assess.tui import keys
from assess.tui.text import line, path_text
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar

YAML_SUFFIXES = (".yaml", ".yml")


def expand(text: str) -> Path:
    return Path(text.strip()).expanduser()


def completions(text: str, *, only_yaml: bool) -> list[str]:
    """Paths that complete ``text``: folders (ending in ``/``) and, when asked, only YAML files."""
    if not text:
        return []
    typed = Path(os.path.expanduser(text))
    folder, stem = (typed, "") if text.endswith("/") else (typed.parent, typed.name)
    try:
        names = sorted(os.listdir(folder or Path(".")))
    except OSError:
        return []
    out = []
    for name in names:
        if not name.startswith(stem) or (name.startswith(".") and not stem.startswith(".")):
            continue
        full = folder / name
        is_dir = full.is_dir()
        if not is_dir and only_yaml and full.suffix not in YAML_SUFFIXES:
            continue
        prefix = text[: len(text) - len(stem)]
        out.append(prefix + name + ("/" if is_dir else ""))
    return out


class PathSuggester(Suggester):
    def __init__(self, *, only_yaml: bool) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.only_yaml = only_yaml

    async def get_suggestion(self, value: str) -> str | None:
        found = completions(value, only_yaml=self.only_yaml)
        return found[0] if found else None


class Tree(DirectoryTree):
    """Folders, and the files worth choosing (YAML answers files when opening)."""

    def __init__(self, path: Path, *, only_yaml: bool, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.only_yaml = only_yaml

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        shown = []
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or not self.only_yaml or path.suffix in YAML_SUFFIXES:
                    shown.append(path)
            except OSError:
                continue
        return shown


class FilePicker(ModalScreen[Path | None]):
    """A path to open (``mode="open"``) or to write (``mode="save"``)."""

    HELP = (
        "Type a path (→ takes the suggested completion) and press Enter, or Tab to the folders "
        "below and choose a file with Enter. Esc cancels."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "dismiss(None)"),
        keys.binding("help", "app.help"),
    ]

    def __init__(
        self,
        title: str,
        default: Path,
        *,
        mode: str = "open",
        check: Callable[[Path], tuple[str | None, str]] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.mode = mode
        self.check = check  # (problem, warning) for a path, beyond "is it a file"

    def compose(self) -> ComposeResult:
        folder = self.default if self.default.is_dir() else self.default.parent
        if not folder.is_dir():
            folder = Path.cwd()
        with Vertical(id="picker-box") as box:
            box.border_title = line(self.title_text)
            box.border_subtitle = "Enter chooses · → completes · Tab to the folders · Esc cancels"
            yield TextField(
                value=str(self.default) + ("/" if self.default.is_dir() and self.mode == "open" else ""),
                id="picker-path",
                suggester=PathSuggester(only_yaml=self.mode == "open"),
            )
            yield Static(id="picker-note")
            yield Tree(folder, only_yaml=self.mode == "open", id="picker-tree")
        yield KeyBar()

    def on_mount(self) -> None:
        field = self.query_one("#picker-path", TextField)
        field.focus()
        field.cursor_position = len(field.value)
        self._check(field.value)

    def _problem(self, text: str) -> tuple[str | None, str]:
        if not text.strip():
            return "Type a path, or choose a file below.", ""
        target = expand(text)
        if target.is_dir():
            return "That is a folder: choose a file in it (below), or type its name.", ""
        if self.mode == "open" and not target.exists():
            return "There is no such file.", ""
        if self.mode == "save" and not target.parent.exists():
            extra = f"The folder {path_text(target.parent)} will be created."
        elif self.mode == "save" and target.exists():
            extra = "A file with this name exists and will be replaced."
        else:
            extra = ""
        if self.check is not None:
            problem, warning = self.check(target)
            if problem:
                return problem, ""
            extra = " ".join(p for p in (warning, extra) if p)
        return None, extra

    def _check(self, text: str) -> str | None:
        problem, warning = self._problem(text)
        note = self.query_one("#picker-note", Static)
        note.update(Content(f"✗ {problem}" if problem else warning))
        note.set_class(problem is not None, "-error")
        return problem

    @on(Input.Changed, "#picker-path")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._check(event.value)
        target = expand(event.value) if event.value.strip() else None
        if target is not None and event.value.endswith("/") and target.is_dir():
            tree = self.query_one("#picker-tree", Tree)
            if tree.path != target:
                tree.path = target

    @on(Input.Submitted, "#picker-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        target = expand(event.value) if event.value.strip() else None
        if target is not None and target.is_dir():
            self.query_one("#picker-tree", Tree).path = target
            self.query_one("#picker-tree", Tree).focus()
            self._check(event.value)
            return
        if self._check(event.value) is None and target is not None:
            self.dismiss(target)

    @on(DirectoryTree.FileSelected, "#picker-tree")
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        field = self.query_one("#picker-path", TextField)
        if self.mode == "save":
            name = expand(field.value).name if field.value.strip() else event.path.name
            field.value = str(event.path.parent / name) if event.path.is_dir() else str(event.path)
            field.focus()
            return
        field.value = str(event.path)
        if self._check(field.value) is None:
            self.dismiss(event.path)

    @on(DirectoryTree.DirectorySelected, "#picker-tree")
    def _folder(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        field = self.query_one("#picker-path", TextField)
        if self.mode == "save":
            name = expand(field.value).name if field.value.strip() else "report"
            field.value = str(event.path / name)
        else:
            field.value = str(event.path) + "/"
