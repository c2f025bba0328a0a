"""Per-question lookups computed once per questionnaire, not once per team.

Rolling up a thousand teams asks the same questions the same things tens of
thousands of times; these tables make each ask a dictionary lookup. They are
stored on the (frozen) question model's private slot, so they live exactly as
long as the questionnaire does.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess import conditions
from assess.models import MultiQuestion, Risk, SingleQuestion


@dataclass(frozen=True)
class Compiled:
    ids: tuple[str, ...]
    order: dict[str, int]
    unsure_selection: tuple[str, ...]  # what an "unsure" answer counts as: the least mature answer
    scores: dict[str, float]  # single-choice: score of each choice
    weights: dict[str, float]  # checklist: weight of each practice (not the none-of-these choice)
    total_weight: float
    exclusive: frozenset[str]  # checklist: the none-of-these choice
    rules: tuple[tuple[conditions.Expr, Risk, str | None], ...]
    risk_by_choice: dict[str, tuple[Risk | None, str | None]]  # single-choice: the rule each choice hits

    def risk(self, selected: tuple[str, ...]) -> tuple[Risk | None, str | None]:
        """First matching rule's risk and why."""
        if len(selected) == 1 and selected[0] in self.risk_by_choice:
            return self.risk_by_choice[selected[0]]
        chosen = set(selected)
        for expr, risk, why in self.rules:
            if conditions.evaluate(expr, chosen):
                return risk, why
        return None, None


def compiled(question: SingleQuestion | MultiQuestion) -> Compiled:
    private = question.__pydantic_private__
    assert private is not None
    found: Compiled | None = private.get("_compiled")
    if found is None:
        found = private["_compiled"] = _compile(question)
    return found


def _compile(question: SingleQuestion | MultiQuestion) -> Compiled:
    ids = tuple(c.id for c in question.choices)
    rules = tuple((conditions.parse(r.when), r.risk, r.why) for r in question.risk_rules)

    def first_match(selected: set[str]) -> tuple[Risk | None, str | None]:
        for expr, risk, why in rules:
            if conditions.evaluate(expr, selected):
                return risk, why
        return None, None

    if isinstance(question, SingleQuestion):
        return Compiled(
            ids=ids,
            order={c: i for i, c in enumerate(ids)},
            unsure_selection=(min(question.choices, key=lambda c: c.score).id,),
            scores={c.id: c.score for c in question.choices},
            weights={},
            total_weight=0.0,
            exclusive=frozenset(),
            rules=rules,
            risk_by_choice={c: first_match({c}) for c in ids},
        )
    practices = {c.id: c.weight for c in question.choices if not c.none_of_these}
    return Compiled(
        ids=ids,
        order={c: i for i, c in enumerate(ids)},
        unsure_selection=tuple(c.id for c in question.choices if c.none_of_these),
        scores={},
        weights=practices,
        total_weight=sum(practices.values()),
        exclusive=frozenset(c.id for c in question.choices if c.none_of_these),
        rules=rules,
        risk_by_choice={},
    )
