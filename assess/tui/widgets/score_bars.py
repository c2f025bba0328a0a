"""Practice-area scores as bars with the level written next to them (text, never colour alone)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.models import DomainResult
from assess.tui.text import line
from assess.tui.widgets.result_list import LIST_BINDINGS

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

    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._all: list[DomainResult] = []
        self._domains: list[DomainResult] = []
        self._term = ""

    def show(self, domains: list[DomainResult]) -> None:
        self._all = list(domains)
        self._apply()

    def filter(self, term: str) -> int:
        """Only the areas whose title holds ``term``; how many that is."""
        self._term = term.casefold().strip()
        self._apply()
        return len(self._domains) if self._term else 0

    def _apply(self) -> None:
        self._domains = [d for d in self._all if self._term in d.title.casefold()]
        self.styles.height = max(1, len(self._domains)) + 2  # rows plus the border: never more, never less
        highlighted = self.highlighted
        rows = self._rows()
        self.set_options(rows or [Option(Content("No practice area matches."), disabled=True)])
        if self._domains:
            self.highlighted = min(highlighted or 0, len(self._domains) - 1)

    def on_resize(self, event: events.Resize) -> None:
        if self._domains:
            highlighted = self.highlighted
            self.set_options(self._rows())
            self.highlighted = highlighted

    def _rows(self) -> list[Option]:
        width = self.scrollable_content_region.width or 76
        short = width < 72  # the level's number only, so the title keeps its room
        level_width = 2 if short else 13
        longest = max((len(line(d.title)) for d in self._domains), default=10)
        least_bar = 4 if short else 8
        title_width = max(8, min(32, longest, width - (1 + least_bar + 1 + 5 + 1 + level_width + 1 + 5)))
        fixed = title_width + 1 + 1 + 5 + 1 + level_width + 1 + 5
        bar_width = max(4, min(40, width - fixed))
        rows = []
        for d in self._domains:
            name = line(d.title)
            title = name if len(name) <= title_width else name[: title_width - 1] + "…"
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
                        (
                            (f"L{d.level}" if d.level else "—").ljust(2)
                            if short
                            else level_text(d.level, d.label).ljust(13),
                            f"bold {style}",
                        ),
                        " ",
                        (f"{d.answered}/{d.total}".rjust(5), "$foreground-muted"),
                    ),
                    id=d.id,
                )
            )
        return rows
