"""Hostile sizes: deep, long and huge inputs get located messages in linear time, never a traceback.

Risk conditions nested hundreds deep, integers past Python's 4,300-digit limit, numbers a lens
cannot hold, prerequisite chains and cycles thousands long, 100,000 problems in one file, and a
lens whose questionnaire could never be kept. The time bounds below are ten times what the
linear code needs and a fraction of what the quadratic code took (bench/ measures the growth).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from platformdirs import user_config_path

from assess import conditions
from assess.loading import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "small-questionnaire.yaml"
LENS = ROOT / "tests" / "lenses" / "complete.json"
EXAMPLE = ROOT / "examples" / "payments-product-team.yaml"
HUGE = "9" * 5000  # past Python's 4,300-digit limit for reading an integer


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)], capture_output=True, text=True, timeout=300
    )


def refused(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr[-3000:])
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    for text in expected:
        assert text in result.stderr, result.stderr[-3000:]


def small() -> dict[str, Any]:
    data: dict[str, Any] = parse_yaml(SMALL.read_text(), str(SMALL)).data
    return data


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the loader refuses aliases: write shared values out


def dump(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.dump(data, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=10**9))
    return path


def answers_for_small(path: Path, extra: str = "") -> Path:
    path.write_text(f"questionnaire: small\nteam: {{name: T}}\nanswers:\n  alerts.runbooks: some\n{extra}")
    return path


# --------------------------------------------------------------------------
# Risk conditions nested deep (#6a)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition", ["(" * 400 + "never" + ")" * 400, "!" * 10_000 + "never"], ids=["parentheses", "negations"]
)
def test_deeply_nested_conditions_are_refused_where_they_are(tmp_path: Path, condition: str) -> None:
    data = small()
    data["domains"][0]["questions"][0]["risk_rules"][0]["when"] = condition
    questionnaire = dump(data, tmp_path / "deep.yaml")
    message = "condition does not parse at character 101: nested too deeply (more than 100 levels)"
    refused(run("questionnaire", "validate", questionnaire), f"{questionnaire}:", message)
    refused(run("score", answers_for_small(tmp_path / "a.yaml"), "-q", questionnaire), message)

    lens = json.loads(LENS.read_text())
    question = lens["pillars"][0]["questions"][0]
    question["riskRules"][0]["condition"] = condition.replace("never", question["choices"][0]["id"])
    (tmp_path / "deep.json").write_text(json.dumps(lens))
    refused(
        run("questionnaire", "import-lens", tmp_path / "deep.json"),
        "nested too deeply (more than 100 levels)",
    )

    folder = user_config_path("assess") / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "small.yaml").write_text(questionnaire.read_text())
    listed = run("questionnaire", "list")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr[-3000:]
    assert "invalid:" in listed.stdout and "nested too deeply (more than 100 levels)" in listed.stdout


def test_two_hundred_thousand_alternatives_parse_in_linear_time() -> None:
    condition = " || ".join(f"choice{i}" for i in range(200_000))  # 2.4 MB
    start = time.perf_counter()
    parsed = conditions._Parser(condition).parse()  # the uncached parser
    assert time.perf_counter() - start < 5.0  # about 0.5 s; slicing per token took 55 s
    assert isinstance(parsed, conditions.Or) and len(parsed.operands) == 200_000


# --------------------------------------------------------------------------
# Integers past Python's limit (#6b), numbers a lens cannot hold (#9)
# --------------------------------------------------------------------------


def test_huge_integers_are_refused_where_they_are(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text(EXAMPLE.read_text().replace("  engineers: 8", f"  engineers: {HUGE}"))
    refused(run("validate", team), f"{team}:", "a number of more than 4300 digits")

    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_text(SMALL.read_text().replace("weight: 1.5", f"weight: {HUGE}"))
    refused(run("questionnaire", "validate", questionnaire), f"{questionnaire}:10:13: a number of more than")

    lens = json.loads(LENS.read_text())
    text = json.dumps(lens).replace('"_version": "2.1"', f'"_version": {HUGE}')
    (tmp_path / "lens.json").write_text(text)
    refused(
        run("questionnaire", "import-lens", tmp_path / "lens.json"), "$._version: a number of more than 4300"
    )


def test_one_file_with_a_huge_integer_is_skipped_from_a_rollup(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "good.yaml").write_text(EXAMPLE.read_text())
    (folder / "huge.yaml").write_text(EXAMPLE.read_text().replace("  services: 12", f"  services: {HUGE}"))
    result = run("org", folder, "-f", "json")
    refused(result, "huge.yaml:", "a number of more than 4300 digits")
    rollup = json.loads(result.stdout)
    assert len(rollup["teams"]) == 1 and len(rollup["invalid"]) == 1


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.5e309"])
def test_a_lens_number_that_reads_as_infinity_is_refused_with_its_path(tmp_path: Path, number: str) -> None:
    text = LENS.read_text().replace('"_version": "2.1"', f'"_version": {number}')
    (tmp_path / "inf.json").write_text(text)
    result = run("questionnaire", "import-lens", tmp_path / "inf.json")
    refused(result, f"$._version: {number} is too large for a number")
    assert result.stdout == ""


def test_a_questionnaire_never_exports_a_number_json_cannot_hold(tmp_path: Path) -> None:
    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_text(
        SMALL.read_text().replace("\ndomains:", "\nmetadata: {_max: .inf, _nested: {x: [.nan]}}\ndomains:", 1)
    )
    refused(run("questionnaire", "validate", questionnaire), "_max: not a finite number")
    refused(run("questionnaire", "export-lens", questionnaire, "-o", tmp_path / "lens.json"))
    assert not (tmp_path / "lens.json").exists()


# --------------------------------------------------------------------------
# Prerequisite chains and cycles (#6d)
# --------------------------------------------------------------------------


def chain(length: int, *, cycle: bool) -> dict[str, Any]:
    data = small()
    domain = data["domains"][0]
    template = domain["questions"][0]
    domain["questions"] = [
        {
            **template,
            "id": f"c{i}",
            "depends_on": [f"c{i + 1}"] if i + 1 < length else (["c0"] if cycle else []),
        }
        for i in range(length)
    ]
    return data


def test_a_chain_of_1200_prerequisites_validates_and_scores(tmp_path: Path) -> None:
    questionnaire = dump(chain(1200, cycle=False), tmp_path / "chain.yaml")
    result = run("questionnaire", "validate", questionnaire)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "questionnaire: small\nteam: {name: T}\nanswers:\n" + "".join(f"  c{i}: never\n" for i in range(1200))
    )
    scored = run("score", answers, "-q", questionnaire, "-f", "json")
    assert scored.returncode == 0, scored.stderr[-3000:]
    result = json.loads(scored.stdout)
    assert result["domains"][0]["answered"] == 1200 and result["roadmap"]


def test_a_cycle_of_2000_questions_is_one_short_message(tmp_path: Path) -> None:
    questionnaire = dump(chain(2000, cycle=True), tmp_path / "cycle.yaml")
    result = run("questionnaire", "validate", questionnaire)
    # Shown among thousands of warnings (2,000 copies of one question): errors come first.
    refused(result, "dependency cycle: c0 -> c1 -> c2 -> c3 -> c4 -> (1,990 more) -> c1995")
    assert max(len(line) for line in result.stderr.splitlines()) < 300
    assert len(result.stderr.splitlines()) == 101


# --------------------------------------------------------------------------
# Many problems in one file (#8): located in linear time, printed up to a cap
# --------------------------------------------------------------------------


EXAMPLE_LINES = len(EXAMPLE.read_text().rstrip().splitlines())


def unknown_keys(path: Path, count: int) -> Path:
    lines = [f"  zz.unknown{i}: x\n" for i in range(count)]
    path.write_text(EXAMPLE.read_text().rstrip() + "\n" + "".join(lines))
    return path


def test_sixty_thousand_unknown_answers_are_located_in_linear_time(tmp_path: Path) -> None:
    path = unknown_keys(tmp_path / "many.yaml", 60_000)
    start = time.perf_counter()
    result = run("validate", path, "-f", "json")
    assert time.perf_counter() - start < 15.0  # about 1.5 s; locating each by a scan took minutes
    diagnostics = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert len(diagnostics) == 101  # a hundred, then how many more
    assert diagnostics[99]["line"] == EXAMPLE_LINES + 100 and diagnostics[99]["column"] == 3
    assert diagnostics[100] == {
        "file": str(path),
        "line": EXAMPLE_LINES + 101,
        "column": 3,
        "severity": "note",
        "message": "and 59,900 more problems in this file, not shown (only 100 are, errors first)",
    }


def test_at_most_a_hundred_problems_are_printed_per_file(tmp_path: Path) -> None:
    path = unknown_keys(tmp_path / "many.yaml", 500)
    result = run("validate", path, EXAMPLE)
    refused(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 101
    note = "note: and 400 more problems in this file, not shown (only 100 are, errors first)"
    assert lines[-1] == f"{path}:{EXAMPLE_LINES + 101}:3: {note}"
    assert result.stdout.startswith(f"{EXAMPLE}: ok (") and result.stdout.count("\n") == 1


def test_an_organisation_rollup_keeps_a_hundred_problems_per_skipped_file(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "good.yaml").write_text(EXAMPLE.read_text())
    unknown_keys(folder / "many.yaml", 300)
    result = run("org", folder, "-f", "json")
    refused(result, "and 200 more problems in this file, not shown")
    assert len(result.stderr.splitlines()) == 101
    (skipped,) = json.loads(result.stdout)["invalid"]
    assert len(skipped["diagnostics"]) == 101


# --------------------------------------------------------------------------
# A lens whose questionnaire could never be kept (#11): refused by size before reading it
# --------------------------------------------------------------------------


def test_a_lens_of_550000_choices_is_refused_for_size_before_it_is_read(tmp_path: Path) -> None:
    questions = [
        {"id": f"q{q}", "title": "Q", "choices": [{"id": f"c{q}_{c}", "title": ""} for c in range(500)]}
        for q in range(1100)
    ]
    lens = {
        "schemaVersion": "2021-11-01",
        "name": "Big",
        "description": "d",
        "pillars": [{"id": "p", "name": "P", "questions": questions}],
    }
    path = tmp_path / "big.json"
    path.write_text(json.dumps(lens, separators=(",", ":")))
    assert path.stat().st_size < 16 * 1024 * 1024  # within the input cap: only the output is too large
    start = time.perf_counter()
    result = run("questionnaire", "import-lens", path)
    assert time.perf_counter() - start < 10.0  # about 1 s; reading it first took 40 s and 2 GB
    refused(result, f"{path}:1:1: the questionnaire would be larger than 16384 KiB (550,000 choices")
    assert result.stdout == ""
