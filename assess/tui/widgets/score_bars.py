"""Practice-area scores as bars with the level written next to them (text, never colour alone)."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.models import DomainResult

_EIGHTHS = " ▏▎▍▌▋▊▉"
LEVEL_STYLES = {1: "$error", 2: "$warning", 3: "$accent", 4: "$success", 5: "$success"}


def bar(score: float, width: int) -> tuple[str, str]:
    """(filled, empty) parts of a bar for a 0-100 score, in eighths of a cell."""
    eighths = round(max(0.0, min(100.0, score)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return filled, "░" * (width - len(filled))


def level_text(level: int | None, label: str | None) -> str:
    return f"L{level} {label}" if level and label else "not scored"


class DomainScores(OptionList):
    """One row per practice area; choosing a row jumps to that area's questions."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._domains: list[DomainResult] = []

    def show(self, domains: list[DomainResult]) -> None:
        self._domains = list(domains)
        self.styles.height = len(self._domains) + 2  # rows plus the border: never more, never less
        highlighted = self.highlighted
        self.set_options(self._rows())
        if self._domains:
            self.highlighted = min(highlighted or 0, len(self._domains) - 1)

    def on_resize(self, event: events.Resize) -> None:
        if self._domains:
            highlighted = self.highlighted
            self.set_options(self._rows())
            self.highlighted = highlighted

    def _rows(self) -> list[Option]:
        width = self.scrollable_content_region.width or 76
        title_width = min(32, max((len(d.title) for d in self._domains), default=10))
        fixed = title_width + 1 + 1 + 5 + 1 + 13 + 1 + 5
        bar_width = max(6, min(40, width - fixed))
        rows = []
        for d in self._domains:
            title = d.title if len(d.title) <= title_width else d.title[: title_width - 1] + "…"
            if d.score is None:
                filled, empty, score = "", "░" * bar_width, "  —  "
            else:
                filled, empty = bar(d.score, bar_width)
                score = f"{d.score:5.1f}"
            style = LEVEL_STYLES.get(d.level or 0, "$foreground-muted")
            rows.append(
                Option(
                    Content.assemble(
                        title.ljust(title_width),
                        " ",
                        (filled, style),
                        (empty, "$foreground-muted"),
                        " ",
                        (score, "bold"),
                        " ",
                        (level_text(d.level, d.label).ljust(13), f"bold {style}"),
                        " ",
                        (f"{d.answered}/{d.total}".rjust(5), "$foreground-muted"),
                    ),
                    id=d.id,
                )
            )
        return rows
