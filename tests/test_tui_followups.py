"""Follow-ups that do not apply are not asked (sre-core v2 asks each root cause once).

A team without SLOs answers "none" to slo.defined; the six slo.* follow-ups then do not apply
(the engine scores them as n/a, with no risk of their own). The app moves past them, counts them
as done, and says why when someone goes to one anyway.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from tui_support import settle, start_new, words

from assess.tui.app import AssessApp
from assess.tui.screens.question import QuestionScreen

TODAY = dt.date(2026, 1, 15)
SLO_FOLLOW_UPS = 6  # slo.targets ... slo.documentation


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def shown_id(app: AssessApp) -> str:
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    return screen.session.questions[screen.index].id


async def test_no_slos_skips_the_slo_follow_ups_and_counts_them_done(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        assert shown_id(app) == "slo.defined"
        await pilot.press("1")  # "We have no SLOs"
        await settle(pilot)
        await pilot.pause(0.1)
        assert shown_id(app) == "obs.customer-journeys", "the six SLO follow-ups were asked"
        assert f"1 of 67 answered, {SLO_FOLLOW_UPS} n/a" in words(app)
        await pilot.press("left")  # back goes to the question answered, past those that do not apply
        assert shown_id(app) == "slo.defined"
        # Going to a follow-up anyway says why it is not asked; the file holds no answer for it.
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        screen.go_to(screen.session.index_of["slo.targets"])
        await pilot.pause()
        text = words(app)
        assert "Does not apply: it follows" in text and "SLO" in text
        path = app.workspace.session.path if app.workspace else None
        assert path is not None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["answers"]["slo.defined"] in ("none", {"choice": "none"})
    assert data["answers"].get("slo.targets") is None


async def test_the_first_gap_passes_over_what_does_not_apply(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("left")
        assert shown_id(app) == "slo.defined"
        await pilot.press("g")  # the first question still to answer
        await pilot.pause()
        assert shown_id(app) == "obs.customer-journeys"
