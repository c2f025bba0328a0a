"""The sidebar: every domain with how many of its questions are answered."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.tui.text import line
from assess.tui.widgets.wrapping import hanging


def progress_mark(answered: int, total: int) -> str:
    """A text mark so completion never depends on colour: done, started or not started."""
    if total and answered == total:
        return "✓"
    return "…" if answered else "·"


class DomainList(OptionList):
    """Domains in questionnaire order with answered/total; choosing one jumps to it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.domain_ids: list[str] = []
        self._rows: list[tuple[str, str, int, int]] = []

    def show(self, rows: list[tuple[str, str, int, int]], current: str | None) -> None:
        """``rows`` are (domain id, title, answered, total)."""
        ids = [r[0] for r in rows]
        if ids != self.domain_ids:
            self.domain_ids = ids
            self.set_options([Option(self._prompt(*row[1:]), id=row[0]) for row in rows])
        else:
            for row, old in zip(rows, self._rows, strict=False):
                if row != old:
                    self.replace_option_prompt(row[0], self._prompt(*row[1:]))
        self._rows = list(rows)
        if current in self.domain_ids:
            index = self.domain_ids.index(current)
            if self.highlighted != index:
                self.highlighted = index

    def on_resize(self, event: events.Resize) -> None:
        for domain_id, title, answered, total in self._rows:
            self.replace_option_prompt(domain_id, self._prompt(title, answered, total))

    def _prompt(self, title: str, answered: int, total: int) -> Content:
        mark = progress_mark(answered, total)
        style = "bold $text-success" if mark == "✓" else ""
        width = self.scrollable_content_region.width or 30
        count = f" {answered}/{total}"
        body = hanging(Content.assemble((mark, style), " "), line(title), width - len(count))
        lines = body.split("\n")
        first = Content.assemble(
            lines[0].pad_right(width - len(count) - lines[0].cell_length), (count, "$foreground-muted")
        )
        return Content("\n").join([first, *lines[1:]])
