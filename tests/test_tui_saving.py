"""Saving the answers file: a locked compare-and-swap, failures that leave the app's idea of the file
as it was, writes through symbolic links that keep the file's mode, and the merge a reload uses."""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from pathlib import Path

import pytest

from assess import files
from assess.tui import saving
from assess.tui.answers_file import Document
from assess.tui.saving import AnswersFile, ChangedOutside, merge, pending_changes, write_if_unchanged

TEXT = "questionnaire: sre-core\nteam:\n  name: A\nanswers:\n  slo.defined: none  # kept\n  slo.alerting:\n"


def answers_file(path: Path, text: str = TEXT) -> AnswersFile:
    path.write_text(text, encoding="utf-8")
    return AnswersFile(path, Document.parse(text), {"answers": ["slo.defined", "slo.alerting"]})


def with_answer(file: AnswersFile, qid: str, value: object) -> dict[str, object]:
    data = dict(file.saved)
    data["answers"] = {**data["answers"], qid: value}
    return data


def test_a_save_replaces_the_file_and_keeps_comments(tmp_path: Path) -> None:
    file = answers_file(tmp_path / "a.yaml")
    assert file.save(with_answer(file, "slo.alerting", "paging")).problem is None
    assert (tmp_path / "a.yaml").read_text() == TEXT.replace("slo.alerting:\n", "slo.alerting: paging\n")


def test_an_outside_change_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    file = answers_file(path)
    path.write_text(TEXT.replace("name: A", "name: B"))
    outcome = file.save(with_answer(file, "slo.alerting", "paging"))
    assert outcome.conflict and outcome.problem is not None
    assert "name: B" in path.read_text(), "the other program's text stays"
    assert file.save(with_answer(file, "slo.alerting", "paging"), force=True).problem is None
    assert "slo.alerting: paging" in path.read_text()


def test_a_failed_save_leaves_the_app_where_it_was_so_the_next_one_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug 3: the old writer took the new text as saved before the write succeeded."""
    path = tmp_path / "a.yaml"
    file = answers_file(path)
    real_write = files.write_bytes

    def full_disk(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "write_bytes", full_disk)
    outcome = file.save(with_answer(file, "slo.alerting", "paging"))
    assert outcome.problem is not None and "full" in outcome.problem and not outcome.conflict
    assert path.read_text() == TEXT
    monkeypatch.setattr(files, "write_bytes", real_write)
    second = with_answer(file, "slo.alerting", "paging")
    second["answers"] = {**second["answers"], "slo.defined": "some-user"}  # type: ignore[dict-item]
    assert file.save(second).problem is None, "not reported as changed by another program"
    text = path.read_text()
    assert "slo.alerting: paging" in text and "slo.defined: some-user  # kept" in text


def test_a_read_only_file_is_reported_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    file = answers_file(path)
    path.chmod(0o444)
    try:
        for _ in range(2):  # and again: never "changed by another program"
            outcome = file.save(with_answer(file, "slo.alerting", "paging"))
            assert outcome.problem is not None and "read-only" in outcome.problem
            assert not outcome.conflict
        assert path.read_text() == TEXT
    finally:
        path.chmod(0o644)


def test_writes_go_through_a_symbolic_link_and_keep_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "real" / "answers.yaml"
    real.parent.mkdir()
    answers_file(real)
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    file = AnswersFile(link, Document.parse(TEXT), {})
    assert file.save(with_answer(file, "slo.alerting", "paging")).problem is None
    assert link.is_symlink() and "slo.alerting: paging" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o600


def test_a_deleted_file_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    file = answers_file(path)
    path.unlink()
    outcome = file.save(with_answer(file, "slo.alerting", "paging"))
    assert outcome.problem is None and outcome.recreated
    assert "slo.alerting: paging" in path.read_text()


def test_the_check_and_the_rename_happen_under_one_lock(tmp_path: Path) -> None:
    """While someone holds the lock, a save waits; after it, the save sees the new file."""
    path = tmp_path / "a.yaml"
    path.write_text("one\n")
    expected = saving.digest(b"one\n")
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    result: list[object] = []

    def other() -> None:
        try:
            write_if_unchanged(path, expected, b"mine\n")
            result.append("written")
        except ChangedOutside as exc:
            result.append(exc.on_disk)

    thread = threading.Thread(target=other)
    thread.start()
    time.sleep(0.1)
    assert result == [], "the save waits for the lock"
    files.write_bytes(path, b"theirs\n")  # the lock holder saves (a new file under the name)
    os.close(fd)
    thread.join(5)
    assert result == [b"theirs\n"] and path.read_bytes() == b"theirs\n"


def test_many_writers_never_lose_a_write_silently(tmp_path: Path) -> None:
    """Threads racing to append a line each: every line that was reported written is in the file."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"")
    written: list[bytes] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        for i in range(40):
            while True:
                current = path.read_bytes()
                line = f"{n}-{i}\n".encode()
                try:
                    write_if_unchanged(path, saving.digest(current), current + line)
                except ChangedOutside:
                    continue  # told: read again and retry
                with lock:
                    written.append(line)
                break

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    final = path.read_bytes().splitlines(keepends=True)
    assert sorted(final) == sorted(written) and len(final) == 160


def test_merge_puts_my_changes_on_top_of_theirs() -> None:
    base = {"team": {"name": "A"}, "answers": {"q1": "a", "q2": None, "q3": "c"}}
    mine = {"team": {"name": "A"}, "answers": {"q1": "a", "q2": "mine", "q3": "c"}}
    theirs = {"team": {"name": "B"}, "answers": {"q1": "theirs", "q2": None, "q3": "c", "q4": "new"}}
    merged = merge(base, mine, theirs)
    assert merged == {
        "team": {"name": "B"},
        "answers": {"q1": "theirs", "q2": "mine", "q3": "c", "q4": "new"},
    }
    assert pending_changes(base, mine) == ["q2"]
