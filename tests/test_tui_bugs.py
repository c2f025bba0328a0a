"""The terminal app's bugs, each driven with keys as a person met it (issue 18).

Each test failed on the code before the fix. Bug 4 (two instances losing an
answer) has its own test with two real processes in test_tui_two_instances.py,
and bug 6 (SIGKILL right after the screen moved on) one in test_crash_safety.py;
the pilot tests here cover what can be seen from inside one app.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from pathlib import Path

import pytest
import yaml
from tui_support import example_copy, screen_text, settle, start_new, words

import assess.files
from assess.tui.app import AssessApp
from assess.tui.screens.question import QuestionScreen
from assess.tui.screens.welcome import WelcomeScreen

TODAY = dt.date(2026, 1, 15)
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def choice(answer: object) -> object:
    return answer.get("choice") if isinstance(answer, dict) else answer


def draft(tmp_path: Path, name: str) -> Path:
    return tmp_path / "state" / "assess" / "drafts" / name


async def on_questions(pilot: object, app: AssessApp) -> None:
    """Open file given on the command line: settle, then leave the results for the questions."""
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, QuestionScreen)


# 1 ---------------------------------------------------------------------------


async def test_1_ctrl_q_on_the_new_team_form_saves_and_quits_without_a_traceback(tmp_path: Path) -> None:
    app = AssessApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", *"Quitters")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (None, 0)
    saved = draft(tmp_path, "quitters.yaml")
    assert saved.exists() and 'name: "Quitters"' in saved.read_text(encoding="utf-8")


async def test_1_ctrl_q_with_an_invalid_field_asks_first(tmp_path: Path) -> None:
    app = AssessApp(today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "tab", "x")  # no name, and "x" engineers
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TeamScreen", "Esc goes back to the form, nothing lost"
        await pilot.press("escape")  # leaving the form asks too
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


# 2 ---------------------------------------------------------------------------


async def test_2_after_an_outside_edit_reload_merges_my_answer_on_top(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        text = path.read_text(encoding="utf-8").replace('name: "Payments"', 'name: "Payments (edited)"')
        path.write_text(text, encoding="utf-8")
        await pilot.press("5")  # slo.defined: the best answer
        await settle(pilot)
        assert type(app.screen).__name__ == "ChoiceDialog"
        shown = screen_text(app)
        assert "Reload" in shown and "Overwrite" in shown and "Save my answers as" in shown
        assert "differences" in shown
        await pilot.press("4")  # show the differences first
        await pilot.pause()
        assert type(app.screen).__name__ == "ReportDialog"
        assert "Payments (edited)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog", "the choices come back after the differences"
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session is not None and app.session.team_name == "Payments (edited)"
        assert app.workspace is not None and app.workspace.status().saved
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["team"]["name"] == "Payments (edited)", "their edit kept"
    assert choice(after["answers"]["slo.defined"]) == "agreed", "my answer on top"


async def test_2_overwrite_and_save_as_are_ways_out_too(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        path.write_text(path.read_text(encoding="utf-8").replace("Payments", "Other"), encoding="utf-8")
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("3")  # save as
        await pilot.pause()
        copy = tmp_path / "mine.yaml"
        await pilot.press("ctrl+u", *str(copy), "enter")
        await settle(pilot)
        assert app.session is not None and app.session.path == copy
        await pilot.press("down", "2")  # the next answer goes to the copy
        await settle(pilot)
    mine = yaml.safe_load(copy.read_text(encoding="utf-8"))
    assert choice(mine["answers"]["slo.defined"]) == "agreed" and mine["team"]["name"] == "Payments"
    assert "Other" in path.read_text(encoding="utf-8"), "the other program's file is left alone"


async def test_2_close_is_possible_and_validate_says_the_app_differs(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        path.write_text(path.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("escape")  # decide later
        app.action_validate()
        await settle(pilot)
        assert "The app holds answers the file does not" in screen_text(app)
        await pilot.press("escape")
        app.action_close_assessment()
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog", "closing asks instead of refusing"
        await pilot.press("3")  # close and lose it
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and app.workspace is None


async def test_2_an_outside_edit_with_nothing_unsaved_is_shown_at_once(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("choice: infra-targets", "choice: none", 1), encoding="utf-8")
        app._watch_file()  # the two-second check
        await pilot.pause()
        assert app.session is not None and choice(app.session.answers["slo.defined"]) == "none"
        assert "(•) We have no written reliability targets" in screen_text(app)


# 3 ---------------------------------------------------------------------------


async def test_3_a_failed_save_does_not_stop_later_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = example_copy(tmp_path)
    real = assess.files.write_bytes

    def read_only_folder(target: Path, data: bytes) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        monkeypatch.setattr(assess.files, "write_bytes", read_only_folder)
        await pilot.press("5")  # slo.defined
        await settle(pilot)
        status = screen_text(app)
        assert "NOT SAVED" in status and "slo.defined" in status and "read-only" in status
        assert "another program" not in status
        monkeypatch.setattr(assess.files, "write_bytes", real)
        await pilot.press("1")  # slo.targets
        await settle(pilot)
        assert "✓ saved" in screen_text(app)
        assert app.session is not None
        first_target = app.session.questions[1].choices[0].id
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    assert choice(answers["slo.defined"]) == "agreed" and choice(answers["slo.targets"]) == first_target


async def test_3_a_failed_save_is_retried_on_the_timer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = example_copy(tmp_path)
    real = assess.files.write_bytes

    def full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        monkeypatch.setattr(assess.files, "write_bytes", full)
        await pilot.press("5")
        await settle(pilot)
        assert "is full" in screen_text(app)
        monkeypatch.setattr(assess.files, "write_bytes", real)
        app._retry()  # what the five-second timer runs
        await pilot.pause()
        assert "✓ saved" in screen_text(app)
    assert choice(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]["slo.defined"]) == "agreed"


async def test_3_a_read_only_file_is_said_at_once_and_never_called_changed(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    path.chmod(0o444)
    app = AssessApp(path)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await on_questions(pilot, app)
            assert any("read-only" in n.message for n in app._notifications), "said when opening"
            for key in ("5", "1"):
                await pilot.press(key)
                await settle(pilot)
                shown = screen_text(app)
                assert "read-only" in shown and "another program" not in shown
    finally:
        path.chmod(0o644)


# 5 ---------------------------------------------------------------------------


async def test_5_autosave_keeps_a_symbolic_link_and_the_file_mode(tmp_path: Path) -> None:
    real = example_copy(tmp_path)
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    app = AssessApp(link)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        await pilot.press("5")
        await settle(pilot)
    assert link.is_symlink()
    assert choice(yaml.safe_load(real.read_text(encoding="utf-8"))["answers"]["slo.defined"]) == "agreed"
    assert real.stat().st_mode & 0o777 == 0o600


# 6 ---------------------------------------------------------------------------


async def test_6_the_answer_is_on_disk_before_the_next_question_is_shown(tmp_path: Path) -> None:
    """Checked at the moment the screen switches to the next question, not after the key returned."""
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        screen, session = app.screen, app.session
        assert isinstance(screen, QuestionScreen) and session is not None
        seen: list[tuple[str, object]] = []

        def next_question_shown(index: int) -> None:
            previous = session.questions[index - 1].id
            on_disk = yaml.safe_load(session.path.read_text(encoding="utf-8"))["answers"][previous]
            seen.append((previous, on_disk))

        screen.watch(screen, "index", next_question_shown, init=False)
        for _ in range(5):
            if session.questions[screen.index].kind == "multi":
                await pilot.press("2", "right")
            else:
                await pilot.press("2")
        await settle(pilot)
        assert len(seen) == 5
        missing = [qid for qid, on_disk in seen if on_disk is None]
        assert missing == [], f"shown the next question before these were on disk: {missing}"


# 7 ---------------------------------------------------------------------------


async def test_7_enter_or_space_on_an_unanswered_question_records_nothing(tmp_path: Path) -> None:
    app = AssessApp(export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_new(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.session is not None
        await pilot.press("space")
        await pilot.pause()
        assert not app.session.is_answered("slo.defined")
        await pilot.press("enter")  # means "next"
        await pilot.pause()
        assert not app.session.is_answered("slo.defined")
        assert app.screen.index == 1
        text = app.session.path.read_text(encoding="utf-8")
        assert re.search(r"^  slo\.defined:\s*$", text, re.M), text


# 8 ---------------------------------------------------------------------------

ESCAPES = {
    "title": "\x1b]0;pwned\x07",
    "link": "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",
    "clear": "\x1b[2J",
    "dcs": "\x1bP+q544e\x1b\\",
    "c1": "\x9b31m",
}


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar holding control characters as escapes."""

    def one(c: str) -> str:
        if c in '\\"':
            return "\\" + c
        return f"\\x{ord(c):02x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c

    return '"' + "".join(one(c) for c in text) + '"'


def hostile_questionnaire(config: Path) -> None:
    folder = config / "assess" / "questionnaires"
    folder.mkdir(parents=True)
    text = (DATA / "small-questionnaire.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("id: small", "id: hostile"),
        ("title: Small questionnaire", "title: " + yaml_string("Hostile " + ESCAPES["title"])),
        ("title: Alerting", "title: " + yaml_string("Area " + ESCAPES["clear"])),
        ("text: Do alerts link to a runbook?", "text: " + yaml_string("Question " + ESCAPES["link"] + " ?")),
        ("label: Alerts carry no links", "label: " + yaml_string("Choice " + ESCAPES["dcs"])),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    (folder / "hostile.yaml").write_text(text, encoding="utf-8")


async def test_8_escape_sequences_in_names_notes_and_questionnaires_are_shown_as_marks(
    tmp_path: Path,
) -> None:
    hostile_questionnaire(tmp_path / "config")
    path = tmp_path / "hostile-answers.yaml"
    path.write_text(
        "questionnaire: hostile\n"
        f"team:\n  name: {yaml_string('Team ' + ESCAPES['title'])}\n"
        "answers:\n"
        "  alerts.runbooks:\n    choice: never\n"
        f"    note: {yaml_string('note ' + ESCAPES['clear'] + ESCAPES['c1'])}\n",
        encoding="utf-8",
    )
    app = AssessApp(path, export_dir=tmp_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen), words(app)
        app.screen.go_to(0)
        await pilot.pause(0.2)
        shown = words(app)
        for part in (
            "Area ␛[2J",
            "Question ␛]8;;file:///etc/passwd␛\\click␛]8;;␛\\ ?",
            "Choice ␛P+q544e␛\\",
            "Team ␛]0;pwned␇",
            "note ␛[2J",
        ):
            assert part in shown, part
        raw = screen_text(app)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", raw), "a control character reached the screen"
        await pilot.press("f1")
        await pilot.pause()
        help_text = screen_text(app)
        assert "␛]8;;" in help_text and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", help_text)
        await pilot.press("escape", "escape")
        app.action_close_assessment()
        await settle(pilot)
        welcome = words(app)
        assert "Hostile ␛]0;pwned␇" in welcome and "Team ␛]0;pwned␇" in welcome
    text = path.read_text(encoding="utf-8")
    assert yaml_string("note " + ESCAPES["clear"] + ESCAPES["c1"]) in text, (
        "the note itself is kept as it was"
    )


# 9 ---------------------------------------------------------------------------


def deep_questionnaire(config: Path) -> None:
    folder = config / "assess" / "questionnaires"
    folder.mkdir(parents=True, exist_ok=True)
    text = (DATA / "small-questionnaire.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^id: .*$", "id: deep", text, count=1, flags=re.M)
    text = text.replace("when: nothing || (!pager && chat)", "when: " + "(" * 3000 + "pager" + ")" * 3000)
    (folder / "deep.yaml").write_text(text, encoding="utf-8")


async def test_9_a_broken_questionnaire_in_the_config_folder_is_listed_as_broken(tmp_path: Path) -> None:
    deep_questionnaire(tmp_path / "config")
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running and app.session is not None, "the unrelated file opens"
        await pilot.press("escape", "escape")
        app.action_close_assessment()
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        listed = words(app)
        assert "deep: broken" in listed and "nested too deeply" in listed
        assert "SRE maturity core" in listed


# 10 --------------------------------------------------------------------------


async def test_10_na_asks_for_a_reason_and_stores_it_as_reason(tmp_path: Path) -> None:
    path = example_copy(tmp_path)
    app = AssessApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_questions(pilot, app)
        session = app.session
        assert session is not None and isinstance(app.screen, QuestionScreen)
        index = next(i for i, q in enumerate(session.questions) if q.allow_na and q.kind == "single")
        qid = session.questions[index].id
        app.screen.go_to(index)
        await pilot.pause()
        na_number = len(session.questions[index].choices) + 2  # the choices, unsure, then n/a
        await pilot.press(str(na_number % 10))
        await pilot.pause()
        assert type(app.screen).__name__ == "TextDialog", "n/a asks why"
        await pilot.press(*"no such service here", "enter")
        await settle(pilot)
    answer = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"][qid]
    assert answer["choice"] == "n/a" and answer["reason"] == "no such service here"
    assert "note" not in answer or "no such service" not in str(answer["note"])
