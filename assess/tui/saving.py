"""Saving the answers file so that it can be trusted.

Every change is written at once, on the thread that handles the key, before the
next frame is painted: the text is spliced (``answers_file``), written to a
temporary file beside the real one, fsynced and renamed over it
(``assess.files.write_bytes``, which follows symbolic links to the real file and
keeps its permission bits).

Outside changes are caught by a compare-and-swap that nothing can slip into:
the app holds an exclusive ``flock`` on the file it is about to replace while it
reads it, compares its SHA-256 with the digest of what the app last read or
wrote there, and renames the new text over it. A second copy of the app (or
anything else that locks the file) waits for the lock, then finds a new file
under the name and a different digest, and is told instead of overwriting. A
save that fails leaves the app's idea of the file as it was, so the next change
(or the retry timer) tries again from the right place.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess import files
from assess.tui.answers_file import Document

LOCK_WAIT = 2.0  # seconds to wait for another program's lock before reporting it


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ChangedOutside(Exception):
    """The file on disk is not what the app last read or wrote there."""

    def __init__(self, on_disk: bytes | None) -> None:
        super().__init__("it was changed by another program since the app last read or saved it")
        self.on_disk = on_disk


class Locked(Exception):
    """Another program held the file's lock for longer than ``LOCK_WAIT``."""


@contextlib.contextmanager
def locked(target: Path, *, create: bool = False) -> Iterator[int | None]:
    """An exclusive lock on the file now at ``target``; None if there is no file.

    The lock belongs to the file (the inode), and a save replaces the file, so after
    waiting for it we check that the name still leads to the file we locked; if it
    does not, someone saved meanwhile and we lock the new one instead.
    """
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            if not create:
                yield None
                return
            try:
                fd = os.open(target, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue  # another copy created it first: lock that one
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise Locked(f"{target} is locked by another program") from None
                    time.sleep(0.002)
            held = os.fstat(fd)
            try:
                now = os.stat(target)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                yield fd
                return
        finally:
            os.close(fd)  # closing releases the lock


def read_only(target: Path) -> bool:
    """Whether the file is marked read-only (for everyone, root included, who would ignore it)."""
    try:
        info = os.stat(target)
    except OSError:
        return False
    return info.st_mode & 0o222 == 0 or not os.access(target, os.W_OK)


def _read_only_file_system(target: Path) -> bool:
    try:
        return bool(os.statvfs(target).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _read_fd(fd: int) -> bytes:
    chunks = []
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def read_current(path: Path) -> bytes | None:
    """The file's bytes as they are now (None when it is gone), read under its lock."""
    target = files.real_target(path)
    with locked(target) as fd:
        return None if fd is None else _read_fd(fd)


def write_if_unchanged(path: Path, expected: str | None, data: bytes) -> bool:
    """Replace the file with ``data`` if its digest is still ``expected`` (any content if None).

    Returns True when the file had to be created again (it had been deleted or moved).
    Raises ChangedOutside, Locked, or OSError (read-only file or folder, full disk...).
    """
    target = files.real_target(path)
    recreated = False
    with locked(target, create=True) as fd:
        assert fd is not None
        current = _read_fd(fd)
        if os.fstat(fd).st_size == 0 and not current and expected is not None and expected != digest(b""):
            # An empty file: the one we just created for a deleted original (or an empty one).
            recreated = True
        elif expected is not None and digest(current) != expected:
            raise ChangedOutside(current)
        if _read_only_file_system(target):
            raise OSError(errno.EROFS, "read-only file system", str(path))
        if read_only(target):
            raise PermissionError(errno.EACCES, "the file is read-only", str(path))
        files.write_bytes(target, data)
    return recreated


# --------------------------------------------------------------------------
# What the app knows about its file
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How the last save went: None problem means everything is on disk."""

    problem: str | None = None
    conflict: bool = False
    recreated: bool = False


class AnswersFile:
    """One answers file, the text the app last read or wrote there, and its saves."""

    def __init__(self, path: Path, document: Document, order: Mapping[str, list[str]]) -> None:
        self.path = path
        self.document = document  # what the file holds, as far as the app knows
        self.order = order
        self.digest = digest(document.text.encode("utf-8"))

    @property
    def saved(self) -> Mapping[str, Any]:
        return self.document.data

    def save(self, data: Mapping[str, Any], *, force: bool = False) -> Outcome:
        """Write ``data``; on any failure the app's idea of the file stays as it was.

        ``force`` overwrites whatever the file holds now (the person chose to)."""
        new = self.document.updated(data, self.order)
        if new.text == self.document.text and not force:
            return Outcome()
        encoded = new.text.encode("utf-8")
        try:
            recreated = write_if_unchanged(self.path, None if force else self.digest, encoded)
        except ChangedOutside:
            return Outcome(
                "the file was changed by another program since the app last read or saved it",
                conflict=True,
            )
        except Locked as exc:
            return Outcome(f"{exc}; will try again")
        except OSError as exc:
            return Outcome(describe(self.path, exc))
        self.document = new
        self.digest = digest(encoded)
        return Outcome(recreated=recreated)

    def changed_on_disk(self) -> bool:
        """Whether the file now holds something other than what the app last read or wrote."""
        try:
            current = files.real_target(self.path).read_bytes()
        except FileNotFoundError:
            return False  # gone: the next save writes it again
        except OSError:
            return False
        return digest(current) != self.digest

    def adopt(self, document: Document) -> None:
        """The file now holds ``document`` (it was reloaded, or saved elsewhere)."""
        self.document = document
        self.digest = digest(document.text.encode("utf-8"))


def describe(path: Path, exc: OSError) -> str:
    """Why a save failed, in words a person can act on."""
    target = files.real_target(path)
    if exc.errno == errno.ENOSPC:
        return f"the disk holding {target.parent} is full"
    if exc.errno == errno.EDQUOT:
        return f"the disk quota for {target.parent} is used up"
    if exc.errno == errno.EROFS:
        return f"{target.parent} is on a read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        if target.exists() and read_only(target):
            return f"{target} is read-only"
        return f"the folder {target.parent} is read-only (or not yours)"
    if exc.errno == errno.ENOENT:
        return f"the folder {target.parent} no longer exists"
    return f"cannot write {target}: {exc.strerror or exc}"


def pending_changes(saved: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """What ``current`` has that the file does not: question ids, then "team facts" and other keys."""
    out: list[str] = []
    old_answers = saved.get("answers") if isinstance(saved.get("answers"), Mapping) else {}
    new_answers = current.get("answers") if isinstance(current.get("answers"), Mapping) else {}
    assert isinstance(old_answers, Mapping) and isinstance(new_answers, Mapping)
    for key, value in new_answers.items():
        if key not in old_answers or old_answers[key] != value:
            out.append(str(key))
    for key in old_answers:
        if key not in new_answers:
            out.append(str(key))
    if saved.get("team") != current.get("team"):
        out.append("team facts")
    old_actions = saved.get("actions") if isinstance(saved.get("actions"), Mapping) else {}
    new_actions = current.get("actions") if isinstance(current.get("actions"), Mapping) else {}
    assert isinstance(old_actions, Mapping) and isinstance(new_actions, Mapping)
    for key in dict.fromkeys([*new_actions, *old_actions]):
        if old_actions.get(key) != new_actions.get(key):
            out.append(f"action {key}")
    for key in current:
        if key not in ("answers", "team", "actions") and saved.get(key) != current.get(key):
            out.append(str(key))
    return out


def merge(base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """``theirs`` (the file as another program left it) with my changes since ``base`` on top.

    An answer, team fact or action entry I changed takes my value; everything else keeps theirs.
    """
    out = dict(theirs)
    for section in ("answers", "team", "actions"):
        if section == "actions" and not any(isinstance(d.get(section), Mapping) for d in (mine, theirs)):
            if base.get(section) != mine.get(section):
                out[section] = mine.get(section)
            continue
        b = base.get(section) if isinstance(base.get(section), Mapping) else {}
        m = mine.get(section) if isinstance(mine.get(section), Mapping) else {}
        t = theirs.get(section) if isinstance(theirs.get(section), Mapping) else {}
        assert isinstance(b, Mapping) and isinstance(m, Mapping) and isinstance(t, Mapping)
        merged = dict(t)
        for key, value in m.items():
            if key not in b or b[key] != value:
                merged[key] = value
        for key in b:
            if key not in m:
                merged.pop(key, None)
        if section == "actions" and not merged:
            if section in theirs or section in mine:
                out[section] = None  # an empty section, as the app leaves it
            continue
        out[section] = merged
    for key, value in mine.items():
        if key not in ("answers", "team", "actions") and base.get(key) != value:
            out[key] = value
    return out
