"""The committed JSON Schemas match the models, and are usable as draft-07 by editors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from assess.loading import parse_yaml
from assess.resources import schema_path
from assess.schema import schema, schema_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("kind", ["answers", "questionnaire"])
def test_committed_schema_has_not_drifted(kind: str) -> None:
    committed = schema_path(kind).read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"assess/schemas/{kind}.schema.json is stale: run `assess schema {kind} -o {schema_path(kind)}`"
    )


@pytest.mark.parametrize("kind", ["answers", "questionnaire"])
def test_schema_is_valid_draft_07(kind: str) -> None:
    generated = schema(kind)
    Draft7Validator.check_schema(generated)
    text = json.dumps(generated)
    for newer in ("$defs", "unevaluatedProperties", "prefixItems", "dependentRequired"):
        assert newer not in text


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
