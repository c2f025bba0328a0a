"""Hostile paths: outputs that are devices, FIFOs, symbolic links or loops, inputs named as
outputs, endless inputs, stale temporary files, and names that look like ids.

Each test is one way an attacker (or an unlucky user) points the command line at the wrong
file; the promise is the same every time: the right file is written or nothing is, no input
changes, no traceback, and a documented exit code.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "payments-product-team.yaml"
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


def answers(day: int, choice: str = "none") -> str:
    return (
        f"questionnaire: mini\nassessed_at: 2026-01-{day:02d}\nteam: {{name: Mini}}\n"
        f"answers:\n  alpha.one: {choice}\n  beta.one: all\n"
    )


def run(
    *args: str | Path, cwd: Path | None = None, stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        capture_output=True,
        stdin=subprocess.DEVNULL if stdin is None else stdin,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def clean_failure(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr


@pytest.fixture
def mini(tmp_path: Path) -> dict[str, Path]:
    """A folder with a questionnaire, two dated answers files and a lens."""
    (tmp_path / "mini.yaml").write_text(MINI)
    (tmp_path / "old.yaml").write_text(answers(1))
    (tmp_path / "new.yaml").write_text(answers(2, "all"))
    lens = ROOT / "tests" / "lenses" / "complete.json"
    (tmp_path / "lens.json").write_bytes(lens.read_bytes())
    return {p.stem: p for p in tmp_path.iterdir()}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------
# Outputs that are not regular files (#1)
# --------------------------------------------------------------------------


@contextlib.contextmanager
def draining(fifo: Path) -> Iterator[list[bytes]]:
    """A reader on the other end of a FIFO, collecting what is written into it."""
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as f:
            got.append(f.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    yield got
    reader.join(timeout=20)


def test_output_into_a_fifo_is_written_through_and_the_fifo_stays(
    mini: dict[str, Path], tmp_path: Path
) -> None:
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with draining(fifo) as got:
        result = run("score", mini["old"], "-q", mini["mini"], "-o", fifo)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert b"Alpha practices" in got[0]


def test_output_through_a_link_to_a_device_writes_into_the_device(
    mini: dict[str, Path], tmp_path: Path
) -> None:
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    result = run("score", mini["old"], "-q", mini["mini"], "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert not list(tmp_path.glob(".*.tmp"))


def device(path: Path, minor: int) -> Path:
    """A character device of our own: 1,3 is null, 1,7 is full (writes fail: no space left)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating device nodes needs CAP_MKNOD")
    return path


def test_output_onto_a_device_node_writes_into_it_and_never_replaces_it(
    mini: dict[str, Path], tmp_path: Path
) -> None:
    null, full = device(tmp_path / "fakenull", 3), device(tmp_path / "fakefull", 7)
    assert run("score", mini["old"], "-q", mini["mini"], "-o", null).returncode == 0
    failed = run("score", mini["old"], "-q", mini["mini"], "-o", full)
    assert (
        failed.returncode == 3 and failed.stderr == f"assess: {full}: cannot write: No space left on device\n"
    )
    assert stat.S_ISCHR(null.lstat().st_mode) and stat.S_ISCHR(full.lstat().st_mode)
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_through_a_link_to_standard_output_reaches_the_pipe(
    mini: dict[str, Path], tmp_path: Path
) -> None:
    link = tmp_path / "so"
    link.symlink_to("/proc/self/fd/1")
    result = run("score", mini["old"], "-q", mini["mini"], "-o", link)
    assert result.returncode == 0, result.stderr
    assert "Alpha practices" in result.stdout  # written into the pipe the link names
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_output_through_a_symlink_replaces_the_target_and_keeps_its_mode(
    mini: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("created.txt")
    assert run("score", mini["old"], "-q", mini["mini"], "-o", link).returncode == 0
    assert run("score", mini["old"], "-q", mini["mini"], "-o", dangling).returncode == 0
    assert link.is_symlink() and dangling.is_symlink()
    assert "Alpha practices" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert "Alpha practices" in (tmp_path / "created.txt").read_text()


# Every way a command writes a file, with a symbolic-link loop as the file (#6f).
LOOP_COMMANDS = [
    ("score", "{old}", "-q", "{mini}", "-o", "{loop}"),
    ("score", "{old}", "-q", "{mini}", "-f", "csv", "--domains-csv", "{loop}"),
    ("report", "{old}", "-q", "{mini}", "-f", "markdown", "-o", "{loop}"),
    ("init", "-q", "{mini}", "-o", "{loop}", "--force"),
    ("schema", "answers", "-o", "{loop}"),
    ("org", "{old}", "-q", "{mini}", "-f", "json", "-o", "{loop}"),
    ("org", "{old}", "-q", "{mini}", "-f", "csv", "--domains-csv", "{loop}"),
    ("compare", "{old}", "{new}", "-q", "{mini}", "-o", "{loop}"),
    ("history", "{old}", "{new}", "-q", "{mini}", "-f", "json", "-o", "{loop}"),
    ("questionnaire", "import-lens", "{lens}", "-o", "{loop}"),
    ("questionnaire", "export-lens", "{mini}", "-o", "{loop}"),
]


@pytest.mark.parametrize("command", LOOP_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_symlink_loop_as_output_is_an_environment_problem(
    command: tuple[str, ...], mini: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "loop").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop")
    before = snapshot(tmp_path)
    result = run(*(arg.format(loop=tmp_path / "loop", **mini) for arg in command))
    clean_failure(result, 3)
    assert (
        result.stderr.splitlines()[-1]
        == f"assess: {tmp_path / 'loop'}: cannot write: Too many levels of symbolic links"
    )
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------
# Inputs named as outputs (#2): refused, and refused before anything is written
# --------------------------------------------------------------------------

INPUT_AS_OUTPUT = [
    ("score", "{old}", "-q", "{mini}", "-o", "{mini}"),
    ("score", "{old}", "-q", "{mini}", "--domains-csv", "{old}"),
    ("score", "{old}", "-q", "{mini}", "-f", "csv", "-o", "{other}", "--domains-csv", "{mini}"),
    ("report", "{old}", "-q", "{mini}", "-f", "html", "-o", "{mini}"),
    ("init", "-q", "{mini}", "-o", "{mini}", "--force"),
    ("compare", "{old}", "{new}", "-q", "{mini}", "-o", "{new}"),
    ("compare", "{old}", "{new}", "-q", "{mini}", "-o", "{mini}"),
    ("history", "{old}", "{new}", "-q", "{mini}", "-o", "{old}"),
    ("history", "{old}", "{new}", "-q", "{mini}", "-f", "markdown", "-o", "{mini}"),
    ("org", "{folder}", "-f", "json", "-o", "{organisation}"),
    ("org", "{folder}", "-f", "markdown", "-o", "{broken}"),
    ("org", "{folder}", "-f", "html", "-o", "{mini}"),
    ("org", "{folder}", "-f", "csv", "-o", "{other}", "--domains-csv", "{broken}"),
    ("org", "{folder}", "-f", "csv", "--domains-csv", "{organisation}"),
    ("questionnaire", "import-lens", "{lens}", "-o", "{lens}"),
    ("questionnaire", "export-lens", "{mini}", "-o", "{mini}"),
]


@pytest.mark.parametrize("command", INPUT_AS_OUTPUT, ids=lambda c: " ".join(c))
def test_every_file_a_command_read_is_refused_as_an_output(
    command: tuple[str, ...], mini: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "teams"
    folder.mkdir()
    (folder / "a.yaml").write_text(answers(1))
    (folder / "organisation.yaml").write_text("organisation: Acme\ntargets: {default: 3}\n")
    (folder / "broken.yaml").write_text("team: [\n")
    paths = {**mini, "folder": folder, "other": tmp_path / "other.csv"}
    paths |= {"organisation": folder / "organisation.yaml", "broken": folder / "broken.yaml"}
    args = [arg.format(**paths) for arg in command]
    if command[0] == "org":
        args += ["-q", str(mini["mini"])]
    before = snapshot(tmp_path)
    result = run(*args)
    clean_failure(result, 1)
    assert "refusing to write the output over an input file" in result.stderr
    assert result.stdout == ""  # nothing printed either: the refusal comes first
    assert snapshot(tmp_path) == before  # and nothing written


def test_two_outputs_cannot_be_one_file(mini: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    link = tmp_path / "y.csv"
    link.symlink_to(out.name)
    for second in (out, link):
        result = run(
            "score", mini["old"], "-q", mini["mini"], "-f", "csv", "-o", out, "--domains-csv", second
        )
        clean_failure(result, 1)
        assert "two outputs would be written to one file" in result.stderr
        assert not out.exists()


def test_the_file_behind_standard_input_is_refused_as_an_output(mini: dict[str, Path]) -> None:
    before = mini["old"].read_bytes()
    with mini["old"].open("rb") as stdin:
        result = run("score", "-", "-q", mini["mini"], "-o", mini["old"], stdin=stdin.fileno())
    clean_failure(result, 1)
    assert mini["old"].read_bytes() == before


# --------------------------------------------------------------------------
# Endless inputs (#7): at most 16 MiB is read, whatever stat says
# --------------------------------------------------------------------------


def test_a_link_to_dev_zero_is_refused_after_the_cap(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    result = run("validate", link)
    clean_failure(result, 1)
    assert f"{link}:1:1: file is larger than 16384 KiB" in result.stderr


def test_an_endless_fifo_and_an_endless_stdin_are_refused_after_the_cap(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.yaml"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"yes 'a: b' > '{fifo}'"], stderr=subprocess.DEVNULL)
    try:
        result = run("validate", fifo)
    finally:
        writer.kill()
        writer.wait()
    clean_failure(result, 1)
    assert "file is larger than 16384 KiB" in result.stderr
    yes = subprocess.Popen(["yes", "a: b"], stdout=subprocess.PIPE)
    try:
        assert yes.stdout is not None
        piped = run("validate", "-", stdin=yes.stdout.fileno())
    finally:
        yes.kill()
        yes.wait()
    clean_failure(piped, 1)
    assert "-:1:1: file is larger than 16384 KiB" in piped.stderr


# --------------------------------------------------------------------------
# Temporary files a killed process left behind (#11)
# --------------------------------------------------------------------------


def test_stale_temporary_files_of_ours_are_removed_on_the_next_write(
    mini: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.md"
    stale = tmp_path / ".out.md.k3j_x9a2.tmp"  # what a write killed with SIGKILL leaves
    fresh = tmp_path / ".out.md.abcd1234.tmp"  # a write still running in another process
    other = tmp_path / ".notes.md.k3j_x9a2.tmp"  # someone else's
    for leftover in (stale, fresh, other):
        leftover.write_text("half a file")
    hour_ago = time.time() - 3600
    for leftover in (stale, other):
        os.utime(leftover, (hour_ago, hour_ago))
    assert run("score", mini["old"], "-q", mini["mini"], "-f", "markdown", "-o", out).returncode == 0
    assert out.exists() and not stale.exists()
    assert fresh.exists() and other.exists()


# --------------------------------------------------------------------------
# Names: an id is an id (#5, #6c), deep folders (#6e)
# --------------------------------------------------------------------------


def test_a_file_named_like_a_bundled_questionnaire_does_not_shadow_it(tmp_path: Path) -> None:
    (tmp_path / "sre-core").write_text(MINI.replace("id: mini", "id: sre-core"))
    shown = run("questionnaire", "show", "sre-core", cwd=tmp_path)
    assert shown.returncode == 0 and "SRE maturity core" in shown.stdout
    scored = run("score", EXAMPLE, cwd=tmp_path)
    assert scored.returncode == 0 and "Observability" in scored.stdout


def test_a_256_character_questionnaire_id_is_an_unknown_id(tmp_path: Path) -> None:
    long_id = "a" * 256
    answers_file = tmp_path / "answers.yaml"
    answers_file.write_text(f"questionnaire: {long_id}\nteam: {{name: T}}\n")
    for args in (
        ("questionnaire", "show", long_id),
        ("init", "-q", long_id),
        ("score", EXAMPLE, "-q", long_id),
        ("score", answers_file),
    ):
        result = run(*args, cwd=tmp_path)
        clean_failure(result, 1)
        assert "no questionnaire with id" in result.stderr


def test_folders_nested_a_thousand_deep(tmp_path: Path) -> None:
    deep = tmp_path / "teams"
    deep.mkdir()
    (deep / "a.yaml").write_text(answers(1))
    (deep / "b.yaml").write_text(answers(2))
    levels = [deep]
    for _ in range(1000):
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    mini_file = tmp_path / "mini.yaml"
    mini_file.write_text(MINI)
    try:
        for command in ("validate", "org", "history"):
            result = run(command, deep, "-q", mini_file)
            assert result.returncode == 0, (command, result.stderr[-2000:])
            assert "Traceback" not in result.stderr
    finally:
        for level in reversed(levels[1:]):  # pytest's own clean-up would recurse 1,000 deep
            level.rmdir()


def test_migrate_never_writes_the_new_file_and_its_schema_onto_one_file(tmp_path: Path) -> None:
    answers_file = tmp_path / "team.yaml"
    answers_file.write_bytes((ROOT / "tests" / "data" / "v1" / "payments-product-team.yaml").read_bytes())
    before = snapshot(tmp_path)
    result = run("migrate", answers_file, "-o", tmp_path / "sre-core.v2.answers.schema.json")
    clean_failure(result, 1)
    assert "two outputs would be written to one file" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_pipe_named_twice_is_opened_once(mini: dict[str, Path], tmp_path: Path) -> None:
    fifo = tmp_path / "team.yaml"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"cat '{mini['old']}' > '{fifo}'"])
    try:
        for args in (("compare", fifo, fifo), ("validate", fifo, fifo)):
            result = run(*args, "-q", mini["mini"])  # no second open of the pipe, which would hang
            assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
            if args[0] == "compare":
                assert "the same pipe as" in result.stderr
                continue
            assert result.stdout.count(": ok (") == 1
    finally:
        writer.kill()
        writer.wait()
