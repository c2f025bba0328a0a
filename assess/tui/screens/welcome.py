"""First screen: start a new assessment, resume a recent one, or open an answers file.

It paints before anything heavy is imported; the questionnaire list and the
recent files are read on a thread right after the first frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from assess.tui.messages import NewRequested, OpenRequested

INTRO = (
    "Walk your team through the SRE maturity questions. You get a score per practice area, "
    "the risks, a roadmap, and advice on how to organise reliability work. "
    "Every answer is saved as you go."
)


class WelcomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "focus('#new')", "New"),
        Binding("r", "focus('#recent')", "Resume"),
        Binding("o", "focus('#open')", "Open file"),
    ]

    def __init__(self, notice: str | None = None) -> None:
        super().__init__()
        self._notice = notice
        self._problems: tuple[str, list[str]] = ("", [])

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome", can_focus=False):
            yield Static(Content(INTRO), id="intro")
            yield Static(Content(self._notice or ""), id="notice", classes="" if self._notice else "hidden")
            yield Static(id="problems", classes="hidden")
            new = OptionList(
                Option(Content("Reading questionnaires…"), disabled=True), id="new", markup=False
            )
            new.border_title = "Start a new assessment"
            yield new
            recent = OptionList(
                Option(Content("Looking for saved assessments…"), disabled=True), id="recent", markup=False
            )
            recent.border_title = "Resume"
            yield recent
            path_input = Input(placeholder="path/to/answers.yaml, then Enter", id="open")
            path_input.border_title = "Open an answers file"
            yield path_input
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_problems(*self._problems)
        self.query_one("#new", OptionList).focus()
        self.call_after_refresh(self.refresh_lists)

    @work(thread=True, exclusive=True, group="welcome-lists")
    def refresh_lists(self) -> None:
        """Read the questionnaires and recent files (on a thread) and show them."""
        from assess import catalog  # lazy: first frame
        from assess.loading import InvalidInput  # lazy: first frame
        from assess.tui import opening, storage  # lazy: first frame

        choices: list[tuple[str, str]] = []
        sizes: dict[str, int] = {}
        for entry in catalog.entries():
            try:
                q = opening.questionnaire(entry.id)
            except InvalidInput as exc:
                choices.append((entry.id, f"{entry.id}: cannot be used ({exc.diagnostics[0]})"))
                continue
            sizes[q.id] = len(q.questions())
            where = "" if entry.source == "bundled" else f", {storage.display_path(entry.path)}"
            choices.append(
                (entry.id, f"{q.title}  ({q.id} v{q.version}, {len(q.questions())} questions{where})")
            )
        summaries = [s for s in (storage.summarise(p) for p in storage.recent_paths()) if s is not None]
        recent = []
        for s in summaries:
            total = sizes.get(s.questionnaire.partition("@")[0])
            progress = f"{s.answered} of {total} answered" if total else f"{s.answered} answered"
            recent.append((str(s.path), f"{s.team}  ·  {progress}  ·  {storage.display_path(s.path)}"))
        self.app.call_from_thread(self._show_lists, choices, recent)

    def _show_lists(self, choices: list[tuple[str, str]], recent: list[tuple[str, str]]) -> None:
        new = self.query_one("#new", OptionList)
        new.set_options([Option(Content(text), id=ref) for ref, text in choices])
        if not choices:
            new.set_options([Option(Content("No questionnaires found"), disabled=True)])
        else:
            new.highlighted = 0
        recent_list = self.query_one("#recent", OptionList)
        if recent:
            recent_list.set_options([Option(Content(text), id=path) for path, text in recent])
            recent_list.highlighted = 0
        else:
            recent_list.set_options([Option(Content("Nothing saved yet"), disabled=True)])

    @on(OptionList.OptionSelected, "#new")
    def _new(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(NewRequested(event.option.id))

    @on(OptionList.OptionSelected, "#recent")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenRequested(Path(event.option.id)))

    @on(Input.Submitted, "#open")
    def _open(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.post_message(OpenRequested(Path(text).expanduser()))

    def show_notice(self, text: str | None) -> None:
        self._notice = text
        try:
            notice = self.query_one("#notice", Static)
        except NoMatches:  # not composed yet: compose shows it
            return
        notice.update(Content(text or ""))
        notice.set_class(not text, "hidden")

    def show_problems(self, title: str, lines: list[str]) -> None:
        """Report why a file could not be opened (file:line:col lines); empty to hide."""
        self._problems = (title, lines)
        try:
            problems = self.query_one("#problems", Static)
        except NoMatches:  # not composed yet: on_mount shows them
            return
        if not lines:
            problems.add_class("hidden")
            return
        problems.update(Content.assemble((title, "bold"), "\n", "\n".join(lines)))
        problems.remove_class("hidden")
        self.query_one("#welcome", VerticalScroll).scroll_home(animate=False)
