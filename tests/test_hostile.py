"""Hostile text goes through every output as text: nothing runs, nothing is fetched, nothing breaks.

The same corpus of notes and team names (HTML and CSS injection, file:// and
http:// URLs, <link rel=attachment>, Markdown link tricks, spreadsheet
formulas, control characters, right-to-left text, emoji, and a 5 MB note)
goes through JSON, YAML, CSV, text, Markdown, HTML and PDF.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "payments-product-team.yaml"

CORPUS = [
    "<script>alert('x')</script>",
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/hostname">',
    "<style>body { display: none }</style> a { background: url(http://169.254.169.254/latest) }",
    '" onmouseover="alert(1)',
    "[click me](http://attacker.example/x) ![pixel](http://attacker.example/p.png) <http://a.example>",
    "=cmd|' /C calc'!A0",
    "+1-555 @SUM(A1) -2",
    "bell \x07 escape \x1b[31mred\x1b[0m",
    "\u202eright-to-left override\u202c and \u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "emoji 🔥💥👩‍💻 and combining e\u0301",
    "| table | break |\n# heading\n---\n```code```",
]
TEAM = 'Payments <b onclick="x">&amp;</b> \u202eevil\u202c 🔥 =HYPERLINK("http://attacker.example")'
BIG_NOTE = "A" * 100 + " " + ("lorem ipsum " * 450_000)  # about 5 MB


def hostile_file(tmp_path: Path, big: bool = False) -> Path:
    data = yaml.load(EXAMPLE.read_text(), Loader=yaml.SafeLoader)
    data["assessed_at"] = str(data["assessed_at"])
    data["team"]["name"] = TEAM
    questions = [k for k in data["answers"] if isinstance(data["answers"][k], str)]
    for qid, text in zip(questions, CORPUS, strict=False):
        data["answers"][qid] = {"choice": data["answers"][qid], "note": text}
    if big:
        data["answers"][questions[-1]] = {"choice": data["answers"][questions[-1]], "note": BIG_NOTE}
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10_000), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_json_and_yaml_carry_the_text_exactly(tmp_path: Path) -> None:
    path = hostile_file(tmp_path)
    data = json.loads(run("score", str(path), "-f", "json").stdout)
    assert data["team"]["name"] == TEAM
    notes = {q["note"] for q in data["questions"] if q["note"]}
    assert set(CORPUS) <= notes
    as_yaml = yaml.safe_load(run("score", str(path), "-f", "yaml").stdout)
    assert as_yaml["team"]["name"] == TEAM


def test_csv_defuses_formulas_and_keeps_text(tmp_path: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run("score", str(hostile_file(tmp_path)), "-f", "csv").stdout.decode()))
    )
    notes = {r["note"] for r in rows if r["note"]}
    assert "'=cmd|' /C calc'!A0" in notes and "'+1-555 @SUM(A1) -2" in notes
    assert not any(n[:1] in "=+-@" for n in notes)
    assert {r["team"] for r in rows} == {"'" + TEAM if TEAM[0] in "=+-@" else TEAM}


def test_terminal_text_has_no_control_characters(tmp_path: Path) -> None:
    out = run("score", str(hostile_file(tmp_path))).stdout.decode()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


def test_markdown_shows_markup_as_text(tmp_path: Path) -> None:
    out = run("report", str(hostile_file(tmp_path)), "-f", "markdown").stdout.decode()
    assert "<script>" not in out and "<img" not in out and "<link" not in out and "<b " not in out
    assert "&lt;script&gt;" in out
    assert "](http://attacker.example" not in out  # the link syntax is broken up, not live
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


def test_html_escapes_everything(tmp_path: Path) -> None:
    out = run("report", str(hostile_file(tmp_path)), "-f", "html").stdout.decode()
    assert "<script" not in out
    assert '<img src="file' not in out and '<link rel="attachment"' not in out
    assert 'onmouseover="alert' not in out and "<b onclick" not in out
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in out or "&lt;img src=&quot;file" in out
    assert "attacker.example" not in re.sub(
        r"&[a-z#0-9]+;", "", "".join(re.findall(r'(?:href|src)="[^"]*"', out))
    )
    # A control character is no HTML: ESC and BEL are shown as marks, the bidi override as a mark.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)
    assert "escape \u241b[31mred" in out and "\u202e" not in out


def test_pdf_renders_hostile_and_huge_text_without_fetching(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    path = hostile_file(tmp_path, big=True)
    out = tmp_path / "hostile.pdf"
    result = run("report", str(path), "-o", str(out), "--date", "2026-11-27")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert b"refused" not in result.stderr
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) < 60  # the 5 MB note is shortened in the PDF, not laid out in full
    assert not reader.attachments
    # pypdf decodes this font's two-byte codes with stray NULs once fallback fonts (Arabic, emoji) are
    # embedded; pdftotext reads the same file cleanly, so the NULs are the reader's, not the PDF's.
    text = "".join("".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages)
    assert "<imgsrc=" in text  # the markup is shown as text
    assert "/etc/passwd" in text and "root:" not in text  # ...and the file was never read


def test_huge_note_goes_through_json_and_markdown(tmp_path: Path) -> None:
    path = hostile_file(tmp_path, big=True)
    data = json.loads(run("score", str(path), "-f", "json").stdout)
    assert BIG_NOTE in {q["note"] for q in data["questions"]}
    assert run("report", str(path), "-f", "markdown").returncode == 0
