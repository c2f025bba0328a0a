"""Bad input never crashes: generated and mutated answer files and questionnaires.

`make test` runs a quick profile; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs
at least 10,000 cases and prints how many ran and how many were rejected.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_support import check_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.loading import InvalidInput, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
VALID = (ROOT / "examples" / "payments-product-team.yaml").read_text()
SMALL_QUESTIONNAIRE = ROOT / "tests" / "data" / "small-questionnaire.yaml"

settings.register_profile(
    "quick",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=2600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\t",
        "\x00",
        "\x1b[31m",
        "\u202e",
        "💥",
        "&a",
        "*a",
        "!!python/object:os.system",
        "{",
        "}",
        "[",
        "]",
        ": ",
        "- ",
        "? ",
        "|",
        ">",
        "'",
        '"',
        "#",
        "%YAML 1.1",
        "---",
        "...",
        "yes",
        "no",
        "on",
        "null",
        "~",
        "1e309",
        "-1",
        "99999999999999999999999",
        "0x1F",
        ".nan",
        "2026-13-45",
        "n/a",
        "unsure",
        "\n",
        "\r\n",
        "é" * 50,
        "x" * 5000,
    ]
)


def mutate(text: str, ops: list[tuple[int, int, str]]) -> str:
    """Apply edits: (kind, position, payload) -> delete/duplicate a line, insert, replace, truncate."""
    lines = text.splitlines(keepends=True)
    for kind, pos, payload in ops:
        if not lines:
            lines = [payload]
            continue
        i = pos % len(lines)
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2:
            col = pos % (len(lines[i]) + 1)
            lines[i] = lines[i][:col] + payload + lines[i][col:]
        elif kind == 3:
            head, sep, _ = lines[i].partition(": ")
            lines[i] = head + (sep or ": ") + payload + "\n"
        elif kind == 4:
            lines = lines[:i]
        else:
            lines[i] = " " * (pos % 7) + lines[i].lstrip()
    return "".join(lines)


EDITS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10_000), NASTY), min_size=1, max_size=6)


@given(EDITS)
def test_mutated_answers_load_or_are_refused_with_locations(tmp_path: Path, edits: list[Any]) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(mutate(VALID, edits), encoding="utf-8", errors="surrogatepass")
    check_cli(["validate"], path)


@given(st.text(max_size=400))
def test_random_text_is_refused_cleanly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "random.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    check_cli(["score", "-f", "json"], path)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=25,
)


@given(team=JSONISH, answers=JSONISH, extra=st.dictionaries(st.text(max_size=10), JSONISH, max_size=2))
def test_wrong_types_anywhere_are_refused_cleanly(
    tmp_path: Path, team: Any, answers: Any, extra: Any
) -> None:
    doc = {"questionnaire": "sre-core", "team": team, "answers": answers, **extra}
    path = tmp_path / "typed.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    check_cli(["validate"], path)


@given(EDITS)
def test_mutated_questionnaires_load_or_are_refused_with_locations(tmp_path: Path, edits: list[Any]) -> None:
    path = tmp_path / "questionnaire.yaml"
    path.write_text(mutate(SMALL_QUESTIONNAIRE.read_text(), edits), encoding="utf-8", errors="surrogatepass")
    check_cli(["questionnaire", "validate"], path)


def test_the_small_questionnaire_is_valid(tmp_path: Path) -> None:
    assert check_cli(["questionnaire", "validate"], SMALL_QUESTIONNAIRE) == 0


# --------------------------------------------------------------------------
# YAML bombs: refused in under a second, with bounded memory
# --------------------------------------------------------------------------


def _refused_fast(text: str) -> str:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(InvalidInput) as info:
        parse_yaml(text, "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 200
    return str(info.value)


def test_billion_laughs() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    assert "aliases" in _refused_fast("\n".join(lines))


def test_ten_thousand_levels_of_nesting() -> None:
    assert "nesting deeper than" in _refused_fast("a: " + "[" * 10_000 + "]" * 10_000)
    assert "nesting deeper than" in _refused_fast(
        "".join(f"{' ' * i}k{i}:\n" for i in range(2_000)) + " " * 2000 + "x"
    )


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w") as f:
        f.write("team:\n  name: x\nnotes: |\n")
        chunk = "  " + "x" * 1022 + "\n"
        for _ in range(50 * 1024):
            f.write(chunk)
    start = time.perf_counter()
    assert check_cli(["validate"], path) == 1
    assert time.perf_counter() - start < 1.0
