"""The terminal app. It owns the assessment being edited and every save; screens render and call it.

Start-up stays close to a bare Textual app: the welcome screen paints first and
nothing that pulls in the models or the engine is imported until it has (the
``# lazy: first frame`` imports below).

Every change to the answers comes in through one of the editing methods
(``pick``, ``set_note``, ``set_na``, ``clear``, ``set_team``), which save
before they return; see ``workspace`` and ``saving`` for how a save can be
trusted and what happens when it fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from assess.tui import keys, settings
from assess.tui.messages import (
    JumpRequested,
    NewRequested,
    OpenRequested,
    ParticipantRequested,
    ResultsRequested,
    StartRequested,
)
from assess.tui.screens.welcome import WelcomeScreen
from assess.tui.text import line, path_text

if TYPE_CHECKING:
    from textual.theme import Theme

    from assess.diagnostics import Diagnostic
    from assess.tui.answers_file import Document
    from assess.tui.screens.question import QuestionScreen
    from assess.tui.session import Session
    from assess.tui.workspace import Status, Workspace

RETRY_SECONDS = 5.0
WATCH_SECONDS = 2.0


class AssessApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "assess"
    SUB_TITLE = "SRE maturity assessment"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's own annotation)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall"), (40, "-roomy")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("quit", show=False, priority=False),
        keys.binding("quit", keys="ctrl+q", show=False, priority=True),
        keys.binding("help", show=False),
    ]

    revision: reactive[int] = reactive(0, init=False, repaint=False)
    """Goes up on every change to the answers; screens watch it to redraw."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        export_dir: Path | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.start_path = path
        self.new_target: Path | None = path if path is not None and not path.exists() else None
        self.export_dir = export_dir
        self.today = today
        self.workspace: Workspace | None = None
        self.question_screen: QuestionScreen | None = None
        self.changed_question: str | None = None  # the question the last change was to, if any
        self._loop: asyncio.AbstractEventLoop | None = None
        self._signals: list[int] = []
        self._watchdog: threading.Timer | None = None
        self._save_timers: list[Timer] = []
        self._status_seen: Status | None = None
        self._conflict_open = False
        theme = settings.load().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    @property
    def as_of(self) -> dt.date:
        """The day results are read on (what is stale, due or overdue is judged against it) and the
        day a status is set; tests pass ``today``."""
        return self.today or dt.date.today()

    @property
    def session(self) -> Session | None:
        return None if self.workspace is None else self.workspace.session

    # ---- start and stop ---------------------------------------------------

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                self._loop.add_signal_handler(sig, self._hang_up, 128 + sig)
                self._signals.append(sig)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_class(self.current_theme.ansi, "-ansi-theme")
        if self.start_path is not None and self.new_target is None:
            self.open_file(self.start_path)

    def _theme_changed(self, theme: Theme) -> None:
        self.set_class(theme.ansi, "-ansi-theme")
        if not settings.save(theme=theme.name):
            self.notify("The theme could not be saved for next time.", severity="warning")

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen is the bottom of the stack, so it is also the first frame."""
        notice = None
        if self.new_target is not None:
            notice = (
                f"{path_text(self.new_target)} does not exist yet. Choose a questionnaire below to start "
                "a new assessment saved there."
            )
        return WelcomeScreen(notice)

    def on_unmount(self) -> None:
        if self._loop is not None:
            for sig in self._signals:
                with contextlib.suppress(Exception):
                    self._loop.remove_signal_handler(sig)

    def _hang_up(self, code: int = 129) -> None:
        """The terminal went away (SIGHUP) or we were asked to stop (SIGTERM): save, then leave.

        Everything is saved as it changes; this tries once more for anything a failed
        save left behind. Leaving politely restores the terminal, but with the terminal
        gone Textual's output thread can block for ever, so a watchdog ends the process
        if the polite exit has not finished in two seconds.
        """
        if self.workspace is not None:
            self.workspace.save()
        if not self.is_headless:
            self._watchdog = threading.Timer(2.0, os._exit, args=(code,))
            self._watchdog.daemon = True
            self._watchdog.start()
        self.exit(return_code=code)

    async def action_quit(self) -> None:
        from assess.tui.screens.dialogs import ChoiceDialog, ConfirmDialog  # lazy: first frame
        from assess.tui.screens.team import TeamScreen  # lazy: first frame

        screen = self.screen
        if isinstance(screen, TeamScreen) and screen.is_new and screen.questionnaire_ref:
            values = screen.valid_values()
            if values is not None:
                # Start it (the file is written) and leave: the questions can wait for next time.
                if self._create(screen.questionnaire_ref, values) is not None:
                    self.exit()
                return
            if screen.typed_anything():

                def leave(yes: bool | None) -> None:
                    if yes:
                        self.exit()

                self.push_screen(
                    ConfirmDialog(
                        "Quit without starting?",
                        "The team facts are not valid yet, so this assessment has not started and "
                        "nothing typed here is saved. Quit anyway?",
                    ),
                    leave,
                )
                return
        workspace = self.workspace
        if workspace is None:
            self.exit()
            return
        workspace.save()
        status = workspace.status()
        if status.saved and not status.drafts:
            self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.exit()
            elif choice == "save-as":
                self.action_save_as(then=self.exit)
            elif choice == "resolve":
                self.action_save_now()

        choices = [("save-as", "Save my answers in another file, then quit")]
        if status.conflict:
            choices.insert(0, ("resolve", "Resolve the conflict (reload and merge, overwrite, ...)"))
        choices.append(("quit", "Quit and lose what is not saved"))
        self.push_screen(ChoiceDialog("Not everything is saved", status.long(), choices), chosen)

    # ---- opening and starting ----------------------------------------------

    def open_file(self, path: Path) -> None:
        welcome = self._welcome()
        if welcome is not None:
            welcome.show_problems("", [])
            welcome.show_notice(f"Opening {path_text(path)}…")
        self._open_worker(path)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open_worker(self, path: Path) -> None:
        from assess.errors import InvalidInput  # lazy: first frame
        from assess.tui.opening import classify, open_answers  # lazy: first frame

        kind = classify(path)
        if kind != "answers":
            self.call_from_thread(self._not_answers, path, kind)
            return
        try:
            session, document = open_answers(path)
        except InvalidInput as exc:
            self.call_from_thread(self._open_failed, path, exc.diagnostics)
            return
        except RecursionError:
            self.call_from_thread(self._open_failed, path, [])
            return
        self.call_from_thread(self._begin, session, document)

    def _not_answers(self, path: Path, kind: str) -> None:
        from assess.diagnostics import Diagnostic  # lazy: first frame
        from assess.tui.screens.dialogs import ChoiceDialog  # lazy: first frame

        welcome = self._welcome()
        if welcome is not None:
            welcome.show_notice(None)
        if kind == "missing":
            self._open_failed(path, [Diagnostic(str(path), 1, 1, "no such file")])
        elif kind == "folder":
            self.action_open(path)
        elif kind == "questionnaire":

            def chosen(choice: str | None) -> None:
                if choice == "new":
                    self.post_message(NewRequested(str(path)))

            self.push_screen(
                ChoiceDialog(
                    "This is a questionnaire",
                    f"{path_text(path)} holds questions, not a team's answers.",
                    [("new", "Start a new assessment with this questionnaire"), ("no", "Go back")],
                    error=False,
                ),
                chosen,
            )
        else:
            self._open_failed(
                path,
                [
                    Diagnostic(
                        str(path),
                        1,
                        1,
                        f"this is not an answers file ({kind}); pick a .yaml answers file (o opens a picker)",
                    )
                ],
            )

    def _open_failed(self, path: Path, diagnostics: list[Diagnostic]) -> None:
        welcome = self._welcome()
        lines = [line(d) for d in diagnostics] or [f"{path_text(path)}: cannot be opened"]
        if welcome is None or self.screen is not welcome:
            self.notify(
                "\n".join(lines), title=f"Cannot open {path_text(path)}", severity="error", markup=False
            )
        if welcome is None:
            return
        if self.new_target is None or self.new_target != path:
            welcome.show_notice(None)
        if len(diagnostics) == 1 and diagnostics[0].message == "no such file":
            self.new_target = path
            welcome.show_notice(
                f"{path_text(path)} does not exist. Choose a questionnaire above to start a new "
                "assessment saved there."
            )
            return
        welcome.show_problems(
            f"{path_text(path)} is not valid, so it was not opened (nor changed). "
            "Fix these, then open it again:",
            lines,
        )

    def _welcome(self) -> WelcomeScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, WelcomeScreen):
                return screen
        return None

    def _create(
        self, questionnaire_ref: str, team: dict[str, Any], respondent: str | None = None
    ) -> tuple[Session, Document] | None:
        """Write the new assessment's file; None (and a message) if it cannot be. ``respondent``:
        a workshop participant's own file, named after the team and the person (or 'participant')."""
        from assess.errors import InvalidInput  # lazy: first frame
        from assess.models.workshop import is_anonymous  # lazy: first frame
        from assess.tui import storage  # lazy: first frame
        from assess.tui.opening import start_answers  # lazy: first frame

        name = str(team.get("name", ""))
        if respondent is not None:
            name += " participant" if is_anonymous(respondent) else f" {respondent}"
        path = self.new_target or storage.new_draft_path(name)
        try:
            created = start_answers(questionnaire_ref, team, path, today=self.today, respondent=respondent)
        except InvalidInput as exc:
            self.notify("\n".join(line(d) for d in exc.diagnostics), title="Cannot start", severity="error")
            return None
        except RecursionError:
            self.notify(
                "The questionnaire is nested too deeply to read.", title="Cannot start", severity="error"
            )
            return None
        storage.remember(path)
        self.new_target = None
        return created

    def _start(self, questionnaire_ref: str, team: dict[str, Any], respondent: str | None = None) -> None:
        created = self._create(questionnaire_ref, team, respondent)
        if created is not None:
            self._begin(*created)

    def _begin(self, session: Session, document: Document) -> None:
        from assess.tui import storage, workshop  # lazy: first frame
        from assess.tui.screens.facilitator import FacilitatorScreen, walk  # lazy: first frame
        from assess.tui.screens.question import QuestionScreen  # lazy: first frame
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame
        from assess.tui.workspace import Workspace  # lazy: first frame

        self._stop_timers()
        self.workspace = workspace = Workspace(session, document)
        self._status_seen = None
        storage.remember(session.path)
        self.title = f"assess · {session.team_name}"
        self.sub_title = storage.display_path(session.path)
        self._pop_to_welcome()
        welcome = self._welcome()
        if welcome is not None:
            welcome.show_notice(None)
            welcome.show_problems("", [])
        first = session.first_unanswered()
        self.question_screen = QuestionScreen(workspace, 0 if first is None else first)
        self.push_screen(self.question_screen)
        # The questionnaire, the models and the widget tree live as long as the app: moving
        # them out of the collector's reach keeps full collections from stalling a keypress.
        self.call_after_refresh(gc.freeze)
        participant = workshop.is_participant(session)
        if first is None and not participant:
            self.push_screen(ResultsScreen(workspace))
        if participant:
            self.notify(workshop.PARTICIPANT_NOTE, title="Your own answers", timeout=12, markup=False)
        elif workshop.is_merged(session):
            order = walk(session)
            if any(not settled for _, settled in order):
                # A merged workshop file: the disagreements come first, most costly first.
                self.push_screen(FacilitatorScreen(workspace, [qid for qid, _ in order]))
        self._save_timers = [
            self.set_interval(RETRY_SECONDS, self._retry, name="retry-save"),
            self.set_interval(WATCH_SECONDS, self._watch_file, name="watch-file"),
        ]
        if workspace.read_only:
            self.notify(
                f"{path_text(session.path)} is read-only, so answers cannot be saved to it. "
                "Ctrl+P → Save as… keeps them in another file.",
                title="Read-only file",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def _stop_timers(self) -> None:
        for timer in self._save_timers:
            timer.stop()
        self._save_timers = []

    def _pop_to_welcome(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, WelcomeScreen):
            self.pop_screen()

    # ---- editing (the screens call these; each saves before it returns) -----

    def pick(self, question_id: str, option: str) -> None:
        if self.workspace is not None:
            self._edited(question_id, self.workspace.pick(question_id, option))

    def set_note(self, question_id: str, note: str) -> None:
        if self.workspace is not None:
            self._edited(question_id, self.workspace.set_note(question_id, note))

    def set_na(self, question_id: str, reason: str) -> None:
        if self.workspace is not None:
            self._edited(question_id, self.workspace.set_na(question_id, reason))

    def clear(self, question_id: str) -> None:
        from assess.tui.session import NeedsAnswer  # lazy: first frame

        if self.workspace is None:
            return
        try:
            changed = self.workspace.clear(question_id)
        except NeedsAnswer:
            self.notify("This answer has a note; clear the note (e) before the answer.", severity="warning")
            return
        self._edited(question_id, changed)

    def settle(self, question_id: str, option: str | None, note: str) -> None:
        """A workshop disagreement talked through: ``option`` agreed (None: the answer as it stands)."""
        from assess.tui.session import NeedsAnswer  # lazy: first frame

        if self.workspace is None:
            return
        try:
            changed = self.workspace.settle(question_id, option, note)
        except NeedsAnswer:
            self.notify("Pick the agreed answer first, then settle it.", severity="warning")
            return
        self._edited(question_id, changed)

    def set_team(self, values: dict[str, Any]) -> None:
        if self.workspace is not None and self.workspace.set_team(values):
            self.title = f"assess · {self.workspace.session.team_name}"
            self._edited(None, True)

    def set_action(self, root_cause: str, entry: dict[str, Any] | None) -> None:
        """Record what was agreed for a roadmap action (the plan tab's dialog); saves before returning."""
        if self.workspace is not None:
            self._edited(None, self.workspace.set_action(root_cause, entry))

    def _edited(self, question_id: str | None, changed: bool) -> None:
        if changed:
            self.changed_question = question_id
            self.revision += 1
        self._status_changed()

    # ---- saving: status, retries, outside changes, conflicts -------------------

    def _status_changed(self) -> None:
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame

        workspace = self.workspace
        if workspace is None:
            return
        status = workspace.status()
        was = self._status_seen
        self._status_seen = status
        for screen in self.screen_stack:
            if screen is self.question_screen and self.question_screen is not None:
                self.question_screen.show_status(status)
            elif isinstance(screen, ResultsScreen):
                screen.show_status(status)
        if status == was:
            return
        if status.conflict and (was is None or not was.conflict):
            self._offer_conflict()
        elif not status.saved and (was is None or was.saved or was.problem != status.problem):
            self.notify(status.long(), title="Not saved", severity="error", timeout=30, markup=False)
        elif status.saved and was is not None and not was.saved:
            self.notify("Everything is saved again.", title="Saved")

    def _retry(self) -> None:
        workspace = self.workspace
        if workspace is not None and workspace.problem is not None and not workspace.conflict:
            workspace.save()
            self._status_changed()

    def _watch_file(self) -> None:
        """Another program changed the file: take its version when nothing of ours is unsaved."""
        workspace = self.workspace
        if workspace is None or workspace.conflict or not workspace.changed_on_disk():
            return
        if workspace.status().saved:
            problems = workspace.reload()
            if not problems:
                self._reloaded()
                self.notify(
                    "The answers file was changed by another program; the app now shows its answers.",
                    title="Reloaded",
                )
                return
            workspace.conflict = True
            workspace.problem = "the file was changed by another program and cannot be read now: " + line(
                problems[0]
            )
            self._status_changed()
            return
        workspace.save()  # fails as a conflict, which offers the choices
        self._status_changed()

    def _reloaded(self) -> None:
        if self.workspace is not None:
            self.title = f"assess · {self.workspace.session.team_name}"
        self.changed_question = None
        self.revision += 1
        self._status_changed()

    def action_save_now(self) -> None:
        """Ctrl+S: save now; after a conflict, choose how to resolve it."""
        workspace = self.workspace
        if workspace is None:
            return
        if workspace.conflict:
            self._offer_conflict()
            return
        workspace.save()
        self._status_changed()
        status = workspace.status()
        if status.saved:
            self.notify("Everything is saved.", title="Saved")

    def _offer_conflict(self) -> None:
        from assess.tui.screens.dialogs import ChoiceDialog, ReportDialog  # lazy: first frame

        workspace = self.workspace
        if workspace is None or self._conflict_open:
            return
        self._conflict_open = True
        pending = workspace.pending()
        listed = ", ".join(line(p) for p in pending[:6]) + (" …" if len(pending) > 6 else "")
        text = (
            f"{path_text(workspace.path)} was changed by another program (or another copy of this app) "
            "since the app last read or saved it, so nothing was written over it. "
            + (f"Not saved yet: {listed}." if pending else "Nothing of yours is unsaved.")
        )

        def chosen(choice: str | None) -> None:
            self._conflict_open = False
            if self.workspace is not workspace:
                return
            if choice == "reload":
                problems = workspace.reload()
                if problems:
                    self.push_screen(
                        ReportDialog(
                            "Cannot reload",
                            [line(p) for p in problems] + ["", "Choose again with Ctrl+S."],
                            error=True,
                        )
                    )
                    self._status_changed()
                    return
                self._reloaded()
                if workspace.conflict:  # the other program saved again meanwhile
                    self._offer_conflict()
                    return
                self.notify("Reloaded the file, with your unsaved answers on top; saved.", title="Merged")
            elif choice == "overwrite":
                workspace.overwrite()
                self._status_changed()
            elif choice == "save-as":
                self.action_save_as()
            elif choice == "diff":
                self.push_screen(
                    ReportDialog("Differences: on disk (-) and yours (+)", workspace.differences()),
                    lambda _: self._offer_conflict(),
                )
            else:
                self._status_changed()

        self.push_screen(
            ChoiceDialog(
                "Changed by another program",
                text,
                [
                    ("reload", "Reload the file, with my unsaved answers merged on top"),
                    ("overwrite", "Overwrite the file with my answers"),
                    ("save-as", "Save my answers as another file"),
                    ("diff", "Show the differences"),
                ],
            ),
            chosen,
        )

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        from assess.tui import storage  # lazy: first frame
        from assess.tui.screens.picker import FilePicker  # lazy: first frame

        workspace = self.workspace
        if workspace is None:
            return
        default = workspace.path.with_name(workspace.path.stem + "-copy" + workspace.path.suffix)

        def check(target: Path) -> tuple[str | None, str]:
            from assess.files import same_file  # lazy: first frame

            if target.exists() and same_file(target, workspace.path):
                return "That is the file it came from; choose another name.", ""
            return None, ""

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            outcome = workspace.save_as(path)
            if outcome.problem:
                self.notify(outcome.problem, title="Not saved", severity="error", markup=False)
                return
            storage.remember(path)
            self.sub_title = storage.display_path(path)
            self.notify(
                f"Saved to {path_text(path)}; answers go there from now on.", title="Saved", markup=False
            )
            self._status_changed()
            if then is not None:
                then()

        self.push_screen(FilePicker("Save the answers as", default, mode="save", check=check), chosen)

    # ---- messages from the screens ------------------------------------------

    @on(NewRequested)
    def _new(self, message: NewRequested) -> None:
        from assess.tui.screens.team import TeamScreen  # lazy: first frame

        self.push_screen(TeamScreen({"name": ""}, questionnaire_ref=message.questionnaire_ref))

    @on(StartRequested)
    def _start_requested(self, message: StartRequested) -> None:
        self._start(message.questionnaire_ref, message.team, message.respondent)

    @on(ParticipantRequested)
    def _participant(self, message: ParticipantRequested) -> None:
        from assess.tui.screens.participant import ParticipantScreen  # lazy: first frame

        self.push_screen(ParticipantScreen(message.questionnaire_ref))

    @on(OpenRequested)
    def _open_requested(self, message: OpenRequested) -> None:
        self._leave_then(lambda: self.open_file(message.path))

    @on(JumpRequested)
    def _jump(self, message: JumpRequested) -> None:
        if self.session is None or self.question_screen is None:
            return
        while self.screen is not self.question_screen and len(self.screen_stack) > 1:
            self.pop_screen()
        self.question_screen.go_to(self.session.index_of[message.question_id])

    @on(ResultsRequested)
    def _results(self) -> None:
        self.action_results()

    # ---- actions (keys and the command palette) --------------------------------

    def action_help(self) -> None:
        from assess.tui.screens.help import HelpScreen, help_markdown, screen_help  # lazy: first frame
        from assess.tui.screens.question import QuestionScreen  # lazy: first frame
        from assess.tui.widgets.key_bar import help_table  # lazy: first frame

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()
            return
        purpose = getattr(screen, "HELP", None) or "This screen."
        extra = ""
        title = type(screen).__name__.removesuffix("Screen").removesuffix("Dialog") or "Help"
        if isinstance(screen, QuestionScreen):
            question = screen.session.questions[screen.index]
            extra = help_markdown(question)
            title = f"Help: {question.id}"
        else:
            title = f"Help: {title.lower()}"
        self.push_screen(HelpScreen(title, screen_help(title, purpose, help_table(screen), extra)))

    def action_open(self, folder: Path | None = None) -> None:
        from assess.tui.screens.picker import FilePicker  # lazy: first frame

        start = folder or (self.workspace.path.parent if self.workspace else Path.cwd())

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(OpenRequested(path))

        self.push_screen(FilePicker("Open an answers file", start, mode="open"), chosen)

    def _leave_then(self, then: Callable[[], object]) -> None:
        """Close the open assessment (asking first if something is not saved), then go on."""
        if self.workspace is None:
            then()
            return
        self.action_close_assessment(then=then)

    def _participant_waits(self) -> bool:
        """A participant's own file: no results until the facilitator merges (says so when it is)."""
        from assess.tui import workshop  # lazy: first frame

        if self.workspace is not None and workshop.is_participant(self.workspace.session):
            self.notify(workshop.PARTICIPANT_NOTE, title="No results yet", markup=False)
            return True
        return False

    def action_disagreements(self) -> None:
        from assess.tui import workshop  # lazy: first frame
        from assess.tui.screens.facilitator import FacilitatorScreen, walk  # lazy: first frame

        workspace = self.workspace
        if workspace is None:
            return
        if isinstance(self.screen, FacilitatorScreen):
            return
        if not workshop.is_merged(workspace.session):
            self.notify(
                "This file holds one voice. Several people's answers files merged with `assess consensus` "
                "give a team file whose disagreements this walks through.",
                title="Not a workshop file",
                markup=False,
            )
            return
        order = [qid for qid, _ in walk(workspace.session)]
        if not order:
            self.notify("The votes agreed on every question that enough people answered.", title="Workshop")
            return
        self._pop_to_question()
        self.push_screen(FacilitatorScreen(workspace, order))

    def action_results(self) -> None:
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame

        if self.workspace is None or self._participant_waits():
            return
        if isinstance(self.screen, ResultsScreen):
            self.screen.refresh_results()
            return
        self._pop_to_question()
        self.push_screen(ResultsScreen(self.workspace))

    def _pop_to_question(self) -> None:
        if self.question_screen is None:
            return
        while self.screen is not self.question_screen and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_edit_team(self) -> None:
        from assess.tui.screens.team import TeamScreen  # lazy: first frame

        if self.session is not None and not isinstance(self.screen, TeamScreen):
            self.push_screen(TeamScreen(self.session.team))

    def action_go_to(self, question_id: str) -> None:
        self.post_message(JumpRequested(question_id))

    def action_export(self, fmt: str) -> None:
        from assess.tui import storage  # lazy: first frame
        from assess.tui.screens.export import EXTENSIONS, export_picker  # lazy: first frame

        workspace = self.workspace
        if workspace is None or self._participant_waits():
            return
        session = workspace.session
        folder = self.export_dir or Path.cwd()
        default = folder / f"{storage.slug(session.team_name)}-assessment.{EXTENSIONS[fmt]}"
        unsaved = len(workspace.pending()) if not workspace.status().saved else 0

        def chosen(path: Path | None) -> None:
            from assess.tui.screens.export import FORMAT_NAMES  # lazy: first frame
            from assess.tui.screens.results import ResultsScreen  # lazy: first frame

            if path is None:
                return
            if isinstance(self.screen, ResultsScreen):
                slow = " (a PDF takes a few seconds)" if fmt == "pdf" else ""
                self.screen.show_export(
                    f"… writing the {FORMAT_NAMES[fmt]} to {path_text(path.resolve())}{slow}"
                )
            self._export_worker(fmt, path, session)

        self.push_screen(export_picker(fmt, default, session.path, unsaved), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_worker(self, fmt: str, path: Path, session: Session) -> None:
        from assess.tui.exporting import export  # lazy: first frame

        try:
            export(fmt, session.assessment(as_of=self.as_of), path)
        except Exception as exc:  # reported on screen; the app keeps running
            self.call_from_thread(self._exported, fmt, path, str(exc))
            return
        self.call_from_thread(self._exported, fmt, path, None)

    def _exported(self, fmt: str, path: Path, problem: str | None) -> None:
        from assess.tui.screens.export import FORMAT_NAMES  # lazy: first frame
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame

        name = FORMAT_NAMES[fmt]
        where = path_text(path.resolve())
        if problem:
            text = f"✗ {name} not written: {line(problem)}"
            self.notify(
                line(problem), title=f"{name} not written", severity="error", timeout=15, markup=False
            )
        else:
            text = f"✓ {name} written to {where}"
            self.notify(where, title=f"{name} written", timeout=10, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, ResultsScreen):
                screen.show_export(text, error=problem is not None)

    def action_validate(self) -> None:
        if self.workspace is not None:
            self._validate_worker(self.workspace)

    @work(thread=True, exclusive=True, group="validate", exit_on_error=False)
    def _validate_worker(self, workspace: Workspace) -> None:
        from assess.errors import InvalidInput  # lazy: first frame
        from assess.pipeline.team import load_team  # lazy: first frame

        status = workspace.status()
        head: list[str] = []
        if not status.saved:
            head = [
                "The app holds answers the file does not: " + status.long(),
                "What follows is the file as it is on disk, which is what `assess score` reads.",
                "",
            ]
        try:
            loaded = load_team(workspace.path)
        except InvalidInput as exc:
            lines = head + [line(d) for d in exc.diagnostics]
            self.call_from_thread(self._show_report, "The saved file has problems", lines, True)
            return
        except RecursionError:
            lines = [*head, "The questionnaire is nested too deeply to read."]
            self.call_from_thread(self._show_report, "The saved file has problems", lines, True)
            return
        answers, questionnaire = loaded.answers, loaded.questionnaire
        answered = sum(v is not None for v in answers.answers.values())
        total = len(questionnaire.questions())
        missing = [q.id for _, q in questionnaire.questions() if answers.answers.get(q.id) is None]
        lines = [
            *head,
            f"{path_text(workspace.path)}: valid; {answered} of {total} questions answered.",
            "`assess score` reads it as it stands.",
        ]
        if missing:
            shown_ids = ", ".join(missing[:12]) + (
                f" and {len(missing) - 12} more" if len(missing) > 12 else ""
            )
            lines += ["", f"Not answered yet: {shown_ids}"]
        if loaded.warnings:
            lines += ["", "Answers to look at again:", *(line(d) for d in loaded.warnings)]
        self.call_from_thread(self._show_report, "Validation", lines, not status.saved)

    def _show_report(self, title: str, lines: list[str], error: bool) -> None:
        from assess.tui.screens.dialogs import ReportDialog  # lazy: first frame

        self.push_screen(ReportDialog(title, lines, error=error))

    def action_close_assessment(self, then: Callable[[], object] | None = None) -> None:
        from assess.tui.screens.dialogs import ChoiceDialog  # lazy: first frame

        workspace = self.workspace
        if workspace is None:
            if then is not None:
                then()
            return
        workspace.save()
        status = workspace.status()
        if status.saved and not status.drafts:
            self._close()
            if then is not None:
                then()
            return

        def chosen(choice: str | None) -> None:
            if choice == "close":
                self._close()
                if then is not None:
                    then()
            elif choice == "save-as":
                self.action_save_as()
            elif choice == "resolve":
                self.action_save_now()

        choices = [("save-as", "Save my answers in another file first")]
        if status.conflict:
            choices.insert(0, ("resolve", "Resolve the conflict (reload and merge, overwrite, ...)"))
        choices.append(("close", "Close it and lose what is not saved"))
        self.push_screen(ChoiceDialog("Not everything is saved", status.long(), choices), chosen)

    def _close(self) -> None:
        self._stop_timers()
        self.workspace = None
        self.question_screen = None
        self._status_seen = None
        self.title, self.sub_title = self.TITLE, self.SUB_TITLE
        self._pop_to_welcome()
        welcome = self._welcome()
        if welcome is not None:
            welcome.refresh_lists()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Keys":  # Textual's panel; F1 is the help that knows this app
                continue
            yield command
        yield SystemCommand("Help", "What this screen is for, and every key on it (F1)", self.action_help)
        yield SystemCommand("Open an answers file…", "With a file picker (o)", self.action_open)
        yield from self._start_commands()
        workspace = self.workspace
        if workspace is None:
            return
        from assess.tui import workshop  # lazy: first frame

        session = workspace.session
        participant = workshop.is_participant(session)
        if workshop.is_merged(session):
            yield SystemCommand(
                "Walk the disagreements",
                "The workshop's disagreements, most costly first (w)",
                self.action_disagreements,
            )
        if not participant:
            yield SystemCommand("Show results", "Scores, risks, advice and plan (s)", self.action_results)
        yield SystemCommand(
            "Validate answers", "Check the saved file as `assess score` reads it", self.action_validate
        )
        yield SystemCommand("Save now", "And retry a save that failed (Ctrl+S)", self.action_save_now)
        yield SystemCommand("Save as…", "Keep the answers in another file from now on", self.action_save_as)
        for fmt, title in (("pdf", "PDF report"), ("markdown", "Markdown report"), ("json", "JSON results")):
            if participant:
                break
            yield SystemCommand(
                f"Export {title}",
                "Write it to a file",
                lambda fmt=fmt: self.action_export(fmt),
            )
        yield SystemCommand("Edit team facts", "Name, size, services, on-call (t)", self.action_edit_team)
        yield SystemCommand(
            "Close this assessment", "Back to the welcome screen", self.action_close_assessment
        )
        for domain in session.questionnaire.domains:
            done, total = session.domain_progress(domain.id)
            first = session.questions[session.first_of_domain(domain.id)].id
            yield SystemCommand(
                f"Go to domain: {line(domain.title)}",
                f"{done} of {total} done",
                lambda first=first: self.action_go_to(first),
            )
        titles = {d.id: d.title for d in session.questionnaire.domains}
        skipped = session.does_not_apply()
        for question in session.questions:
            state = (
                "does not apply"
                if question.id in skipped
                else "answered"
                if session.is_answered(question.id)
                else "not answered yet"
            )
            yield SystemCommand(
                f"Go to {line(question.id)}: {line(question.text)}",
                f"{line(titles[session.domain_index[question.id]])}, {state}",
                lambda qid=question.id: self.action_go_to(qid),
            )

    def _start_commands(self) -> Iterable[SystemCommand]:
        """New (per questionnaire) and Resume (per saved assessment), from the welcome screen's lists."""
        welcome = self._welcome()
        if welcome is None:
            return
        for row in welcome.questionnaires:
            if row.usable:
                yield SystemCommand(
                    f"New assessment: {row.text}",
                    "Start with the team facts (n)",
                    lambda ref=row.ref: self._leave_then(lambda: self.post_message(NewRequested(ref))),
                )
                yield SystemCommand(
                    f"Answer alone for a team workshop: {row.text}",
                    "Your own answers, named or anonymous, merged later by the facilitator (a)",
                    lambda ref=row.ref: self._leave_then(
                        lambda: self.post_message(ParticipantRequested(ref))
                    ),
                )
        for recent in welcome.recent:
            yield SystemCommand(
                f"Resume: {recent.text}",
                "Open this saved assessment (r)",
                lambda path=recent.path: self.post_message(OpenRequested(Path(path))),
            )


def run(path: Path | None = None) -> int:
    """Run the app in this terminal; the exit code for the command line."""
    app = AssessApp(path)
    app.run()
    if app._watchdog is not None:
        app._watchdog.cancel()
    return 0 if app.return_code in (None, 0) else int(app.return_code)
