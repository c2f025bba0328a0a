"""The packages as a user gets them: the wheel installed into a fresh virtual environment (with
its dependencies, as pip resolves them) runs every command from a folder that is not the
checkout; the sdist carries what a packager needs (docs, LICENSE, tests).

Slow for a unit test (a venv and a dependency install, about half a minute), so it runs once,
in one test, and keeps that folder for every command.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def sh(
    *args: str | Path, cwd: Path, stdin: str | None = None, ok: int = 0
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")},
    )
    assert result.returncode == ok, (
        f"{args}: exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    sh(sys.executable, "-m", "hatchling", "build", "-d", out, cwd=ROOT)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_sdist_and_wheel_carry_license_docs_and_data(built: tuple[Path, Path]) -> None:
    wheel, sdist = built
    names = zipfile.ZipFile(wheel).namelist()
    for wanted in (
        "sre_assess-0.1.0.dist-info/licenses/LICENSE",
        "assess/_data/docs/questionnaires.md",
        "assess/_data/examples/sre-core.v2.answers.schema.json",
        "assess/_data/questionnaires/sre-core.yaml",
        "assess/schemas/result.schema.json",
    ):
        assert wanted in names
    metadata = zipfile.ZipFile(wheel).read("sre_assess-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "Project-URL: Source" in metadata and "Project-URL: Documentation" in metadata
    assert "Requires-Dist: textual<9,>=8.2.8" in metadata  # a range for users; the tests pin it
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    for wanted in (
        "LICENSE",
        "README.md",
        "docs/questionnaires.md",
        "tests/test_cli.py",
        "examples/payments-product-team.yaml",
    ):
        assert f"sre_assess-0.1.0/{wanted}" in members


def test_wheel_in_a_fresh_venv_runs_every_command_from_another_folder(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    wheel, _ = built
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    sh(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    assess = venv / "bin" / "assess"

    def run(*args: str | Path, stdin: str | None = None, ok: int = 0) -> str:
        return sh(assess, *args, cwd=work, stdin=stdin, ok=ok).stdout

    assert run("--version").strip() == "assess 0.1.0"
    assert "Examples:" in run("score", "--help")
    examples = Path(
        sh(
            venv / "bin" / "python",
            "-c",
            "from assess.resources import examples_dir; print(examples_dir())",
            cwd=work,
        ).stdout.strip()
    )
    assert str(examples).startswith(str(venv))  # the wheel's data, not the checkout's
    example = examples / "payments-product-team.yaml"
    # The bundled examples' modeline names a schema that the wheel carries beside them.
    modeline = example.read_text(encoding="utf-8").splitlines()[0]
    assert (examples / modeline.split("$schema=")[1]).is_file()

    run("init", "--team", "Payments", "-o", "payments.yaml")
    assert (work / "sre-core.v2.answers.schema.json").is_file()
    assert "ok (0 of 67" in run("validate", "payments.yaml")
    assert "ok (67 of 67" in run("validate", examples)
    assert json.loads(run("score", example, "-f", "json"))["schema_version"] == 1
    assert "Payments" in run("score", "-", stdin=example.read_text(encoding="utf-8"))
    run("report", example, "-o", "report.html")
    run("report", example, "-o", "report.pdf")
    assert (work / "report.pdf").read_bytes().startswith(b"%PDF")
    later = work / "later.yaml"
    later.write_text(
        example.read_text(encoding="utf-8").replace("assessed_at: 2026-03-18", "assessed_at: 2026-09-18")
    )
    run("demo")
    assert (work / "assess-demo-report.pdf").is_file()
    assert json.loads(run("org", examples, "-f", "json"))["schema_version"] == 1
    assert json.loads(run("compare", example, later, "-f", "json"))["schema_version"] == 1
    later = work / "later.yaml"
    later.write_text(
        example.read_text(encoding="utf-8").replace("assessed_at: 2026-03-18", "assessed_at: 2026-09-18")
    )
    assert len(json.loads(run("history", example, later, "-f", "json"))["points"]) == 2
    assert "sre-core" in run("questionnaire", "list")
    assert "slo.defined" in run("questionnaire", "show", "sre-core")
    shutil.copy(ROOT / "tests" / "lenses" / "complete.json", work / "lens.json")
    run("questionnaire", "import-lens", "lens.json", "-o", "lens.yaml")
    run("questionnaire", "validate", "lens.yaml")
    run("questionnaire", "export-lens", "sre-core", "-o", "sre-core-lens.json")
    assert json.loads(run("schema", "answers", "-q", "sre-core"))["properties"]["answers"]["properties"]
    assert "schema_version" in json.loads(run("schema", "result"))["properties"]
    assert "complete -o" in run("completion", "bash")
    assert run("completion", "zsh").startswith("#compdef assess")
    run("tui", ok=2)  # no terminal here: refused with a message, not a traceback
    sh(venv / "bin" / "python", "-c", "import assess.tui.app", cwd=work)
