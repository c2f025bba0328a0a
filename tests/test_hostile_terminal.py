"""Hostile terminals: text from files never drives the terminal it is shown on.

Team names, questionnaire titles, labels, actions, risk reasons, file names and CSV cells
carry escape sequences (window titles, hyperlinks, screen clears), carriage returns, 8-bit
controls and bidi overrides. On a terminal every one of them is shown as a visible mark
(``assess.printable``); JSON, YAML and CSV written to files or pipes escape by their own
rules; a CSV cell can never start a row of its own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
import tty
from pathlib import Path
from typing import Any

import yaml
from platformdirs import user_config_path

from assess.loading import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small-questionnaire.yaml"
EXAMPLE = ROOT / "examples" / "payments-product-team.yaml"

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \r\x9b31m \u202eevil"
# What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1, bidi overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def shown_safely(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream), RAW.search(stream)
    assert "␛" in result.stdout + result.stderr  # shown, not dropped


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def hostile_questionnaire(path: Path) -> Path:
    """The small questionnaire with escape sequences in every text a command shows."""
    data: dict[str, Any] = parse_yaml(SMALL.read_text(), str(SMALL)).data
    data["title"] = f"Small {ESCAPES}"
    for domain in data["domains"]:
        domain["title"] += ESCAPES
        for question in domain["questions"]:
            question["text"] += ESCAPES
            for choice in question["choices"]:
                choice["label"] += ESCAPES
                if choice.get("action"):
                    choice["action"] += ESCAPES
            for rule in question.get("risk_rules", []):
                if rule.get("why"):
                    rule["why"] += ESCAPES
    path.write_text(yaml.dump(data, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=10**9))
    return path


def team_file(path: Path, day: int, choice: str) -> Path:
    name = json.dumps(f"Pay{ESCAPES}ments")  # a YAML double-quoted string with escapes
    path.write_text(
        f"questionnaire: small\nassessed_at: 2026-01-{day:02d}\nteam: {{name: {name}}}\n"
        f"answers:\n  alerts.runbooks: {choice}\n  alerts.channels: [chat]\n"
    )
    return path


def test_compare_and_history_text_show_team_names_as_text(tmp_path: Path) -> None:
    q = hostile_questionnaire(tmp_path / "small.yaml")
    old, new = team_file(tmp_path / "old.yaml", 1, "never"), team_file(tmp_path / "new.yaml", 2, "all")
    for result in (run("compare", old, new, "-q", q), run("history", old, new, "-q", q)):
        assert result.returncode == 0, result.stderr
        shown_safely(result)
        assert "Pay␛]0;pwned␇␛[2J" in result.stdout


def test_score_text_shows_questionnaire_texts_as_text(tmp_path: Path) -> None:
    q = hostile_questionnaire(tmp_path / "small.yaml")
    result = run("score", team_file(tmp_path / "team.yaml", 1, "never"), "-q", q)
    assert result.returncode == 0, result.stderr
    shown_safely(result)
    assert "⟨U+009B⟩31m ⟨U+202E⟩evil" in result.stdout


def test_questionnaire_show_list_and_init_show_texts_as_text(tmp_path: Path) -> None:
    q = hostile_questionnaire(tmp_path / "small.yaml")
    shown_safely(run("questionnaire", "show", q))
    folder = user_config_path("assess") / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "small.yaml").write_text(q.read_text())
    listed = run("questionnaire", "list")
    shown_safely(listed)
    assert "Small ␛]0;pwned␇" in listed.stdout
    template = run("init", "-q", q)
    shown_safely(template)


def test_file_names_and_field_names_in_diagnostics_are_shown_as_text(tmp_path: Path) -> None:
    evil = tmp_path / "team\x1b]0;pwned\x07\u202e.yaml"
    evil.write_text('questionnaire: sre-core\nteam: {name: T}\n"\\e[2Jfield": 1\n')
    result = run("validate", evil, tmp_path / "missing\x1b[31m.yaml")
    assert result.returncode == 1
    shown_safely(result)
    assert "team␛]0;pwned␇⟨U+202E⟩.yaml:3:1: ␛[2Jfield: unknown field '\\x1b[2Jfield'" in result.stderr
    ok = run("validate", _copy(EXAMPLE, tmp_path / "ok\x1b[1m.yaml"))
    shown_safely(ok)


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


# --------------------------------------------------------------------------
# CSV (#3, #4)
# --------------------------------------------------------------------------

NOTE = "see wiki\r=cmd|' /C calc'!A0"


def csv_team(path: Path) -> Path:
    text = EXAMPLE.read_text()
    text = text.replace(
        "  obs.golden-signals: ", f"  obs.golden-signals:\n    note: {json.dumps(NOTE)}\n    choice: ", 1
    )
    path.write_text(text)
    return path


def test_a_carriage_return_never_starts_a_csv_row(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assess", "score", str(csv_team(tmp_path / "t.yaml")), "-f", "csv"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.decode(), newline="")))
    scored = subprocess.run(
        [sys.executable, "-m", "assess", "score", str(tmp_path / "t.yaml"), "-f", "json"],
        capture_output=True,
        timeout=120,
    )
    questions = len(json.loads(scored.stdout)["questions"])
    assert len(rows) == 1 + questions  # the header and one row per question: the note stayed in its cell
    assert all(len(row) == len(rows[0]) for row in rows)
    for row in rows[1:]:
        for value in row:
            if value[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                float(value)  # only a plain number may start like a formula
    assert NOTE in {row[9] for row in rows}


def on_a_terminal(*args: str | Path) -> tuple[int, bytes]:
    """Run the command with its standard output on a terminal (a pty in raw mode, so what
    arrives is exactly what was written), and return the exit code and the bytes."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    child = subprocess.Popen(
        [sys.executable, "-m", "assess", *map(str, args)], stdout=slave, stderr=subprocess.DEVNULL
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return child.wait(timeout=120), b"".join(chunks)


def test_csv_and_json_on_a_terminal_show_control_characters_as_marks(tmp_path: Path) -> None:
    team = csv_team(tmp_path / "t.yaml")
    team.write_text(team.read_text().replace('  name: "Payments"', f"  name: {json.dumps('Pay' + ESCAPES)}"))
    for fmt in ("csv", "json", "yaml"):
        code, raw = on_a_terminal("score", team, "-f", fmt)
        assert code == 0
        text = raw.decode()
        assert not RAW.search(text), (fmt, RAW.search(text))
        assert "⟨U+202E⟩" in text or "\\u202e" in text
