"""JSON Schemas for editors (yaml-language-server validates with draft-07)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from assess.models import Answers, Questionnaire

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
MODELS: dict[str, type[BaseModel]] = {"answers": Answers, "questionnaire": Questionnaire}


def _to_draft_07(node: Any) -> Any:
    """Pydantic emits 2020-12 ``$defs``; draft-07 readers expect ``definitions``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "discriminator":
                continue  # an OpenAPI keyword, meaningless to draft-07 validators
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out["definitions" if key == "$defs" else key] = _to_draft_07(value)
        return out
    if isinstance(node, list):
        return [_to_draft_07(v) for v in node]
    return node


def schema(kind: str) -> dict[str, Any]:
    generated = MODELS[kind].model_json_schema(mode="validation")
    return {"$schema": DRAFT_07, **_to_draft_07(generated)}


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
