"""Every YAML block and every command block in README.md and docs/ works as shown.

YAML blocks are loaded as what they are (an answers file, an organisation file or a
questionnaire) and must validate; command lines (those starting with ``assess`` or
``.venv/bin/assess``) run in order, one folder per page, and must succeed. Lines that set up
the checkout or open an editor (``make ...``, ``$EDITOR ...``, ``pip``/``pipx install``) are
not run: `make test` itself, the wheel test and the tests of the terminal app cover them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assess import catalog
from assess.checks import check_questionnaire
from assess.errors import InvalidInput
from assess.loading import parse_yaml, validate
from assess.models import Questionnaire
from assess.models.org import OrgSettings
from assess.pipeline.org import check_settings
from assess.pipeline.team import check_team

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
ASSESS = Path(sys.executable).parent / "assess"
COMMAND = ("assess ", ".venv/bin/assess ", "make ", "$EDITOR ", "pip install ", "pipx install ")
NOT_RUN = COMMAND[2:]


def blocks(page: Path) -> list[tuple[str, str, int]]:
    text = page.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in BLOCK.finditer(text)]


def command_blocks(page: Path) -> list[tuple[list[str], int]]:
    """Blocks of shell lines: every non-blank line in them is a command of ours or a setup step."""
    out = []
    for lang, body, line in blocks(page):
        lines = [x for x in body.splitlines() if x.strip()]
        if lang in ("", "sh", "bash") and lines and all(x.startswith(COMMAND) for x in lines):
            out.append((lines, line))
    return out


def yaml_blocks(page: Path) -> list[tuple[str, int]]:
    return [(body, line) for lang, body, line in blocks(page) if lang == "yaml"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_yaml_blocks_validate(page: Path, tmp_path: Path) -> None:
    """Questionnaires first (answers on the same page may answer them), then the rest."""
    found = yaml_blocks(page)
    if not found:
        return
    own: dict[str, Path] = {}
    parsed = [(parse_yaml(body, f"{page.name}:{line}"), body, line) for body, line in found]
    try:
        for document, body, _ in parsed:
            if isinstance(document.data, dict) and "domains" in document.data:
                questionnaire = validate(Questionnaire, document)
                errors = [d for d in check_questionnaire(questionnaire, document) if d.severity == "error"]
                assert errors == [], errors
                own[questionnaire.id] = tmp_path / f"{questionnaire.id}.yaml"
                own[questionnaire.id].write_text(body, encoding="utf-8")
        for document, _, line in parsed:
            data = document.data
            assert isinstance(data, dict), f"{page.name}:{line}: not a YAML mapping"
            if "domains" in data:
                continue
            if "organisation" in data:
                settings = validate(OrgSettings, document)
                assert check_settings(settings, document, catalog.load("sre-core")[0]) == []
                continue
            qid = str(data.get("questionnaire", "")).partition("@")[0]
            check_team(tmp_path / "block.yaml", document, str(own[qid]) if qid in own else None)
    except InvalidInput as exc:
        pytest.fail(f"{page.name}: a YAML block does not validate: {exc}")


def prepare(folder: Path, page: Path, home: Path) -> None:
    """What the page's commands expect to find: example teams, the page's own YAML files, a lens."""
    examples = ROOT / "examples"
    teams = folder / "teams"
    teams.mkdir()
    for example in examples.glob("*.yaml"):
        shutil.copy(example, teams / example.name)
    shutil.copy(examples / "payments-product-team.yaml", folder / "team.yaml")
    shutil.copy(ROOT / "tests" / "lenses" / "complete.json", folder / "my-lens.json")
    user = home / ".config" / "assess" / "questionnaires"
    user.mkdir(parents=True)
    for body, _ in yaml_blocks(page):
        data = parse_yaml(body, page.name).data
        if isinstance(data, dict) and "domains" in data:
            (folder / f"{data['id']}.yaml").write_text(body, encoding="utf-8")
            (user / f"{data['id']}.yaml").write_text(body, encoding="utf-8")


@pytest.mark.parametrize("page", [p for p in PAGES if command_blocks(p)], ids=lambda p: p.name)
def test_command_blocks_run(page: Path, tmp_path: Path) -> None:
    folder, home = tmp_path / "work", tmp_path / "home"
    folder.mkdir()
    prepare(folder, page, home)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), NO_COLOR="1", PATH=f"{ASSESS.parent}{os.pathsep}{env.get('PATH', '')}")
    ran = 0
    for lines, line in command_blocks(page):
        for command in lines:
            if command.startswith(NOT_RUN):
                continue
            shown = command.replace(".venv/bin/assess", "assess", 1)
            result = subprocess.run(
                ["bash", "-c", shown], cwd=folder, env=env, capture_output=True, text=True, timeout=300
            )
            assert result.returncode == 0, (
                f"{page.name}:{line}: `{shown}` exited {result.returncode}\n{result.stderr}"
            )
            ran += 1
    assert ran or all(all(x.startswith(NOT_RUN) for x in lines) for lines, _ in command_blocks(page))


def test_every_page_with_commands_is_checked() -> None:
    assert {p.name for p in PAGES if command_blocks(p)} >= {"README.md", "questionnaires.md", "schemas.md"}
