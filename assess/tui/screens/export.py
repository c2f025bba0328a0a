"""Where to write a report: the file picker, with the path filled in and the answers file protected."""

from __future__ import annotations

from pathlib import Path

from assess.files import same_file
from assess.tui.screens.picker import FilePicker

FORMAT_NAMES = {"pdf": "PDF report", "markdown": "Markdown report", "json": "JSON results"}
EXTENSIONS = {"pdf": "pdf", "markdown": "md", "json": "json"}


def export_picker(fmt: str, default: Path, protected: Path, unsaved: int = 0) -> FilePicker:
    """Choose where the export goes; never over the answers file."""

    def check(target: Path) -> tuple[str | None, str]:
        if same_file(target, protected):
            return "That is the answers file; choose another name.", ""
        if unsaved:
            noun = "change" if unsaved == 1 else "changes"
            return None, f"It includes {unsaved} {noun} not saved to the answers file yet."
        return None, ""

    return FilePicker(f"Export the {FORMAT_NAMES[fmt]}", default, mode="save", check=check)
