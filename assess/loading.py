"""Safe YAML loading with file:line:col diagnostics.

Every YAML file the tool reads goes through ``StrictLoader``: safe constructors
only, no aliases (alias expansion is how YAML bombs blow up once pydantic walks
the tree), no duplicate keys, YAML 1.2 core-schema scalars as yaml-language-server
reads them (``yes``/``no``/``on``/``off`` stay strings; ``010`` is ten, ``0o10`` eight,
``0x1f`` thirty-one and ``1e3`` a thousand), dates left as strings for pydantic to parse,
and a size cap.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from assess.diagnostics import Diagnostic as Diagnostic  # re-exported: the loader's public API
from assess.diagnostics import did_you_mean as did_you_mean
from assess.errors import InvalidInput as InvalidInput
from assess.files import MAX_BYTES, read_text

MAX_DEPTH = 64
MAX_DIGITS = 4300  # Python's own limit for reading an integer from text (sys.get_int_max_str_digits)

M = TypeVar("M", bound=BaseModel)


class _Refused(yaml.YAMLError):
    def __init__(self, message: str, node_or_mark: Node | yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = node_or_mark.start_mark if isinstance(node_or_mark, Node) else node_or_mark


_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
_MAYBE_TYPED = frozenset("-+0123456789.tTfFnN~")


class _StrictResolver(BaseResolver):
    """YAML 1.2 core-schema scalars: only true/false are booleans, numbers as 1.2 writes them
    (see the patterns below), no timestamps."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 (PyYAML's own class-level registry)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Called for every scalar the parser meets; the generic version walks
        # path resolvers and regex lists. Plain words (most of our values) are
        # strings at once; anything that may be a number, bool or null takes
        # the regular route.
        if kind is ScalarNode and implicit[0] and value and value[0] not in _MAYBE_TYPED:
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


# The YAML 1.2 core schema, as yaml-language-server and other 1.2 readers resolve plain scalars:
# decimal integers (``010`` is ten), ``0o`` octal and ``0x`` hexadecimal integers, floats with a
# point or an exponent (``1e3``, ``.5``), ``.inf`` and ``.nan``; no underscores, no YAML 1.1 octal,
# base-60 or ``yes``/``no``.
_INT_PATTERN = r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"
_FLOAT_PATTERN = (
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", _INT_PATTERN, "-+0123456789"),
    ("tag:yaml.org,2002:float", _FLOAT_PATTERN, "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _StrictResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


_INT_RE, _FLOAT_RE = re.compile(_INT_PATTERN), re.compile(_FLOAT_PATTERN)


def _int(text: str) -> int:
    """A core-schema integer: decimal (leading zeros allowed), ``0o`` octal or ``0x`` hexadecimal."""
    if text[:2] in ("0o", "0x"):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(text: str) -> float:
    """A core-schema float: ``1.5``, ``1e3``, ``.5``, ``-.inf``, ``.nan``."""
    lowered = text.lower()
    if lowered.endswith((".inf", ".nan")):
        return float(lowered.replace(".", ""))
    if _INT_RE.match(text):  # !!float 0x10
        return float(_int(text))
    return float(text)


# libyaml's parser is ten times faster than the pure-Python one on our 4,000-line
# questionnaire; the strict checks below work on the composed node tree, so
# both parsers get the same rules.
_Parser: type
try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class StrictLoader(_Parser, SafeConstructor, _StrictResolver):  # type: ignore[misc]
    """Safe constructors, no aliases, no duplicate keys, bounded nesting."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)  # type: ignore[misc]
        SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused("mapping keys must be plain values", key_node)
            if key_node.value in seen:
                first = seen[key_node.value].start_mark.line + 1
                raise _Refused(f"duplicate key {key_node.value!r} (first defined on line {first})", key_node)
            seen[key_node.value] = key_node
        return super().construct_mapping(node, deep=deep)


def _construct(loader: StrictLoader, root: Node) -> Any:
    """Build Python values from the node tree in one pass, refusing aliases (a
    node reached twice) and nesting deeper than MAX_DEPTH before anything expands.

    Plain strings, integers, booleans and nulls (nearly every value we read) are
    built here, several times faster than PyYAML's generic constructor; anything
    else (explicit tags other than these) goes to the safe constructor, which refuses
    unknown tags.
    """
    seen: set[int] = set()

    def build(node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", node)
        if id(node) in seen:
            raise _Refused("aliases (*name) are not allowed; write the value out", node)
        seen.add(id(node))
        if (
            isinstance(node, ScalarNode)
            and node.tag == _INT
            and len(node.value) > MAX_DIGITS
            and sum(c.isdigit() for c in node.value) > MAX_DIGITS
        ):
            raise _Refused(f"a number of more than {MAX_DIGITS} digits", node)
        if isinstance(node, ScalarNode):
            tag = node.tag
            if tag == _STR:
                return node.value
            if tag == _INT:
                if not _INT_RE.match(node.value):  # an explicit !!int on something else
                    raise _Refused(f"{node.value!r} is not an integer", node)
                return _int(node.value)
            if tag == _FLOAT:
                if not _FLOAT_RE.match(node.value) and not _INT_RE.match(node.value):
                    raise _Refused(f"{node.value!r} is not a number", node)
                return _float(node.value)
            if tag == _BOOL:
                return node.value.lower() == "true"
            if tag == _NULL:
                return None
            return loader.construct_object(node, deep=True)
        if isinstance(node, SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            return [build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode) and node.tag == "tag:yaml.org,2002:map":
            out: dict[Any, Any] = {}
            keys: dict[Any, Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refused("mapping keys must be plain values", key_node)
                key = build(key_node, depth + 1)
                if key in keys:
                    earlier = keys[key]
                    first = earlier.start_mark.line + 1
                    if earlier.value != key_node.value:  # 1 and true, 0 and false, 1 and 01
                        raise _Refused(
                            f"key {key_node.value!r} reads as the same value as key {earlier.value!r} "
                            f"(line {first}); quote them to keep them apart",
                            key_node,
                        )
                    raise _Refused(
                        f"duplicate key {key_node.value!r} (first defined on line {first})", key_node
                    )
                keys[key] = key_node
                out[key] = build(value_node, depth + 1)
            return out
        return loader.construct_object(node, deep=True)

    return build(root, 1)


def _first_alias(text: str) -> yaml.Mark | None:
    """Where the first alias is; only called on the error path, so a second pass is fine."""
    loader = StrictLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark  # type: ignore[return-value]
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


@dataclass(frozen=True)
class Parsed:
    """A parsed document together with its node tree, kept for error locations."""

    file: str
    data: Any
    node: Node | None


def parse_yaml(text: str, file: str) -> Parsed:
    """Parse one YAML document; problems raise InvalidInput with a location."""
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_BYTES:
        raise InvalidInput([Diagnostic(file, 1, 1, f"file is larger than {MAX_BYTES // 1024} KiB")])
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        try:
            data = _construct(loader, node) if node is not None else None
        except _Refused as exc:
            if exc.message.startswith("aliases"):
                raise _Refused(exc.message, _first_alias(text) or exc.mark) from None
            raise
    except _Refused as exc:
        raise InvalidInput([_at(file, exc.mark, exc.message)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InvalidInput(
            [Diagnostic(file, line, column, f"character {char} is not allowed in YAML")]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if "nesting depth" in message:  # libyaml's own limit (PyYAML >= 6.0.4), reached before ours
            message = f"nesting deeper than {MAX_DEPTH} levels"
        raise InvalidInput([_at(file, mark, message)]) from None
    except yaml.YAMLError as exc:
        raise InvalidInput([Diagnostic(file, 1, 1, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise InvalidInput([Diagnostic(file, 1, 1, f"nesting deeper than {MAX_DEPTH} levels")]) from None
    finally:
        loader.dispose()
    return Parsed(file, data, node)


def _at(file: str, mark: yaml.Mark | None, message: str) -> Diagnostic:
    if mark is None:
        return Diagnostic(file, 1, 1, message)
    return Diagnostic(file, mark.line + 1, mark.column + 1, message)


_INDEXED = 16  # mappings with more keys than this get a lookup table the first time they are walked
_KEYS: weakref.WeakKeyDictionary[MappingNode, dict[str, tuple[Node, Node]]] = weakref.WeakKeyDictionary()


def _lookup(node: MappingNode, key: str) -> tuple[Node, Node] | None:
    """The (key node, value node) of the first entry named ``key``; a table for big mappings, so
    locating every one of 100,000 problems costs the same as locating one."""
    if len(node.value) <= _INDEXED:
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k, v
        return None
    table = _KEYS.get(node)
    if table is None:
        table = {}
        for k, v in node.value:
            if isinstance(k, ScalarNode):
                table.setdefault(k.value, (k, v))
        _KEYS[node] = table
    return table.get(key)


def node_at(root: Node | None, path: tuple[str | int, ...]) -> tuple[Node | None, Node | None]:
    """Walk ``path`` through the node tree: (node found, key node of its last mapping step).

    Segments not present in the YAML (pydantic's union tags such as ``'single'``
    or ``'str'``) are skipped, so a location always lands on the deepest node
    that exists.
    """
    node, key_node = root, None
    for segment in path:
        if isinstance(node, MappingNode):
            found = _lookup(node, str(segment))
            if found is not None:
                key_node, node = found
        elif isinstance(node, SequenceNode) and isinstance(segment, int) and 0 <= segment < len(node.value):
            node, key_node = node.value[segment], None
    return node, key_node


def diagnostic_at(
    parsed: Parsed, path: tuple[str | int, ...], message: str, *, on_key: bool = False
) -> Diagnostic:
    node, key_node = node_at(parsed.node, path)
    target = key_node if (on_key and key_node is not None) else node
    if target is None:
        return Diagnostic(parsed.file, 1, 1, message)
    return _at(parsed.file, target.start_mark, message)


def _describe(error: dict[str, Any]) -> tuple[tuple[str | int, ...], str, bool]:
    loc = tuple(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    kind = error["type"]
    on_key = False
    if kind == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}"
        on_key = True
    elif kind == "missing":
        message = f"missing required field {loc[-1]!r}"
        loc = loc[:-1]
    elif kind == "union_tag_invalid":
        message = "unknown 'kind'; expected 'single' or 'multi'"
    elif kind == "union_tag_not_found":
        message = "missing required field 'kind' ('single' or 'multi')"
    elif kind == "too_short":
        needed = error.get("ctx", {}).get("min_length", 1)
        message = f"needs at least {needed} item{'s' if needed != 1 else ''}"
    shown = ".".join(str(p) for p in loc if not _is_union_tag(p))
    return loc, (f"{shown}: {message}" if shown else message), on_key


_UNION_TAGS = {"single", "multi", "str", "list[str]", "AnswerDetail", "int", "float"}


def _is_union_tag(segment: str | int) -> bool:
    return isinstance(segment, str) and (segment in _UNION_TAGS or segment.startswith("function-"))


def _branch_fits(tag: str, node: Node | None) -> bool:
    """Does a union branch (pydantic's loc tag) describe the kind of node written?"""
    if tag.startswith("function-"):  # a validated model: 'function-after[check(), Model]'
        tag = tag.rsplit(", ", 1)[-1].rstrip("]")
    if tag.startswith(("list[", "tuple[", "set[")):
        return isinstance(node, SequenceNode)
    if tag[:1].isupper() or tag.startswith("dict["):
        return isinstance(node, MappingNode)
    if tag in _SCALAR_TAGS:
        return isinstance(node, ScalarNode)
    return True  # a discriminator value such as 'single': the only branch tried


_SCALAR_TAGS = {"str", "int", "float", "bool", "none", "date", "constrained-str", "constrained-int"}


def _relevant(parsed: Parsed, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One clear error per place: of a union's branches keep those matching what
    was written (a mapping, a list or a value), and drop a container's length
    error when one of its items already failed."""
    kept: list[dict[str, Any]] = []
    chosen: dict[tuple[str | int, ...], str | int] = {}
    for error in errors:
        loc = tuple(error["loc"])
        tag_at = next((i for i, p in enumerate(loc) if _is_union_tag(p)), None)
        if tag_at is not None:
            node, _ = node_at(parsed.node, loc[:tag_at])
            if not _branch_fits(str(loc[tag_at]), node):
                continue
            if chosen.setdefault(loc[:tag_at], loc[tag_at]) != loc[tag_at]:
                continue
        kept.append(error)
    kept = kept or errors  # never filter a failure down to silence
    # Every place that holds another error inside it (a proper prefix of another error's loc).
    enclosing = {tuple(e["loc"])[:n] for e in kept for n in range(len(e["loc"]))}
    return [e for e in kept if not (e["type"] == "too_short" and tuple(e["loc"]) in enclosing)]


def validate(model: type[M], parsed: Parsed) -> M:
    """Validate parsed YAML against a model; every error becomes a located Diagnostic."""
    if parsed.data is None:
        raise InvalidInput([Diagnostic(parsed.file, 1, 1, "file is empty")])
    if not isinstance(parsed.data, dict):
        raise InvalidInput([diagnostic_at(parsed, (), "expected a mapping at the top level")])
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        diagnostics = []
        seen: set[tuple[int, int, str]] = set()
        errors = cast(list[dict[str, Any]], exc.errors(include_url=False))  # read, never changed
        for error in _relevant(parsed, errors):
            path, message, on_key = _describe(error)
            diagnostic = diagnostic_at(parsed, path, message, on_key=on_key)
            if (diagnostic.line, diagnostic.column, diagnostic.message) not in seen:
                seen.add((diagnostic.line, diagnostic.column, diagnostic.message))
                diagnostics.append(diagnostic)
        raise InvalidInput(sorted(diagnostics, key=lambda d: (d.line, d.column))) from None


def load_model(model: type[M], path: Path) -> tuple[M, Parsed]:
    parsed = parse_yaml(read_text(path), str(path))
    return validate(model, parsed), parsed
