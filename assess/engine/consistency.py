"""Answers that contradict each other (pure).

Two kinds, both warnings and never errors, since either answer may be the one to fix:
- the questionnaire's own ``consistency`` checks: every listed answer holds at once
  (fault injection claimed in one answer and denied in another);
- a follow-up answered although it does not apply (``not_applicable_when``): the answer
  is left out of the scores, and the person should know why.
Each names the questions involved, so the loader can point at every answer's line.
"""

from __future__ import annotations

from assess.engine.answers import Resolved, holds
from assess.models import Inconsistency, Questionnaire

NOT_APPLICABLE = "answered-but-not-applicable"


def find(questionnaire: Questionnaire, resolved: dict[str, Resolved]) -> list[Inconsistency]:
    out: list[Inconsistency] = []
    for check in questionnaire.consistency:
        if all(holds(clause.question, clause.when, resolved) for clause in check.answers):
            out.append(
                Inconsistency(
                    id=check.id,
                    questions=[clause.question for clause in check.answers],
                    message=" ".join(check.message.split()),
                )
            )
    for _, question in questionnaire.questions():
        answer = resolved.get(question.id)
        if answer is None or answer.because is None or not answer.replaced:
            continue
        if answer.replaced in (("n/a",), ("unsure",)):
            continue  # nothing was claimed, so nothing contradicts
        prerequisite = questionnaire.question(answer.because)
        assert prerequisite is not None
        labels = {c.id: c.label for c in question.choices}
        given = "; ".join(labels.get(c, c) for c in answer.replaced)
        out.append(
            Inconsistency(
                id=NOT_APPLICABLE,
                questions=[question.id, answer.because],
                message=(
                    f"{question.id} is answered \u201c{given}\u201d, but it does not apply given the answer "
                    f"to {answer.because} (\u201c{prerequisite.short_title}\u201d), so it is left out of the "
                    f"scores; check which of the two answers is right."
                ),
            )
        )
    return out
