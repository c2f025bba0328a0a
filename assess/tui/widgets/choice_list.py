"""The choices of one question as a keyboard-first list.

One widget for both kinds of question: a single choice shows ``(•)`` on the
picked answer, a checklist shows ``[x]`` on each practice that applies, so the
state never depends on colour. ``unsure`` and ``n/a`` follow a divider. The
widget only reports what was chosen; the screen decides what that means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.models import NA, UNSURE, MultiQuestion, SingleQuestion
from assess.tui import keys
from assess.tui.session import AnswerView
from assess.tui.text import shown
from assess.tui.widgets.wrapping import hanging

EXTRA_LABELS = {
    UNSURE: "Unsure: scores as the least mature answer, listed as a gap",
    NA: "Not applicable to this team",
}


class ChoiceList(OptionList):
    """Choices with number keys. Enter, a click or a number chooses; Space chooses without moving on.

    Nothing is highlighted on a question without an answer, so Enter or Space
    never records an answer nobody picked: Enter then moves on (``Skipped``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("choose", "select", show=False),
        keys.binding("mark", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceList { scrollbar-gutter: stable; text-wrap: nowrap; text-overflow: clip; }
    """

    class Picked(Message):
        """An option was chosen; ``advance`` is False when it came from Space."""

        def __init__(self, option: str, advance: bool) -> None:
            super().__init__()
            self.option = option
            self.advance = advance

    class Skipped(Message):
        """Enter with nothing highlighted: go on without answering."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        # Called at once (not through a message) when set: the key that picks an answer is
        # handled in one go, so nothing is painted between the key and the next question.
        self.chooser: Callable[[str, bool], None] | None = None
        self._question: SingleQuestion | MultiQuestion | None = None
        self._answer: AnswerView | None = None
        self._ids: list[str] = []

    @property
    def option_ids(self) -> list[str]:
        """Choice ids in display order, then ``unsure`` and ``n/a`` where allowed."""
        return list(self._ids)

    def show(self, question: SingleQuestion | MultiQuestion, answer: AnswerView) -> None:
        """Display a question's choices with the marks of its current answer."""
        self._question = question
        self._answer = answer
        self._ids = [*question.choice_ids(), UNSURE] + ([NA] if question.allow_na else [])
        options: list[Option | None] = []
        for number, option_id in enumerate(self._ids, 1):
            if option_id == UNSURE:
                options.append(None)
            options.append(Option(self._prompt(number, option_id, answer), id=option_id))
        self.set_options(options)
        picked = [i for i, option_id in enumerate(self._ids) if answer.marks(option_id)]
        self.highlighted = picked[0] if picked else None

    def update_marks(self, answer: AnswerView) -> None:
        """Redraw the marks after the answer changed, keeping the highlight where it is."""
        self._answer = answer
        for number, option_id in enumerate(self._ids, 1):
            self.replace_option_prompt(option_id, self._prompt(number, option_id, answer))

    def _prompt(self, number: int, option_id: str, answer: AnswerView) -> Content:
        assert self._question is not None
        multi = isinstance(self._question, MultiQuestion)
        picked = answer.marks(option_id)
        if multi and option_id not in (NA, UNSURE):
            mark = "[x]" if picked else "[ ]"
        else:
            mark = "(•)" if picked else "( )"
        label = EXTRA_LABELS.get(option_id) or shown(
            next(c.label for c in self._question.choices if c.id == option_id)
        )
        key = str(number % 10) if number <= 10 else " "
        style = "bold $text-success" if picked else ""
        prefix = Content.assemble((key, "$foreground-muted"), " ", (mark, style), " ")
        return hanging(prefix, label, self._text_width(), style)

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else max(20, self.app.size.width - 8)

    def on_resize(self, event: events.Resize) -> None:
        if self._question is not None and self._answer is not None:
            self.update_marks(self._answer)

    def _choose(self, option: str, advance: bool) -> None:
        if self.chooser is not None:
            self.chooser(option, advance)
        else:
            self.post_message(self.Picked(option, advance))

    def pick_number(self, number: int) -> None:
        """Number key ``number`` (1-9, 0 for the tenth) chooses that option and moves on."""
        index = 9 if number == 0 else number - 1
        if 0 <= index < len(self._ids):
            if isinstance(self._question, MultiQuestion):
                self.highlighted = index  # a checklist stays: show where the toggle was
            self._choose(self._ids[index], True)

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.Skipped())
        elif self._ids:
            self._choose(self._ids[self.highlighted], True)

    def action_mark(self) -> None:
        if self.highlighted is None:
            self.notify("Nothing is highlighted: ↓ moves to an answer, or press its number.")
        elif self._ids:
            self._choose(self._ids[self.highlighted], False)
