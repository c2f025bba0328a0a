"""The strict loader: safe, YAML-1.2-ish, and every problem located as file:line:col."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assess import files
from assess.checks import check_answers
from assess.loading import InvalidInput, load_model, parse_yaml
from assess.models import Answers, Questionnaire

Write = Callable[[str, str], Path]

TEAM = "team:\n  name: Payments\n"


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        parse_yaml(text, "a.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_yaml_11_booleans_and_dates_stay_strings() -> None:
    data = parse_yaml("a: yes\nb: no\nc: on\nd: off\ne: 2026-11-27\nf: true\ng: 3\n", "a.yaml").data
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "2026-11-27", "f": True, "g": 3}


def test_duplicate_key_points_at_the_second_and_names_the_first() -> None:
    assert problems("team: x\nanswers: {}\nteam: y\n") == [
        "a.yaml:3:1: duplicate key 'team' (first defined on line 1)"
    ]


def test_aliases_are_refused_where_the_alias_is() -> None:
    assert problems("a: &x [1, 2]\nb: *x\n") == [
        "a.yaml:2:4: aliases (*name) are not allowed; write the value out"
    ]


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert "aliases" in found[0]
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['true']\n",
        "a: !!python/name:os.system\n",
        "a: !!python/object/new:str [x]\n",
    ],
)
def test_python_tags_never_construct_anything(text: str) -> None:
    assert "could not determine a constructor" in problems(text)[0]


def test_deep_nesting_is_refused() -> None:
    assert "nesting deeper than" in problems("a: " + "[" * 5000 + "]" * 5000 + "\n")[0]


def test_size_cap(write: Write) -> None:
    path = write("big.yaml", "a: '" + "x" * (17 * 1024 * 1024) + "'\n")
    with pytest.raises(InvalidInput) as info:
        load_model(Answers, path)
    assert "larger than" in str(info.value)


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"team:\n  name: caf\xe9\n")
    with pytest.raises(InvalidInput) as info:
        load_model(Answers, path)
    assert str(info.value) == f"{path}:2:12: file is not valid UTF-8"


def test_syntax_error_is_located() -> None:
    assert problems("a: [1, 2\nb: 3\n")[0].startswith("a.yaml:2:")


def test_missing_file_and_empty_file(write: Write, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        load_model(Answers, tmp_path / "nope.yaml")
    with pytest.raises(InvalidInput, match="file is empty"):
        load_model(Answers, write("empty.yaml", "# nothing\n"))


def test_all_model_errors_at_once_each_located(write: Write) -> None:
    path = write(
        "answers.yaml",
        "questionnaire: sre-core\n"
        "team:\n"
        "  name: Payments\n"
        '  engineers: "8"\n'
        "  colour: blue\n"
        "answers:\n"
        "  obs.golden-signals: {choice: measured, notes: typo}\n",
    )
    with pytest.raises(InvalidInput) as info:
        load_model(Answers, path)
    assert [str(d) for d in info.value.diagnostics] == [
        f"{path}:4:14: team.engineers: Input should be a valid integer",
        f"{path}:5:3: team.colour: unknown field 'colour'",
        f"{path}:7:42: answers.obs.golden-signals.notes: unknown field 'notes'",
    ]


def test_missing_required_field_points_at_the_parent(write: Write) -> None:
    path = write("answers.yaml", "questionnaire: sre-core\nteam:\n  engineers: 3\n")
    with pytest.raises(InvalidInput) as info:
        load_model(Answers, path)
    assert str(info.value) == f"{path}:3:3: team: missing required field 'name'"


def test_questionnaire_kind_errors_are_clean(write: Write) -> None:
    path = write(
        "q.yaml",
        "id: x\nversion: '1'\ntitle: X\ndescription: d\ndomains:\n"
        "  - id: a\n    title: A\n    description: d\n    questions:\n"
        "      - id: a.one\n        kind: singel\n        text: t\n        help: h\n        choices: []\n",
    )
    with pytest.raises(InvalidInput) as info:
        load_model(Questionnaire, path)
    assert [str(d) for d in info.value.diagnostics] == [
        f"{path}:10:9: domains.0.questions.0: unknown 'kind'; expected 'single' or 'multi'"
    ]


def answer_problems(write: Write, sre_core: Questionnaire, body: str, head: str = "") -> list[str]:
    path = write("answers.yaml", (head or "questionnaire: sre-core\n") + TEAM + "answers:\n" + body)
    answers, parsed = load_model(Answers, path)
    return [str(d).removeprefix(f"{path}:") for d in check_answers(sre_core, answers, parsed)]


def test_unknown_question_gets_did_you_mean(write: Write, sre_core: Questionnaire) -> None:
    assert answer_problems(write, sre_core, "  obs.golden-signal: measured\n") == [
        "5:3: unknown question 'obs.golden-signal'; did you mean 'obs.golden-signals'?"
    ]


def test_unknown_choice_gets_did_you_mean_and_the_choices(write: Write, sre_core: Questionnaire) -> None:
    found = answer_problems(write, sre_core, "  inc.roles: {choice: comander}\n")
    assert found[0].startswith(
        "5:23: inc.roles: unknown choice 'comander'; did you mean 'commander'? (choices:"
    )


def test_na_only_where_allowed(write: Write, sre_core: Questionnaire) -> None:
    assert answer_problems(write, sre_core, "  slo.defined: n/a\n") == [
        "5:16: slo.defined: 'n/a' is not allowed for this question"
    ]


def test_list_for_single_choice_and_exclusive_none(write: Write, sre_core: Questionnaire) -> None:
    found = answer_problems(write, sre_core, "  slo.defined: [none]\n  rel.practices: [none, canary]\n")
    assert found[0].startswith("5:16: slo.defined: pick one choice, not a list")
    assert found[1] == "6:18: rel.practices: 'none of these' cannot be combined with other choices"


def test_answers_for_another_questionnaire_or_version(write: Write, sre_core: Questionnaire) -> None:
    assert "for questionnaire 'other'" in answer_problems(write, sre_core, "", "questionnaire: other\n")[0]
    found = answer_problems(write, sre_core, "", "questionnaire: sre-core@7\n")
    assert found == [
        "1:16: these answers were written for version 7 of 'sre-core', but this is version 2; "
        "check the answers still mean the same and change the version, or drop '@...'"
    ]


def test_atomic_write_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("old\n")

    def explode(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", explode)
        with pytest.raises(OSError):
            files.write_text(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]
    files.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


def test_unknown_target_domain_gets_did_you_mean(write: Write, sre_core: Questionnaire) -> None:
    path = write(
        "answers.yaml", "questionnaire: sre-core\n" + TEAM + "targets:\n  observabilty: 4\n  default: 3\n"
    )
    answers, parsed = load_model(Answers, path)
    found = [str(d).removeprefix(f"{path}:") for d in check_answers(sre_core, answers, parsed)]
    assert found[0].startswith("5:3: unknown domain 'observabilty'; did you mean 'observability'?")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("010", 10),  # YAML 1.2: decimal, leading zeros and all (1.1 read octal 8)
        ("-007", -7),
        ("0o10", 8),
        ("0x1f", 31),
        ("0x1F", 31),
        ("1e3", 1000.0),
        ("1E-2", 0.01),
        ("+1.5e+2", 150.0),
        (".5", 0.5),
        ("2.", 2.0),
        ("-.inf", float("-inf")),
        (".Inf", float("inf")),
        # Not numbers in the 1.2 core schema: stay text, as editors read them.
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("0o8", "0o8"),
        ("+0x1f", "+0x1f"),
        ("1:30", "1:30"),
        ("1e", "1e"),
        ("0x", "0x"),
    ],
)
def test_yaml_12_core_schema_numbers(text: str, value: object) -> None:
    read = parse_yaml(f"n: {text}\n", "a.yaml").data["n"]
    assert read == value and type(read) is type(value)


def test_nan_is_a_float() -> None:
    read = parse_yaml("n: .nan\n", "a.yaml").data["n"]
    assert isinstance(read, float) and read != read


def test_explicit_number_tags_on_words_are_located_not_a_traceback() -> None:
    assert problems("a: 1\nn: !!int twelve\n") == ["a.yaml:2:4: 'twelve' is not an integer"]
    assert problems("n: !!float x\n") == ["a.yaml:1:4: 'x' is not a number"]
