"""Shared fixtures: every test runs with its own user config/state/cache dirs."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest

from assess import catalog
from assess.loading import load_model
from assess.models import Answers, Questionnaire

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    # Font caches are slow to rebuild; keep one per session instead of one per test.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def sre_core() -> Questionnaire:
    questionnaire, _ = catalog.load("sre-core")
    return questionnaire


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def load_answers_file(path: Path) -> Answers:
    answers, _ = load_model(Answers, path)
    return answers


def _pinned_textual() -> str | None:
    """The exact Textual the test extra pins (pyproject.toml): the snapshots were drawn by it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["optional-dependencies"]["test"]:
        if requirement.replace(" ", "").startswith("textual=="):
            return str(requirement.split("==", 1)[1].strip())
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Snapshots are compared only under the Textual release that drew them; users may install
    any 8.x (the dependency is a range), and another release draws a few cells differently."""
    pinned, installed = _pinned_textual(), version("textual")
    if pinned is None or pinned == installed:
        return
    skip = pytest.mark.skip(reason=f"snapshots are drawn by textual {pinned}; {installed} is installed")
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After a fuzz run, say how many generated cases ran and how many were refused."""
    try:
        from fuzz_support import COUNTS
    except ImportError:
        return
    if COUNTS["ran"]:
        terminalreporter.write_line(
            f"fuzz: {COUNTS['ran']} generated cases ran, {COUNTS['rejected']} rejected with located "
            f"messages, {COUNTS['ran'] - COUNTS['rejected']} loaded; no traceback"
        )
