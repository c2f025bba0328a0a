"""F1 / ?: why the question matters, what good looks like, and what each answer means."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from assess.models import Link, MultiChoice, MultiQuestion, SingleChoice, SingleQuestion
from assess.report.markdown import esc


def help_markdown(question: SingleQuestion | MultiQuestion) -> str:
    """The question's own help (Markdown by design) and each choice's guidance (escaped text)."""
    out = [f"# {esc(question.text)}", "", question.help.strip()]
    if question.details:  # imported lenses keep their background text here
        out += ["", esc(question.details)]
    out += _links(question.links, "")
    out += ["", "## The answers"]
    choices: list[SingleChoice | MultiChoice] = list(question.choices)
    for number, choice in enumerate(choices, 1):
        out += ["", f"{number}. **{esc(choice.label)}**"]
        if choice.guidance is not None:
            out += ["", f"   *Good enough?* {esc(choice.guidance.good_enough)}"]
            if choice.guidance.do_better:
                out += ["", f"   *Do better:* {esc(choice.guidance.do_better)}"]
        if choice.details:
            out += ["", f"   {esc(choice.details)}"]
        out += _links(choice.links, "   ")
    out.append("")
    out.append("*Unsure* counts as the least mature answer and is listed as a gap to find out about.")
    if question.allow_na:
        out.append("*Not applicable* leaves the question out of the scores.")
    return "\n".join(out) + "\n"


def _links(links: Sequence[Link], indent: str) -> list[str]:
    """Links as plain text (title and address): the app never opens them."""
    if not links:
        return []
    return ["", f"{indent}*See also:* " + "; ".join(f"{esc(link.title)} ({esc(link.url)})" for link in links)]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, question: SingleQuestion | MultiQuestion) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"Help: {self.question.id}"
            box.border_subtitle = "Esc closes"
            yield Markdown(help_markdown(self.question), open_links=False)
            yield Static(id="help-end")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()
