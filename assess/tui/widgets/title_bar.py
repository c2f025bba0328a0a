"""The top line: the app, the team and where its answers are saved, shortened to fit, never cut mid-word."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from assess.tui.text import line


def fit(text: str, width: int) -> str:
    """``text`` in ``width`` cells: whole words, then an ellipsis."""
    if cell_len(text) <= width:
        return text
    words = text.split(" ")
    out = ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if cell_len(candidate) + 1 > width:
            break
        out = candidate
    return (out + "…") if out else text[: max(0, width - 1)] + "…"


def fit_path(text: str, width: int) -> str:
    """A path in ``width`` cells: its end is what tells it apart, so the start goes."""
    if cell_len(text) <= width:
        return text
    parts = text.split("/")
    while len(parts) > 1 and cell_len("…/" + "/".join(parts)) > width:
        parts = parts[1:]
    shown = "…/" + "/".join(parts)
    return shown if cell_len(shown) <= width else ""


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed)
        self.watch(self.app, "sub_title", self._changed)

    def _changed(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        width = self.content_region.width or self.app.size.width - 2
        title = fit(line(self.app.title), width)
        room = width - cell_len(title) - 3
        where = fit_path(line(self.app.sub_title), room) if room > 8 else ""
        if where:
            content = Content.assemble(
                (title, "bold"),
                " " * (width - cell_len(title) - cell_len(where)),
                (where, "$foreground-muted"),
            )
        else:
            content = Content.styled(title, "bold")
        self.update(content, layout=False)
