"""Boolean risk-rule conditions over choice ids.

The grammar follows AWS Well-Architected custom lenses so an imported lens maps
1:1: identifiers are choice ids, ``!`` binds tighter than ``&&``, which binds
tighter than ``||``; parentheses group; the single word ``default`` matches
everything. Parsing takes time linear in the length of the condition, and parentheses
and negations nest at most ``MAX_NESTING`` deep.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"(&&)|(\|\|)|(!)|(\()|(\))|([A-Za-z0-9_][A-Za-z0-9_.-]*)")
_KINDS = ("and", "or", "not", "(", ")", "id")
_SPACE = re.compile(r"\s*")
MAX_NESTING = 100  # parentheses and '!' inside one another; real rules use a handful


class ConditionError(ValueError):
    """A condition that does not parse; ``offset`` is the character position."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Ref:
    choice: str


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class And:
    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Always:
    """The ``default`` rule."""


Expr = Ref | Not | And | Or | Always


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) of every token, in one pass over the text (linear time)."""
    tokens: list[tuple[str, str, int]] = []
    pos, end = 0, len(text)
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # \s* always matches
        if pos >= end:
            return tokens
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ConditionError(f"unexpected character {text[pos]!r}", pos)
        group = match.lastindex or 0
        tokens.append((_KINDS[group - 1], match.group(group), pos))
        pos = match.end()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    def deeper(self) -> None:
        """One more '(' or '!' inside the others; refused past MAX_NESTING (the parser recurses)."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(f"nested too deeply (more than {MAX_NESTING} levels)", self.offset())

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def offset(self) -> int:
        return self.tokens[self.pos][2] if self.pos < len(self.tokens) else len(self.text)

    def take(self, kind: str) -> str:
        if self.peek() != kind:
            found = "end of condition" if self.peek() is None else repr(self.tokens[self.pos][1])
            wanted = {"id": "a choice id", ")": "')'"}.get(kind, repr(kind))
            raise ConditionError(f"expected {wanted}, found {found}", self.offset())
        value = self.tokens[self.pos][1]
        self.pos += 1
        return value

    def parse(self) -> Expr:
        if not self.tokens:
            raise ConditionError("empty condition", 0)
        expr = self.parse_or()
        if self.peek() is not None:
            raise ConditionError(f"unexpected {self.tokens[self.pos][1]!r}", self.offset())
        return expr

    def parse_or(self) -> Expr:
        parts = [self.parse_and()]
        while self.peek() == "or":
            self.pos += 1
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self) -> Expr:
        parts = [self.parse_not()]
        while self.peek() == "and":
            self.pos += 1
            parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_not(self) -> Expr:
        if self.peek() == "not":
            self.deeper()
            self.pos += 1
            operand = self.parse_not()
            self.depth -= 1
            return Not(operand)
        if self.peek() == "(":
            self.deeper()
            self.pos += 1
            inner = self.parse_or()
            self.take(")")
            self.depth -= 1
            return inner
        return Ref(self.take("id"))


@lru_cache(maxsize=4096)
def parse(text: str) -> Expr:
    """Parse a condition; raises ConditionError with the offending offset.

    Cached: the same few hundred rules are evaluated for every team scored."""
    if text.strip() == "default":
        return Always()
    return _Parser(text).parse()


def references(expr: Expr) -> set[str]:
    """Every choice id a condition mentions."""
    match expr:
        case Ref(choice):
            return {choice}
        case Not(operand):
            return references(operand)
        case And(operands) | Or(operands):
            return set().union(*(references(o) for o in operands))
        case _:
            return set()


def evaluate(expr: Expr, selected: Set[str]) -> bool:
    match expr:
        case Always():
            return True
        case Ref(choice):
            return choice in selected
        case Not(operand):
            return not evaluate(operand, selected)
        case And(operands):
            return all(evaluate(o, selected) for o in operands)
        case Or(operands):
            return any(evaluate(o, selected) for o in operands)
    raise TypeError(f"not a condition: {expr!r}")
