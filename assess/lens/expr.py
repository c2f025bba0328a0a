"""Risk-rule conditions between the two formats: print, rename, drop choices, fit the rules.

Works on the syntax tree of ``assess.conditions``. ``True``/``False`` stand in
for choices that had to be dropped (a dropped choice can never be selected).
"""

from __future__ import annotations

from assess.conditions import Always, And, Expr, Not, Or, Ref

Cond = Expr | bool
Rules = list[tuple[Expr, str]]  # (condition, lens risk), first match wins

_OR, _AND, _NOT = 1, 2, 3


def to_text(expr: Expr) -> str:
    """The condition in lens syntax, with the parentheses it needs."""

    def show(e: Expr, outer: int) -> str:
        if isinstance(e, Always):
            return "default"
        if isinstance(e, Ref):
            return e.choice
        if isinstance(e, Not):
            return "!" + show(e.operand, _NOT)
        if isinstance(e, And):
            text = " && ".join(show(o, _AND) for o in e.operands)
            return f"({text})" if outer > _AND else text
        # An "and" inside an "or" gets parentheses too: clearer, and safe with any reader.
        text = " || ".join(show(o, _NOT if isinstance(o, And) else _OR) for o in e.operands)
        return f"({text})" if outer > _OR else text

    return show(expr, 0)


def rename(expr: Expr, names: dict[str, str]) -> Expr:
    if isinstance(expr, Ref):
        return Ref(names.get(expr.choice, expr.choice))
    if isinstance(expr, Not):
        return Not(rename(expr.operand, names))
    if isinstance(expr, And):
        return And(tuple(rename(o, names) for o in expr.operands))
    if isinstance(expr, Or):
        return Or(tuple(rename(o, names) for o in expr.operands))
    return expr


def without(expr: Expr, kept: set[str]) -> Cond:
    """The condition once every choice not in ``kept`` is gone (never selected)."""

    def sub(e: Expr) -> Cond:
        if isinstance(e, Ref):
            return e if e.choice in kept else False
        if isinstance(e, Not):
            return _not(sub(e.operand))
        if isinstance(e, And):
            return _join(And, [sub(o) for o in e.operands])
        if isinstance(e, Or):
            return _join(Or, [sub(o) for o in e.operands])
        return True  # Always

    return sub(expr)


def _not(value: Cond) -> Cond:
    if isinstance(value, bool):
        return not value
    if isinstance(value, Not):
        return value.operand
    return Not(value)


def _join(kind: type[And] | type[Or], parts: list[Cond]) -> Cond:
    absorbing = kind is Or  # True absorbs an Or, False absorbs an And
    flat: list[Expr] = []
    for part in parts:
        if isinstance(part, bool):
            if part is absorbing:
                return absorbing
            continue
        if isinstance(part, kind):
            flat.extend(part.operands)
        else:
            flat.append(part)
    if not flat:
        return not absorbing
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _expr(value: Cond) -> Expr:
    assert not isinstance(value, bool)
    return value


def fit(rules: list[tuple[Cond, str]]) -> tuple[Rules, bool]:
    """Rules the lens format accepts, with the same first-match meaning.

    The format wants at most one rule per risk level and a final ``default``.
    Our rules may repeat a level, lack a default (no match means no risk) or
    run longer. Returns the rules and whether anything had to change.
    """
    out: Rules = []
    for cond, risk in rules:
        if cond is False:
            continue  # can never match
        out.append((Always() if cond is True else _expr(cond), risk))
        if isinstance(out[-1][0], Always):
            break  # later rules never apply
    if not out or not isinstance(out[-1][0], Always):
        out.append((Always(), "NO_RISK"))
    merged: Rules = []
    for cond, risk in out:
        if merged and merged[-1][1] == risk:
            previous = merged[-1][0]
            joined = cond if isinstance(cond, Always) else _expr(_join(Or, [previous, cond]))
            merged[-1] = (joined, risk)
        else:
            merged.append((cond, risk))
    levels = [risk for _, risk in merged]
    if len(set(levels)) == len(levels):
        return merged, merged != [(c, r) for c, r in rules if not isinstance(c, bool)]
    # One rule per level: a rule's own condition, guarded by the earlier rules of
    # other levels (earlier rules of its own level give the same risk anyway).
    default_risk = merged[-1][1]
    terms: dict[str, list[Expr]] = {}
    for i, (cond, risk) in enumerate(merged[:-1]):
        if risk == default_risk:
            continue
        guards: list[Cond] = [Not(c) for c, r in merged[:i] if r != risk]
        terms.setdefault(risk, []).append(_expr(_join(And, [cond, *guards])))
    fitted: Rules = [(_expr(_join(Or, list(parts))), risk) for risk, parts in terms.items()]
    fitted.append((Always(), default_risk))
    return fitted, True


def _short(label: str, limit: int = 60) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def describe(expr: Expr, labels: dict[str, str]) -> str:
    """A condition in words, naming choices by their labels."""

    def name(choice: str) -> str:
        return f"“{_short(labels.get(choice, choice))}”"

    def words(e: Expr) -> str:
        if isinstance(e, Ref):
            return f"{name(e.choice)} is chosen"
        if isinstance(e, Not):
            if isinstance(e.operand, Ref):
                return f"{name(e.operand.choice)} is not chosen"
            return f"not ({words(e.operand)})"
        if isinstance(e, And | Or):
            joiner = " and " if isinstance(e, And) else " or "
            return joiner.join(f"({words(o)})" if isinstance(o, And | Or) else words(o) for o in e.operands)
        return "any answer"

    operands = expr.operands if isinstance(expr, And | Or) else ()
    if operands and all(isinstance(o, Ref) for o in operands):
        quantity = "all" if isinstance(expr, And) else "any"
        verb = "are" if isinstance(expr, And) else "is"
        return f"{quantity} of these {verb} chosen: " + "; ".join(name(o.choice) for o in operands)  # type: ignore[union-attr]
    if operands and all(isinstance(o, Not) and isinstance(o.operand, Ref) for o in operands):
        quantity = "none" if isinstance(expr, And) else "any"
        verb = "is" if isinstance(expr, And) else "is not"
        return f"{quantity} of these {verb} chosen: " + "; ".join(
            name(o.operand.choice)  # type: ignore[union-attr]
            for o in operands
        )
    return words(expr)
