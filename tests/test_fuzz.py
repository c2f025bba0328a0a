"""Bad input never crashes: generated and mutated answer files and questionnaires, hostile
paths (devices, FIFOs, links, loops, inputs named as outputs) and hostile sizes (deep, long,
huge).

`make test` runs a quick profile; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs
at least 10,000 cases and prints how many ran and how many were rejected.
"""

from __future__ import annotations

import contextlib
import os
import resource
import select
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_support import LOCATED, check_cli, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.diagnostics import MAX_SHOWN
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


# --------------------------------------------------------------------------
# Hostile paths: every command pointed at devices, FIFOs, links, loops and its own inputs
# --------------------------------------------------------------------------

MINI = """\
id: mini
version: "1"
title: Mini questionnaire
description: Two small domains.
domains:
  - id: alpha
    title: Alpha practices
    description: An area.
    questions:
      - id: alpha.one
        kind: single
        text: Is the first practice in place?
        help: Why it matters.
        choices:
          - {id: none, label: Not at all, score: 0.0, action: Start the first practice.}
          - {id: all, label: Everywhere, score: 1.0}
        risk_rules:
          - {when: none, risk: high, why: Without it outages last.}
  - id: beta
    title: Beta practices
    description: Another area.
    questions:
      - id: beta.one
        kind: single
        text: Is the second practice in place?
        help: Why it matters.
        choices:
          - {id: none, label: Not at all, score: 0.0, action: Start the second practice.}
          - {id: all, label: Everywhere, score: 1.0}
"""
LENS = (ROOT / "tests" / "lenses" / "complete.json").read_bytes()


def mini_answers(day: int, choice: str = "none") -> str:
    return (
        f"questionnaire: mini\nassessed_at: 2026-01-{day:02d}\nteam: {{name: Mini}}\n"
        f"answers:\n  alpha.one: {choice}\n  beta.one: all\n"
    )


COMMANDS = [
    ("score", "{in}", "-q", "{q}", "-o", "{out}"),
    ("score", "{in}", "-q", "{q}", "-f", "json", "-o", "{out}"),
    ("score", "{in}", "-q", "{q}", "-f", "csv", "-o", "{out}", "--domains-csv", "{out2}"),
    ("report", "{in}", "-q", "{q}", "-f", "markdown", "-o", "{out}"),
    ("validate", "{in}", "-q", "{q}"),
    ("org", "{in}", "{in2}", "-q", "{q}", "-f", "json", "-o", "{out}"),
    ("org", "{in}", "{in2}", "-q", "{q}", "-f", "csv", "-o", "{out}", "--domains-csv", "{out2}"),
    ("compare", "{in}", "{in2}", "-q", "{q}", "-o", "{out}"),
    ("history", "{in}", "{in2}", "-q", "{q}", "-f", "markdown", "-o", "{out}"),
    ("init", "-q", "{q}", "-o", "{out}", "--force"),
    ("questionnaire", "validate", "{q}"),
    ("questionnaire", "import-lens", "{lens}", "-o", "{out}"),
    ("questionnaire", "export-lens", "{q}", "-o", "{out}"),
    ("schema", "answers", "-o", "{out}"),
]
INPUT_KINDS = (
    "file",
    "link",
    "fifo",
    "null-device",
    "dev-zero",
    "loop",
    "dangling",
    "folder",
    "missing",
    "stdin",
)
OUTPUT_KINDS = (
    "new",
    "existing",
    "link",
    "dangling",
    "loop",
    "null-device",
    "full-device",
    "fifo",
    "folder",
    "missing-folder",
    "stdout",
    "the-input",
    "input-link",
    "input-hardlink",
    "input-dotdot",
    "the-questionnaire",
    "the-other-output",
)
REUSED = {"the-input", "input-link", "input-hardlink", "input-dotdot", "the-questionnaire"}


def _device(path: Path, minor: int) -> None:
    """A character device of our own (1,3 is null, 1,7 is full); a link to one without mknod."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        path.symlink_to("/dev/null" if minor == 3 else "/dev/full")


class _Drain:
    """The far end of a FIFO output: opened at once (so the writer never blocks on open) and
    read on a thread (so it never blocks on a full pipe)."""

    def __init__(self, fifo: Path) -> None:
        self.fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0.01)
            chunk = os.read(self.fd, 65536) if ready else b""
            if not chunk and self.stop.is_set():
                return

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        os.close(self.fd)


class _Feed:
    """The far end of a FIFO input: a writer that gives up once the command is done."""

    def __init__(self, fifo: Path, data: bytes) -> None:
        self.fifo, self.data = fifo, data
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self) -> None:
        with contextlib.suppress(OSError):
            fd = os.open(self.fifo, os.O_WRONLY)  # waits for the command to open it
            try:
                os.write(fd, self.data)
            finally:
                os.close(fd)

    def close(self) -> None:
        if self.thread.is_alive():  # the command never opened it: let the writer's open return
            reader = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
            self.thread.join(timeout=10)
            os.close(reader)


def _regular_files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


@given(
    command=st.sampled_from(COMMANDS),
    slot=st.sampled_from(["in", "q", "lens"]),
    input_kind=st.sampled_from(INPUT_KINDS),
    output_kind=st.sampled_from(OUTPUT_KINDS),
)
def test_hostile_paths_never_break_a_promise(
    tmp_path: Path, command: tuple[str, ...], slot: str, input_kind: str, output_kind: str
) -> None:
    """Whatever a command is pointed at: a documented exit code and no traceback, no input
    changed, no device, FIFO or link replaced, no temporary file left, and an input named as
    an output always refused."""
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
        here = Path(scratch)
        sources = {
            "in": (here / "old.yaml", mini_answers(1).encode()),
            "in2": (here / "new.yaml", mini_answers(2, "all").encode()),
            "q": (here / "mini.yaml", MINI.encode()),
            "lens": (here / "lens.json", LENS),
        }
        for path, data in sources.values():
            path.write_bytes(data)
        named = {key: str(path) for key, (path, _) in sources.items()}
        helpers: list[_Drain | _Feed] = []
        stdin = b""

        # The hostile input, in one slot.
        hostile, content = here / f"hostile{Path(named[slot]).suffix}", sources[slot][1]
        if input_kind == "link":
            hostile.symlink_to(sources[slot][0].name)
        elif input_kind == "fifo":
            os.mkfifo(hostile)
            helpers.append(_Feed(hostile, content))
        elif input_kind == "null-device":
            _device(hostile, 3)
        elif input_kind == "dev-zero":
            hostile.symlink_to("/dev/zero")
        elif input_kind == "loop":
            hostile.symlink_to(hostile.name)
        elif input_kind == "dangling":
            hostile.symlink_to("nowhere.yaml")
        elif input_kind == "folder":
            hostile.mkdir()
        if input_kind == "stdin":
            named[slot], stdin = "-", content
        elif input_kind != "file":
            named[slot] = str(hostile)

        # The hostile output.
        out = here / "out.txt"
        if output_kind == "existing":
            out.write_text("old output")
        elif output_kind == "link":
            (here / "target.txt").write_text("old output")
            out.symlink_to("target.txt")
        elif output_kind == "dangling":
            out.symlink_to("created.txt")
        elif output_kind == "loop":
            out.symlink_to(out.name)
        elif output_kind == "null-device":
            _device(out, 3)
        elif output_kind == "full-device":
            _device(out, 7)
        elif output_kind == "fifo":
            os.mkfifo(out)
            helpers.append(_Drain(out))
        elif output_kind == "folder":
            out.mkdir()
        elif output_kind == "missing-folder":
            out = here / "missing" / "out.txt"
        elif output_kind == "the-input":
            out = sources["in"][0]
        elif output_kind == "input-link":
            out.symlink_to(sources["in"][0].name)
        elif output_kind == "input-hardlink":
            os.link(sources["in"][0], out)
        elif output_kind == "input-dotdot":
            (here / "sub").mkdir()
            out = here / "sub" / ".." / sources["in"][0].name
        elif output_kind == "the-questionnaire":
            out = sources["q"][0]
        out2 = out if output_kind == "the-other-output" else here / "second.csv"
        named |= {"out": "-" if output_kind == "stdout" else str(out), "out2": str(out2)}
        kinds_before = {p: stat.S_IFMT(p.lstat().st_mode) for p in here.iterdir()}
        # The regular files the command reads (a hostile slot reads one only through a link).
        read = {
            sources[key][0]: sources[key][1]
            for key in sources
            if f"{{{key}}}" in command and (key != slot or input_kind in ("file", "link"))
        }
        reused = {"the-questionnaire": sources["q"][0]}.get(output_kind, sources["in"][0])

        try:
            code, _, _ = run_cli([arg.format(**named) for arg in command], stdin=stdin)
        finally:
            for helper in helpers:
                helper.close()

        for path, data in read.items():
            assert path.read_bytes() == data, f"input {path.name} changed"
        for path, kind in kinds_before.items():
            if kind != stat.S_IFREG:  # links, FIFOs, devices and folders stay what they were
                assert stat.S_IFMT(path.lstat().st_mode) == kind, path.name
        assert not list(here.rglob(".*.tmp")), "a temporary file was left"
        if "{out}" in command and output_kind in REUSED and reused in read:
            assert code != 0, "an input was accepted as an output"
        if "{out2}" in command and output_kind == "the-other-output":
            assert code != 0, "two outputs were accepted as one file"


# --------------------------------------------------------------------------
# Hostile sizes: deep, long and huge, generated
# --------------------------------------------------------------------------


def _size_case(kind: str, n: int, here: Path) -> list[str]:
    """Files for one hostile size, and the command that reads them."""
    q, answers = here / "mini.yaml", here / "team.yaml"
    q.write_text(MINI)
    answers.write_text(mini_answers(1))
    if kind == "condition-depth":
        q.write_text(MINI.replace("{when: none,", f"{{when: '{'(' * n}none{')' * n}',", 1))
        return ["score", str(answers), "-q", str(q)]
    if kind == "negations":
        q.write_text(MINI.replace("{when: none,", f"{{when: '{'!' * n}none',", 1))
        return ["questionnaire", "validate", str(q)]
    if kind == "alternatives":
        q.write_text(MINI.replace("{when: none,", "{when: '" + " || ".join(["none"] * (n + 1)) + "',", 1))
        return ["questionnaire", "validate", str(q)]
    if kind == "integer-digits":
        answers.write_text(mini_answers(1).replace("{name: Mini}", f"{{name: Mini, engineers: {'7' * n}}}"))
        return ["validate", str(answers), "-q", str(q)]
    if kind == "lens-digits":
        (here / "lens.json").write_bytes(LENS.replace(b'"_version": "2.1"', b'"_version": 1' + b"0" * n))
        return ["questionnaire", "import-lens", str(here / "lens.json")]
    if kind == "lens-exponent":
        (here / "lens.json").write_bytes(LENS.replace(b'"_version": "2.1"', f'"_version": 1e{n}'.encode()))
        return ["questionnaire", "import-lens", str(here / "lens.json")]
    if kind == "id-length":
        answers.write_text(mini_answers(1).replace("questionnaire: mini", f"questionnaire: {'m' * n}"))
        return ["score", str(answers)]
    if kind == "answer-key-length":
        answers.write_text(mini_answers(1) + f"  alpha.{'x' * n}: none\n")
        return ["validate", str(answers), "-q", str(q)]
    if kind == "unknown-keys":
        answers.write_text(mini_answers(1) + "".join(f"  zz.k{i}: none\n" for i in range(n)))
        return ["validate", str(answers), "-q", str(q)]
    if kind in ("chain", "cycle"):
        questions = "".join(
            f"      - {{id: c{i}, kind: single, text: T, help: H, depends_on: [c{(i + 1) % n}], "
            "choices: [{id: a, label: A, score: 0, action: Do.}, {id: b, label: B, score: 1}]}\n"
            for i in range(n)
        )
        if kind == "chain":
            questions = questions.replace("depends_on: [c0]", "depends_on: []")
        q.write_text(
            MINI.split("  - id: beta")[0]
            + "  - id: chain\n    title: C\n    description: D\n    questions:\n"
            + questions
        )
        return ["questionnaire", "validate", str(q)]
    if kind == "folder-depth":
        folder = here / "teams"
        deepest = folder
        for _ in range(n):
            deepest = deepest / "d"
        deepest.mkdir(parents=True)
        (deepest / "a.yaml").write_text(mini_answers(1))
        (folder / "b.yaml").write_text(mini_answers(2))
        return ["org", str(folder), "-q", str(q), "-f", "json"]
    assert kind == "note-length"
    answers.write_text(
        mini_answers(1).replace("beta.one: all", f"beta.one: {{choice: all, note: {'n' * n}}}")
    )
    return ["score", str(answers), "-q", str(q), "-f", "json"]


SIZES = st.one_of(
    st.tuples(st.just("condition-depth"), st.integers(0, 400)),
    st.tuples(st.just("negations"), st.integers(0, 12_000)),
    st.tuples(st.just("alternatives"), st.integers(0, 20_000)),
    st.tuples(st.just("integer-digits"), st.integers(1, 9_000)),
    st.tuples(st.just("lens-digits"), st.integers(1, 9_000)),
    st.tuples(st.just("lens-exponent"), st.integers(0, 9_000)),
    st.tuples(st.just("id-length"), st.integers(1, 600)),
    st.tuples(st.just("answer-key-length"), st.integers(1, 600)),
    st.tuples(st.just("unknown-keys"), st.integers(0, 3_000)),
    st.tuples(st.sampled_from(["chain", "cycle"]), st.integers(1, 1_500)),
    st.tuples(st.just("folder-depth"), st.integers(0, 60)),
    st.tuples(st.just("note-length"), st.integers(0, 2_000_000)),
)


@given(case=SIZES)
def test_hostile_sizes_load_or_are_refused_with_locations(tmp_path: Path, case: tuple[str, int]) -> None:
    """Deep, long or huge: exit 0, or exit 1 with every message at a file:line:col; at most
    ``MAX_SHOWN`` problems (and a line counting the rest) per file; never a traceback."""
    kind, n = case
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
        args = _size_case(kind, n, Path(scratch))
        code, _, err = run_cli(args)
        assert code in (0, 1), (kind, n, code, err[-2000:])
        lines = [line for line in err.splitlines() if line and not line.startswith(("wrote ", "note: "))]
        if code == 1:
            assert lines, "refused without saying why"
        for line in lines:
            if kind.startswith("lens") and "imported as questionnaire" in line:
                continue
            assert LOCATED.match(line), line
        assert len(lines) <= MAX_SHOWN + 1 + 5  # a hundred per file, the count, and a few notes
