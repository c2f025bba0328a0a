"""A questionnaire as YAML that reads well and loads back to the same questionnaire.

Keys come in reading order (id, text, help, choices, rules), defaults are
left out, texts with line breaks use block style, and any string that the
strict loader would read as something else (``true``, ``1.0e5``, ``null``) is
quoted.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import ScalarNode

from assess.loading import StrictLoader
from assess.models import Questionnaire

_ORDER = [
    # questionnaire, domain, question, choice and rule keys, in the order a reader wants them
    "id", "kind", "version", "title", "text", "label", "none_of_these", "when", "risk", "description",
    "help", "details", "score", "weight", "guidance", "action", "links", "url", "allow_na", "effort",
    "depends_on", "scoring", "why", "metadata", "domains", "questions", "choices", "risk_rules",
]  # fmt: skip
_RANK = {key: i for i, key in enumerate(_ORDER)}
_LINK_RANK = {"title": 0, "url": 1, "kind": 2}
_STR = "tag:yaml.org,2002:str"


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        rank = _LINK_RANK if "url" in value else _RANK
        keys = sorted(value, key=lambda k: rank.get(k, len(rank)))
        return {k: _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


# libyaml's emitter is several times faster than the pure-Python one on a large lens.
_Base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_Base):  # type: ignore[misc]  # libyaml or pure Python, decided at import
    _reader = StrictLoader("")

    def represent_str(self, data: str) -> ScalarNode:
        style = None
        if "\n" in data:
            style = "|"
        elif self._reader.resolve(ScalarNode, data, (True, False)) != _STR:
            style = '"'
        node: ScalarNode = self.represent_scalar(_STR, data, style=style)
        return node


_Dumper.add_representer(str, _Dumper.represent_str)


def questionnaire_yaml(questionnaire: Questionnaire, header: str = "") -> str:
    """YAML text; ``header`` lines are written as comments at the top."""
    data = _ordered(questionnaire.model_dump(mode="json", exclude_defaults=True))
    body = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + body
