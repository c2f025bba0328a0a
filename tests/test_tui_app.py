"""The terminal app driven with keys, as a person would: answer, edit, quit, resume, export."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from assess import catalog
from assess.cli import main as cli_main
from assess.models import MultiQuestion
from assess.pipeline.render import assessment as render_assessment
from assess.resources import examples_dir
from assess.tui.app import AssessApp
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.team import TeamScreen
from assess.tui.screens.welcome import WelcomeScreen
from assess.tui.widgets.choice_list import ChoiceList

TODAY = dt.date(2026, 1, 15)


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the app's thread workers and the messages they cause."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def example_copy(tmp_path: Path, name: str = "payments-product-team.yaml") -> Path:
    target = tmp_path / name
    shutil.copy(examples_dir() / name, target)
    return target


def score_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert cli_main(["score", str(path), "--format", "json"]) == 0
    return dict(json.loads(capsys.readouterr().out))


async def start_new(pilot: Pilot[None], name: str = "Payments") -> None:
    await settle(pilot)
    assert isinstance(pilot.app.screen, WelcomeScreen)
    await pilot.press("enter")
    assert isinstance(pilot.app.screen, TeamScreen)
    await pilot.press(*name, "tab", "8", "tab", "1", "2", "tab", "1", "4", "tab", "0", "tab", "4", "tab", "9")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuestionScreen)


async def answer_current(pilot: Pilot[None], number: int) -> None:
    """Pick choice ``number`` (1-based) of the question on screen and move on."""
    app = pilot.app
    assert isinstance(app, AssessApp) and isinstance(app.screen, QuestionScreen)
    question = app.session.questions[app.screen.index]  # type: ignore[union-attr]
    count = len(question.choices)
    number = (number - 1) % count + 1
    if isinstance(question, MultiQuestion):
        await pilot.press(str(number))
        await pilot.press("right")
    else:
        await pilot.press(str(number))
    await pilot.pause()


async def test_a_whole_questionnaire_scores_the_same_as_the_headless_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        session = app.session
        assert session is not None
        assert session.path == tmp_path / "state" / "assess" / "drafts" / "payments.yaml"
        assert {k: v for k, v in session.team.items() if v is not None} == {
            "name": "Payments",
            "engineers": 8,
            "services": 12,
            "teams_in_org": 14,
            "sre_count": 0,
            "on_call_engineers": 4,
            "pages_per_week": 9,
        }
        asked: list[int] = []
        while isinstance(app.screen, QuestionScreen):
            i = app.screen.index
            assert not asked or i > asked[-1], "the questions come in order, each once"
            asked.append(i)
            await answer_current(pilot, i % 4 + 1)
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen), "after the last question come the results"
        # Every question was asked but the follow-ups an earlier answer ruled out (slo.defined
        # answered "none" here, iac.coverage "manual"), and those count as done.
        skipped = session.does_not_apply()
        assert {"slo.targets", "iac.drift"} <= set(skipped)
        assert [session.questions[i].id for i in asked] == [
            q.id for q in session.questions if q.id not in skipped
        ]
        total = len(session.questions)
        assert session.progress() == (total - len(skipped), total)
        in_app = json.loads(session.assessment().model_dump_json())
        shown = str(app.screen.query_one("#overall", Static).render())
        assert f"{in_app['overall']['score']:.1f}/100" in shown
    # The app has quit (saving on the way); the command line reads what it left.
    assert score_json(session.path, capsys) == in_app


async def test_editing_an_earlier_answer_updates_results_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = example_copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    app = AssessApp(path, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen), "a complete file opens on its results"
        first = app.screen.assessment
        assert first is not None
        risk = first.risks[0]
        await pilot.press("right")  # from the scores tab to the risks
        assert app.focused is not None and app.focused.id == "risks"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None
        assert app.session.questions[app.screen.index].id == risk.question
        question = app.session.questions[app.screen.index]
        best = len(question.choices) if not isinstance(question, MultiQuestion) else 1
        await pilot.press(str(best))
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        after = app.screen.assessment
        assert after is not None
        assert risk.question not in {r.question for r in after.risks if r.severity == risk.severity}
        assert (after.overall.score or 0) > (first.overall.score or 0)
    assert score_json(path, capsys)["overall"] == json.loads(after.overall.model_dump_json())
    changed = [
        (a, b) for a, b in zip(before.splitlines(), path.read_text().splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1, "only the edited answer's line differs; comments and notes stay"


async def test_quit_then_resume_on_the_first_unanswered_question(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot, "Search")
        for _ in range(5):
            await answer_current(pilot, 2)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    saved = tmp_path / "state" / "assess" / "drafts" / "search.yaml"
    text = saved.read_text(encoding="utf-8")
    assert 'team:\n  name: "Search"\n  engineers: 8' in text

    again = AssessApp(export_dir=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        welcome = again.screen
        assert isinstance(welcome, WelcomeScreen)
        await pilot.press("r")  # resumes the newest at once
        await settle(pilot)
        assert isinstance(again.screen, QuestionScreen)
        assert again.screen.index == 5
        assert again.session is not None and again.session.progress()[0] == 5


async def test_an_invalid_file_is_reported_with_locations_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "questionnaire: sre-core\nteam:\n  name: X\n  engineers: many\nanswers:\n  slo.defined: nope\n"
    )
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session is None
        problems = str(app.screen.query_one("#problems", Static).render())
        assert f"{path}:4:14:" in problems
        assert "not valid" in problems and "nor changed" in problems
        await pilot.press("q")
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


async def test_open_a_file_typed_on_the_welcome_screen(tmp_path: Path) -> None:
    path = example_copy(tmp_path, "startup-sre-native.yaml")
    app = AssessApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o", "ctrl+u", *str(path), "enter")
        await settle(pilot)
        assert app.session is not None and app.session.path == path
        assert app.session.team_name == "Checkout Squad"


async def test_a_new_file_named_on_the_command_line_is_started_there(tmp_path: Path) -> None:
    path = tmp_path / "new" / "ours.yaml"
    app = AssessApp(path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notice = str(app.screen.query_one("#notice", Static).render())
        assert "does not exist yet" in notice
        await pilot.press("enter", *"Ours", "ctrl+s")
        await settle(pilot)
        await answer_current(pilot, 1)
        await pilot.press("ctrl+q")
    assert "slo.defined: none" in path.read_text(encoding="utf-8")
    assert "assessed_at: 2026-01-15" in path.read_text(encoding="utf-8")


async def test_team_facts_are_checked_as_typed_and_saved_when_valid(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "t")
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("tab", "backspace", "x")
        hint = str(app.screen.query_one("#team-engineers-hint", Static).render())
        assert "✗ a whole number, please" in hint
        await pilot.press("backspace", "1", "1")
        assert "engineers" not in app.screen.errors
        await pilot.press("down", "down", "down", "down", "down", *"-", "1")
        assert "greater than or equal to 0" in app.screen.errors.get("pages_per_week", "")
        await pilot.press("escape")
        await settle(pilot)
        assert app.workspace is not None and app.workspace.status().saved
    text = path.read_text(encoding="utf-8")
    assert "  engineers: 11\n" in text
    assert "  pages_per_week: 9\n" in text, "an invalid value never reaches the file"


async def test_notes_are_saved_with_their_answer(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        await pilot.press("down", "space")  # highlight the first answer, choose it without moving on
        await pilot.pause()
        await pilot.press("e", *"IC: whoever's around", "enter")
        await settle(pilot)
        session = app.session
        assert session is not None
        text = session.path.read_text(encoding="utf-8")
        assert '  slo.defined:\n    choice: none\n    note: "IC: whoever\'s around"\n' in text
        await pilot.press("e", "!", "enter")
        await settle(pilot)
        assert 'note: "IC: whoever\'s around!"' in session.path.read_text(encoding="utf-8"), (
            "e adds to a note"
        )
        await pilot.press("e", *["backspace"] * 26, "escape")
        await settle(pilot)
        assert "  slo.defined: none\n" in session.path.read_text(encoding="utf-8")


async def test_checklists_toggle_and_clear(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        session = app.session
        assert session is not None and isinstance(app.screen, QuestionScreen)
        index = next(i for i, q in enumerate(session.questions) if isinstance(q, MultiQuestion))
        app.screen.go_to(index)
        await pilot.pause()
        qid = session.questions[index].id
        await pilot.press("1", "3", "enter")  # Enter toggles the highlighted (the third) again
        await pilot.pause()
        assert session.answers[qid] == [session.questions[index].choice_ids()[0]]
        assert app.screen.index == index, "a checklist waits for → before moving on"
        await pilot.press("delete")
        await pilot.pause()
        assert session.answers[qid] is None


async def test_help_shows_the_question_guidance(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        from textual.widgets import Markdown

        source = app.screen.query_one(Markdown).source
        assert "## Keys on this screen" in source and "`1-9, 0`" in source
        assert "An SLO is a target for a measured indicator" in source
        assert "Good enough?" in source
        await pilot.press("escape", "question_mark")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_jump_to_a_domain_and_to_a_question(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        session = app.session
        assert session is not None and isinstance(app.screen, QuestionScreen)
        screen = app.screen
        await pilot.press("d")
        assert type(app.screen).__name__ == "DomainPicker"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert session.domain_index[session.questions[screen.index].id] == "incident-response"
        await pilot.press("ctrl+p")
        await pilot.press(*"res.backups")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert session.questions[screen.index].id == "res.backups"


async def test_layout_drops_the_sidebar_when_narrow(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    for size, shown in (((80, 24), False), ((120, 40), True)):
        app = AssessApp(path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("escape")
            assert isinstance(app.screen, QuestionScreen)
            assert app.screen.query_one("#sidebar").display is shown
            assert app.screen.query_one(ChoiceList).has_focus


async def test_export_markdown_json_and_pdf_from_the_results(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    out = tmp_path / "out"
    app = AssessApp(path, export_dir=out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        results = app.screen
        assessment = results.assessment
        assert assessment is not None
        for key, name in (("m", "payments-assessment.md"), ("j", "payments-assessment.json")):
            await pilot.press(key)
            await pilot.pause()
            assert str(app.screen.query_one("#picker-path", Input).value) == str(out / name)
            await pilot.press("enter")
            await settle(pilot)
        fmt = {"md": "markdown", "json": "json"}
        for suffix in ("md", "json"):
            written = (out / f"payments-assessment.{suffix}").read_text(encoding="utf-8")
            assert written == render_assessment(assessment, fmt[suffix])
        await pilot.press("p")
        await pilot.pause()
        field = app.screen.query_one("#picker-path", Input)
        field.value = str(path)
        await pilot.pause()
        assert "answers file" in str(app.screen.query_one("#picker-note", Static).render())
        field.value = str(out / "report.pdf")
        await pilot.press("enter")
        await settle(pilot)
        status = str(results.query_one("#export-status", Static).render())
        assert status.startswith("✓ PDF report written to") and str(out / "report.pdf") in status
        assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert path.read_text(encoding="utf-8") == (examples_dir() / "payments-product-team.yaml").read_text(
        encoding="utf-8"
    )


async def test_validate_from_the_palette_checks_the_saved_file(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        await answer_current(pilot, 1)
        await pilot.press("ctrl+p", *"validate answers")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReportDialog"
        text = str(app.screen.query_one(Static).render())
        assert f"valid; 1 of {len(catalog.load('sre-core')[0].questions())} questions answered" in text


async def test_a_hangup_saves_and_leaves(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        await answer_current(pilot, 3)
        assert signal.SIGHUP in app._signals
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause(0.2)
    assert not app.is_running
    saved = tmp_path / "state" / "assess" / "drafts" / "payments.yaml"
    assert "slo.defined: some-user" in saved.read_text(encoding="utf-8")


async def test_results_follow_team_facts_edited_from_them(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        results = app.screen
        await pilot.press("t")
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("end", *" Platform", "escape")
        await settle(pilot)
        assert app.screen is results
        assert "Payments Platform" in str(results.query_one("#overall", Static).render())
    assert '  name: "Payments Platform"\n' in path.read_text(encoding="utf-8")


async def test_edits_made_in_another_program_are_never_overwritten(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        edited = path.read_text(encoding="utf-8").replace('name: "Payments"', 'name: "Payments (edited)"')
        path.write_text(edited, encoding="utf-8")
        await pilot.press("5")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == edited, "the other program's edit is kept"
        assert type(app.screen).__name__ == "ChoiceDialog", "the conflict is offered at once"
        assert app.workspace is not None and app.workspace.conflict
        await pilot.press("escape")  # decide later
        await pilot.pause()
        assert "CONFLICT" in str(app.screen.query_one("#save-status", Static).render())
        assert "slo.defined" in str(app.screen.query_one("#save-problem", Static).render())
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog", "quitting asks before dropping the change"
        await pilot.press("3")  # quit and lose it
        await pilot.pause()
    assert not app.is_running
    assert path.read_text(encoding="utf-8") == edited


async def test_closing_an_assessment_returns_to_welcome_with_it_listed(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        await answer_current(pilot, 2)
        app.action_close_assessment()
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and app.session is None and app.workspace is None
        from textual.widgets import OptionList

        recent = app.screen.query_one("#recent", OptionList)
        prompt = str(recent.get_option_at_index(0).prompt)
        assert (
            "Payments" in prompt and f"1 of {len(catalog.load('sre-core')[0].questions())} answered" in prompt
        )
