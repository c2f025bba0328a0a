"""Team facts, checked as you type with the rules the headless mode uses (``TeamProfile``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from assess.models import TeamProfile
from assess.tui import keys
from assess.tui.messages import StartRequested
from assess.tui.screens.dialogs import ConfirmDialog
from assess.tui.session import TEAM_FIELDS
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar
from assess.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from assess.tui.app import AssessApp

# Short enough for one line each at 80 columns; the model's descriptions say the same at length.
LABELS = {
    "name": "Team name",
    "engineers": "Engineers",
    "services": "Services run",
    "teams_in_org": "Teams in the org",
    "sre_count": "SREs in the org",
    "on_call_engineers": "On-call engineers",
    "pages_per_week": "Pages per week",
    "incidents_per_week": "Incidents per week",
    "current_setup": "Today's setup",
    "setup_since": "Setup since",
}
HINTS = {
    "name": "Required; names the saved file.",
    "engineers": "People in this team.",
    "services": "Production services it runs.",
    "teams_in_org": "Stream-aligned teams in the org.",
    "sre_count": "Dedicated SREs there today.",
    "on_call_engineers": "People in the on-call rotation.",
    "pages_per_week": "Pages reaching on-call a week.",
    "incidents_per_week": "Incidents (not pages) a week.",
    "current_setup": "within-team, embedded, enabling, platform, separate or none.",
    "setup_since": "Date it started, YYYY-MM-DD.",
}
_INT = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")


def hint(field: str) -> str:
    return HINTS[field]


def parse_field(field: str, text: str) -> Any:
    """What the YAML reader would make of the typed text: None, an int, a float, or the text."""
    if field == "name":
        return text
    stripped = text.strip().replace("_", "")
    if not stripped:
        return None
    if _INT.match(stripped):
        return int(stripped)
    if _FLOAT.match(stripped):
        return float(stripped)
    return text


def check(texts: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """(valid values, error per field) for the typed texts, by ``TeamProfile``'s rules."""
    values = {field: parse_field(field, text) for field, text in texts.items()}
    errors: dict[str, str] = {}
    try:
        TeamProfile.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0]) if error["loc"] else "name"
            if field in errors:
                continue
            kind = error["type"]
            if kind in ("int_type", "float_type", "int_parsing", "float_parsing"):
                number = "a number" if field == "pages_per_week" else "a whole number"
                errors[field] = f"{number}, please"
            elif kind in ("string_too_short", "missing") and field == "name":
                errors[field] = "the team needs a name"
            else:
                errors[field] = str(error["msg"]).removeprefix("Value error, ")
    return {f: v for f, v in values.items() if f not in errors}, errors


class TeamScreen(Screen[None]):
    """The form for a new assessment (Start) or for the one being edited (changes save as you type)."""

    HELP = (
        "Facts about the team. The topology advice cites each fact it uses; only the name is "
        "required. Each field is checked as you type. For a new assessment, Ctrl+S (or Enter on the "
        "last field) starts it; when editing, every valid change is saved at once."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.binding("back", "close"),
        keys.binding("save", "submit"),
        keys.binding("help", "app.help"),
        keys.binding("next_field", "app.focus_next", show=False),
        keys.binding("previous_field", "app.focus_previous", show=False),
    ]

    def __init__(self, team: Mapping[str, Any], *, questionnaire_ref: str | None = None) -> None:
        super().__init__()
        self.team = dict(team)
        self.questionnaire_ref = questionnaire_ref  # set for a new assessment
        self.errors: dict[str, str] = {}
        self._touched = False  # no "needs a name" before the person has typed or submitted

    @property
    def is_new(self) -> bool:
        return self.questionnaire_ref is not None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="team-form", can_focus=False):
            yield Static(
                Content(
                    "Facts about the team. The topology advice cites each fact it uses; "
                    "only the name is required, and you can change these later (t). "
                    + ("Ctrl+S starts." if self.is_new else "Changes are saved as you type.")
                ),
                id="team-intro",
            )
            with Grid(id="team-grid"):
                for field in TEAM_FIELDS:
                    value = self.team.get(field)
                    yield Label(Content(LABELS[field]), classes="field-label")
                    yield TextField(
                        value="" if value is None else str(value),
                        id=f"team-{field}",
                        compact=True,
                        max_length=200,
                    )
                    yield Static(Content(hint(field)), id=f"team-{field}-hint", classes="field-hint")
            with Horizontal(id="team-buttons"):
                yield Button(
                    "Start the assessment" if self.is_new else "Done", id="team-submit", variant="primary"
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#team-name", Input).focus()
        self._validate(post=False)

    def texts(self) -> dict[str, str]:
        return {field: self.query_one(f"#team-{field}", Input).value for field in TEAM_FIELDS}

    def _validate(self, *, post: bool) -> dict[str, Any]:
        values, self.errors = check(self.texts())
        for field in TEAM_FIELDS:
            label = self.query_one(f"#team-{field}-hint", Static)
            problem = self.errors.get(field)
            if field == "name" and not self._touched and not self.texts()["name"]:
                problem = None
            label.update(Content(f"✗ {problem}") if problem else Content(hint(field)))
            label.set_class(problem is not None, "-invalid")
            self.query_one(f"#team-{field}", Input).set_class(problem is not None, "-invalid")
        self.query_one("#team-submit", Button).disabled = bool(self.errors) and self.is_new
        if post and not self.is_new:
            cast("AssessApp", self.app).set_team(values)
        return values

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._touched = True
        self._validate(post=True)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"team-{TEAM_FIELDS[-1]}":
            self.action_submit()
        else:
            self.focus_next()

    @on(Button.Pressed, "#team-submit")
    def _pressed(self) -> None:
        self.action_submit()

    def valid_values(self) -> dict[str, Any] | None:
        values, errors = check(self.texts())
        return None if errors else values

    def action_submit(self) -> None:
        self._touched = True
        values = self._validate(post=False)
        if self.errors:
            first = next(f for f in TEAM_FIELDS if f in self.errors)
            self.query_one(f"#team-{first}", Input).focus()
            self.notify(f"{LABELS[first]}: {self.errors[first]}", severity="warning")
            return
        if self.questionnaire_ref is not None:
            self.post_message(StartRequested(self.questionnaire_ref, values))
        else:
            self.dismiss()

    def typed_anything(self) -> bool:
        return any(text.strip() for text in self.texts().values())

    def action_close(self) -> None:
        if self.is_new and self.typed_anything():

            def answered(leave: bool | None) -> None:
                if leave:
                    self.dismiss()

            self.app.push_screen(
                ConfirmDialog(
                    "Leave the new assessment?",
                    "It has not started yet, so what you typed here is not saved. Leave anyway?",
                ),
                answered,
            )
            return
        if not self.is_new:
            _, errors = check(self.texts())
            if errors:
                kept = ", ".join(LABELS[f].lower() for f in TEAM_FIELDS if f in errors)
                self.notify(
                    f"Not saved, because not valid: {kept}. The saved values stay.", severity="warning"
                )
        self.dismiss()
