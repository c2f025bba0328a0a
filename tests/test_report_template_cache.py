"""Compiled report templates are kept between runs, and a broken cache never breaks a report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "payments-product-team.yaml"


def html_report(cache_home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", "report", str(EXAMPLE), "-f", "html", "--date", "2026-03-20"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )


def test_the_cache_is_filled_and_read_back_to_the_same_report(tmp_path: Path) -> None:
    first = html_report(tmp_path)
    assert first.returncode == 0, first.stderr
    cached = list((tmp_path / "assess" / "templates").iterdir())
    assert cached, "no compiled template was kept"
    second = html_report(tmp_path)
    assert second.returncode == 0 and second.stdout == first.stdout


def test_a_cut_short_or_garbled_cache_is_compiled_again(tmp_path: Path) -> None:
    expected = html_report(tmp_path).stdout
    for n, entry in enumerate((tmp_path / "assess" / "templates").iterdir()):
        entry.write_bytes(entry.read_bytes()[: 40 + n] if n % 2 == 0 else b"\x00garbage" * 50)
    again = html_report(tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == expected and "Traceback" not in again.stderr


def test_a_cache_folder_that_cannot_be_made_costs_nothing_but_time(tmp_path: Path) -> None:
    (tmp_path / "assess").mkdir()
    (tmp_path / "assess" / "templates").write_text("a file where the folder would go")
    done = html_report(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "<html" in done.stdout and done.stderr == ""
