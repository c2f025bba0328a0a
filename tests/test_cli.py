"""The command line end to end, in a subprocess, as a user or CI runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

Write = Callable[[str, str], Path]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


ANSWERS = """\
questionnaire: sre-core@1
assessed_at: 2026-11-27
team:
  name: "Payments <b>&</b>"
  engineers: 8
  services: 12
  teams_in_org: 14
  sre_count: 0
  on_call_engineers: 4
  pages_per_week: 9
answers:
  obs.golden-signals: partial
  inc.roles:
    choice: de-facto
    note: "IC is whoever notices first"
  res.backups: none
  rel.practices: [canary, auto-rollback]
  iac.drift: unsure
"""


@pytest.fixture
def answers_file(write: Write, sre_core: object) -> Path:
    return write("answers.yaml", ANSWERS)


def test_score_json_follows_the_contract(answers_file: Path) -> None:
    result = run("score", str(answers_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["questionnaire"]["id"] == "sre-core" and data["questionnaire"]["version"] == "1"
    assert data["team"]["name"] == "Payments <b>&</b>"
    assert 0 < data["coverage"] < 1
    assert set(data["overall"]) >= {"score", "level", "label"}
    domain = data["domains"][0]
    assert set(domain) >= {"id", "title", "score", "level", "label", "answered", "total"}
    assert {"question", "severity", "title", "why"} <= set(data["risks"][0])
    topo = data["topology"]
    assert topo["recommended"] in {"within-team", "embedded", "enabling", "platform", "separate"}
    assert set(topo) >= {
        "interaction_mode",
        "confidence",
        "rationale",
        "alternatives",
        "evolution",
        "google_implementation",
        "anti_patterns",
    }
    item = data["roadmap"][0]
    assert set(item) >= {"phase", "action", "domain", "questions", "impact", "effort"}
    assert result.stderr == ""


def test_score_formats_agree(answers_file: Path) -> None:
    as_json = json.loads(run("score", str(answers_file), "-f", "json").stdout)
    as_yaml = yaml.safe_load(run("score", str(answers_file), "-f", "yaml").stdout)
    assert as_yaml["overall"] == as_json["overall"]
    text = run("score", str(answers_file)).stdout
    assert f"{as_json['overall']['score']:5.1f}" in text
    markdown = run("score", str(answers_file), "-f", "markdown").stdout
    assert "Payments &lt;b&gt;&amp;&lt;/b&gt;" in markdown
    assert "<b>" not in markdown


def test_fail_under_and_strict(answers_file: Path) -> None:
    assert run("score", str(answers_file), "--fail-under", "0").returncode == 0
    failed = run("score", str(answers_file), "--fail-under", "99")
    assert failed.returncode == 1
    assert "below --fail-under 99" in failed.stderr
    strict = run("score", str(answers_file), "--strict")
    assert strict.returncode == 1
    assert f"{answers_file}:11:1: " in strict.stderr and "questions unanswered" in strict.stderr
    assert strict.stdout == ""


def test_invalid_input_gives_located_messages_and_no_traceback(write: Write) -> None:
    bad = write("bad.yaml", ANSWERS.replace("partial", "partal").replace("engineers: 8", "engineers: eight"))
    result = run("score", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{bad}:5:14: team.engineers: Input should be a valid integer" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("validate", str(write("bad2.yaml", ANSWERS.replace("partial", "partal"))))
    assert result.returncode == 1
    assert "unknown choice 'partal'; did you mean 'partial'?" in result.stderr


@pytest.mark.parametrize(
    "content",
    ["", "- a\n- b\n", "{{{{", "questionnaire: nope\nteam: {name: x}\n", "\x00\x01", "a: &x 1\nb: *x\n"],
)
def test_garbage_never_tracebacks(write: Write, content: str) -> None:
    result = run("score", str(write("g.yaml", content)))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(Path(result.args[-1])) + ":") or "g.yaml:" in result.stderr


def test_output_file_is_written_and_never_over_the_input(answers_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    assert run("score", str(answers_file), "-f", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["team"]["name"] == "Payments <b>&</b>"
    before = answers_file.read_text()
    result = run("score", str(answers_file), "-f", "json", "-o", str(answers_file))
    assert result.returncode == 1
    assert "refusing to write the output over an input file" in result.stderr
    assert answers_file.read_text() == before


def test_validate_many_files_and_folders(answers_file: Path, write: Write, tmp_path: Path) -> None:
    write("broken.yaml", "questionnaire: sre-core\n")
    result = run("validate", str(tmp_path), "-f", "json")
    assert result.returncode == 1
    report = {Path(r["file"]).name: r for r in json.loads(result.stdout)["files"]}
    assert report["answers.yaml"]["ok"] and report["answers.yaml"]["answered"] == 5
    assert report["broken.yaml"]["diagnostics"][0]["message"] == "missing required field 'team'"


def test_init_template_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    assert run("init", "--team", 'Search: "core" #1', "-o", str(out)).returncode == 0
    text = out.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "questionnaire: sre-core@2" in text
    result = run("score", str(out), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["team"]["name"] == 'Search: "core" #1'
    assert run("init", "-o", str(out)).returncode == 1  # never replaces without --force


def test_questionnaire_commands(tmp_path: Path) -> None:
    listed = run("questionnaire", "list", "-f", "json")
    first = json.loads(listed.stdout)["questionnaires"][0]
    assert {"id": "sre-core", "source": "bundled"}.items() <= first.items()
    shown = json.loads(run("questionnaire", "show", "sre-core", "--format", "json").stdout)
    assert shown["id"] == "sre-core" and len(shown["domains"]) >= 8
    question = shown["domains"][0]["questions"][0]
    assert set(question) == {"id", "kind", "text", "weight", "allow_na", "choices"}
    assert set(question["choices"][0]) == {"id", "label", "score"}
    scores = [c["score"] for c in question["choices"]]
    assert scores == sorted(scores)
    bundled = Path(listed.stdout.split('"path": "')[1].split('"')[0])
    assert run("questionnaire", "validate", str(bundled)).returncode == 0
    broken = tmp_path / "q.yaml"
    broken.write_text(
        bundled.read_text().replace("depends_on: [obs.golden-signals]", "depends_on: [obs.gold]", 1)
    )
    result = run("questionnaire", "validate", str(broken))
    assert result.returncode == 1
    assert "unknown question 'obs.gold'; did you mean 'obs.golden-signals'?" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("score").returncode == 2
    assert run("frobnicate").returncode == 2


def test_demo_runs(tmp_path: Path) -> None:
    result = run("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Recommended setup:" in result.stdout
    assert (tmp_path / "assess-demo-report.pdf").stat().st_size > 10_000
