"""The plan tab's agreements: status, owner, due date, link and reason, set with keys and saved in the
answers file's actions section (which `assess score` then reads), overdue actions first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent
from tui_support import example_copy, settle, words

from assess.pipeline.team import load_team
from assess.tui.answers_file import Document
from assess.tui.app import AssessApp
from assess.tui.saving import merge, pending_changes
from assess.tui.screens.action import ActionDialog
from assess.tui.screens.results import ResultsScreen
from assess.tui.widgets.result_list import ResultList

TODAY = dt.date(2026, 5, 1)


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


async def open_plan(pilot: Pilot[None]) -> ResultsScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ResultsScreen)
    screen.query_one("#result-tabs", TabbedContent).active = "tab-plan"
    await pilot.pause()
    return screen


def first_plan_root(screen: ResultsScreen) -> str:
    item = screen.query_one("#plan", ResultList).highlighted_item()
    assert item is not None and item.key is not None
    return item.key


async def test_the_facilitator_agrees_an_action_and_the_file_holds_it(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    app = AssessApp(path, today=TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_plan(pilot)
        root = first_plan_root(screen)
        item = next(i for i in screen.assessment.roadmap if i.root_cause == root)  # type: ignore[union-attr]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        await pilot.press("3")  # in progress; the owner field has the focus now
        await pilot.press(*"ana@example.com", "enter", *"2026-04-15", "enter", *"PAY-7", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        shown = words(app)
        assert "Overdue (1)" in shown and "in progress · ana@example.com · due 2026-04-15" in shown
        assert "OVERDUE by 16 days" in shown

    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = saved["actions"][root]
    assert entry["status"] == "in-progress"
    assert entry["owner"] == "ana@example.com"
    assert str(entry["due"]) == "2026-04-15" and entry["link"] == "PAY-7"
    assert str(entry["since"]) == TODAY.isoformat()
    assert entry["done_when"] == {t.question: t.choice for t in item.done_when}
    # Only the new section was added: every line of the file as it was is still there, in order.
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before.rstrip("\n"))
    # The command line reads the same agreement.
    loaded = load_team(path)
    tracked = loaded.assess(as_of=TODAY).actions
    assert [(t.root_cause, t.status, t.owner, t.overdue_days) for t in tracked] == [
        (root, "in-progress", "ana@example.com", 16)
    ]


async def test_accepting_a_risk_needs_a_reason_and_takes_it_out_of_the_plan(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path, today=TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_plan(pilot)
        root = first_plan_root(screen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("5", "ctrl+s")  # accepted risk, without a reason
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog), "saved an accepted risk without a reason"
        assert "Reason" in words(app) and app.screen.focused is app.screen.query_one("#action-reason", Input)
        await pilot.press(*"retired in Q3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        a = app.screen.assessment
        assert a is not None
        assert root not in {i.root_cause for i in a.roadmap}
        assert any(b.root_cause == root and b.reason == "accepted-risk" for b in a.beyond_horizon)
        plan = app.screen.query_one("#plan", ResultList)
        texts = [" ".join(p.text for p in i.parts) for i in plan.items]
        assert "Risks accepted (1)" in texts
        assert any("risk accepted: retired in Q3" in t for t in texts)
        # Back to not agreed: the entry goes, and so does the section it was alone in.
        plan.action_last()
        await pilot.pause()
        assert plan.highlighted_item() is not None and plan.highlighted_item().key == root  # type: ignore[union-attr]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("1", "ctrl+s")
        await settle(pilot)
        assert root in {i.root_cause for i in app.screen.assessment.roadmap}  # type: ignore[union-attr]
    assert yaml.safe_load(path.read_text(encoding="utf-8")).get("actions") is None
    load_team(path)  # still a valid answers file


async def test_the_agree_key_works_on_the_plan_tab_only(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path, today=TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert "Agree" not in words(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        app.screen.query_one("#result-tabs", TabbedContent).active = "tab-plan"
        await pilot.pause()
        assert "a Agree" in words(app)


async def test_a_bad_due_date_is_refused_where_it_was_typed(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    app = AssessApp(path, today=TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_plan(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("2", "tab", *"15/04/2026", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.focused is app.screen.query_one("#action-due", Input)
        assert "YYYY-MM-DD" in words(app)
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_text(encoding="utf-8") == before


# ---- the file as the app writes it ---------------------------------------------------------------


def test_an_entry_removed_from_the_section_takes_only_its_own_lines() -> None:
    text = (
        "questionnaire: sre-core\nteam:\n  name: T\nanswers:\n  obs.alert-runbooks: some\n"
        "actions:\n  # agreed on Monday\n  obs.alert-runbooks:\n    status: done\n    owner: Ana\n"
        "  iac.coverage:\n    status: planned  # ask Bo\n"
    )
    document = Document.parse(text)
    actions = dict(document.data["actions"])
    del actions["obs.alert-runbooks"]
    changed = document.updated({**document.data, "actions": actions})
    assert changed.text == (
        "questionnaire: sre-core\nteam:\n  name: T\nanswers:\n  obs.alert-runbooks: some\n"
        "actions:\n  # agreed on Monday\n  iac.coverage:\n    status: planned  # ask Bo\n"
    )
    emptied = changed.updated({**changed.data, "actions": None})
    assert emptied.data["actions"] is None and emptied.text.startswith(text.split("actions:")[0])


def test_a_reload_merges_action_entries_one_by_one() -> None:
    base = {"answers": {}, "actions": {"a.x": {"status": "planned"}}}
    mine = {"answers": {}, "actions": {"a.x": {"status": "done"}}}
    theirs = {"answers": {}, "actions": {"a.x": {"status": "planned"}, "b.y": {"status": "planned"}}}
    assert merge(base, mine, theirs)["actions"] == {"a.x": {"status": "done"}, "b.y": {"status": "planned"}}
    assert pending_changes(base, mine) == ["action a.x"]
    gone: dict[str, object] = {"answers": {}, "actions": None}
    assert merge(base, gone, base)["actions"] is None
