"""One key map for the whole app: a key means the same thing on every screen where it works.

Screens build their bindings from ``KEYS`` (``binding("results")``), the key bar
and the F1 help are generated from those bindings, and a test checks that no
screen gives a key another meaning. Digits always pick the option with that
number (an answer, or a choice in a dialog); letters are mnemonics.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated
    label: str  # in the key bar
    help: str  # in the F1 help
    display: str | None = None  # how the key is written, when not its name


KEYS: dict[str, Key] = {
    "help": Key("f1,question_mark", "Help", "What this screen is for, and every key that works on it", "F1"),
    "quit": Key("q,ctrl+q", "Quit", "Save and quit (asks first if something could not be saved)", "q"),
    "back": Key("escape", "Back", "Back to the previous screen, or close this one", "Esc"),
    "new": Key("n", "New", "Start a new assessment"),
    "open": Key("o", "Open", "Open an answers file (with a file picker)"),
    "resume": Key("r", "Resume", "Resume the highlighted saved assessment"),
    "results": Key("s", "Results", "Scores, risks, advice and plan for the answers so far"),
    "team": Key("t", "Team", "The team facts (name, size, on-call...)"),
    "note": Key("e", "Note", "Write a note on this question (kept with its answer)"),
    "domains": Key("d", "Domains", "Jump to a practice area"),
    "gap": Key("g", "First gap", "Go to the first unanswered question"),
    "previous": Key("left", "Prev", "The previous question (or tab)", "←"),
    "next": Key("right", "Next", "The next question (or tab)", "→"),
    "previous_domain": Key("left_square_bracket", "Prev area", "The previous practice area", "["),
    "next_domain": Key("right_square_bracket", "Next area", "The next practice area", "]"),
    "clear": Key("delete", "Clear", "Clear this answer (or remove the highlighted entry)", "Del"),
    "save": Key("ctrl+s", "Save", "Save now (and retry a save that failed)", "^s"),
    "pick": Key("1", "Pick", "Pick the option with this number (0 is the tenth)", "1-9"),
    "choose": Key("enter", "Choose", "Choose the highlighted option", "Enter"),
    "mark": Key("space", "Mark", "Choose the highlighted option without moving on", "Space"),
    "pdf": Key("p", "PDF", "Export the PDF report"),
    "markdown": Key("m", "Markdown", "Export the Markdown report"),
    "json": Key("j", "JSON", "Export the JSON results"),
    "action": Key("a", "Agree", "Agree the highlighted plan action: status, owner, due date, tracker link"),
    "search": Key("slash", "Search", "Search the results; Enter jumps to the next match", "/"),
    "top": Key("home", "Top", "The first item", "Home"),
    "bottom": Key("end", "Bottom", "The last item", "End"),
    "page_down": Key("pagedown", "Page down", "Scroll a page down", "PgDn"),
    "page_up": Key("pageup", "Page up", "Scroll a page up", "PgUp"),
    "yes": Key("y", "Yes", "Yes: do it"),
    "next_field": Key("down", "Next field", "The next field", "↓"),
    "previous_field": Key("up", "Prev field", "The previous field", "↑"),
    "participant": Key(
        "i", "Individual", "Answer alone for a team workshop: your own file, named or anonymous, merged later"
    ),
    "disagreements": Key("w", "Workshop", "Walk the workshop's disagreements, most costly first"),
    "palette": Key("ctrl+p", "Commands", "Every command, question and recent file, searchable", "^p"),
}

DIGITS = "1234567890"


def binding(
    name: str,
    action: str | None = None,
    *,
    show: bool = True,
    priority: bool = False,
    keys: str | None = None,
) -> Binding:
    """The binding for ``name`` from the key map, running ``action`` (``name`` by default)."""
    key = KEYS[name]
    return Binding(
        keys or key.keys,
        action or name,
        key.label,
        show=show,
        key_display=key.display,
        tooltip=key.help,
        id=name,
        priority=priority,
    )


def written(name: str) -> str:
    """How the key for ``name`` is written on screen (its first key): for text that names a key."""
    key = KEYS[name]
    return key.display or key.keys.split(",")[0]


def digit_bindings(action: str = "pick") -> list[Binding]:
    """1-9 and 0 run ``action(n)``; one entry shows in the key bar and the help."""
    first = binding("pick", f"{action}(1)", keys="1")
    rest = [Binding(d, f"{action}({d})", show=False, id=f"pick-{d}") for d in DIGITS[1:]]
    return [first, *rest]


def meaning(binding_id: str | None) -> str | None:
    """The key map entry a binding stands for (``pick-3`` is ``pick``)."""
    if binding_id is None:
        return None
    return binding_id.split("-")[0] if binding_id.startswith("pick-") else binding_id
