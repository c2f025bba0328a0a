"""Where the app keeps files, the recent list, and the background autosave."""

from __future__ import annotations

from pathlib import Path

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
    broken = storage.summarise(tmp_path / "bad.yaml")
    assert broken is not None and broken.problem is not None and "bad.yaml:" in broken.problem
    assert summary.modified is not None and summary.problem is None


def test_removed_entries_stay_off_the_list_until_opened_again(tmp_path: Path) -> None:
    draft = storage.new_draft_path("Checkout")
    draft.parent.mkdir(parents=True)
    draft.write_text("team: {name: Checkout}\n")
    assert storage.recent_paths() == [draft]
    storage.forget(draft)
    assert storage.recent_paths() == [], "a removed draft is not listed again"
    assert draft.exists(), "removing from the list never deletes the file"
    storage.remember(draft)
    assert storage.recent_paths() == [draft.resolve()]


def test_the_old_recent_list_format_still_reads(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    a.write_text("team: {name: A}\n")
    storage.state_dir().mkdir(parents=True)
    (storage.state_dir() / "recent.json").write_text(f'["{a}"]')
    assert storage.recent_paths() == [a]
