"""Helpers for driving the terminal app in tests: waiting, starting, reading the screen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from assess.resources import examples_dir


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the app's thread workers and the messages they cause."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def example_copy(folder: Path, name: str = "payments-product-team.yaml") -> Path:
    target = folder / name
    shutil.copy(examples_dir() / name, target)
    return target


def screen_text(app: Any) -> str:
    """What the terminal shows now, line by line, exactly as the compositor renders it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


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
