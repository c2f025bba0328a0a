"""What the app looks like: welcome, team form, question, help and results at 60×20, 80×24 and 120×40.

Update after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at every changed picture in the report before committing it. Textual is pinned
exactly in pyproject.toml because its releases change the rendering.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import settle

from assess.resources import examples_dir
from assess.tui.app import AssessApp

SIZES = [
    pytest.param((60, 20), id="60x20"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
]
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing from the person running the tests shows up: no recent files, and paths
    # print as ~/... under a home folder of our own.
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    target = tmp_path / "home" / "payments.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(examples_dir() / "payments-product-team.yaml", target)
    return target


def settled(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Before the picture: workers done, no blinking cursor, then ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        # The question screen paints progress and guidance 50 ms after the question itself.
        await pilot.pause(0.2)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(AssessApp(), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES)
def test_question(snap_compare: SnapCompare, answers: Path, size: tuple[int, int]) -> None:
    # A complete file opens on its results; Esc goes to the first question, answered with a note.
    assert snap_compare(AssessApp(answers), terminal_size=size, run_before=settled("escape", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_team_form(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    # A new assessment's form, with an invalid number to show how a problem reads.
    app = AssessApp()
    assert snap_compare(app, terminal_size=size, run_before=settled("enter", *"Payments", "tab", "x"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: SnapCompare, answers: Path, size: tuple[int, int]) -> None:
    assert snap_compare(AssessApp(answers), terminal_size=size, run_before=settled("escape", "f1"))


@pytest.mark.parametrize("size", SIZES)
def test_results(snap_compare: SnapCompare, answers: Path, size: tuple[int, int]) -> None:
    assert snap_compare(AssessApp(answers), terminal_size=size, run_before=settled())
