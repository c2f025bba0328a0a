"""Per-question lookups computed once per questionnaire, not once per team.

Rolling up a thousand teams asks the same questions the same things tens of
thousands of times; these tables make each ask a dictionary lookup. They are
stored on the (frozen) question model's private slot, so they live exactly as
long as the questionnaire does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess import conditions
from assess.models import MultiQuestion, Risk, SingleQuestion

# Other questions' answers, as a risk rule's ``unless`` reads them: question id -> the choices
# selected, for questions answered with choices (not unsure, not n/a).
Answered = Mapping[str, tuple[str, ...]]
Clause = tuple[str, conditions.Expr]  # (question id, condition over its choices)


@dataclass(frozen=True)
class Compiled:
    ids: tuple[str, ...]
    order: dict[str, int]
    unsure_selection: tuple[str, ...]  # what an "unsure" answer counts as: the least mature answer
    scores: dict[str, float]  # single-choice: score of each choice
    weights: dict[str, float]  # checklist: weight of each practice (not the none-of-these choice)
    total_weight: float
    exclusive: frozenset[str]  # checklist: the none-of-these choice
    rules: tuple[tuple[conditions.Expr, Risk, str | None, tuple[Clause, ...]], ...]
    risk_by_choice: dict[str, tuple[Risk | None, str | None]]  # single-choice: the rule each choice hits
    conditional: bool  # some rule has an ``unless``: the risk depends on other answers

    def risk(
        self, selected: tuple[str, ...], others: Answered | None = None
    ) -> tuple[Risk | None, str | None]:
        """First matching rule's risk and why; a rule whose ``unless`` holds in ``others`` is skipped."""
        if not self.conditional and len(selected) == 1 and selected[0] in self.risk_by_choice:
            return self.risk_by_choice[selected[0]]
        chosen = set(selected)
        for expr, risk, why, unless in self.rules:
            if conditions.evaluate(expr, chosen):
                if others is not None and any(
                    q in others and conditions.evaluate(when, set(others[q])) for q, when in unless
                ):
                    continue
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
    rules = tuple(
        (
            conditions.parse(r.when),
            r.risk,
            r.why,
            tuple((clause.question, conditions.parse(clause.when)) for clause in r.unless),
        )
        for r in question.risk_rules
    )
    conditional = any(unless for *_, unless in rules)

    def first_match(selected: set[str]) -> tuple[Risk | None, str | None]:
        for expr, risk, why, _ in rules:
            if conditions.evaluate(expr, selected):
                return risk, why
        return None, None

    if isinstance(question, SingleQuestion):
        return Compiled(
            ids=ids,
            order={c: i for i, c in enumerate(ids)},
            unsure_selection=(min(question.choices, key=question.score_of).id,),
            scores={c.id: question.score_of(c) for c in question.choices},
            weights={},
            total_weight=0.0,
            exclusive=frozenset(),
            rules=rules,
            risk_by_choice={c: first_match({c}) for c in ids},
            conditional=conditional,
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
        conditional=conditional,
    )
