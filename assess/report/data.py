"""Results as data: JSON and YAML of any result model, exactly as the engine produced it."""

from __future__ import annotations

import yaml
from pydantic import BaseModel


def to_json(result: BaseModel) -> str:
    return result.model_dump_json(indent=2) + "\n"


def to_yaml(result: BaseModel) -> str:
    return str(yaml.safe_dump(result.model_dump(mode="json"), sort_keys=False, allow_unicode=True))
