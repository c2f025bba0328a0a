"""`assess report` and the demo's PDF, as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from assess.cli import main

HERE = Path(__file__).resolve().parent
GOLDEN_INPUT = HERE / "golden" / "report-input.yaml"
MINI = """\
id: mini
version: "1"
title: Mini questionnaire
description: Two small domains for fast report tests.
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
          - {id: no, label: Not at all, score: 0.0, action: Start the first practice.}
          - {id: yes, label: Everywhere, score: 1.0}
        risk_rules:
          - {when: no, risk: high, why: Without it outages last.}
  - id: beta
    title: Beta practices
    description: Another area.
    questions:
      - id: beta.one
        kind: single
        text: Is the second practice in place?
        help: Why it matters.
        choices:
          - {id: no, label: Not at all, score: 0.0, action: Start the second practice.}
          - {id: yes, label: Everywhere, score: 1.0}
"""
MINI_ANSWERS = """\
questionnaire: mini
assessed_at: 2026-02-03
team: {name: "Mini <team>"}
answers:
  alpha.one: {choice: no, note: "<img src=\\"file:///etc/passwd\\"> http://example.com/x"}
  beta.one: yes
"""


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture
def mini(tmp_path: Path) -> tuple[Path, Path]:
    """(answers file, questionnaire file) for a two-question report that renders fast."""
    questionnaire = tmp_path / "mini.yaml"
    questionnaire.write_text(MINI)
    answers = tmp_path / "answers.yaml"
    answers.write_text(MINI_ANSWERS)
    return answers, questionnaire


def test_pdf_is_written_atomically_with_the_dates_asked_for(mini: tuple[Path, Path], tmp_path: Path) -> None:
    answers, questionnaire = mini
    out = tmp_path / "report.pdf"
    result = run("report", str(answers), "-q", str(questionnaire), "-o", str(out), "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert f"wrote {out}" in result.stderr.decode()
    doc = PdfReader(out)
    assert doc.metadata is not None and doc.metadata.author == "Mini <team>"
    assert (
        doc.metadata.creation_date is not None
        and doc.metadata.creation_date.date().isoformat() == "2026-02-03"
    )
    assert float(doc.pages[0].mediabox.width) == pytest.approx(612)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"] == []

    dated = run("report", str(answers), "-q", str(questionnaire), "-o", str(out), "--date", "2026-12-24")
    assert dated.returncode == 0, dated.stderr
    meta = PdfReader(out).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.date().isoformat() == "2026-12-24"


def test_pdf_goes_to_stdout_only_when_it_is_not_a_terminal(mini: tuple[Path, Path]) -> None:
    answers, questionnaire = mini
    result = run("report", str(answers), "-q", str(questionnaire))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-") and result.stdout.rstrip().endswith(b"%%EOF")


def test_format_follows_the_output_suffix(mini: tuple[Path, Path], tmp_path: Path) -> None:
    answers, questionnaire = mini
    for name, marker in (
        ("r.html", "<!DOCTYPE html>"),
        ("r.md", "# SRE maturity assessment: Mini &lt;team&gt;"),
    ):
        out = tmp_path / name
        assert main(["report", str(answers), "-q", str(questionnaire), "-o", str(out)]) == 0
        assert out.read_text().startswith(marker)


def test_markdown_and_html_to_stdout(mini: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    answers, questionnaire = mini
    assert main(["report", str(answers), "-q", str(questionnaire), "--format", "markdown"]) == 0
    out = capsys.readouterr()
    assert "## The decision" in out.out and out.err == ""
    assert "&lt;img src=" in out.out and "<img" not in out.out
    assert main(["report", str(answers), "-q", str(questionnaire), "-f", "html", "-o", "-"]) == 0
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in capsys.readouterr().out


def test_never_writes_over_an_input(mini: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    answers, questionnaire = mini
    before = answers.read_bytes(), questionnaire.read_bytes()
    for target in (answers, questionnaire):
        code = main(["report", str(answers), "-q", str(questionnaire), "-f", "html", "-o", str(target)])
        assert code == 1
        assert "refusing to write the output over an input file" in capsys.readouterr().err
    assert (answers.read_bytes(), questionnaire.read_bytes()) == before


def test_bad_input_leaves_no_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOLDEN_INPUT.read_text().replace("monthly-backup", "monthly-backpu"))
    out = tmp_path / "report.pdf"
    assert main(["report", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "did you mean 'monthly-backup'" in err
    assert not out.exists()


def test_usage_errors(mini: tuple[Path, Path], tmp_path: Path) -> None:
    answers, questionnaire = mini
    for args in (("--date", "2026-13-01"), ("--date", "tomorrow"), ("--paper", "a3"), ("--format", "docx")):
        result = run("report", str(answers), "-q", str(questionnaire), "-f", "html", *args)
        assert result.returncode == 2, args
        assert b"Traceback" not in result.stderr
    with pytest.raises(SystemExit) as exited:
        main(["report", str(answers), "--date", "31/12/2026"])
    assert exited.value.code == 2


def test_unwritable_output_is_an_environment_problem(
    mini: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers, questionnaire = mini
    assert main(["report", str(answers), "-q", str(questionnaire), "-f", "html", "-o", str(tmp_path)]) == 3
    assert "is a directory" in capsys.readouterr().err
    missing = tmp_path / "no" / "such" / "dir" / "r.html"
    assert main(["report", str(answers), "-q", str(questionnaire), "-o", str(missing)]) == 3
    assert "cannot write" in capsys.readouterr().err


def test_missing_pango_exits_3_with_an_install_hint_and_a_clean_stdout(
    mini: tuple[Path, Path], tmp_path: Path
) -> None:
    """Simulate a machine without Pango: WeasyPrint prints its banner to stdout and raises OSError."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            import cffi

            _dlopen = cffi.FFI.dlopen

            def dlopen(self, name, *args, **kwargs):
                if "pango" in str(name):
                    raise OSError(f"cannot load library {name!r}: no such file")
                return _dlopen(self, name, *args, **kwargs)

            cffi.FFI.dlopen = dlopen
            """
        )
    )
    answers, questionnaire = mini
    out = tmp_path / "report.pdf"
    result = run(
        "report", str(answers), "-q", str(questionnaire), "-o", str(out), env={"PYTHONPATH": str(shim)}
    )
    assert result.returncode == 3
    assert result.stdout == b""
    err = result.stderr.decode()
    assert "Pango" in err and "apt-get install libpango-1.0-0" in err and "Traceback" not in err
    assert not out.exists()
    # HTML needs no system libraries.
    html = run("report", str(answers), "-q", str(questionnaire), "-f", "html", env={"PYTHONPATH": str(shim)})
    assert html.returncode == 0 and html.stdout.startswith(b"<!DOCTYPE html>")


def test_demo_writes_its_pdf_here_and_says_where(tmp_path: Path) -> None:
    result = run("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "assess-demo-report.pdf"
    assert str(pdf) in result.stdout.decode()
    doc = PdfReader(pdf)
    assert doc.metadata is not None and doc.metadata.author == "Payments"
    assert "The decision" in doc.pages[0].extract_text()
