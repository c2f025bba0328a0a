"""Start a workshop participant's own answers: the team, then a name or 'anonymous'.

Each person answers alone; the facilitator merges everyone's files with ``assess consensus``.
An anonymous participant's name is never asked for, so it cannot reach any result.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from assess.models.workshop import ANONYMOUS, is_anonymous
from assess.tui import keys
from assess.tui.messages import StartRequested
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar
from assess.tui.widgets.title_bar import TitleBar

INTRO = (
    "Your own answers for a team workshop. Answer alone, as you see the team today; the facilitator "
    "merges everyone's files (assess consensus) and the team then talks through where you disagreed. "
    "Results are shown only after that. Write your name, or 'anonymous': an anonymous answer carries "
    "no name anywhere, not even in this file."
)
MAX_NAME = 200


def check(team: str, name: str) -> dict[str, str]:
    """A problem per field ('team', 'name'); none when both are good."""
    problems: dict[str, str] = {}
    if not team.strip():
        problems["team"] = "the team needs a name (as the facilitator gave it)"
    elif len(team) > MAX_NAME:
        problems["team"] = f"at most {MAX_NAME} characters"
    if not name.strip():
        problems["name"] = "your name, or the word anonymous"
    elif len(name) > MAX_NAME:
        problems["name"] = f"at most {MAX_NAME} characters"
    return problems


class ParticipantScreen(Screen[None]):
    HELP = (
        "Start your own answers for a team workshop: the team's name, then your name or 'anonymous'. "
        "Ctrl+S (or Enter on the last field) starts; the questions follow, and results wait until "
        "the facilitator merges everyone's answers."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "close"),
        keys.binding("save", "submit"),
        keys.binding("help", "app.help"),
        keys.binding("next_field", "app.focus_next", show=False),
        keys.binding("previous_field", "app.focus_previous", show=False),
    ]

    def __init__(self, questionnaire_ref: str) -> None:
        super().__init__()
        self.questionnaire_ref = questionnaire_ref
        self._touched = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="team-form", can_focus=False):
            yield Static(Content(INTRO), id="team-intro")
            with Grid(id="team-grid"):
                yield Label(Content("Team name"), classes="field-label")
                yield TextField(id="participant-team", compact=True, max_length=MAX_NAME)
                yield Static(Content("Required."), id="participant-team-hint", classes="field-hint")
                yield Label(Content("Your name"), classes="field-label")
                yield TextField(
                    id="participant-name", compact=True, max_length=MAX_NAME, placeholder=ANONYMOUS
                )
                yield Static(Content("Or anonymous."), id="participant-name-hint", classes="field-hint")
            with Horizontal(id="team-buttons"):
                yield Button("Start answering", id="participant-submit", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#participant-team", Input).focus()

    def _values(self) -> tuple[str, str]:
        return (
            self.query_one("#participant-team", Input).value,
            self.query_one("#participant-name", Input).value,
        )

    def _show(self) -> dict[str, str]:
        team, name = self._values()
        problems = check(team, name) if self._touched else {}
        for field, hint in (("team", "Required."), ("name", "Or anonymous.")):
            label = self.query_one(f"#participant-{field}-hint", Static)
            problem = problems.get(field)
            label.update(Content(f"✗ {problem}") if problem else Content(hint))
            label.set_class(problem is not None, "-invalid")
        return problems

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "participant-name":
            self.action_submit()
        else:
            self.focus_next()

    @on(Button.Pressed, "#participant-submit")
    def _pressed(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        self._touched = True
        problems = self._show()
        if problems:
            first = "team" if "team" in problems else "name"
            self.query_one(f"#participant-{first}", Input).focus()
            self.notify(problems[first], severity="warning")
            return
        team, name = self._values()
        respondent = ANONYMOUS if is_anonymous(name) else " ".join(name.split())
        self.post_message(StartRequested(self.questionnaire_ref, {"name": team.strip()}, respondent))

    def action_close(self) -> None:
        self.dismiss()
