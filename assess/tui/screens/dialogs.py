"""Small modal dialogs: a report to read, a yes/no question, a numbered choice, a line of text."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assess.tui import keys
from assess.tui.text import shown
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar


class ReportDialog(ModalScreen[None]):
    """Lines to read (validation results, problems, differences); Esc or Enter closes it."""

    HELP = "Text to read. Scroll with the arrows or Page Up/Down."
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "dismiss"),
        keys.binding("choose", "dismiss", show=False),
        keys.binding("help", "app.help"),
    ]

    def __init__(self, title: str, lines: list[str], *, error: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.error = error

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report-box", classes="-error" if self.error else "") as box:
            box.border_title = shown(self.title_text)
            box.border_subtitle = "Esc closes"
            yield Static(Content(shown("\n".join(self.lines))), id="report-text")

    def on_mount(self) -> None:
        self.query_one("#report-box").focus()


class ConfirmDialog(ModalScreen[bool]):
    """A question answered with y (yes) or Esc (no)."""

    HELP = "A question: y says yes, Esc says no."
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("yes", "dismiss(True)"),
        keys.binding("back", "dismiss(False)"),
        keys.binding("help", "app.help"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = shown(self.title_text)
            box.border_subtitle = "y yes · Esc no"
            yield Static(Content(shown(self.question)))


class ChoiceDialog(ModalScreen[str | None]):
    """A question with numbered answers: a digit or Enter chooses, Esc decides nothing."""

    HELP = "Choose what to do: press the number, or move with ↑/↓ and press Enter. Esc decides nothing."
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.digit_bindings("choose_number"),
        keys.binding("back", "dismiss(None)"),
        keys.binding("help", "app.help"),
    ]

    def __init__(self, title: str, text: str, choices: list[tuple[str, str]], *, error: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.choices = choices
        self.error = error

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="choice-box", classes="-error" if self.error else "") as box:
            box.border_title = shown(self.title_text)
            box.border_subtitle = "number or Enter chooses · Esc cancels"
            yield Static(Content(shown(self.text)), id="choice-text")
            yield OptionList(
                *[
                    Option(Content.assemble((f"{n} ", "bold"), shown(label)), id=choice_id)
                    for n, (choice_id, label) in enumerate(self.choices, 1)
                ],
                id="choice-list",
                markup=False,
            )
        yield KeyBar()

    def on_mount(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        options.highlighted = 0
        options.focus()

    def action_choose_number(self, number: int) -> None:
        index = 9 if number == 0 else number - 1
        if 0 <= index < len(self.choices):
            self.dismiss(self.choices[index][0])

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class TextDialog(ModalScreen[str | None]):
    """One line of text (the reason a question does not apply); Enter keeps it, Esc cancels."""

    HELP = "Type, then Enter keeps it. Esc cancels and changes nothing."
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "dismiss(None)"),
        keys.binding("help", "app.help"),
    ]

    def __init__(self, title: str, text: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="text-box") as box:
            box.border_title = shown(self.title_text)
            box.border_subtitle = "Enter keeps · Esc cancels"
            yield Static(Content(shown(self.text)))
            yield TextField(value=self.value, placeholder=self.placeholder, id="text-value", max_length=2000)

    def on_mount(self) -> None:
        field = self.query_one("#text-value", TextField)
        field.focus()
        field.cursor_position = len(field.value)

    @on(TextField.Submitted, "#text-value")
    def _submitted(self, event: TextField.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
