"""F1 / ?: what the screen is for and every key on it; on a question, why it matters and what good looks like.

Everything that comes from a file goes through ``esc`` (Markdown) and ``shown``
(control characters as visible marks); the question's own ``help`` is Markdown by
design, so it is only made visible.
"""

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
from assess.tui import keys
from assess.tui.text import shown


def help_markdown(question: SingleQuestion | MultiQuestion) -> str:
    """The question's own help (Markdown by design) and each choice's guidance (escaped text)."""
    out = [f"## {esc(shown(question.text))}", "", shown(question.help.strip())]
    if question.details:  # imported lenses keep their background text here
        out += ["", esc(shown(question.details))]
    out += _links(question.links, "")
    out += ["", "### The answers"]
    choices: list[SingleChoice | MultiChoice] = list(question.choices)
    for number, choice in enumerate(choices, 1):
        out += ["", f"{number}. **{esc(shown(choice.label))}**"]
        if choice.guidance is not None:
            out += ["", f"   *Good enough?* {esc(shown(choice.guidance.good_enough))}"]
            if choice.guidance.do_better:
                out += ["", f"   *Do better:* {esc(shown(choice.guidance.do_better))}"]
        if choice.details:
            out += ["", f"   {esc(shown(choice.details))}"]
        out += _links(choice.links, "   ")
    out.append("")
    out.append("*Unsure* counts as the least mature answer and is listed as a gap to find out about.")
    if question.allow_na:
        out.append("*Not applicable* leaves the question out of the scores; you are asked why.")
    return "\n".join(out) + "\n"


def _links(links: Sequence[Link], indent: str) -> list[str]:
    """Links as plain text (title and address): the app never opens them."""
    if not links:
        return []
    return [
        "",
        f"{indent}*See also:* "
        + "; ".join(f"{esc(shown(link.title))} ({esc(shown(link.url))})" for link in links),
    ]


def keys_markdown(rows: list[tuple[str, str]]) -> str:
    """The keys of a screen as a Markdown table (generated from its bindings)."""
    out = ["| Key | What it does |", "|---|---|"]
    for written, what in rows:
        cell = written.replace("|", "\\|")
        out.append(f"| `{cell}` | {esc(what)} |")
    return "\n".join(out) + "\n"


def screen_help(title: str, purpose: str, rows: list[tuple[str, str]], extra: str = "") -> str:
    """F1 on any screen: what it is for, anything it adds, and every key that works there."""
    out = [f"# {esc(title)}", "", purpose.strip(), ""]
    if extra:
        out += [extra.strip(), ""]
    out += ["## Keys on this screen", "", keys_markdown(rows)]
    return "\n".join(out)


class HelpScreen(ModalScreen[None]):
    HELP = "Help for the screen underneath. Esc closes; the arrows and Page Up/Down scroll."
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "dismiss"),
        Binding("f1,question_mark", "dismiss", "Close help", show=False, id="help"),
    ]

    def __init__(self, title: str, markdown: str) -> None:
        super().__init__()
        self.title_text = title
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = shown(self.title_text)
            box.border_subtitle = "Esc closes"
            yield Markdown(self.markdown, open_links=False)
            yield Static(id="help-end")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()
