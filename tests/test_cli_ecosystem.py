"""The command line among other tools: pipes, terminal encodings, help, completion, CI formats."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assess.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "payments-product-team.yaml"
LENS = ROOT / "tests" / "lenses" / "complete.json"


def run(
    *args: str | Path,
    stdin: str | bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        input=data if data is not None else b"",
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=300,
    )


# --------------------------------------------------------------------------
# '-' is standard input for every input, standard output for every -o
# --------------------------------------------------------------------------


def test_score_and_validate_read_standard_input() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    scored = run("score", "-", "-f", "json", stdin=text)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["team"]["name"] == "Payments"
    checked = run("validate", "-", stdin=text)
    assert checked.returncode == 0 and checked.stdout.startswith(b"-: ok (67 of 67")
    bad = run("validate", "-", stdin="questionnaire: sre-core\nteam: {name: P}\nanswers: {slo.defined: x}\n")
    assert bad.returncode == 1 and bad.stderr.startswith(b"-:3:24: slo.defined: unknown choice 'x'")


def test_report_compare_org_and_history_read_standard_input(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    report = run("report", "-", "-f", "markdown", stdin=text)
    assert report.returncode == 0 and b"Payments" in report.stdout
    compared = run("compare", EXAMPLE, "-", "-f", "json", stdin=text)
    assert compared.returncode == 0 and json.loads(compared.stdout)["domains"]
    rolled = run("org", "-", EXAMPLES / "startup-sre-native.yaml", "-f", "json", stdin=text)
    assert rolled.returncode == 0 and len(json.loads(rolled.stdout)["teams"]) == 2
    later = tmp_path / "later.yaml"
    later.write_text(text.replace("assessed_at: 2026-03-18", "assessed_at: 2026-09-18"))
    history = run("history", "-", later, "-f", "json", stdin=text)
    assert history.returncode == 0 and [p["file"] for p in json.loads(history.stdout)["points"]] == [
        "-",
        str(later),
    ]


def test_questionnaires_and_lenses_read_standard_input() -> None:
    small = (ROOT / "tests" / "data" / "small-questionnaire.yaml").read_text(encoding="utf-8")
    assert run("questionnaire", "validate", "-", stdin=small).returncode == 0
    assert b"alerts.runbooks" in run("questionnaire", "show", "-", stdin=small).stdout
    imported = run("questionnaire", "import-lens", "-", "--id", "piped", stdin=LENS.read_bytes())
    assert imported.returncode == 0 and imported.stdout.startswith(b"# Imported")
    answers = "questionnaire: small\nteam: {name: P}\nanswers: {alerts.runbooks: some}\n"
    with_file = run(
        "score", "-", "-q", str(ROOT / "tests" / "data" / "small-questionnaire.yaml"), stdin=answers
    )
    assert with_file.returncode == 0, with_file.stderr


def test_standard_input_is_read_once_and_a_file_named_dash_is_dot_slash_dash(tmp_path: Path) -> None:
    twice = run("compare", "-", "-", stdin=EXAMPLE.read_text(encoding="utf-8"))
    assert twice.returncode == 1 and b"standard input was already read" in twice.stderr
    shutil.copy(EXAMPLE, tmp_path / "-")
    named = run("score", "./-", cwd=tmp_path)
    assert named.returncode == 0 and b"Payments" in named.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["score", EXAMPLE, "-f", "json", "-o", "-"],
        ["schema", "answers", "-o", "-"],
        ["org", EXAMPLES, "-f", "json", "-o", "-"],
        ["compare", EXAMPLE, EXAMPLE, "-o", "-"],
        ["history", EXAMPLE, EXAMPLE, "-o", "-"],
        ["questionnaire", "import-lens", LENS, "-o", "-"],
        ["init", "-o", "-"],
    ],
)
def test_dash_output_is_standard_output(args: list[str | Path], tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert not (tmp_path / "-").exists()
    assert result.stdout, result.stderr


@pytest.mark.parametrize("command", [["org", EXAMPLES], ["history", EXAMPLE, EXAMPLE]])
def test_org_and_history_pdf_go_down_a_pipe(command: list[str | Path]) -> None:
    result = run(*command, "-f", "pdf", "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")


# --------------------------------------------------------------------------
# Encodings, help, completion, --quiet
# --------------------------------------------------------------------------


def test_a_terminal_that_cannot_show_unicode_gets_replacements_not_a_traceback(tmp_path: Path) -> None:
    team = EXAMPLE.read_text(encoding="utf-8").replace('name: "Payments"', 'name: "Paiements — 日本 🚀"')
    (tmp_path / "t.yaml").write_text(team, encoding="utf-8")
    for args in (["score", "t.yaml"], ["validate", "t.yaml"], ["questionnaire", "show", "sre-core"]):
        result = run(*args, cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"})
        assert result.returncode == 0, result.stderr
        assert b"Traceback" not in result.stderr
    shown = run("score", "t.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"}).stdout
    assert "Paiements ? ?? ?".encode("latin-1") in shown
    # A file written with -o is UTF-8 whatever the terminal.
    run("score", "t.yaml", "-f", "json", "-o", "out.json", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert "日本 🚀" in (tmp_path / "out.json").read_text(encoding="utf-8")


def _commands(
    parser: argparse.ArgumentParser, prefix: str = "assess"
) -> list[tuple[str, argparse.ArgumentParser]]:
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out.append((f"{prefix} {name}", sub))
                out.extend(_commands(sub, f"{prefix} {name}"))
    return out


def test_every_option_and_argument_has_help_and_every_command_examples() -> None:
    commands = _commands(build_parser())
    assert len(commands) >= 17
    missing = [
        f"{name} {action.dest}"
        for name, sub in [("assess", build_parser()), *commands]
        for action in sub._actions
        if not isinstance(action, argparse._SubParsersAction | argparse._HelpAction)
        and action.dest != "version"
        and not action.help
    ]
    assert missing == []
    assert [name for name, sub in commands if "Examples:\n  assess " not in (sub.epilog or "")] == []


def test_a_bad_option_prints_that_commands_usage() -> None:
    result = run("score", "--bogus", "x")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("usage: assess score ")
    assert b"unrecognized arguments: --bogus" in result.stderr
    nested = run("questionnaire", "show", "sre-core", "--bogus")
    assert nested.returncode == 2 and nested.stderr.decode().startswith("usage: assess questionnaire show ")


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts_know_the_commands_and_options(shell: str) -> None:
    result = run("completion", shell)
    assert result.returncode == 0
    script = result.stdout.decode()
    for word in ("score", "validate", "questionnaire", "import-lens", "--fail-under", "--questionnaire"):
        assert word in script
    if shutil.which(shell):
        # The script loads in the shell it is for.
        check = ["bash", "-c", f"source /dev/stdin && complete -p {'assess'}"] if shell == "bash" else None
        if check:
            loaded = subprocess.run(check, input=result.stdout, capture_output=True, timeout=30)
            assert loaded.returncode == 0, loaded.stderr


def test_bash_completion_offers_subcommands_and_choices() -> None:
    if not shutil.which("bash"):
        pytest.skip("bash is not installed")
    script = run("completion", "bash").stdout.decode()
    probe = (
        script
        + '\nCOMP_WORDS=(assess sc); COMP_CWORD=1; _shtab_assess; echo "${COMPREPLY[@]}"'
        + '\nCOMP_WORDS=(assess validate --format ""); COMP_CWORD=3; _shtab_assess; echo "${COMPREPLY[@]}"'
    )
    lines = subprocess.run(
        ["bash", "-c", probe], capture_output=True, text=True, timeout=30
    ).stdout.splitlines()
    assert "score" in lines[-2].split() and "schema" in lines[-2].split()
    assert set(lines[-1].split()) == {"text", "json", "github", "sarif"}


def test_quiet_keeps_results_and_problems_only(tmp_path: Path) -> None:
    loud = run("score", EXAMPLE, "-o", tmp_path / "a.txt")
    assert b"wrote" in loud.stderr
    cases: list[list[str | Path]] = [
        ["--quiet", "score", EXAMPLE, "-o", tmp_path / "b.txt"],
        ["score", EXAMPLE, "-o", tmp_path / "c.txt", "--quiet"],
    ]
    for args in cases:
        quiet = run(*args)
        assert quiet.returncode == 0 and quiet.stderr == b""
    assert run("validate", EXAMPLE, "--quiet").stdout == b""
    failing = run("validate", "--quiet", "-", stdin="questionnaire: sre-core\n")
    assert failing.returncode == 1 and b"missing required field 'team'" in failing.stderr


# --------------------------------------------------------------------------
# CI formats and the one diagnostic shape
# --------------------------------------------------------------------------

BROKEN = "questionnaire: sre-core\nteam: {name: P}\nanswers:\n  slo.defined: measured-everything\n"


def test_validate_writes_github_annotations(tmp_path: Path) -> None:
    (tmp_path / "team, 1.yaml").write_text(BROKEN)
    result = run("validate", tmp_path, "-f", "github")
    assert result.returncode == 1
    (line,) = result.stdout.decode().splitlines()
    assert line.startswith(
        f"::error file={tmp_path}/team%2C 1.yaml,line=4,col=16,title=assess::slo.defined: unknown"
    )


def test_validate_writes_sarif(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BROKEN)
    shutil.copy(EXAMPLE, tmp_path / "good.yaml")
    result = run("validate", tmp_path, "-f", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run_,) = log["runs"]
    assert run_["tool"]["driver"]["name"] == "assess"
    rules = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    (found,) = run_["results"]
    assert found["ruleId"] in rules and found["level"] == "error"
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("/bad.yaml")
    assert location["region"] == {"startLine": 4, "startColumn": 16}


def test_validate_knows_organisation_files(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("organisation: Acme\ntargets: {default: 3, observability: 4}\n")
    shutil.copy(EXAMPLE, tmp_path / "team.yaml")
    result = run("validate", tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"org.yaml: ok (organisation file for Acme: default targets for 2 practice areas)" in result.stdout
    (tmp_path / "org.yaml").write_text("organisation: Acme\ntargets: {observabilty: 4}\n")
    bad = run("validate", tmp_path, "-f", "json")
    assert bad.returncode == 1
    files = {Path(f["file"]).name: f for f in json.loads(bad.stdout)["files"]}
    assert files["org.yaml"]["kind"] == "organisation" and not files["org.yaml"]["ok"]
    assert "did you mean 'observability'" in files["org.yaml"]["diagnostics"][0]["message"]
    alone = run("validate", tmp_path / "org.yaml")
    assert alone.returncode == 0 and b"target domains not checked" in alone.stdout


def test_every_json_output_carries_schema_version_and_one_diagnostic_shape(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BROKEN)
    shutil.copy(EXAMPLE, tmp_path / "good.yaml")
    outputs = {
        "score": run("score", EXAMPLE, "-f", "json"),
        "validate": run("validate", tmp_path, "-f", "json"),
        "org": run("org", tmp_path, "-f", "json"),
        "compare": run("compare", EXAMPLE, EXAMPLE, "-f", "json"),
        "history": run("history", EXAMPLE, EXAMPLE, "-f", "json"),
        "questionnaire list": run("questionnaire", "list", "-f", "json"),
        "questionnaire show": run("questionnaire", "show", "sre-core", "-f", "json"),
    }
    for name, result in outputs.items():
        assert json.loads(result.stdout)["schema_version"] == 1, name
    in_validate = json.loads(outputs["validate"].stdout)["files"][0]["diagnostics"][0]
    in_org = json.loads(outputs["org"].stdout)["invalid"][0]["diagnostics"][0]
    assert set(in_validate) == set(in_org) == {"file", "line", "column", "severity", "message"}
    assert in_validate == in_org
