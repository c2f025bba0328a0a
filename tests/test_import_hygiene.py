"""Scoring stays lean: the engine and `assess score` never load the UI or the PDF stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("textual", "weasyprint", "rich")


def loaded_modules(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return {m.split(".")[0] for m in json.loads(out.strip().splitlines()[-1])}


def test_engine_is_pure() -> None:
    mods = loaded_modules("import assess.engine, assess.models, assess.loading, assess.catalog")
    assert not mods & set(HEAVY)


def test_score_json_path_loads_no_ui_or_pdf(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "payments-product-team.yaml"
    code = (
        "import io, contextlib\n"
        "from assess.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['score', {str(example)!r}, '--format', 'json']) == 0\n"
    )
    mods = loaded_modules(code)
    assert not mods & set(HEAVY), mods & set(HEAVY)


def test_engine_source_never_imports_ui_or_pdf() -> None:
    engine = Path(__file__).resolve().parent.parent / "assess" / "engine"
    for source in engine.glob("*.py"):
        text = source.read_text()
        for heavy in HEAVY:
            assert f"import {heavy}" not in text and f"from {heavy}" not in text, source
