"""Where the app keeps files, the recent list, and the background autosave."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from assess.tui import storage


@pytest.fixture(autouse=True)
def user_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Payments", "payments"), ("Payments & Risk!", "payments-risk"), ("Café Ü", "cafe-u"), ("日本", "team")],
)
def test_slug(name: str, expected: str) -> None:
    assert storage.slug(name) == expected


def test_drafts_live_in_the_user_state_folder_and_never_reuse_a_name(tmp_path: Path) -> None:
    first = storage.new_draft_path("Payments")
    assert first == tmp_path / "state" / "assess" / "drafts" / "payments.yaml"
    first.parent.mkdir(parents=True)
    first.write_text("x")
    assert storage.new_draft_path("Payments").name == "payments-2.yaml"


def test_recent_list_is_newest_first_and_skips_missing_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("team: {name: A}\n")
    b.write_text("team: {name: B}\n")
    storage.remember(a)
    storage.remember(b)
    storage.remember(a)
    assert storage.recent_paths() == [a.resolve(), b.resolve()]
    b.unlink()
    assert storage.recent_paths() == [a.resolve()]


def test_summary_reads_team_and_progress_without_validating(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("questionnaire: sre-core@1\nteam:\n  name: Payments\nanswers:\n  a: x\n  b:\n  c: [y]\n")
    summary = storage.summarise(path)
    assert summary is not None
    assert (summary.team, summary.questionnaire, summary.answered) == ("Payments", "sre-core@1", 2)
    (tmp_path / "bad.yaml").write_text("a: [unclosed\n")
    assert storage.summarise(tmp_path / "bad.yaml") is None


def test_saver_writes_the_newest_state_and_flushes(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    gate = threading.Event()
    rendered: list[int] = []
    reports: list[str | None] = []

    def render(data: Mapping[str, Any]) -> str:
        gate.wait(5)
        rendered.append(data["n"])
        return f"n: {data['n']}\n"

    saver = storage.Saver(target, render, reports.append)
    saver.submit({"n": 1})
    for n in range(2, 50):
        saver.submit({"n": n})
    gate.set()
    assert saver.flush()
    assert target.read_text() == "n: 49\n"
    assert rendered[-1] == 49 and len(rendered) < 49, "bursts are coalesced"
    assert saver.close()
    assert reports and all(r is None for r in reports)


def test_saver_reports_a_failed_write_and_keeps_the_old_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    reports: list[str | None] = []
    saver = storage.Saver(blocker / "out.yaml", lambda d: "x: 1\n", reports.append)
    saver.submit({})
    assert not saver.flush()
    assert saver.error is not None and "cannot save" in saver.error
    assert reports[-1] == saver.error
    saver.close()
