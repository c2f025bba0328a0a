"""First screen: start a new assessment, resume a saved one, or open an answers file.

It paints before anything heavy is imported; the questionnaire list and the
saved assessments are read on a thread right after the first frame. A
questionnaire or a saved file that cannot be read is listed with the reason,
never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assess.tui import keys
from assess.tui.messages import NewRequested, OpenRequested, ParticipantRequested
from assess.tui.text import line, shown
from assess.tui.widgets.key_bar import KeyBar
from assess.tui.widgets.title_bar import TitleBar

INTRO = (
    "Walk your team through the SRE maturity questions. You get a score per practice area, "
    "the risks, a roadmap, and advice on how to organise reliability work. "
    "Every answer is saved as you go."
)


@dataclass(frozen=True)
class QuestionnaireRow:
    ref: str
    text: str
    usable: bool


@dataclass(frozen=True)
class RecentRow:
    path: str
    text: str
    usable: bool


class RecentList(OptionList):
    """Saved assessments; Delete takes the highlighted one off the list."""

    BINDINGS: ClassVar[list[BindingType]] = [keys.binding("clear", "remove", show=True)]

    def action_remove(self) -> None:
        option = None if self.highlighted is None else self.get_option_at_index(self.highlighted)
        if option is not None and option.id:
            screen = self.screen
            if isinstance(screen, WelcomeScreen):
                screen.remove_recent(Path(option.id))


class WelcomeScreen(Screen[None]):
    HELP = (
        "Start here. n starts a new assessment with the highlighted questionnaire, a starts your own "
        "answers for a team workshop (named or anonymous; the facilitator merges everyone's), r resumes the "
        "highlighted saved assessment, o opens any answers file with a file picker. Del takes a saved "
        "assessment off the list (the file stays). Ctrl+P lists all of these, and the recent files."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("new"),
        keys.binding("participant"),
        keys.binding("resume"),
        keys.binding("open", "app.open"),
        keys.binding("help", "app.help"),
    ]

    def __init__(self, notice: str | None = None) -> None:
        super().__init__()
        self._notice = notice
        self._problems: tuple[str, list[str]] = ("", [])
        self.questionnaires: list[QuestionnaireRow] = []
        self.recent: list[RecentRow] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="welcome", can_focus=False):
            yield Static(Content(INTRO), id="intro")
            yield Static(
                Content(shown(self._notice or "")), id="notice", classes="" if self._notice else "hidden"
            )
            yield Static(id="problems", classes="hidden")
            new = OptionList(
                Option(Content("Reading questionnaires…"), disabled=True), id="new", markup=False
            )
            new.border_title = (
                f"{keys.written('new')}  Start a new assessment · "
                f"{keys.written('participant')}  answer alone for a workshop"
            )
            yield new
            recent = RecentList(
                Option(Content("Looking for saved assessments…"), disabled=True), id="recent", markup=False
            )
            recent.border_title = f"{keys.written('resume')}  Resume"
            recent.border_subtitle = "Del removes from the list"
            yield recent
            yield Static(
                Content.assemble(("o", "bold"), "  Open another answers file… (a file picker)"),
                id="open-hint",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_problems(*self._problems)
        self.query_one("#new", OptionList).focus()
        self.call_after_refresh(self.refresh_lists)

    @work(thread=True, exclusive=True, group="welcome-lists", exit_on_error=False)
    def refresh_lists(self) -> None:
        """Read the questionnaires and saved assessments (on a thread) and show them."""
        from assess.tui import listing  # lazy: first frame

        questionnaires = [QuestionnaireRow(*row) for row in listing.questionnaires()]
        sizes = listing.sizes()
        recent = [RecentRow(*row) for row in listing.recent(sizes)]
        self.app.call_from_thread(self._show_lists, questionnaires, recent)

    def _show_lists(self, questionnaires: list[QuestionnaireRow], recent: list[RecentRow]) -> None:
        self.questionnaires, self.recent = questionnaires, recent
        new = self.query_one("#new", OptionList)
        if questionnaires:
            new.set_options(
                [Option(Content(row.text), id=row.ref, disabled=not row.usable) for row in questionnaires]
            )
            first = next((i for i, row in enumerate(questionnaires) if row.usable), None)
            new.highlighted = first
        else:
            new.set_options([Option(Content("No questionnaires found"), disabled=True)])
        recent_list = self.query_one("#recent", OptionList)
        if recent:
            recent_list.set_options([Option(Content(row.text), id=row.path) for row in recent])
            recent_list.highlighted = 0
        else:
            recent_list.set_options([Option(Content("Nothing saved yet"), disabled=True)])

    # ---- acting on keys and choices ----------------------------------------

    def action_new(self) -> None:
        new = self.query_one("#new", OptionList)
        index = new.highlighted
        usable = [row for row in self.questionnaires if row.usable]
        if index is not None and index < len(self.questionnaires) and self.questionnaires[index].usable:
            self.post_message(NewRequested(self.questionnaires[index].ref))
        elif usable:
            self.post_message(NewRequested(usable[0].ref))
        else:
            self.notify("No questionnaire can be used yet (see the list).", severity="warning")

    def action_participant(self) -> None:
        new = self.query_one("#new", OptionList)
        index = new.highlighted
        usable = [row for row in self.questionnaires if row.usable]
        if index is not None and index < len(self.questionnaires) and self.questionnaires[index].usable:
            self.post_message(ParticipantRequested(self.questionnaires[index].ref))
        elif usable:
            self.post_message(ParticipantRequested(usable[0].ref))
        else:
            self.notify("No questionnaire can be used yet (see the list).", severity="warning")

    def action_resume(self) -> None:
        recent_list = self.query_one("#recent", OptionList)
        index = recent_list.highlighted
        if not self.recent:
            self.notify("Nothing saved yet: n starts a new assessment, o opens a file.")
            return
        row = self.recent[index if index is not None and index < len(self.recent) else 0]
        self.post_message(OpenRequested(Path(row.path)))

    @on(OptionList.OptionSelected, "#new")
    def _new(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(NewRequested(event.option.id))

    @on(OptionList.OptionSelected, "#recent")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenRequested(Path(event.option.id)))

    def remove_recent(self, path: Path) -> None:
        from assess.tui import storage  # lazy: first frame
        from assess.tui.screens.dialogs import ConfirmDialog  # lazy: first frame

        def answered(yes: bool | None) -> None:
            if yes:
                storage.forget(path)
                self.refresh_lists()

        self.app.push_screen(
            ConfirmDialog(
                "Remove from the list?",
                f"Take {line(storage.display_path(path))} off the list of saved assessments? "
                "The file itself stays where it is; open it with o to bring it back.",
            ),
            answered,
        )

    # ---- notices -------------------------------------------------------------

    def show_notice(self, text: str | None) -> None:
        self._notice = text
        try:
            notice = self.query_one("#notice", Static)
        except NoMatches:  # not composed yet: compose shows it
            return
        notice.update(Content(shown(text or "")))
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
        problems.update(Content.assemble((shown(title), "bold"), "\n", shown("\n".join(lines))))
        problems.remove_class("hidden")
        self.query_one("#welcome", VerticalScroll).scroll_home(animate=False)
