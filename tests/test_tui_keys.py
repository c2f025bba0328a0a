"""One key map, help on every screen generated from the bindings, and readable inputs in every theme."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.color import Color
from textual.screen import Screen
from textual.widgets import Input, Markdown
from tui_support import dialog_text, example_copy, settle, start_new, words

import assess.tui.screens.dialogs
import assess.tui.screens.domains
import assess.tui.screens.help
import assess.tui.screens.picker
import assess.tui.screens.question
import assess.tui.screens.results
import assess.tui.screens.team
import assess.tui.screens.welcome
import assess.tui.widgets.choice_list
import assess.tui.widgets.result_list
import assess.tui.widgets.score_bars
from assess import catalog
from assess.tui import keys, settings
from assess.tui.app import AssessApp
from assess.tui.screens.help import HelpScreen
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen
from assess.tui.widgets.key_bar import help_table

MODULES = [
    assess.tui.screens.dialogs,
    assess.tui.screens.domains,
    assess.tui.screens.help,
    assess.tui.screens.picker,
    assess.tui.screens.question,
    assess.tui.screens.results,
    assess.tui.screens.team,
    assess.tui.screens.welcome,
    assess.tui.widgets.choice_list,
    assess.tui.widgets.result_list,
    assess.tui.widgets.score_bars,
]
TODAY = dt.date(2026, 1, 15)


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def our_bindings() -> list[tuple[str, Binding]]:
    found = [("AssessApp", b) for b in AssessApp.BINDINGS if isinstance(b, Binding)]
    for module in MODULES:
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                found += [(name, b) for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    return found


def test_the_key_map_gives_every_key_one_meaning() -> None:
    owner: dict[str, str] = {}
    for name, key in keys.KEYS.items():
        for k in key.keys.split(","):
            assert k not in owner, f"{k} means both {owner[k]} and {name}"
            owner[k] = name


def test_every_binding_of_every_screen_comes_from_the_key_map() -> None:
    bindings = our_bindings()
    assert len(bindings) > 40
    for where, binding in bindings:
        meaning = keys.meaning(binding.id)
        assert meaning is not None, f"{where}: {binding.key} -> {binding.action} is not in the key map"
        for key in binding.key.split(","):
            if meaning == "pick":
                assert key in keys.DIGITS, f"{where}: {key} picks"
            elif meaning == "help" and where == "HelpScreen":
                assert key in keys.KEYS["help"].keys.split(",")
            else:
                assert key in keys.KEYS[meaning].keys.split(","), (
                    f"{where}: {key} is bound to {meaning!r}, but the key map gives {key} another meaning"
                )


def test_p_and_n_no_longer_mean_different_things() -> None:
    by_key: dict[str, set[str | None]] = {}
    for _, binding in our_bindings():
        for key in binding.key.split(","):
            by_key.setdefault(key, set()).add(keys.meaning(binding.id))
    assert by_key["p"] == {"pdf"} and by_key["n"] == {"new"}


async def help_source(app: AssessApp) -> str:
    app.action_help()
    await asyncio.sleep(0.1)
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return screen.query_one(Markdown).source


async def test_f1_on_every_screen_lists_every_key_that_works_there(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        for screen_name, press in (
            ("ResultsScreen", ()),
            ("QuestionScreen", ("escape",)),
            ("TeamScreen", ("t",)),
            ("FilePicker", ("escape", "s", "p")),
            ("DomainPicker", ("escape", "escape", "d")),
        ):
            for key in press:
                await pilot.press(key)
                await pilot.pause()
            screen: Screen[Any] = app.screen
            assert type(screen).__name__ == screen_name
            rows = help_table(screen)
            source = await help_source(app)
            assert str(getattr(type(screen), "HELP", ""))[:40] in source
            for written, _ in rows:
                assert f"`{written.replace('|', chr(92) + '|')}`" in source, (screen_name, written)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen, "Esc closes the help"
        question = app.question_screen
        assert question is not None
        while app.screen is not question:
            await pilot.press("escape")
            await pilot.pause()
        source = await help_source(app)
        for shown in ("`Del`", "`[`", "`]`", "`t`", "`g`", "`e`", "`s`", "`F1 / ?`", "`1-9, 0`"):
            assert shown in source, shown
        assert "\n### The answers" in source, "the question's own help too"


async def test_the_palette_keys_panel_is_replaced_by_the_help(tmp_path: Path) -> None:
    app = AssessApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and "Help" in titles


# ---- themes ------------------------------------------------------------------


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else float(((x + 0.055) / 1.055) ** 2.4)

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


THEMES = sorted(AssessApp().available_themes)


@pytest.mark.parametrize("theme", THEMES)
async def test_inputs_stand_out_and_read_well_in_every_theme(theme: str) -> None:
    app = AssessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = theme
        await pilot.press("enter")  # the new-assessment form
        await pilot.pause()
        field = app.screen.query_one("#team-engineers", Input)
        around, background = field.background_colors
        text = background + field.styles.color
        assert contrast(background, around) >= 1.2, f"{theme}: the field blends into the form"
        assert contrast(text, background) >= 3.5, f"{theme}: typed text is hard to read"


async def test_the_chosen_theme_is_kept_for_next_time(tmp_path: Path) -> None:
    app = AssessApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert settings.load()["theme"] == "nord"
    assert (tmp_path / "config" / "assess" / "tui.json").exists()
    again = AssessApp()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


# ---- welcome, palette, notes, results ------------------------------------------


async def test_welcome_keys_act_and_the_resume_list_says_enough(tmp_path: Path) -> None:
    first = AssessApp(export_dir=tmp_path, today=TODAY)
    async with first.run_test(size=(100, 30)) as pilot:
        await start_new(pilot, "Checkout")
        await pilot.press("2")
        await pilot.press("q")
    second = AssessApp(export_dir=tmp_path, today=TODAY)
    async with second.run_test(size=(100, 30)) as pilot:
        await start_new(pilot, "Checkout")
        await pilot.press("q")
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = words(app)
        assert "checkout.yaml" in shown and "checkout-2.yaml" in shown, "the second Checkout is told apart"
        total = len(catalog.load("sre-core")[0].questions())
        assert f"1 of {total} answered" in shown and f"0 of {total} answered" in shown
        assert dt.date.today().isoformat() in shown, "with the date it was saved"
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any(t.startswith("New assessment: SRE maturity core") for t in titles)
        assert "Open an answers file…" in titles
        assert sum(t.startswith("Resume: Checkout") for t in titles) == 2
        await pilot.press("tab")  # to the resume list
        await pilot.press("delete")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await settle(pilot)
        assert sum("Checkout ·" in row.text for row in app.screen.recent) == 1  # type: ignore[attr-defined]
        await pilot.press("r")  # resume acts
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape")
        app.action_close_assessment()
        await settle(pilot)
        await pilot.press("n")  # new acts
        await pilot.pause()
        assert type(app.screen).__name__ == "TeamScreen"
        await pilot.press("escape")
        await pilot.press("o")  # open acts: the file picker
        await pilot.pause()
        assert type(app.screen).__name__ == "FilePicker"


async def test_a_broken_recent_file_is_marked_broken(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    path.write_text(
        path.read_text(encoding="utf-8").replace("slo.defined:", "slo.nope:", 1), encoding="utf-8"
    )
    again = AssessApp()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = words(again)
        assert "✗ BROKEN Payments" in shown and "slo.nope" in shown


async def test_opening_a_questionnaire_offers_to_start_with_it(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "small-questionnaire.yaml"
    app = AssessApp(source, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "ChoiceDialog"
        assert "holds questions, not a team's answers" in dialog_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert type(app.screen).__name__ == "TeamScreen"


async def test_opening_markdown_or_a_folder_says_what_to_do(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# notes\n")
    app = AssessApp(notes)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "not an answers file (a Markdown document)" in words(app)
    folder = AssessApp(tmp_path)
    async with folder.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(folder.screen).__name__ == "FilePicker", "a folder opens the picker there"


async def test_the_file_picker_completes_paths(tmp_path: Path) -> None:
    (tmp_path / "team-answers.yaml").write_text("x: 1\n")
    (tmp_path / "teams").mkdir()
    (tmp_path / "tea.md").write_text("")
    from assess.tui.screens.picker import completions

    assert completions(str(tmp_path / "tea"), only_yaml=True) == [
        str(tmp_path / "team-answers.yaml"),
        str(tmp_path / "teams") + "/",
    ]


async def test_a_note_can_be_written_before_the_answer(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        session = app.session
        assert session is not None
        await pilot.press("e", *"ask Ana", "enter")
        await pilot.pause()
        assert "1 note waits for an answer (slo.defined)" in words(app)
        await pilot.press("3")
        await pilot.pause()
        text = session.path.read_text(encoding="utf-8")
        assert '  slo.defined:\n    choice: some-user\n    note: "ask Ana"\n' in text


async def test_results_have_tabs_home_end_and_search(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        await pilot.press("right", "right", "right")  # scores, risks, advice, plan
        plan = screen.query_one("#plan")
        assert app.focused is plan
        await pilot.press("end")
        assert plan.highlighted == plan.option_count - 1  # type: ignore[attr-defined]
        await pilot.press("home")
        assert plan.highlighted == 1  # type: ignore[attr-defined]  # the first action, under "Now"
        assert screen.assessment is not None
        term = max(screen.assessment.roadmap[0].action.split(), key=len).casefold().strip(".,;:")
        await pilot.press("slash", *term)
        await pilot.pause()
        shown = words(app)
        assert "Plan (" in shown and "Risks (" in shown
        matches = plan.matches()  # type: ignore[attr-defined]
        assert matches and all(term in m.searched for m in matches)
        await pilot.press("enter")
        assert app.focused is not None and app.focused.id in ("risks", "plan", "advice", "domain-scores")
        await pilot.press("escape")  # clears the search
        assert len(plan.matches()) == len(screen.assessment.roadmap)  # type: ignore[attr-defined]
        await pilot.press("enter")  # jumps to the highlighted action's question
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_the_welcome_screen_names_the_keys_that_work_on_it() -> None:
    app = AssessApp(today=dt.date(2026, 1, 15))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = " ".join(str(w.border_title) for w in app.screen.query("OptionList"))
        for name in ("new", "participant", "resume"):
            assert f"{keys.written(name)}  " in titles, (name, titles)
        assert "a  answer alone" not in titles  # a agrees an action on the plan tab
