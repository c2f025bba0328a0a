"""Helpers for driving the terminal app in tests: waiting, starting, reading the screen."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import shutil
import struct
import termios
import time
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from assess.resources import examples_dir


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the app's thread workers and the messages they cause.

    A file picker's folder tree keeps a loader worker alive for as long as it is
    shown; that one never completes, so it is not waited for."""
    for _ in range(2):
        running = [w for w in pilot.app.workers if w.group != "_loader" and not w.is_finished]
        if running:  # (an empty list would mean "all of them")
            await pilot.app.workers.wait_for_complete(running)
        await pilot.pause()


def example_copy(folder: Path, name: str = "payments-product-team.yaml") -> Path:
    target = folder / name
    shutil.copy(examples_dir() / name, target)
    return target


def screen_text(app: Any) -> str:
    """What the terminal shows now, line by line, exactly as the compositor renders it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def dialog_text(app: Any) -> str:
    """The text of the dialog on top (its own widgets only, not the screen behind it)."""
    from textual.widgets import Static

    return " ".join(" ".join(str(w.render()).split()) for w in app.screen.query(Static))


def words(app: Any) -> str:
    """The screen's text with borders dropped and every run of spaces or line breaks as one space,
    so a phrase is found however the terminal wrapped it."""
    text = screen_text(app)
    for ch in "▊▎▔▁│":
        text = text.replace(ch, " ")
    return " ".join(text.split())


async def start_new(pilot: Pilot[Any], name: str = "Payments") -> None:
    """From the welcome screen: the highlighted questionnaire, the team name and a few facts, then start."""
    await settle(pilot)
    await pilot.press("enter")
    await pilot.press(*name, "tab", "8", "tab", "1", "2", "tab", "1", "4", "tab", "0", "tab", "4", "tab", "9")
    await pilot.press("ctrl+s")
    await settle(pilot)


class Terminal:
    """A program on a pseudo-terminal, with its output read as it arrives (for kill tests)."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.buffer = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            self.buffer += os.read(self.fd, 65536)
        except OSError:
            return False
        return True

    def wait_for(self, text: str, timeout: float = 10.0) -> None:
        """Until ``text`` is in the output not yet consumed (which is then consumed up to it)."""
        needle = text.encode()
        deadline = time.monotonic() + timeout
        while needle not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} did not appear within {timeout:.0f}s")
            self._read(deadline - time.monotonic())
        self.buffer = self.buffer[self.buffer.index(needle) + len(needle) :]

    def seen_within(self, text: str, seconds: float) -> bool:
        """Whether ``text`` appears in the next ``seconds``; returns when either is known."""
        needle = text.encode()
        deadline = time.monotonic() + seconds
        while needle not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._read(remaining)
        return True

    def drain(self, quiet: float = 0.05) -> None:
        while self._read(quiet):
            pass
        self.buffer = b""

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def close(self) -> None:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)
