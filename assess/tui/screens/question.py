"""One question at a time, with the domains in a sidebar when the terminal is wide enough."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, ProgressBar, Static

from assess.models import NA, UNSURE, MultiQuestion
from assess.tui.messages import AnswerCleared, ChoicePicked, NoteEdited, ResultsRequested
from assess.tui.screens.domains import DomainPicker
from assess.tui.screens.help import HelpScreen
from assess.tui.widgets.choice_list import ChoiceList
from assess.tui.widgets.domain_list import DomainList
from assess.tui.widgets.wrapping import wrap

if TYPE_CHECKING:
    from assess.tui.session import Session

NUMBER_KEYS = "1234567890"


class QuestionScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(1)", "Pick", key_display="1-9"),
        *(Binding(k, f"pick({k})", show=False) for k in NUMBER_KEYS[1:]),
        Binding("left,p", "previous", "Back", key_display="←"),
        Binding("right,n", "next", "Next", key_display="→"),
        Binding("e", "edit_note", "Note"),
        Binding("d", "domains", "Domains"),
        Binding("r", "results", "Results"),
        Binding("t", "app.edit_team", "Team", show=False),
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("delete", "clear", "Clear answer", show=False),
        Binding("left_square_bracket", "domain(-1)", "Previous domain", show=False),
        Binding("right_square_bracket", "domain(1)", "Next domain", show=False),
        Binding("escape", "leave_note", "Done with note"),
    ]

    index: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, session: Session, index: int = 0) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(QuestionScreen.index, index)
        self._shown_id: str | None = None
        self._save_problem: str | None = None
        self._save_shown = False
        self._secondary_pending = False
        self._progress_shown: tuple[int, int] | None = None

    # ---- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="question-body"):
            sidebar = DomainList(id="sidebar")
            sidebar.border_title = "Domains"
            yield sidebar
            with Vertical(id="question-main"):
                with Horizontal(id="where-row"):
                    yield Static(id="where")
                    yield Static(id="qid")
                yield Static(id="question-text")
                yield Static(id="question-hint")
                yield ChoiceList(id="choices")
                yield Static(id="guidance")
                # Typing adds to a note; it never replaces one by surprise.
                yield Input(
                    id="note", compact=True, placeholder="Note", max_length=2000, select_on_focus=False
                )
        with Horizontal(id="progress-row"):
            yield Static(id="progress-label")
            yield ProgressBar(total=len(self.session.questions), show_eta=False, id="progress")
            yield Static(id="save-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_question()
        self.set_save_status(self._save_problem)
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
        # question to one partial repaint.
        self.query_one("#where", Static).update(
            Content.assemble(
                (domain.title, "bold $text-accent"),
                f"  ·  {in_domain.index(question.id) + 1} of {len(in_domain)}",
            ),
            layout=False,
        )
        self.query_one("#qid", Static).update(Content.styled(question.id, "$foreground-muted"), layout=False)
        self._fit_question_text()
        multi = isinstance(question, MultiQuestion)
        self.query_one("#question-hint", Static).update(
            Content.styled(
                ("Select all that apply (Enter or a number toggles; → when done)" if multi else "Pick one")
                + "  ·  ? explains the question",
                "$foreground-muted",
            ),
            layout=False,
        )
        choices = self.query_one("#choices", ChoiceList)
        choices.show(question, answer)
        note = self.query_one("#note", Input)
        with note.prevent(Input.Changed):
            note.value = answer.note
        self._later()

    def _later(self) -> None:
        """Guidance, progress and sidebar wait for the next frame: the question itself paints first."""
        if not self._secondary_pending:
            self._secondary_pending = True
            self.set_timer(0.05, self._secondary)

    def _secondary(self) -> None:
        self._secondary_pending = False
        self._update_note_state(self.session.is_answered(self.session.questions[self.index].id))
        self._update_guidance()
        self._update_progress()

    def _fit_question_text(self) -> None:
        """Show the question text, sized to its wrapped lines (a layout pass only when that changes)."""
        text = self.session.questions[self.index].text
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

    def _update_note_state(self, answered: bool) -> None:
        note = self.query_one("#note", Input)
        note.disabled = not answered
        note.placeholder = (
            "Note: what a reader of the report should know (e to edit)"
            if answered
            else "Note: pick an answer first"
        )

    def _update_progress(self) -> None:
        session = self.session
        answered, total = session.progress()
        if (answered, total) != self._progress_shown:
            self._progress_shown = (answered, total)
            self.query_one("#progress", ProgressBar).update(progress=answered)
            label = self.query_one("#progress-label", Static)
            label.update(Content(f"{answered} of {total} answered"), layout=False)
        current_domain = session.domain_index[session.questions[self.index].id]
        rows = [(d.id, d.title, *session.domain_progress(d.id)) for d in session.questionnaire.domains]
        self.query_one("#sidebar", DomainList).show(rows, current_domain)

    def _update_guidance(self) -> None:
        question = self.session.questions[self.index]
        choices = self.query_one("#choices", ChoiceList)
        guidance = self.query_one("#guidance", Static)
        index = choices.highlighted
        ids = choices.option_ids
        text = Content("")
        if index is not None and index < len(ids) and ids[index] not in (NA, UNSURE):
            choice = next(c for c in question.choices if c.id == ids[index])
            if choice.guidance is not None:
                parts: list[str | tuple[str, str]] = [("Good enough? ", "bold"), choice.guidance.good_enough]
                if choice.guidance.do_better:
                    parts += ["\n", ("Do better: ", "bold"), choice.guidance.do_better]
                text = Content.assemble(*parts)
        guidance.update(text, layout=False)

    def _answers_changed(self) -> None:
        changed = getattr(self.app, "changed_question", None)
        shown = self.session.questions[self.index].id
        if changed in (None, shown):
            answer = self.session.view(shown)
            self.query_one("#choices", ChoiceList).update_marks(answer)
            self._update_note_state(answer.answered)
        self._later()

    def set_save_status(self, problem: str | None) -> None:
        if self._save_shown and problem == self._save_problem:
            return
        self._save_problem = problem
        try:
            status = self.query_one("#save-status", Static)
        except NoMatches:  # not composed yet; on_mount shows it
            return
        status.update(Content("✗ NOT SAVED" if problem else "✓ saved"), layout=False)
        status.set_class(problem is not None, "-error")
        self._save_shown = True

    # ---- input -----------------------------------------------------------

    @on(ChoiceList.Picked)
    def _picked(self, event: ChoiceList.Picked) -> None:
        event.stop()
        question = self.session.questions[self.index]
        self.post_message(ChoicePicked(question.id, event.option))
        if event.advance and not isinstance(question, MultiQuestion):
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
        event.stop()
        if self._shown_id is not None:
            self.post_message(NoteEdited(self._shown_id, event.value))

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
        if self.index + 1 >= len(self.session.questions):
            self.post_message(ResultsRequested())
        else:
            self.index += 1

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1

    def action_domain(self, step: int) -> None:
        domains = [d.id for d in self.session.questionnaire.domains]
        current = domains.index(self.session.domain_index[self.session.questions[self.index].id])
        target = domains[(current + step) % len(domains)]
        self.go_to(self.session.first_of_domain(target))

    def action_edit_note(self) -> None:
        note = self.query_one("#note", Input)
        if not self.session.is_answered(self.session.questions[self.index].id):
            self.notify("Pick an answer first; a note is saved with its answer.", severity="warning")
            return
        self._update_note_state(True)
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
        self.post_message(AnswerCleared(self.session.questions[self.index].id))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.session.questions[self.index]))

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
