"""The committed JSON Schemas match the models, and are usable as draft-07 by editors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from assess import catalog
from assess.loading import parse_yaml
from assess.models import Questionnaire
from assess.resources import schema_path
from assess.schema import KINDS, answers_for, schema, schema_text
from assess.schema import text as schema_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_has_not_drifted(kind: str) -> None:
    committed = schema_path(kind).read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"assess/schemas/{kind}.schema.json is stale: run `make schemas`"


def test_each_example_points_to_its_questionnaires_schema_beside_it() -> None:
    """Relative, so it works in a checkout, from the wheel, and wherever the folder is copied."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = MODELINE.match(text.splitlines()[0])
        assert found, f"{path.name}: no modeline on the first line"
        target = path.parent / found.group(1)
        assert "/" not in found.group(1) and target.is_file(), (
            f"{path.name}: {found.group(1)} is not beside it"
        )
        questionnaire, _ = catalog.load(parse_yaml(text, path.name).data["questionnaire"].partition("@")[0])
        assert target.read_text(encoding="utf-8") == schema_document(answers_for(questionnaire)), (
            f"examples/{target.name} is stale: run `make schemas`"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_07(kind: str) -> None:
    generated = schema(kind)
    Draft7Validator.check_schema(generated)
    text = json.dumps(generated)
    for newer in ("$defs", "unevaluatedProperties", "prefixItems", "dependentRequired"):
        assert newer not in text
    # Bounds pydantic could not place on a JSON Schema type are renamed, never left as its own words.
    assert not re.search(r'"(ge|le|gt|lt)": ', text)


def test_per_questionnaire_schema_is_valid_draft_07(sre_core: Questionnaire) -> None:
    generated = answers_for(sre_core)
    Draft7Validator.check_schema(generated)
    assert not re.search(r'"(ge|le|gt|lt)": ', json.dumps(generated))


def test_examples_validate_against_the_answers_schema() -> None:
    validator = Draft7Validator(schema("answers"))
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 4
    for path in files:
        data = parse_yaml(path.read_text(), path.name).data  # YAML 1.2 scalars, as editors read them
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = Draft7Validator(schema("answers"))
    bad = {"questionnaire": "sre-core", "team": {"name": "x", "colour": "blue"}, "answers": {}}
    assert list(validator.iter_errors(bad))


CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def test_check_jsonschema_accepts_every_example_and_refuses_a_wrong_choice(tmp_path: Path) -> None:
    """check-jsonschema reads YAML 1.2 with its own parser (ruamel), as editors do."""
    examples = sorted(EXAMPLES.glob("*.yaml"))
    schema_file = EXAMPLES / "sre-core.v2.answers.schema.json"
    ok = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", schema_file, *examples],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(examples[0].read_text(encoding="utf-8").replace("slo.defined:", "slo.bogus:", 1))
    refused = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", schema_file, bad], capture_output=True, text=True, timeout=120
    )
    assert refused.returncode == 1 and "slo.bogus" in refused.stdout
    questionnaires = sorted((EXAMPLES.parent / "questionnaires").glob("*.yaml"))
    q = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", schema_path("questionnaire"), *questionnaires],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert q.returncode == 0, q.stdout + q.stderr
