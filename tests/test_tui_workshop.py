"""Workshop mode in the terminal app: the facilitator walks and settles disagreements; a participant
answers alone and sees no results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tui_support import settle, words
from workshop_support import SECRET, three

from assess.cli import main
from assess.loading import parse_yaml
from assess.pipeline.team import load_team
from assess.tui.app import AssessApp
from assess.tui.screens.dialogs import TextDialog
from assess.tui.screens.facilitator import FacilitatorScreen
from assess.tui.screens.participant import ParticipantScreen
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def team(tmp_path: Path) -> Path:
    people = tmp_path / "people"
    people.mkdir()
    out = tmp_path / "team.yaml"
    assert main(["--quiet", "consensus", *map(str, three(people)), "-o", str(out)]) == 0
    return out


def answers_of(path: Path) -> dict[str, dict[str, object]]:
    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    assert isinstance(data, dict)
    return dict(data["answers"])


async def test_the_facilitator_walks_and_settles_two_disagreements(team: Path) -> None:
    before = answers_of(team)
    app = AssessApp(team, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FacilitatorScreen)  # a merged file opens on its disagreements
        shown = words(app)
        assert "Disagreement 1 of 3 (3 open)" in shown and "wide split, 3 voices" in shown
        assert "Ana (answered 4): we have runbooks for every alert" in shown
        assert "anonymous (answered 1): for about half, honestly" in shown
        assert "█ 1" in shown and "proposed" in shown
        assert SECRET not in shown

        # The first: runbooks. The team agrees on "most" (3), and says why.
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"checkout alerts have runbooks", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FacilitatorScreen)
        assert "Disagreement 2 of 3 (2 open)" in words(app)

        # The second is a checklist: tick feature flags (3), untick smoke tests (4), then Enter.
        await pilot.press("3", "4")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"no smoke tests yet", "enter")
        await settle(pilot)
        assert "(1 open)" in words(app)
        assert app.workspace is not None and app.workspace.status().saved

        # ← goes back to the first one, which now says it is settled and why.
        await pilot.press("left", "left")
        await settle(pilot)
        assert "Settled: checkout alerts have runbooks" in words(app)

        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert "3 disagreements, 2 settled" in words(app)
        assert SECRET not in words(app) and "zedekiah" not in words(app)

    after = answers_of(team)
    runbooks, practices = after["obs.alert-runbooks"], after["rel.practices"]
    assert runbooks["choice"] == "most" and runbooks["consensus"] == "some"
    assert runbooks["settled"] == {"note": "checkout alerts have runbooks"}
    assert practices["choices"] == ["canary", "feature-flags"]
    assert practices["settled"] == {"note": "no smoke tests yet"}
    # The votes stay as they were, and so does every answer nobody settled.
    assert runbooks["votes"] == before["obs.alert-runbooks"]["votes"]
    assert practices["votes"] == before["rel.practices"]["votes"]
    assert after["obs.golden-signals"] == before["obs.golden-signals"]
    # The file the app saved is an answers file every command reads.
    assessment = load_team(team).assess()
    assert assessment.workshop is not None and assessment.workshop.settled == 2
    assert '      - {choice: none, note: "for about half, honestly"}' in team.read_text(encoding="utf-8")


async def test_w_brings_the_disagreements_back_and_a_single_voice_file_says_why_not(
    team: Path, tmp_path: Path
) -> None:
    app = AssessApp(team, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FacilitatorScreen)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, FacilitatorScreen)

    plain = tmp_path / "plain.yaml"
    plain.write_text(
        "questionnaire: sre-core@2\nteam:\n  name: Solo\nanswers:\n  inc.roles: commander\n", encoding="utf-8"
    )
    app = AssessApp(plain, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)


async def test_a_participant_answers_alone_and_sees_no_results(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    app = AssessApp(target, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantScreen)
        await pilot.press(*"Payments", "tab", *"anonymous", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("2")  # answer the first question
        await settle(pilot)
        await pilot.press("s")  # results wait for the merge
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert not any(isinstance(s, ResultsScreen) for s in app.screen_stack)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Show results" not in titles and not any(t.startswith("Export") for t in titles)
    text = target.read_text(encoding="utf-8")
    assert 'respondent: "anonymous"' in text
    loaded = load_team(target)
    assert loaded.answers.respondent == "anonymous" and loaded.answers.team.name == "Payments"
    assert len([v for v in loaded.answers.answers.values() if v is not None]) == 1


async def test_a_named_participant_needs_a_name_or_the_word_anonymous(tmp_path: Path) -> None:
    target = tmp_path / "ana.yaml"
    app = AssessApp(target, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*"Payments", "tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantScreen)
        assert "your name, or the word anonymous" in words(app)
        await pilot.press(*"Ana Lead", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
    assert load_team(target).answers.respondent == "Ana Lead"
