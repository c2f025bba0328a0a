"""A list of result items that wraps with hanging indents, filters by a search, and jumps to questions.

The results screen shows each tab (risks, advice, plan) as one of these. Each
item knows the text it is searched by and the question it leads to, so the
same list serves every kind of result, and a new field of a result only needs a
line in the function that describes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.tui import keys
from assess.tui.text import line
from assess.tui.widgets.wrapping import hanging

LIST_BINDINGS: list[BindingType] = [
    keys.binding("top", "first", show=False),
    keys.binding("bottom", "last", show=False),
    keys.binding("page_down", "page_down", show=False),
    keys.binding("page_up", "page_up", show=False),
    keys.binding("choose", "select", show=False),
]


@dataclass(frozen=True)
class Part:
    """One line of an item (wrapped to the width), with its style."""

    text: str
    style: str = ""
    prefix: str = ""
    prefix_style: str = ""


@dataclass(frozen=True)
class Item:
    parts: tuple[Part, ...]
    target: str | None = None  # a question id to jump to
    heading: bool = False
    key: str | None = None  # what the item stands for, for actions on it (a plan row's root cause)
    search: str = field(default="", compare=False)

    @property
    def searched(self) -> str:
        return (self.search or " ".join(p.text for p in self.parts)).casefold()


class ResultList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS

    def __init__(self, *, id: str | None = None, empty: str = "Nothing here yet.") -> None:
        super().__init__(id=id, markup=False)
        self.items: list[Item] = []
        self.term = ""
        self.empty = empty

    def show(self, items: list[Item]) -> None:
        self.items = list(items)
        self._render_items()

    def filter(self, term: str) -> int:
        """Show only the items matching ``term`` (with their headings); the number of matches."""
        self.term = term.casefold().strip()
        return self._render_items()

    def matches(self) -> list[Item]:
        if not self.term:
            return [i for i in self.items if not i.heading]
        return [i for i in self.items if not i.heading and self.term in i.searched]

    def _render_items(self) -> int:
        width = self.scrollable_content_region.width or max(20, self.app.size.width - 8)
        chosen = set(map(id, self.matches()))
        options: list[Option] = []
        pending_heading: Item | None = None
        for index, item in enumerate(self.items):
            if item.heading:
                pending_heading = item
                continue
            if id(item) not in chosen:
                continue
            if pending_heading is not None:
                options.append(Option(self._prompt(pending_heading, width), disabled=True))
                pending_heading = None
            options.append(Option(self._prompt(item, width), id=f"{index}"))
        if not options:
            message = f"Nothing matches “{line(self.term)}”." if self.term else self.empty
            options = [Option(Content(message), disabled=True)]
        highlighted = self.highlighted
        self.set_options(options)
        enabled = [i for i, o in enumerate(options) if not o.disabled]
        if enabled:
            self.highlighted = (
                highlighted if highlighted is not None and highlighted in enabled else enabled[0]
            )
        return len(chosen)

    def _prompt(self, item: Item, width: int) -> Content:
        lines = []
        for part in item.parts:
            prefix = Content.styled(part.prefix, part.prefix_style) if part.prefix else Content("")
            lines.append(hanging(prefix, part.text, width, part.style))
        return Content("\n").join(lines)

    def item_at(self, option_id: str | None) -> Item | None:
        if option_id is None or not option_id.isdigit():
            return None
        index = int(option_id)
        return self.items[index] if index < len(self.items) else None

    def highlighted_item(self) -> Item | None:
        """The item under the cursor, if any."""
        if self.highlighted is None:
            return None
        return self.item_at(self.get_option_at_index(self.highlighted).id)

    def on_resize(self, event: events.Resize) -> None:
        if self.items:
            self._render_items()
