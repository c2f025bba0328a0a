"""One question at a time, with the domains in a sidebar when the terminal is wide enough.

Answers go to the app as direct calls (``app.pick`` and friends), which save
before they return: the screen moves on only after the answer is on disk, so
what is painted is never ahead of the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, OptionList, ProgressBar, Static

from assess.models import NA, UNSURE, MultiQuestion
from assess.tui import keys
from assess.tui.messages import ResultsRequested
from assess.tui.screens.dialogs import TextDialog
from assess.tui.screens.domains import DomainPicker
from assess.tui.text import line, shown
from assess.tui.widgets.choice_list import ChoiceList
from assess.tui.widgets.domain_list import DomainList
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar
from assess.tui.widgets.title_bar import TitleBar
from assess.tui.widgets.wrapping import wrap

if TYPE_CHECKING:
    from assess.tui.app import AssessApp
    from assess.tui.session import Session
    from assess.tui.workspace import Status, Workspace

UNSURE_GUIDANCE = (
    "Unsure scores as the least mature answer and is listed as a gap to find out about: "
    "use it when nobody in the room knows, and ask someone who does."
)
NA_GUIDANCE = "Not applicable leaves this question out of every score. You are asked why, for the report."


class NoteField(TextField):
    """The note of the question on screen: every keystroke goes to the app (and the file) at once."""

    question_id: str | None = None

    def watch_value(self, value: str) -> None:
        # Runs inside the key handler, before anything is painted.
        if self.question_id is not None and self.is_mounted and self.has_focus:
            cast("AssessApp", self.app).set_note(self.question_id, value)


class QuestionScreen(Screen[None]):
    HELP = (
        "One question at a time. Pick the answer that describes the team today with its number "
        "(or ↑/↓ and Enter); the app saves it at once and moves on. Space picks without moving on. "
        "A checklist takes several numbers, then → when done. Follow-ups an earlier answer rules out "
        "(no SLOs: no questions about them) are passed over and count as n/a. Every answer is on disk "
        "before the next question shows."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.digit_bindings(),
        keys.binding("previous"),
        keys.binding("next"),
        keys.binding("note", "edit_note"),
        keys.binding("domains"),
        keys.binding("results"),
        keys.binding("team", "app.edit_team", show=False),
        keys.binding("disagreements", "app.disagreements", show=False),
        keys.binding("help", "app.help"),
        keys.binding("clear", show=False),
        keys.binding("previous_domain", "domain(-1)", show=False),
        keys.binding("next_domain", "domain(1)", show=False),
        keys.binding("gap", "first_gap", show=False),
        keys.binding("save", "app.save_now", show=False),
        keys.binding("back", "leave_note"),
    ]

    index: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, workspace: Workspace, index: int = 0) -> None:
        super().__init__()
        self.workspace = workspace
        self.set_reactive(QuestionScreen.index, index)
        self._shown_id: str | None = None
        self._secondary_pending = False
        self._progress_shown: tuple[int, int, int] | None = None
        self._status_shown: Status | None = None

    @property
    def session(self) -> Session:
        return self.workspace.session

    @property
    def editor(self) -> AssessApp:
        return cast("AssessApp", self.app)

    # ---- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="question-body"):
            sidebar = DomainList(id="sidebar")
            sidebar.border_title = "Domains"
            yield sidebar
            with Vertical(id="question-main"):
                with Horizontal(id="where-row"):
                    yield Static(id="counter")
                    yield Static(id="where")
                    yield Static(id="qid")
                yield Static(id="question-text")
                yield Static(id="question-hint")
                yield ChoiceList(id="choices")
                yield Static(id="guidance")
                yield Static(id="reason", classes="hidden")
                # Typing adds to a note; it never replaces one by surprise.
                yield NoteField(
                    id="note", compact=True, placeholder="Note", max_length=2000, select_on_focus=False
                )
        yield Static(id="save-problem", classes="hidden")
        with Horizontal(id="progress-row"):
            yield Static(id="progress-label")
            yield ProgressBar(total=len(self.session.questions), show_eta=False, id="progress")
            yield Static(id="save-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#choices", ChoiceList).chooser = self.choose
        self.show_question()
        self.show_status(self.workspace.status())
        self.query_one("#choices", ChoiceList).focus()
        self.watch(self.app, "revision", self._answers_changed, init=False)

    # ---- rendering -------------------------------------------------------

    def watch_index(self) -> None:
        self.show_question()

    def show_question(self) -> None:
        session = self.session
        question = session.questions[self.index]
        domain_id = session.domain_index[question.id]
        domain = next(d for d in session.questionnaire.domains if d.id == domain_id)
        in_domain = [q.id for q in domain.questions]
        answer = session.view(question.id)
        self._shown_id = question.id
        # Fixed-size widgets are updated without a layout pass: that keeps a new
        # question to one partial repaint. The counter comes first so it is never cut.
        self.query_one("#counter", Static).update(
            Content.styled(f"{in_domain.index(question.id) + 1} of {len(in_domain)}  ", "$foreground-muted"),
            layout=False,
        )
        self.query_one("#where", Static).update(
            Content.styled(line(domain.title), "bold $text-accent"), layout=False
        )
        self.query_one("#qid", Static).update(
            Content.styled(line(question.id), "$foreground-muted"), layout=False
        )
        self._fit_question_text()
        multi = isinstance(question, MultiQuestion)
        self.query_one("#question-hint", Static).update(
            Content.styled(
                ("Select all that apply, then →" if multi else "Pick one (a number, or ↑↓ Enter)")
                + " · F1 explains",
                "$foreground-muted",
            ),
            layout=False,
        )
        choices = self.query_one("#choices", ChoiceList)
        choices.show(question, answer)
        note = self.query_one("#note", NoteField)
        note.question_id = None  # not a change by the person
        note.value = self.workspace.note_of(question.id)
        note.question_id = question.id
        self._show_reason()
        self._later()

    def _show_reason(self) -> None:
        qid = self.session.questions[self.index].id
        answer = self.session.view(qid)
        reason = self.query_one("#reason", Static)
        skipped = self.session.does_not_apply().get(qid)
        if skipped is not None:
            # The engine scores it as n/a whatever is picked here; say so, and why.
            reason.update(
                Content.assemble((line(skipped), "bold"), " It is not asked, and not scored."), layout=False
            )
        elif answer.status == NA:
            text = answer.reason or "(no reason given: pick n/a again to add one)"
            reason.update(Content.assemble(("Why n/a: ", "bold"), line(text)), layout=False)
        reason.set_class(skipped is None and answer.status != NA, "hidden")

    def _later(self) -> None:
        """Guidance, progress and sidebar wait for the next frame: the question itself paints first."""
        if not self._secondary_pending:
            self._secondary_pending = True
            self.set_timer(0.05, self._secondary)

    def _secondary(self) -> None:
        self._secondary_pending = False
        if not self.is_mounted:
            return
        self._update_note_state()
        self._update_guidance()
        self._update_progress()

    def _fit_question_text(self) -> None:
        """Show the question text, sized to its wrapped lines (a layout pass only when that changes)."""
        text = shown(self.session.questions[self.index].text)
        static = self.query_one("#question-text", Static)
        width = static.content_region.width or self._main_width()
        # Two lines at least, so the choices do not jump up and down between questions.
        lines = max(2, len(wrap(text, width)))
        resize = static.styles.height is None or static.styles.height.value != lines
        if resize:
            static.styles.height = lines
        static.update(Content.styled(text, "bold"), layout=resize)

    def _main_width(self) -> int:
        """The question column's width before the first layout: the screen less the sidebar, if shown."""
        sidebar = 0 if self.has_class("-narrow") else 35
        return max(20, self.app.size.width - sidebar - 2)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_question_text)

    def _update_note_state(self) -> None:
        note = self.query_one("#note", NoteField)
        qid = self.session.questions[self.index].id
        if self.session.is_answered(qid):
            note.placeholder = "Note: what a reader of the report should know (e to write)"
        else:
            note.placeholder = "Note (e to write): saved with the answer you pick"

    def _update_progress(self) -> None:
        session = self.session
        answered, total = session.progress()
        skipped = len(session.does_not_apply())
        if (answered, total, skipped) != self._progress_shown:
            self._progress_shown = (answered, total, skipped)
            self.query_one("#progress", ProgressBar).update(progress=answered + skipped)
            label = self.query_one("#progress-label", Static)
            text = f"{answered} of {total} answered" + (f", {skipped} n/a" if skipped else "")
            label.update(Content(text), layout=False)
        if self.query_one("#sidebar").display:
            current_domain = session.domain_index[session.questions[self.index].id]
            rows = [(d.id, d.title, *session.domain_progress(d.id)) for d in session.questionnaire.domains]
            self.query_one("#sidebar", DomainList).show(rows, current_domain)

    def _update_guidance(self) -> None:
        question = self.session.questions[self.index]
        choices = self.query_one("#choices", ChoiceList)
        guidance = self.query_one("#guidance", Static)
        index = choices.highlighted
        ids = choices.option_ids
        text = Content.styled("↓ or a number shows what each answer means here.", "$foreground-muted")
        if index is not None and index < len(ids):
            option = ids[index]
            if option == UNSURE:
                text = Content(UNSURE_GUIDANCE)
            elif option == NA:
                text = Content(NA_GUIDANCE)
            else:
                choice = next(c for c in question.choices if c.id == option)
                paragraphs: list[tuple[str, str]] = []
                if choice.guidance is not None:
                    paragraphs.append(("Good enough? ", shown(choice.guidance.good_enough)))
                    if choice.guidance.do_better:
                        paragraphs.append(("Do better: ", shown(choice.guidance.do_better)))
                text = self._fit_guidance(paragraphs, guidance)
        guidance.update(text, layout=False)

    def _fit_guidance(self, paragraphs: list[tuple[str, str]], guidance: Static) -> Content:
        """The guidance in the lines the panel has: whole words, and a pointer to F1 when it is longer."""
        width = max(10, (guidance.content_region.width or self._main_width() - 4))
        room = max(1, guidance.content_region.height or 5)
        lines: list[Content] = []
        for label, body in paragraphs:
            wrapped = wrap(label + body, width)
            for n, text in enumerate(wrapped):
                if n == 0:
                    lines.append(Content.assemble((label, "bold"), text[len(label) :]))
                else:
                    lines.append(Content(text))
        if len(lines) > room:
            lines = lines[:room]
            last = lines[-1].plain
            more = " … F1 for all"
            words = last.split(" ")
            while words and len(" ".join(words)) + len(more) > width:
                words.pop()
            lines[-1] = Content(" ".join(words) + more)
        return Content("\n").join(lines)

    def _answers_changed(self) -> None:
        changed = getattr(self.app, "changed_question", None)
        shown_id = self.session.questions[self.index].id
        if changed in (None, shown_id):
            answer = self.session.view(shown_id)
            self.query_one("#choices", ChoiceList).update_marks(answer)
            self._show_reason()
            if changed is None:  # reloaded, or the team changed: the note may differ too
                note = self.query_one("#note", NoteField)
                if not note.has_focus:
                    note.question_id = None
                    note.value = self.workspace.note_of(shown_id)
                    note.question_id = shown_id
        self._later()

    def show_status(self, status: Status) -> None:
        """The save status: a mark in the progress row, and the exact problem on a line of its own."""
        if status == self._status_shown:
            return
        self._status_shown = status
        try:
            mark = self.query_one("#save-status", Static)
            problem = self.query_one("#save-problem", Static)
        except NoMatches:  # not composed yet; on_mount shows it
            return
        mark.update(Content(status.short()), layout=False)
        mark.set_class(not status.saved, "-error")
        text = status.long()
        problem.update(Content(text))
        problem.set_class(not text, "hidden")
        problem.set_class(not status.saved, "-error")

    # ---- input -----------------------------------------------------------

    @on(ChoiceList.Picked)
    def _picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        self.choose(event.option, event.advance)

    def choose(self, option: str, advance: bool) -> None:
        """An answer was chosen (a number key, Enter or Space on the choices, or a click)."""
        question = self.session.questions[self.index]
        if option == NA and not (
            self.session.view(question.id).status == NA and isinstance(question, MultiQuestion)
        ):
            self._ask_reason(question.id, advance)
            return
        # Saved before this returns: only then does the screen move on.
        self.editor.pick(question.id, option)
        if advance and not isinstance(question, MultiQuestion):
            self.action_next()

    def _ask_reason(self, question_id: str, advance: bool) -> None:
        current = self.session.view(question_id)

        def given(reason: str | None) -> None:
            if reason is None:
                return
            self.editor.set_na(question_id, reason)
            if advance and self.session.questions[self.index].id == question_id:
                self.action_next()

        self.app.push_screen(
            TextDialog(
                "Not applicable",
                "Why does this question not apply to the team? The reason goes in the report. "
                "Enter keeps it (it may be empty); Esc leaves the answer as it was.",
                current.reason if current.status == NA else "",
                "e.g. we run no customer-facing services",
            ),
            given,
        )

    @on(ChoiceList.Skipped)
    def _skipped(self, event: ChoiceList.Skipped) -> None:
        event.stop()
        self.action_next()

    @on(OptionList.OptionHighlighted, "#choices")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._later()

    @on(OptionList.OptionSelected, "#sidebar")
    def _domain_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.go_to(self.session.first_of_domain(event.option.id))
            self.query_one("#choices", ChoiceList).focus()

    @on(Input.Changed, "#note")
    def _note_changed(self, event: Input.Changed) -> None:
        event.stop()  # saved by NoteField itself, before the paint

    @on(Input.Submitted, "#note")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#choices", ChoiceList).focus()

    # ---- actions ---------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.session.questions) - 1))

    def action_pick(self, number: int) -> None:
        choices = self.query_one("#choices", ChoiceList)
        if not choices.has_focus:
            choices.focus()
        choices.pick_number(number)

    def action_next(self) -> None:
        """The next question that applies (follow-ups ruled out by an earlier answer are passed
        over); after the last, the results."""
        following = self.session.asked(self.index, 1)
        if following is None:
            self.post_message(ResultsRequested())
        else:
            self.index = following

    def action_previous(self) -> None:
        before = self.session.asked(self.index, -1)
        if before is not None:
            self.index = before

    def action_domain(self, step: int) -> None:
        domains = [d.id for d in self.session.questionnaire.domains]
        current = domains.index(self.session.domain_index[self.session.questions[self.index].id])
        target = domains[(current + step) % len(domains)]
        self.go_to(self.session.first_of_domain(target))

    def action_first_gap(self) -> None:
        index = self.session.first_unanswered(self.index)
        if index is None:
            self.notify("Every question has an answer.")
        else:
            self.go_to(index)

    def action_edit_note(self) -> None:
        note = self.query_one("#note", NoteField)
        self._update_note_state()
        note.focus()
        note.cursor_position = len(note.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_note":
            return isinstance(self.focused, Input)
        return True

    def action_leave_note(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#choices", ChoiceList).focus()

    def action_clear(self) -> None:
        qid = self.session.questions[self.index].id
        if self.session.view(qid).note or self.session.view(qid).has_evidence:
            self.notify(
                "This answer has a note (or evidence) that needs an answer to be saved; clear the note "
                "(e) first.",
                severity="warning",
            )
            return
        self.editor.clear(qid)

    def action_domains(self) -> None:
        def chosen(domain_id: str | None) -> None:
            if domain_id:
                self.go_to(self.session.first_of_domain(domain_id))

        rows = [
            (d.id, d.title, *self.session.domain_progress(d.id)) for d in self.session.questionnaire.domains
        ]
        current = self.session.domain_index[self.session.questions[self.index].id]
        self.app.push_screen(DomainPicker(rows, current), chosen)

    def action_results(self) -> None:
        self.post_message(ResultsRequested())
