"""JSON with locations: any value's JSON path maps back to its line and column.

``json`` parses the document (fast and exact); a light lexeme scan of the same
text, run only when a message needs a place, records where each value and key
starts. Duplicate keys, which ``json`` would silently collapse, are refused
at the second key; so are numbers that cannot be kept as they are written (``NaN``,
``Infinity``, ``1e400``, which reads as infinity, and integers of more than 4,300 digits).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.errors import InvalidInput
from assess.files import read_text
from assess.loading import Diagnostic

JsonPath = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_CONSTANTS = {"NaN", "Infinity", "-Infinity"}


def format_path(path: JsonPath) -> str:
    """``$.pillars[1].questions[3].riskRules[0].condition``."""
    out = "$"
    for segment in path:
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif _PLAIN_KEY.fullmatch(segment):
            out += f".{segment}"
        else:
            out += f"[{json.dumps(segment, ensure_ascii=False)}]"
    return out


class _Duplicate(Exception):
    pass


class _Constant(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _Constant(name)


MAX_DIGITS = 4300  # Python's own limit for reading an integer from text (sys.get_int_max_str_digits)


def _not_a_number(lexeme: str) -> str | None:
    """Why a number as written cannot be kept (None when it can): too many digits for an
    integer, or too large for a float (it would read as infinity, which JSON cannot write)."""
    if lexeme in _CONSTANTS:
        return f"{lexeme} is not a JSON value"
    if lexeme[:1] not in "-0123456789":
        return None
    if re.fullmatch(r"-?[0-9]+", lexeme):
        return f"a number of more than {MAX_DIGITS} digits" if len(lexeme.lstrip("-")) > MAX_DIGITS else None
    try:
        finite = math.isfinite(float(lexeme))
    except ValueError:
        return None
    shown = lexeme if len(lexeme) <= 24 else lexeme[:20] + "…"
    return None if finite else f"{shown} is too large for a number (it would read as infinity)"


def _int(lexeme: str) -> int:
    if _not_a_number(lexeme):
        raise _Constant(lexeme)
    return int(lexeme)


def _float(lexeme: str) -> float:
    value = float(lexeme)
    if not math.isfinite(value):
        raise _Constant(lexeme)
    return value


@dataclass
class _Index:
    """Where every value and key of a syntactically valid JSON text starts."""

    values: dict[JsonPath, int] = field(default_factory=dict)
    keys: dict[JsonPath, int] = field(default_factory=dict)
    duplicates: list[tuple[JsonPath, int]] = field(default_factory=list)
    constants: list[tuple[JsonPath, int]] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> _Index:
        index = cls()
        # Each frame: [is_object, path, current key or index, keys seen, waiting for a key]
        stack: list[list[Any]] = []
        for match in _TOKEN.finditer(text):
            lexeme, start = match.group(), match.start()
            frame = stack[-1] if stack else None
            if frame is not None and frame[0] and frame[4] and lexeme.startswith('"'):
                key = json.loads(lexeme)
                path = (*frame[1], key)
                if key in frame[3]:
                    index.duplicates.append((path, start))
                else:
                    index.keys[path] = start
                frame[3].add(key)
                frame[2], frame[4] = key, False
                continue
            if lexeme == ":":
                continue
            if lexeme == ",":
                if frame is not None:
                    if frame[0]:
                        frame[4] = True
                    else:
                        frame[2] += 1
                continue
            if lexeme in "}]":
                stack.pop()
                continue
            path = () if frame is None else (*frame[1], frame[2])
            index.values.setdefault(path, start)
            if _not_a_number(lexeme):
                index.constants.append((path, start))
            elif lexeme == "{":
                stack.append([True, path, None, set(), True])
            elif lexeme == "[":
                stack.append([False, path, 0, set(), False])
        return index


@dataclass
class JsonSource:
    """A parsed JSON document, its text, and a way to name places in it."""

    file: str
    text: str
    data: Any
    _index: _Index | None = None
    _lines: list[int] | None = None

    def index(self) -> _Index:
        if self._index is None:
            self._index = _Index.scan(self.text)
        return self._index

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._lines, offset) - 1
        return line + 1, offset - self._lines[line] + 1

    def offset_of(self, path: JsonPath, *, key: bool = False) -> int:
        """Start of the value (or its key) at ``path``, else of the deepest enclosing value."""
        index = self.index()
        if key and path in index.keys:
            return index.keys[path]
        probe = path
        while probe not in index.values and probe:
            probe = probe[:-1]
        return index.values.get(probe, 0)

    def diagnostic(
        self,
        path: JsonPath,
        message: str,
        severity: str = "error",
        *,
        key: bool = False,
        offset: int | None = None,
    ) -> Diagnostic:
        """``file:line:col: $.path: message``; ``offset`` moves into a string (past its quote)."""
        start = self.offset_of(path, key=key)
        if offset is not None and path in self.index().values:
            start += 1 + offset
        line, col = self.line_col(start)
        return Diagnostic(self.file, line, col, f"{format_path(path)}: {message}", severity)


def parse_json(text: str, file: str) -> JsonSource:
    """Parse JSON text; malformed JSON raises InvalidInput at its line and column."""
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    try:
        data = json.loads(
            text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput([Diagnostic(file, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise InvalidInput([Diagnostic(file, 1, 1, "invalid JSON: nested too deeply")]) from None
    except _Duplicate as exc:
        source = JsonSource(file, text, None)
        path, start = source.index().duplicates[0]
        line, col = source.line_col(start)
        first = source.line_col(source.index().keys[path])[0]
        message = f"{format_path(path)}: duplicate key {exc.args[0]!r} (first on line {first})"
        raise InvalidInput([Diagnostic(file, line, col, message)]) from None
    except _Constant:
        source = JsonSource(file, text, None)
        path, start = source.index().constants[0]
        line, col = source.line_col(start)
        lexeme = _TOKEN.match(text, start)
        why = _not_a_number(lexeme.group() if lexeme else "") or "not a JSON value"
        raise InvalidInput([Diagnostic(file, line, col, f"{format_path(path)}: {why}")]) from None
    return JsonSource(file, text, data)


def load_json(path: Path) -> JsonSource:
    """Read (size cap, UTF-8, located decode errors) and parse a JSON file."""
    return parse_json(read_text(path), str(path))
