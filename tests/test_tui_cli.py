"""How the command line reaches the terminal app, and keeps it out of the way otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assess.cli import main
from assess.resources import examples_dir


def test_without_a_terminal_no_arguments_still_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "usage: assess" in out and "tui" in out


def test_tui_refuses_to_start_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tui"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_tui_help_names_the_file_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["tui", "--help"])
    assert exit_info.value.code == 0
    assert "answers file to open" in capsys.readouterr().out


def test_scoring_never_loads_textual(tmp_path: Path) -> None:
    example = examples_dir() / "payments-product-team.yaml"
    code = (
        "import sys\n"
        "from assess.cli import main\n"
        f"status = main(['score', {str(example)!r}, '--format', 'json'])\n"
        "assert status == 0, status\n"
        "heavy = ('textual', 'assess.tui')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith(heavy))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
