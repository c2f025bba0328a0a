"""What the team agreed for one plan action: status, owner, due date, tracker link, and the reason
when it accepts the risk. Checked with the rules the headless mode uses (``ActionRecord``); the
results screen saves it through the app, as every other change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from assess.models import ActionRecord, BacklogItem, RoadmapItem
from assess.tui import keys
from assess.tui.text import shown
from assess.tui.widgets.fields import TextField
from assess.tui.widgets.key_bar import KeyBar

NOT_AGREED = "none"
STATUSES = (
    (NOT_AGREED, "Not agreed yet (takes it off the actions list)"),
    ("planned", "Planned"),
    ("in-progress", "In progress"),
    ("done", "Done"),
    ("accepted-risk", "Accepted risk: not now, and say why"),
)
FIELDS = (
    ("owner", "Owner", "A person or team (for Jira, their e-mail)."),
    ("due", "Due date", "YYYY-MM-DD; past it, the action is overdue."),
    ("link", "Tracker link", "An issue URL or key, such as PAY-123."),
    ("reason", "Reason", "Why: needed to accept the risk."),
)
FIELD_IDS = tuple(f for f, _, _ in FIELDS)
ORDER = ("status", "owner", "due", "link", "reason", "since", "done_when")


@dataclass(frozen=True)
class ActionEdit:
    """The dialog's outcome: the entry to record, or None to take the action off the list."""

    entry: dict[str, Any] | None


def entry_for(
    status: str,
    texts: Mapping[str, str],
    current: Mapping[str, Any] | None,
    item: RoadmapItem | BacklogItem,
    today: dt.date,
) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """(the entry as the answers file holds it, problems per field) for what was typed.

    The step (``done_when``) is the row's; ``since`` is today when the status changes, else kept."""
    if status == NOT_AGREED:
        return None, {}
    current = current or {}
    values: dict[str, Any] = {"status": status}
    for field, _, _ in FIELDS:
        text = texts.get(field, "").strip()
        values[field] = text or None
    same = current.get("status", "planned") == status and current.get("since") is not None
    values["since"] = current.get("since") if same else today.isoformat()
    aim = {t.question: t.choice for t in item.done_when}
    values["done_when"] = aim or current.get("done_when") or None
    problems: dict[str, str] = {}
    try:
        ActionRecord.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = error["loc"]
            field = str(loc[0]) if loc and loc[0] in FIELD_IDS else "reason"
            problems.setdefault(field, str(error["msg"]).removeprefix("Value error, "))
    # The file's own key order first, then the usual one.
    order = [k for k in current if k in ORDER] + [k for k in ORDER if k not in current]
    return {k: values[k] for k in order if values.get(k) is not None}, problems


class ActionDialog(ModalScreen[ActionEdit | None]):
    """Status (a number or Enter picks), then the fields; Ctrl+S (or Enter on the last field) saves."""

    HELP = (
        "What the team agreed for this action. Pick the status (its number, or ↑/↓ and Enter), then "
        "type the owner, the due date (YYYY-MM-DD), the tracker link and, to accept the risk, why. "
        "Ctrl+S or Enter on the last field saves it in the answers file; Esc changes nothing. A done "
        "action whose answers do not improve by the next assessment is called out."
    )
    DEFAULT_CSS = """
    ActionDialog { align: center middle; }
    #action-box {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #action-text { margin: 0 0 1 0; }
    #action-status { height: auto; margin: 0 0 1 0; }
    #action-grid { grid-size: 2; grid-columns: 14 1fr; grid-rows: auto; height: auto; grid-gutter: 0 1; }
    #action-grid .field-label { width: 100%; text-align: right; text-style: bold; }
    #action-problem { color: $text-error; text-style: bold; height: auto; }
    ActionDialog KeyBar { dock: bottom; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.digit_bindings("pick_status"),
        keys.binding("save", "submit"),
        keys.binding("back", "dismiss(None)"),
        keys.binding("help", "app.help"),
    ]

    def __init__(
        self, item: RoadmapItem | BacklogItem, current: Mapping[str, Any] | None, today: dt.date
    ) -> None:
        super().__init__()
        self.item = item
        self.current = dict(current) if current else None
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="action-box") as box:
            box.border_title = shown(f"Agree: {self.item.title or self.item.root_cause}")
            box.border_subtitle = "Ctrl+S saves · Esc cancels"
            yield Static(Content(shown(self.item.action)), id="action-text")
            yield OptionList(
                *[
                    Option(Content.assemble((f"{n} ", "bold"), label), id=status)
                    for n, (status, label) in enumerate(STATUSES, 1)
                ],
                id="action-status",
                markup=False,
            )
            with Grid(id="action-grid"):
                for field, label, hint in FIELDS:
                    value = (self.current or {}).get(field)
                    yield Label(Content(label), classes="field-label")
                    yield TextField(
                        value="" if value is None else str(value),
                        placeholder=hint,
                        id=f"action-{field}",
                        compact=True,
                        max_length=2000,
                    )
            yield Static(id="action-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        status = (self.current or {}).get("status", "planned") if self.current is not None else NOT_AGREED
        ids = [s for s, _ in STATUSES]
        options = self.query_one("#action-status", OptionList)
        options.highlighted = ids.index(status) if status in ids else 1
        options.focus()

    @property
    def status(self) -> str:
        options = self.query_one("#action-status", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        return STATUSES[index][0]

    def texts(self) -> dict[str, str]:
        return {field: self.query_one(f"#action-{field}", Input).value for field, _, _ in FIELDS}

    def action_pick_status(self, number: int) -> None:
        index = 9 if number == 0 else number - 1
        if 0 <= index < len(STATUSES):
            self.query_one("#action-status", OptionList).highlighted = index
            self.query_one("#action-owner", Input).focus()

    @on(OptionList.OptionSelected, "#action-status")
    def _status_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#action-owner", Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"action-{FIELDS[-1][0]}":
            self.action_submit()
        else:
            self.focus_next()

    def action_submit(self) -> None:
        entry, problems = entry_for(self.status, self.texts(), self.current, self.item, self.today)
        problem = self.query_one("#action-problem", Static)
        if problems:
            field, message = next(iter(problems.items()))
            label = {f: lab for f, lab, _ in FIELDS}.get(field, field)
            problem.update(Content(f"✗ {label}: {message}"))
            self.query_one(f"#action-{field}", Input).focus()
            return
        self.dismiss(ActionEdit(entry))
