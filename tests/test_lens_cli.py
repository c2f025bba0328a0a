"""`assess questionnaire import-lens / export-lens` end to end, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from platformdirs import user_config_path

from assess import catalog
from assess.models import SingleQuestion

LENSES = Path(__file__).parent / "lenses"
ORR = LENSES / "aws" / "ORR-Whitepaper-Sample-PUBLISHED.json"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_import_into_the_user_folder_then_list_validate_and_score(tmp_path: Path) -> None:
    folder = user_config_path("assess") / "questionnaires"
    folder.mkdir(parents=True)
    target = folder / "orr.yaml"
    result = run("questionnaire", "import-lens", ORR, "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "$.pillars[0].questions[3].choices[1].helpfulResource.Url: unknown field 'Url'" in result.stderr
    assert f"wrote {target}" in result.stderr
    assert "imported as questionnaire 'orr' v1 (3 domains, 16 questions)" in result.stderr

    listed = json.loads(run("questionnaire", "list", "--format", "json").stdout)["questionnaires"]
    assert {"id": "orr", "source": "user", "questions": 16} | {"path": str(target)} == {
        k: v
        for k, v in next(r for r in listed if r["id"] == "orr").items()
        if k in ("id", "source", "questions", "path")
    }
    assert run("questionnaire", "validate", target).stdout == f"{target}: ok (3 domains, 16 questions)\n"

    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "questionnaire: orr\nteam:\n  name: Checkout\nanswers:\n"
        "  architecture_architecture_diagram: [architecture_diagram, data_flow_diagram]\n"
        "  releases_deployment_rollback: [manual_rollback]\n",
        encoding="utf-8",
    )
    scored = run("score", answers, "--format", "json")
    assert scored.returncode == 0, scored.stderr
    domains = {d["id"]: d["score"] for d in json.loads(scored.stdout)["domains"]}
    assert domains["architecture"] == 100.0 and domains["release_quality"] == 50.0


def test_import_to_stdout_keeps_warnings_on_stderr() -> None:
    result = run("questionnaire", "import-lens", LENSES / "aws" / "saas_biz_custom_lens.json")
    assert result.returncode == 0
    assert result.stdout.startswith(
        "# Imported from the AWS Well-Architected custom lens “SaaS Journey Business Lens”"
    )
    assert "id: saas-journey-business-lens" in result.stdout
    assert result.stderr.count("warning:") == 3 and "(and 110 more like this" in result.stderr


def test_invalid_lens_is_refused_with_its_path_and_no_output(tmp_path: Path) -> None:
    out = tmp_path / "flags.yaml"
    lens = LENSES / "invalid" / "unknown-choice.json"
    result = run("questionnaire", "import-lens", lens, "-o", out)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{lens}:166:47: $.pillars[1].questions[3].riskRules[0].condition: unknown choice 'foo_bar' "
        "(choices: del_flags_used, del_flags_cleaned, del_flags_no)\n"
    )
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_import_never_writes_over_its_input(tmp_path: Path) -> None:
    lens = tmp_path / "lens.json"
    lens.write_bytes(ORR.read_bytes())
    result = run("questionnaire", "import-lens", lens, "-o", lens)
    assert result.returncode == 1 and "refusing to write the output over an input file" in result.stderr
    assert lens.read_bytes() == ORR.read_bytes()


def test_import_id_option_is_checked() -> None:
    result = run("questionnaire", "import-lens", ORR, "--id", "not valid")
    assert result.returncode == 2 and "--id 'not valid'" in result.stderr and result.stdout == ""


def test_export_writes_a_lens_and_says_what_was_simplified(tmp_path: Path) -> None:
    out = tmp_path / "sre.json"
    result = run("questionnaire", "export-lens", "sre-core", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    sre_core, _ = catalog.load("sre-core")
    singles = sum(isinstance(q, SingleQuestion) for _, q in sre_core.questions())
    assert (
        f"note: simplified: {singles} single-choice questions written as a ladder of choices" in result.stderr
    )
    assert (
        f"sre-core v2 exported as 1 lens (9 pillars, {len(sre_core.questions())} questions)" in result.stderr
    )
    lens = json.loads(out.read_text())
    assert lens["schemaVersion"] == "2021-11-01" and lens["name"] == "SRE maturity core"
    back = run("questionnaire", "import-lens", out, "-o", tmp_path / "sre-back.yaml")
    assert back.returncode == 0 and "warning" not in back.stderr


def test_export_of_an_imported_lens_needs_no_simplification(tmp_path: Path) -> None:
    questionnaire = tmp_path / "orr.yaml"
    assert run("questionnaire", "import-lens", ORR, "-o", questionnaire).returncode == 0
    result = run("questionnaire", "export-lens", questionnaire, "-o", tmp_path / "orr.json")
    assert result.returncode == 0
    assert "simplified" not in result.stderr and "warning" not in result.stderr


def test_export_splits_into_numbered_files_when_one_lens_cannot_hold_it(tmp_path: Path) -> None:
    domains = "\n".join(
        f"- id: d{i:02d}\n  title: Domain {i}\n  description: About {i}.\n  questions:\n"
        f"  - id: d{i:02d}.q\n    kind: single\n    text: Question {i}?\n    help: Why.\n    choices:\n"
        "    - {id: no, label: 'No', score: 0, action: Start.}\n    - {id: yes, label: 'Yes', score: 1}"
        for i in range(12)
    )
    source = tmp_path / "wide.yaml"
    source.write_text(
        f"id: wide\nversion: '1'\ntitle: Wide\ndescription: Twelve domains.\ndomains:\n{domains}\n"
    )
    result = run("questionnaire", "export-lens", source, "-o", tmp_path / "wide.json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("wide*.json")) == ["wide-2.json", "wide.json"]
    assert "split into 2 lenses" in result.stderr
    assert [len(json.loads((tmp_path / n).read_text())["pillars"]) for n in ("wide.json", "wide-2.json")] == [
        10,
        2,
    ]


def test_export_needs_an_output_and_never_writes_over_its_input(tmp_path: Path) -> None:
    assert run("questionnaire", "export-lens", "sre-core").returncode == 2
    source = tmp_path / "orr.yaml"
    run("questionnaire", "import-lens", ORR, "-o", source)
    before = source.read_text()
    result = run("questionnaire", "export-lens", source, "-o", source)
    assert result.returncode == 1 and "refusing to write the output over an input file" in result.stderr
    assert source.read_text() == before


def test_export_of_an_unknown_questionnaire_is_clear(tmp_path: Path) -> None:
    result = run("questionnaire", "export-lens", "sre-cor", "-o", tmp_path / "x.json")
    assert result.returncode == 1
    assert "no questionnaire with id 'sre-cor'; did you mean 'sre-core'?" in result.stderr
    assert not (tmp_path / "x.json").exists()
