"""The terminal app. It owns the assessment being edited and every save; screens render and post messages.

Start-up stays close to a bare Textual app: the welcome screen paints first and
nothing that pulls in the models or the engine is imported until it has.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import os
import signal
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from assess.tui.messages import (
    AnswerCleared,
    ChoicePicked,
    JumpRequested,
    NewRequested,
    NoteEdited,
    OpenRequested,
    ResultsRequested,
    StartRequested,
    TeamEdited,
)
from assess.tui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from assess.loading import Diagnostic
    from assess.tui.answers_file import Document
    from assess.tui.screens.question import QuestionScreen
    from assess.tui.session import Session
    from assess.tui.storage import Saver


class AssessApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "assess"
    SUB_TITLE = "SRE maturity assessment"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's own annotation)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-tall"), (40, "-roomy")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
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
        self.session: Session | None = None
        self.saver: Saver | None = None
        self.save_problem: str | None = None
        self.question_screen: QuestionScreen | None = None
        self.changed_question: str | None = None  # the question the last change was to, if any
        self._loop: asyncio.AbstractEventLoop | None = None
        self._signals: list[int] = []
        self._watchdog: threading.Timer | None = None

    # ---- start and stop ---------------------------------------------------

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                self._loop.add_signal_handler(sig, self._hang_up, 128 + sig)
                self._signals.append(sig)
        if self.start_path is not None and self.new_target is None:
            self.open_file(self.start_path)

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen is the bottom of the stack, so it is also the first frame."""
        notice = None
        if self.new_target is not None:
            notice = (
                f"{self.new_target} does not exist yet. Choose a questionnaire below to start a "
                "new assessment saved there."
            )
        return WelcomeScreen(notice)

    def on_unmount(self) -> None:
        if self._loop is not None:
            for sig in self._signals:
                with contextlib.suppress(Exception):
                    self._loop.remove_signal_handler(sig)
        self._close_saver()

    def _hang_up(self, code: int = 129) -> None:
        """The terminal went away (SIGHUP) or we were asked to stop (SIGTERM): save, then leave.

        Saving comes first and is synchronous. Leaving politely restores the terminal,
        but with the terminal gone Textual's output thread can block for ever, so a
        watchdog ends the process if the polite exit has not finished in two seconds.
        """
        self._close_saver()
        if not self.is_headless:
            self._watchdog = threading.Timer(2.0, os._exit, args=(code,))
            self._watchdog.daemon = True
            self._watchdog.start()
        self.exit(return_code=code)

    def _close_saver(self) -> bool:
        saver, self.saver = self.saver, None
        if saver is None:
            return True
        if self.session is not None:
            saver.submit(self.session.data)
        return saver.close()

    async def action_quit(self) -> None:
        from assess.tui.screens.team import TeamScreen  # lazy: first frame

        screen = self.screen
        if isinstance(screen, TeamScreen) and screen.is_new and screen.questionnaire_ref:
            values = screen.valid_values()
            if values is not None and self._start(screen.questionnaire_ref, values) is None:
                return
        if self.saver is not None and self.session is not None:
            self.saver.submit(self.session.data)
            if not self.saver.flush():
                from assess.tui.screens.dialogs import ConfirmDialog  # lazy: first frame

                def answered(leave: bool | None) -> None:
                    if leave:
                        self.exit()

                self.push_screen(
                    ConfirmDialog(
                        "Not saved",
                        f"{self.saver.error}\n\nThe latest answers could not be written. "
                        "Quit anyway and lose them?",
                    ),
                    answered,
                )
                return
        self._close_saver()
        self.exit()

    # ---- opening and starting ----------------------------------------------

    def open_file(self, path: Path) -> None:
        welcome = self._welcome()
        if welcome is not None:
            welcome.show_problems("", [])
            welcome.show_notice(f"Opening {path}…")
        self._open_worker(path)

    @work(thread=True, exclusive=True, group="open")
    def _open_worker(self, path: Path) -> None:
        from assess.loading import InvalidInput  # lazy: first frame
        from assess.tui.opening import open_answers  # lazy: first frame

        try:
            session, document = open_answers(path)
        except InvalidInput as exc:
            self.call_from_thread(self._open_failed, path, exc.diagnostics)
            return
        self.call_from_thread(self._begin, session, document)

    def _open_failed(self, path: Path, diagnostics: list[Diagnostic]) -> None:
        welcome = self._welcome()
        lines = [str(d) for d in diagnostics] or [f"{path}: cannot be opened"]
        if welcome is None:
            self.notify("\n".join(lines), title=f"Cannot open {path}", severity="error")
            return
        if self.new_target is None or self.new_target != path:
            welcome.show_notice(None)
        if len(diagnostics) == 1 and diagnostics[0].message == "no such file":
            self.new_target = path
            welcome.show_notice(
                f"{path} does not exist. Choose a questionnaire above to start a new assessment saved there."
            )
            return
        welcome.show_problems(
            f"{path} is not valid, so it was not opened (nor changed). Fix these, then open it again:", lines
        )

    def _welcome(self) -> WelcomeScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, WelcomeScreen):
                return screen
        return None

    def _start(self, questionnaire_ref: str, team: dict[str, Any]) -> Session | None:
        from assess.loading import InvalidInput  # lazy: first frame
        from assess.tui import storage  # lazy: first frame
        from assess.tui.opening import start_answers  # lazy: first frame

        path = self.new_target or storage.new_draft_path(str(team.get("name", "")))
        try:
            session, document = start_answers(questionnaire_ref, team, path, today=self.today)
        except InvalidInput as exc:
            self.notify("\n".join(str(d) for d in exc.diagnostics), title="Cannot start", severity="error")
            return None
        self.new_target = None
        self._begin(session, document)
        return session

    def _begin(self, session: Session, document: Document) -> None:
        from assess.tui import storage  # lazy: first frame
        from assess.tui.opening import DocumentWriter  # lazy: first frame
        from assess.tui.screens.question import QuestionScreen  # lazy: first frame
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame
        from assess.tui.storage import Saver  # lazy: first frame

        self._close_saver()
        self.session = session
        self.save_problem = None
        self.saver = Saver(
            session.path, DocumentWriter(session.path, document, session.order()), self._saved_on_thread
        )
        storage.remember(session.path)
        self.title = f"assess · {session.team_name}"
        self.sub_title = storage.display_path(session.path)
        self._pop_to_welcome()
        welcome = self._welcome()
        if welcome is not None:
            welcome.show_notice(None)
        first = session.first_unanswered()
        self.question_screen = QuestionScreen(session, 0 if first is None else first)
        self.push_screen(self.question_screen)
        # The questionnaire, the models and the widget tree live as long as the app: moving
        # them out of the collector's reach keeps full collections from stalling a keypress.
        self.call_after_refresh(gc.freeze)
        if first is None:
            self.push_screen(ResultsScreen(session))

    def _pop_to_welcome(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, WelcomeScreen):
            self.pop_screen()

    # ---- saving ---------------------------------------------------------------

    def _changed(self, question_id: str | None = None) -> None:
        if self.session is None:
            return
        self.changed_question = question_id
        self.revision += 1
        if self.saver is not None:
            # Saved right after the next frame is painted, so the screen answers first;
            # the data is a snapshot that later changes never touch.
            self.call_after_refresh(self.saver.submit, self.session.data)

    def _saved_on_thread(self, problem: str | None) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._saved, problem)

    def _saved(self, problem: str | None) -> None:
        was = self.save_problem
        self.save_problem = problem
        if self.question_screen is not None and self.question_screen.is_mounted:
            self.question_screen.set_save_status(problem)
        if problem and problem != was:
            self.notify(problem, title="Not saved", severity="error", timeout=30)
        elif was and not problem:
            self.notify("Saved again.", title="Saved")

    # ---- messages from the screens ------------------------------------------

    @on(ChoicePicked)
    def _choice(self, message: ChoicePicked) -> None:
        from assess.tui.session import NeedsAnswer  # lazy: first frame

        if self.session is None:
            return
        try:
            changed = self.session.pick(message.question_id, message.option)
        except NeedsAnswer:
            self.notify(
                "This answer has a note, and a note needs an answer. Pick another answer, "
                "or clear the note (e) first.",
                severity="warning",
            )
            return
        if changed:
            self._changed(message.question_id)

    @on(NoteEdited)
    def _note(self, message: NoteEdited) -> None:
        from assess.tui.session import NeedsAnswer  # lazy: first frame

        if self.session is None:
            return
        try:
            changed = self.session.set_note(message.question_id, message.note)
        except NeedsAnswer:
            self.notify("Pick an answer first; a note is saved with its answer.", severity="warning")
            return
        if changed:
            self._changed(message.question_id)

    @on(AnswerCleared)
    def _clear(self, message: AnswerCleared) -> None:
        from assess.tui.session import NeedsAnswer  # lazy: first frame

        if self.session is None:
            return
        try:
            changed = self.session.clear(message.question_id)
        except NeedsAnswer:
            self.notify("This answer has a note; clear the note (e) before the answer.", severity="warning")
            return
        if changed:
            self._changed(message.question_id)

    @on(TeamEdited)
    def _team(self, message: TeamEdited) -> None:
        if self.session is not None and self.session.set_team(message.values):
            self.title = f"assess · {self.session.team_name}"
            self._changed()

    @on(NewRequested)
    def _new(self, message: NewRequested) -> None:
        from assess.tui.screens.team import TeamScreen  # lazy: first frame

        self.push_screen(TeamScreen({"name": ""}, questionnaire_ref=message.questionnaire_ref))

    @on(StartRequested)
    def _start_requested(self, message: StartRequested) -> None:
        self._start(message.questionnaire_ref, message.team)

    @on(OpenRequested)
    def _open_requested(self, message: OpenRequested) -> None:
        self.open_file(message.path)

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

    def action_results(self) -> None:
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame

        if self.session is None:
            return
        if isinstance(self.screen, ResultsScreen):
            self.screen.refresh_results()
            return
        self._pop_to_question()
        self.push_screen(ResultsScreen(self.session))

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
        from assess.tui.screens.export import EXTENSIONS, ExportScreen  # lazy: first frame

        if self.session is None:
            return
        session = self.session
        folder = self.export_dir or Path.cwd()
        default = folder / f"{storage.slug(session.team_name)}-assessment.{EXTENSIONS[fmt]}"

        def chosen(path: Path | None) -> None:
            from assess.tui.screens.export import FORMAT_NAMES  # lazy: first frame
            from assess.tui.screens.results import ResultsScreen  # lazy: first frame

            if path is None:
                return
            if isinstance(self.screen, ResultsScreen):
                slow = " (a PDF takes a few seconds)" if fmt == "pdf" else ""
                self.screen.show_export(f"… writing the {FORMAT_NAMES[fmt]} to {path.resolve()}{slow}")
            self._export_worker(fmt, path, session)

        self.push_screen(ExportScreen(fmt, default, session.path), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_worker(self, fmt: str, path: Path, session: Session) -> None:
        from assess.tui.exporting import export  # lazy: first frame

        try:
            export(fmt, session.assessment(), path)
        except Exception as exc:  # reported on screen; the app keeps running
            self.call_from_thread(self._exported, fmt, path, str(exc))
            return
        self.call_from_thread(self._exported, fmt, path, None)

    def _exported(self, fmt: str, path: Path, problem: str | None) -> None:
        from assess.tui.screens.export import FORMAT_NAMES  # lazy: first frame
        from assess.tui.screens.results import ResultsScreen  # lazy: first frame

        name = FORMAT_NAMES[fmt]
        if problem:
            text = f"✗ {name} not written: {problem}"
            self.notify(problem, title=f"{name} not written", severity="error", timeout=15)
        else:
            text = f"✓ {name} written to {path.resolve()}"
            self.notify(str(path.resolve()), title=f"{name} written", timeout=10)
        for screen in self.screen_stack:
            if isinstance(screen, ResultsScreen):
                screen.show_export(text, error=problem is not None)

    def action_validate(self) -> None:
        if self.session is not None:
            self._validate_worker(self.session)

    @work(thread=True, exclusive=True, group="validate")
    def _validate_worker(self, session: Session) -> None:
        from assess.errors import InvalidInput  # lazy: first frame
        from assess.pipeline.team import load_team  # lazy: first frame

        saver = self.saver
        if saver is not None:
            saver.submit(session.data)
            saver.flush()
        try:
            loaded = load_team(session.path)
        except InvalidInput as exc:
            lines = [str(d) for d in exc.diagnostics]
            self.call_from_thread(self._show_report, "The saved file has problems", lines, True)
            return
        answers, questionnaire = loaded.answers, loaded.questionnaire
        answered = sum(v is not None for v in answers.answers.values())
        total = len(questionnaire.questions())
        missing = [q.id for _, q in questionnaire.questions() if answers.answers.get(q.id) is None]
        lines = [
            f"{session.path}: valid; {answered} of {total} questions answered.",
            "`assess score` reads it as it stands.",
        ]
        if missing:
            shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
            lines += ["", f"Not answered yet: {shown}"]
        if loaded.warnings:
            lines += ["", "Answers to look at again:", *(str(d) for d in loaded.warnings)]
        self.call_from_thread(self._show_report, "Validation", lines, False)

    def _show_report(self, title: str, lines: list[str], error: bool) -> None:
        from assess.tui.screens.dialogs import ReportDialog  # lazy: first frame

        self.push_screen(ReportDialog(title, lines, error=error))

    def action_close_assessment(self) -> None:
        if self.saver is not None and self.session is not None:
            self.saver.submit(self.session.data)
            if not self.saver.flush():
                self.notify(
                    f"{self.saver.error}\nThe assessment stays open so nothing is lost.",
                    title="Not saved",
                    severity="error",
                )
                return
        self._close_saver()
        self.session = None
        self.question_screen = None
        self.title, self.sub_title = self.TITLE, self.SUB_TITLE
        self._pop_to_welcome()
        welcome = self._welcome()
        if welcome is not None:
            welcome.refresh_lists()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        session = self.session
        if session is None:
            return
        yield SystemCommand("Show results", "Scores, risks, topology advice and roadmap", self.action_results)
        yield SystemCommand(
            "Validate answers", "Check the saved file as `assess score` reads it", self.action_validate
        )
        for fmt, title in (("pdf", "PDF report"), ("markdown", "Markdown report"), ("json", "JSON results")):
            yield SystemCommand(
                f"Export {title}",
                "Write it to a file",
                lambda fmt=fmt: self.action_export(fmt),
            )
        yield SystemCommand("Edit team facts", "Name, size, services, on-call", self.action_edit_team)
        yield SystemCommand(
            "Close this assessment", "Back to the welcome screen", self.action_close_assessment
        )
        for domain in session.questionnaire.domains:
            answered, total = session.domain_progress(domain.id)
            first = session.questions[session.first_of_domain(domain.id)].id
            yield SystemCommand(
                f"Go to domain: {domain.title}",
                f"{answered} of {total} answered",
                lambda first=first: self.action_go_to(first),
            )
        titles = {d.id: d.title for d in session.questionnaire.domains}
        for question in session.questions:
            state = "answered" if session.is_answered(question.id) else "not answered yet"
            yield SystemCommand(
                f"Go to {question.id}: {question.text}",
                f"{titles[session.domain_index[question.id]]}, {state}",
                lambda qid=question.id: self.action_go_to(qid),
            )


def run(path: Path | None = None) -> int:
    """Run the app in this terminal; the exit code for the command line."""
    app = AssessApp(path)
    app.run()
    if app._watchdog is not None:
        app._watchdog.cancel()
    return 0 if app.return_code in (None, 0) else int(app.return_code)
