"""Write answers back into the YAML file a person wrote, changing as little as possible.

The app keeps the answers document as plain data (what the strict loader
returns). To save, only the values that differ from what the file holds are
replaced in the text, at the positions the YAML parser reports, so comments,
blank lines, key order and the unchanged answers stay exactly as written. The
result is parsed again and compared with the data; if a splice ever fails to
round-trip (an unusual layout such as flow-style mappings), the whole document
is written out in the canonical layout instead, which loses comments but never
an answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assess.loading import InvalidInput, parse_yaml

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./@-]*$")
_SECTIONS = ("team", "answers", "actions")


def scalar(value: object) -> str:
    """One YAML scalar on one line, plain where that is unambiguous for any YAML reader."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Our reader wants a decimal point, so no exponent form.
        shown = repr(value)
        return shown if "e" not in shown else f"{value:.12f}".rstrip("0")
    text = str(value)
    if _PLAIN.match(text) and _reads_back(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # YAML treats these as line breaks inside quotes; JSON leaves them raw.
    for raw, escaped in (("\u0085", "\\N"), ("\u2028", "\\L"), ("\u2029", "\\P")):
        quoted = quoted.replace(raw, escaped)
    return quoted


def _reads_back(text: str) -> bool:
    """True if both YAML 1.1 readers (PyYAML) and ours (YAML 1.2) read ``text`` as this same string."""
    try:
        return bool(yaml.safe_load(text) == text) and parse_yaml(text, "-").data == text
    except (yaml.YAMLError, InvalidInput):
        return False


def inline(value: object) -> str:
    """A value as flow YAML on one line: scalars, [lists] and {mappings}."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(k)}: {inline(v)}" for k, v in value.items()) + "}"
    return scalar(value)


def entry_value(value: object, indent: int) -> str:
    """The text after ``key:`` for one entry whose key sits at column ``indent``."""
    if value is None:
        return ""
    if isinstance(value, Mapping) and value:
        pad = " " * (indent + 2)
        out = []
        for k, v in value.items():
            if isinstance(v, list) and v and all(isinstance(x, Mapping) for x in v):
                # A list of mappings (a merged team file's votes): one entry a line.
                out.append(f"\n{pad}{scalar(k)}:" + "".join(f"\n{pad}  - {inline(x)}" for x in v))
            else:
                out.append(f"\n{pad}{scalar(k)}: {inline(v)}")
        return "".join(out)
    return " " + inline(value)


def canonical(data: Mapping[str, Any], header: str = "") -> str:
    """The whole answers document in the layout ``assess init`` uses, without its comments."""
    out = [header.rstrip("\n")] if header.strip() else []
    for key, value in data.items():
        if key in _SECTIONS and isinstance(value, Mapping):
            out.append(f"{scalar(key)}:")
            out.extend(f"  {scalar(k)}:{entry_value(v, 2)}" for k, v in value.items())
        else:
            out.append(f"{scalar(key)}:{entry_value(value, 0)}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str
    insert: bool = False  # a new entry, as opposed to a replaced value


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "".join(lines)


def _content_end(node: Node, text: str) -> int:
    """Where the node's own text ends: block collections report the start of whatever
    follows them (often the next entry's comments), so ask their last child."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(last[1] if isinstance(last, tuple) else last, text)
    end = int(node.end_mark.index)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
    return end


def _after_colon(key: Node, text: str) -> int:
    position = int(key.end_mark.index)
    while position < len(text) and text[position] in " \t":
        position += 1
    if position >= len(text) or text[position] != ":":
        raise _CannotSplice
    return position + 1


class _CannotSplice(Exception):
    pass


def _entries(mapping: MappingNode) -> dict[str, tuple[ScalarNode, Node]]:
    found: dict[str, tuple[ScalarNode, Node]] = {}
    for key, value in mapping.value:
        if isinstance(key, ScalarNode):
            found[str(key.value)] = (key, value)
    return found


def _line_indent(text: str, index: int) -> tuple[int, bool]:
    """Column of ``index`` and whether only spaces precede it on its line."""
    line_start = text.rfind("\n", 0, index) + 1
    before = text[line_start:index]
    return index - line_start, before.strip() == ""


def _section_edits(
    text: str,
    section_key: ScalarNode,
    section: Node,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    order: list[str],
) -> list[_Edit]:
    if not isinstance(section, MappingNode) or section.flow_style or not section.value:
        # An empty or flow-style section: write the whole section as a block.
        start = _after_colon(section_key, text)
        body = "".join(f"\n  {scalar(k)}:{entry_value(v, 2)}" for k, v in new.items())
        return [_Edit(start, _content_end(section, text), body)]
    edits: list[_Edit] = []
    entries = _entries(section)
    first_key = section.value[0][0]
    indent, alone = _line_indent(text, first_key.start_mark.index)
    if not alone:
        raise _CannotSplice
    for key, value in new.items():
        if key in entries:
            if key in old and old[key] == value:
                continue
            key_node, value_node = entries[key]
            start = _after_colon(key_node, text)
            end = max(start, _content_end(value_node, text))
            edits.append(_Edit(start, end, entry_value(value, indent)))
        else:
            anchor = _insertion_point(key, entries, order, text)
            edits.append(
                _Edit(anchor, anchor, f"\n{' ' * indent}{scalar(key)}:{entry_value(value, indent)}", True)
            )
    for key, (key_node, value_node) in entries.items():
        if key not in new:
            # A removed entry (an action taken off the list): its lines go, from the end of the line
            # before it to the end of its value.
            start = text.rfind("\n", 0, key_node.start_mark.index)
            if start < 0:
                raise _CannotSplice
            edits.append(_Edit(start, max(start, _content_end(value_node, text)), ""))
    return edits


def _insertion_point(
    key: str, entries: dict[str, tuple[ScalarNode, Node]], order: list[str], text: str
) -> int:
    """After the nearest earlier key (in questionnaire order) the file has, else after the last."""
    position = order.index(key) if key in order else len(order)
    for earlier in reversed(order[:position]):
        if earlier in entries:
            return _content_end(entries[earlier][1], text)
    last_value = list(entries.values())[-1][1]
    return _content_end(last_value, text)


def splice(
    text: str,
    root: Node,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    order: Mapping[str, list[str]] | None = None,
) -> str:
    """``text`` (whose parse is ``root`` / ``old``) changed to hold ``new``.

    The ``team``, ``answers`` and ``actions`` sections are edited entry by entry (an entry
    missing from ``new`` is removed); other top-level keys are replaced whole when they differ.
    """
    if not isinstance(root, MappingNode) or root.flow_style:
        raise _CannotSplice
    top = _entries(root)
    edits: list[_Edit] = []
    for key, value in new.items():
        before = old.get(key)
        if key not in top:
            edits.append(_Edit(len(text), len(text), _append_top(text, key, value), True))
            continue
        if before == value:
            continue
        key_node, value_node = top[key]
        if key in _SECTIONS and isinstance(value, Mapping):
            previous = before if isinstance(before, Mapping) else {}
            edits.extend(
                _section_edits(text, key_node, value_node, previous, value, (order or {}).get(key, []))
            )
        else:
            start = _after_colon(key_node, text)
            edits.append(_Edit(start, max(start, _content_end(value_node, text)), entry_value(value, 0)))
    # Apply from the end so earlier offsets stay valid. At one offset, an inserted
    # entry belongs after a value replaced there, and inserts keep their order.
    ranked = sorted(enumerate(edits), key=lambda ie: (ie[1].start, ie[1].insert, ie[0]), reverse=True)
    for _, edit in ranked:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _append_top(text: str, key: str, value: object) -> str:
    prefix = "" if text.endswith("\n") or not text else "\n"
    if key in _SECTIONS and isinstance(value, Mapping):
        body = "".join(f"\n  {scalar(k)}:{entry_value(v, 2)}" for k, v in value.items())
        return f"{prefix}{scalar(key)}:{body}\n"
    return f"{prefix}{scalar(key)}:{entry_value(value, 0)}\n"


@dataclass(frozen=True)
class Document:
    """The text of an answers file with its parse, ready for the next change."""

    text: str
    root: Node | None
    data: dict[str, Any]

    @classmethod
    def parse(cls, text: str, name: str = "answers") -> Document:
        parsed = parse_yaml(text, name)
        if not isinstance(parsed.data, dict):
            raise InvalidInput([])
        return cls(text, parsed.node, parsed.data)

    def updated(self, new: Mapping[str, Any], order: Mapping[str, list[str]] | None = None) -> Document:
        """This document holding ``new``: spliced when that round-trips, else canonical."""
        if new == self.data:
            return self
        if self.root is not None:
            try:
                text = splice(self.text, self.root, self.data, new, order)
                result = Document.parse(text)
            except (_CannotSplice, InvalidInput):
                pass
            else:
                if result.data == new:
                    return result
        return Document.parse(canonical(new, _leading_comments(self.text)))
