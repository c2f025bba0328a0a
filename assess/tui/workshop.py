"""Workshop mode in the terminal app: a participant's own file, and the facilitator's settlements.

A participant's file names its ``respondent`` (a name, or ``anonymous``): the app asks the
questions and shows no results, which wait until the facilitator merges everyone's files with
``assess consensus``. A merged team file has a ``workshop`` section; the facilitator's screen
walks its disagreements and records each agreed answer with ``settled: {note: why}`` beside the
votes, which stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.content import Content

from assess.models import Assessment, MultiQuestion, SingleQuestion
from assess.models.workshop import is_anonymous
from assess.tui.session import NeedsAnswer, Session, pick
from assess.tui.text import line

PARTICIPANT_NOTE = (
    "This is your own answers file for a team workshop. Results are shown once the facilitator "
    "has merged everyone's answers (assess consensus), so nobody anchors on a score first."
)


def is_participant(session: Session) -> bool:
    return session.data.get("respondent") is not None


def is_merged(session: Session) -> bool:
    return isinstance(session.data.get("workshop"), Mapping)


def respondent_text(session: Session) -> str:
    """How the participant is named on screen: their name, or 'anonymous'."""
    name = session.data.get("respondent")
    return "anonymous" if not isinstance(name, str) or is_anonymous(name) else name


def settle(question: SingleQuestion | MultiQuestion, raw: object, option: str | None, note: str) -> object:
    """The answer with ``option`` picked (a single choice; None keeps the answer, as for a checklist
    whose practices were ticked one by one) and marked settled, with why."""
    answer = pick(question, raw, option) if option is not None else raw
    if answer is None:
        raise NeedsAnswer(f"{question.id}: pick the agreed answer before settling it")
    if isinstance(answer, Mapping):
        out: dict[str, Any] = dict(answer)
    else:
        key = "choices" if isinstance(answer, list) else "choice"
        out = {key: answer}
    out["settled"] = {"note": note} if note.strip() else {}
    return out


def trust_content(a: Assessment) -> Content | None:
    """How far to trust the scores (and why), the workshop's disagreements, and what to re-check
    first because it is old: the lines under the practice areas on the results screen."""
    parts: list[str | tuple[str, str] | Content] = []
    if a.confidence is not None:
        parts += [("Confidence: ", "bold"), line(a.confidence.text)]
    w = a.workshop
    if w is not None:
        named = [line(n) for n in w.respondents] + ([f"{w.anonymous} anonymous"] if w.anonymous else [])
        open_left = sum(not d.settled for d in w.disagreements)
        parts += [
            "\n",
            ("Workshop: ", "bold"),
            f"{w.voices} voices ({', '.join(named)}); {len(w.disagreements)} disagreements, "
            f"{len(w.disagreements) - open_left} settled",
            ("  (w walks them)" if w.disagreements else "", "$foreground-muted"),
        ]
    f = a.freshness
    if f is not None and f.recheck:
        head = (
            f"due for re-assessment: {f.age_days} days old (every {f.review_days}). "
            if f.due
            else "stale evidence. "
        )
        first = ", ".join(line(r.question) for r in f.recheck[:4]) + (" …" if len(f.recheck) > 4 else "")
        parts += ["\n", ("Re-check first: ", "bold $text-warning"), head, first]
    return Content.assemble(*parts) if parts else None
