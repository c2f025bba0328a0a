"""The facilitator's screen: a merged workshop file's disagreements, most costly first.

For each one it shows the question, the votes per answer as a small bar, each voter's note
(anonymous voters without a name) and the proposed consensus. The facilitator picks the answer
the team agreed on (a number, or ↑/↓ and Enter; a checklist ticks its practices with numbers
or Space, then Enter) and says why; the app saves it at once, with ``settled: {note}`` beside
the votes, and goes on to the next one that is still open. Everything comes from the engine's
``Assessment`` for the file as it stands (``assess.engine.workshop``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from assess.models import NA, UNSURE, MultiQuestion, QuestionResult
from assess.tui import keys
from assess.tui.screens.dialogs import TextDialog
from assess.tui.session import AnswerView
from assess.tui.text import line, shown
from assess.tui.widgets.choice_list import EXTRA_LABELS, ChoiceList
from assess.tui.widgets.key_bar import KeyBar
from assess.tui.widgets.title_bar import TitleBar
from assess.tui.widgets.wrapping import hanging

if TYPE_CHECKING:
    from assess.models import Assessment
    from assess.tui.app import AssessApp
    from assess.tui.session import Session
    from assess.tui.workspace import Workspace

BAR = "█"
BAR_WIDTH = 8
MARK_WORDS = {"wide": "wide split", "some": "some split", "none": "agreed"}


def walk(session: Session) -> list[tuple[str, bool]]:
    """The disagreements of the file as it stands, most costly first: (question id, settled)."""
    a = session.assessment()  # disagreements do not depend on the day they are read
    if a.workshop is None:
        return []
    return [(d.question, d.settled) for d in a.workshop.disagreements]


def vote_bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """``count`` votes as a bar, one cell a vote (scaled down when more than ``width`` voted alike)."""
    if count <= 0:
        return ""
    cells = count if most <= width else max(1, round(count * width / most))
    return BAR * cells


class VoteList(ChoiceList):
    """The question's answers with how many people gave each (a bar and the number), the team's
    answer marked as on the question screen, and the proposed consensus named."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: dict[str, int] = {}
        self.proposed: set[str] = set()
        self.settle_all: object = None  # set by the screen: Enter on a checklist settles it

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
        if option_id in self.proposed:
            label += "  · proposed"
        count = self.counts.get(option_id, 0)
        most = max(self.counts.values(), default=0)
        key = str(number % 10) if number <= 10 else " "
        style = "bold $text-success" if picked else ""
        prefix = Content.assemble(
            (key, "$foreground-muted"),
            " ",
            (mark, style),
            " ",
            (vote_bar(count, most).ljust(BAR_WIDTH), "$text-accent"),
            " ",
            (f"{count:>2}", "bold"),
            " ",
        )
        return hanging(prefix, label, self._text_width(), style)

    def action_select(self) -> None:
        if isinstance(self._question, MultiQuestion) and callable(self.settle_all):
            self.settle_all()
            return
        super().action_select()


class FacilitatorScreen(Screen[None]):
    HELP = (
        "The workshop's disagreements, most costly first (how far apart the votes were, times the "
        "question's weight, times the risk if the lowest vote is right). Each row shows how many people "
        "gave that answer. Talk it through, then pick the answer the team agrees on with its number (or "
        "↑/↓ and Enter) and say why: it is saved at once and the next open disagreement follows. A "
        "checklist: tick its practices with numbers or Space, then Enter. ← and → move between "
        "disagreements; Esc goes back to the questions."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.digit_bindings(),
        keys.binding("previous"),
        keys.binding("next"),
        keys.binding("results", "app.results"),
        keys.binding("back", "back"),
        keys.binding("help", "app.help"),
        keys.binding("save", "app.save_now", show=False),
    ]

    def __init__(self, workspace: Workspace, order: list[str]) -> None:
        super().__init__()
        self.workspace = workspace
        self.order = list(order)
        self.position = 0
        self.assessment: Assessment | None = None
        self._shown: str | None = None

    @property
    def session(self) -> Session:
        return self.workspace.session

    @property
    def editor(self) -> AssessApp:
        return cast("AssessApp", self.app)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="ws-main"):
            yield Static(id="ws-where")
            yield Static(id="ws-question")
            yield VoteList(id="ws-votes")
            yield Static(id="ws-proposed")
            yield Static(id="ws-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        votes = self.query_one("#ws-votes", VoteList)
        votes.chooser = self.choose
        votes.settle_all = self._settle_checklist
        self._refresh_assessment()
        self.position = self._next_open(0) if self.order else 0
        self.show()
        votes.focus()
        self.watch(self.app, "revision", self._changed, init=False)

    # ---- what is shown -----------------------------------------------------------------

    def _refresh_assessment(self) -> None:
        self.assessment = self.session.assessment()

    def _result(self, question_id: str) -> QuestionResult | None:
        assert self.assessment is not None
        return next((q for q in self.assessment.questions if q.id == question_id), None)

    def _settled(self, question_id: str) -> bool:
        result = self._result(question_id)
        return result is not None and result.workshop is not None and result.workshop.settled

    def _next_open(self, start: int) -> int:
        """The first disagreement at or after ``start`` (wrapping) not settled yet; else ``start``."""
        count = len(self.order)
        for step in range(count):
            index = (start + step) % count
            if not self._settled(self.order[index]):
                return index
        return min(start, count - 1)

    def show(self) -> None:
        where = self.query_one("#ws-where", Static)
        if not self.order:
            where.update(Content("No disagreements to talk through."))
            return
        qid = self.order[self.position]
        question = self.session.questions[self.session.index_of[qid]]
        result = self._result(qid)
        ws = result.workshop if result is not None else None
        open_left = sum(not self._settled(q) for q in self.order)
        domain = next(
            d.title for d in self.session.questionnaire.domains if d.id == self.session.domain_index[qid]
        )
        state = "settled" if ws is not None and ws.settled else "open"
        mark = MARK_WORDS.get(ws.disagreement or "", "agreed") if ws is not None else "—"
        voices = f"{ws.voices} voices" if ws is not None else ""
        where.update(
            Content.assemble(
                (f"Disagreement {self.position + 1} of {len(self.order)}", "bold"),
                (f" ({open_left} open)" if open_left else " (all settled)", "$text-accent"),
                (f"  ·  {state}  ·  {mark}, {voices}  ·  {line(domain)}", "$foreground-muted"),
            )
        )
        self.query_one("#ws-question", Static).update(Content.styled(shown(question.text), "bold"))
        votes = self.query_one("#ws-votes", VoteList)
        votes.counts = {t.option: t.count for t in ws.tally} if ws is not None else {}
        votes.proposed = set(ws.consensus or []) if ws is not None else set()
        if self._shown == qid:
            votes.update_marks(self.session.view(qid))  # a tick on a checklist: keep the highlight
        else:
            votes.show(question, self.session.view(qid))
        self._shown = qid
        proposed = self.query_one("#ws-proposed", Static)
        parts: list[str | tuple[str, str]] = []
        if ws is not None:
            labels = {c.id: c.label for c in question.choices}
            proposal = "; ".join(shown(labels.get(c, c)) for c in (ws.consensus or [])) or "nothing"
            parts += [("Proposed: ", "bold"), proposal]
            if ws.settled:
                parts += ["\n", ("Settled", "bold $text-success")]
                if ws.settled_note:
                    parts += [(": ", "bold"), shown(ws.settled_note)]
        proposed.update(Content.assemble(*parts))
        numbers = {option: n for n, option in enumerate(votes.option_ids, 1)}
        lines: list[Content] = []
        for vote in ws.votes if ws is not None else []:
            if vote.note:
                answered = ", ".join(str(numbers[a]) for a in vote.answer if a in numbers) or "none"
                lines.append(
                    Content.assemble(
                        (line(vote.respondent or "anonymous"), "bold"),
                        (f" (answered {answered})", "$foreground-muted"),
                        ": ",
                        line(vote.note),
                    )
                )
        self.query_one("#ws-notes", Static).update(
            Content("\n").join(lines)
            if lines
            else Content.styled("Nobody left a note on this one.", "$foreground-muted")
        )

    def _changed(self) -> None:
        self._refresh_assessment()
        self.show()

    # ---- settling ----------------------------------------------------------------------------

    def choose(self, option: str, advance: bool) -> None:
        """A number, Enter or Space on an answer: a single choice is settled on it (after why); a
        checklist's practice is ticked or unticked."""
        qid = self.order[self.position]
        question = self.session.questions[self.session.index_of[qid]]
        if isinstance(question, MultiQuestion) and option not in (NA, UNSURE):
            self.editor.pick(qid, option)
            return
        self._ask_why(qid, option, advance)

    def _settle_checklist(self) -> None:
        qid = self.order[self.position]
        self._ask_why(qid, None, True)

    def _ask_why(self, qid: str, option: str | None, advance: bool) -> None:
        question = self.session.questions[self.session.index_of[qid]]
        current = self.session.view(qid)
        if option is not None and current.status == option and option in (NA, UNSURE):
            option = None  # already so: settle it as it stands
        if option is None and current.status == "unanswered":
            self.notify("Tick the practices the team agrees on first, then Enter.", severity="warning")
            return
        labels = {c.id: c.label for c in question.choices} | EXTRA_LABELS
        agreed = labels.get(option, option) if option is not None else "the ticked practices"
        result = self._result(qid)
        note = (
            result.workshop.settled_note or "" if result is not None and result.workshop is not None else ""
        )

        def given(why: str | None) -> None:
            if why is None:
                return
            self.editor.settle(qid, option, why)
            if advance:
                self.action_next_open()

        self.app.push_screen(
            TextDialog(
                "Settle: " + shown(agreed)[:60],
                "Why did the team agree on this answer? The note goes into the report beside the votes. "
                "Enter settles it (the note may be empty); Esc goes back to the votes.",
                note,
                "e.g. runbooks exist for the checkout alerts only",
            ),
            given,
        )

    # ---- moving ------------------------------------------------------------------------------

    def action_next_open(self) -> None:
        if not self.order:
            return
        if all(self._settled(q) for q in self.order):
            self.notify(
                "Every disagreement is settled. s shows the results; Esc goes back to the questions.",
                title="Workshop",
            )
            self.show()
            return
        self.position = self._next_open((self.position + 1) % len(self.order))
        self.show()

    def action_next(self) -> None:
        if self.order and self.position + 1 < len(self.order):
            self.position += 1
            self.show()

    def action_previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.show()

    def action_pick(self, number: int) -> None:
        votes = self.query_one("#ws-votes", VoteList)
        if not votes.has_focus:
            votes.focus()
        votes.pick_number(number)

    def action_back(self) -> None:
        self.dismiss()
