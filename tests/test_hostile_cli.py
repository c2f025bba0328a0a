"""The command line's exit codes under attack: a full standard output, Ctrl+C from the first
instruction, values that parse but mean nothing, and templates that must read back.

Every case ends with a documented exit code (0, 1, 2, 3 or 130) and at most one line on
stderr saying why; never a traceback.
"""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from platformdirs import user_config_path

from assess.loading import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small-questionnaire.yaml"
EXAMPLE = ROOT / "examples" / "payments-product-team.yaml"
LENS = ROOT / "tests" / "lenses" / "complete.json"
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"


def run(
    *args: str | Path, cwd: Path | None = None, stdout: Any = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def small() -> dict[str, Any]:
    data: dict[str, Any] = parse_yaml(SMALL.read_text(), str(SMALL)).data
    return data


def dated(path: Path, day: int) -> Path:
    path.write_text(EXAMPLE.read_text().replace("assessed_at: 2026-03-18", f"assessed_at: 2026-03-{day:02d}"))
    return path


# --------------------------------------------------------------------------
# Standard output that cannot be written (#6g)
# --------------------------------------------------------------------------

FULL_STDOUT = [
    ("score", "{example}"),
    ("score", "{example}", "-f", "json"),
    ("validate", "{example}"),
    ("init",),
    ("schema", "answers"),
    ("report", "{example}", "-f", "markdown"),
    ("org", "{example}"),
    ("compare", "{old}", "{new}"),
    ("history", "{old}", "{new}"),
    ("questionnaire", "list"),
    ("questionnaire", "show", "sre-core"),
    ("questionnaire", "validate", "{small}"),
    ("questionnaire", "import-lens", "{lens}"),
]


@pytest.mark.parametrize("command", FULL_STDOUT, ids=" ".join)
def test_a_full_standard_output_is_an_environment_problem(command: tuple[str, ...], tmp_path: Path) -> None:
    paths = {"example": EXAMPLE, "small": SMALL, "lens": LENS}
    paths |= {"old": dated(tmp_path / "old.yaml", 1), "new": dated(tmp_path / "new.yaml", 18)}
    with open("/dev/full", "w") as full:
        result = run(*(arg.format(**paths) for arg in command), stdout=full)
    assert result.returncode == 3, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if "standard output" in line]
    assert problems == ["assess: cannot write to standard output: No space left on device"]
    if command[:2] != ("questionnaire", "import-lens"):  # which also prints how it read the lens
        assert result.stderr.splitlines() == problems


def test_a_full_standard_error_keeps_the_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("team: [\n")
    cases = [(("score", bad), subprocess.DEVNULL, 1), (("score", EXAMPLE), None, 3)]
    for args, stdout, code in cases:
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "assess", *map(str, args)],
                stdout=full if stdout is None else stdout,
                stderr=full,
                timeout=60,
            )
        assert result.returncode == code, args


# --------------------------------------------------------------------------
# Ctrl+C from the first instruction (#6i)
# --------------------------------------------------------------------------

INTERRUPT_DURING_IMPORTS = """
import runpy, sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            {interrupt}
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["assess", "score", {example!r}]
runpy.run_module("assess", run_name="__main__", alter_sys=True)
"""


# How Python delivers it: as it is, or wrapped when it lands while a class is being created
# (pydantic's models: "RuntimeError: Error calling __set_name__ ...").
INTERRUPTS = {
    "plain": "raise KeyboardInterrupt",
    "wrapped": "raise RuntimeError('Error calling __set_name__') from KeyboardInterrupt()",
}


@pytest.mark.parametrize("interrupt", ["plain", "wrapped"])
@pytest.mark.parametrize(
    "module", ["assess.cli", "assess.cli.parser", "assess.errors", "argparse", "assess.models.questionnaire"]
)
def test_ctrl_c_during_the_command_lines_imports_exits_130_with_one_line(module: str, interrupt: str) -> None:
    code = INTERRUPT_DURING_IMPORTS.format(
        module=module, example=str(EXAMPLE), interrupt=INTERRUPTS[interrupt]
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "interrupted\n"
    assert result.stdout == ""


def test_ctrl_c_at_any_moment_of_start_up_exits_130_with_one_line() -> None:
    delays = [i / 1000 for i in range(0, 150, 3 if FUZZ else 15)]
    for delay in delays:
        child = subprocess.Popen(
            [sys.executable, "-m", "assess", "score", str(EXAMPLE)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        if any(word in err for word in ("Traceback", "Exception ignored", "Fatal Python error")):
            # Only from the interpreter's own start-up, before the first line of ours runs
            # (site, runpy finding the package): nothing of ours is named.
            assert "/assess/" not in err and "assess." not in err, (delay, err)
            continue
        # Before Python installs its handler the signal ends the process itself (-SIGINT);
        # after the result is written there is nothing left to interrupt (0).
        assert child.returncode in (130, -signal.SIGINT, 0), (delay, child.returncode, err)
        if child.returncode == 130:
            assert err == "interrupted\n", (delay, err)


# --------------------------------------------------------------------------
# Values that parse but mean nothing (#6h, #11)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "100.5", "abc"])
def test_fail_under_takes_only_a_score(value: str) -> None:
    result = run("score", EXAMPLE, "--fail-under", value)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "--fail-under" in result.stderr
    assert result.stdout == ""


def test_fail_under_still_fails_below_and_passes_at_the_score() -> None:
    assert run("score", EXAMPLE, "--fail-under", "50").returncode == 1
    assert run("score", EXAMPLE, "--fail-under", "0").returncode == 0


@pytest.mark.parametrize("command", ["org", "history"])
def test_a_date_that_is_no_date_is_a_usage_error(command: str) -> None:
    result = run(command, EXAMPLE, "--date", "garbage")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'garbage' is not a date written YYYY-MM-DD" in result.stderr


def test_validate_on_an_empty_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "teams"
    empty.mkdir()
    result = run("validate", empty)
    assert result.returncode == 1
    assert result.stderr == f"{empty}:1:1: no answers files (*.yaml, *.yml) in this folder\n"
    as_json = run("validate", empty, EXAMPLE, "-f", "json")
    assert as_json.returncode == 1
    assert [r["ok"] for r in json.loads(as_json.stdout)["files"]] == [False, True]


def test_keys_1_and_true_are_not_called_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("questionnaire: sre-core\nteam: {name: T}\ntargets:\n  1: 3\n  true: 4\n")
    result = run("validate", path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{path}:5:3: key 'true' reads as the same value as key '1' (line 4); quote them to keep them apart\n"
    )


def test_questionnaire_list_shows_a_file_no_command_accepts_as_invalid() -> None:
    folder = user_config_path("assess") / "questionnaires"
    folder.mkdir(parents=True)
    duplicate = small()
    duplicate["domains"][1]["questions"][0]["id"] = duplicate["domains"][0]["questions"][0]["id"]
    (folder / "dupes.yaml").write_text(yaml.safe_dump({**duplicate, "id": "dupes"}, sort_keys=False))
    cycle = small()
    questions = cycle["domains"][0]["questions"]
    questions[0]["depends_on"] = [questions[1]["id"]]
    questions[1]["depends_on"] = [questions[0]["id"]]
    (folder / "cycle.yaml").write_text(yaml.safe_dump({**cycle, "id": "cycle"}, sort_keys=False))
    listed = {
        r["id"]: r for r in json.loads(run("questionnaire", "list", "-f", "json").stdout)["questionnaires"]
    }
    assert (
        listed["dupes"]["title"].startswith("invalid: ")
        and "duplicate question id" in listed["dupes"]["title"]
    )
    assert listed["cycle"]["title"].startswith("invalid: ") and "dependency cycle" in listed["cycle"]["title"]
    assert listed["sre-core"]["version"] and not listed["sre-core"]["title"].startswith("invalid")
    for ident in ("dupes", "cycle"):  # what the listing says matches what a command does
        assert run("questionnaire", "show", ident).returncode == 1


@pytest.mark.parametrize("command", ["org", "history"])
def test_a_pdf_without_o_goes_down_a_pipe_and_never_onto_a_terminal(command: str, tmp_path: Path) -> None:
    files = [dated(tmp_path / "a.yaml", 1), dated(tmp_path / "b.yaml", 18)]
    piped = subprocess.run(
        [sys.executable, "-m", "assess", command, *map(str, files), "-f", "pdf"],
        capture_output=True,
        timeout=300,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"%PDF-")
    _, slave = pty.openpty()
    on_terminal = subprocess.run(
        [sys.executable, "-m", "assess", command, *map(str, files), "-f", "pdf"],
        stdout=slave,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(slave)
    assert on_terminal.returncode == 2 and b"a PDF cannot be shown on a terminal" in on_terminal.stderr


# --------------------------------------------------------------------------
# Templates that assess must read back (#10)
# --------------------------------------------------------------------------

HOSTILE = "\x1b]0;pwned\x07 \r=cmd \x85next \u2028line \u2029para \x9b31m \u202eevil\x7f #not: a comment"


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def test_init_from_a_questionnaire_with_control_characters_writes_a_template_that_reads_back(
    tmp_path: Path,
) -> None:
    data = small()
    data["title"] += HOSTILE
    for domain in data["domains"]:
        domain["title"] += HOSTILE
        for question in domain["questions"]:
            question["text"] += HOSTILE + "\nsecond: line"
            for choice in question["choices"]:
                choice["label"] += HOSTILE
    questionnaire = tmp_path / "small.yaml"
    questionnaire.write_text(yaml.dump(data, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=10**9))
    template = tmp_path / "answers.yaml"
    made = run("init", "-q", questionnaire, "-o", template, "--team", f"Pay{HOSTILE}ments")
    assert made.returncode == 0, made.stderr
    checked = run("validate", template, "-q", questionnaire, "-f", "json")
    assert checked.returncode == 0, checked.stderr
    scored = json.loads(run("score", template, "-q", questionnaire, "-f", "json").stdout)
    assert scored["team"]["name"] == f"Pay{HOSTILE}ments"  # the name reads back exactly
    assert scored["coverage"] == 0  # and no text became an answer


@pytest.mark.parametrize("team", ["", "   ", "x" * 201])
def test_init_refuses_a_team_name_the_answers_file_would_refuse(team: str, tmp_path: Path) -> None:
    result = run("init", "--team", team, "-o", tmp_path / "a.yaml")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--team" in result.stderr
    assert not (tmp_path / "a.yaml").exists()


def test_init_takes_a_200_character_team_name(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert run("init", "--team", "x" * 200, "-o", out).returncode == 0
    assert run("validate", out).returncode == 0
