"""How far to trust each practice area's score, and how fresh the answers are (pure).

Confidence is a product of four shares, each 0 to 1, over the area's scored questions:

- voices: how many people answered (the median over the questions): 1 gives 0.6, and each more
  0.1, up to 1.0 from 5 voices. A file that is not a merged workshop file counts as one voice;
- agreement: 1 less the share of questions the votes disagreed on, a wide disagreement counting 1
  and some disagreement 0.5 (a disagreement the team has settled counts half of that);
- known: a choice counts 1, n/a 0.75 (a follow-up that does not apply because of its
  prerequisite counts 1: that is known), unsure and unanswered 0;
- freshness: 1 less half the share of answers that are stale (their evidence is older than the
  review interval, or the whole assessment is).

High from 0.75, medium from 0.5, low below. The words name what lowered it.

Freshness is judged against ``as_of`` (the day the results are read on; the engine never reads the
clock): the assessment is due for another once it is older than the review interval (90 days by
default, the quarterly cadence team-health checks use; an organisation file can set its own), and
evidence older than the interval is stale. What to re-check first: stale evidence, then, when the
assessment is due, the risks in their rank order (the plan acts on them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from assess.engine.answers import Resolved
from assess.engine.workshop import median_voices
from assess.models import Domain, Questionnaire, RiskFinding
from assess.models.workshop import Confidence, ConfidenceLevel, Freshness, QuestionWorkshop, Recheck
from assess.words import counted

HIGH = 0.75
MEDIUM = 0.5
NA_KNOWN = 0.75
SETTLED = 0.5  # a settled disagreement counts this share
DISAGREEMENT_WEIGHT = {"wide": 1.0, "some": 0.5, "none": 0.0}
STALE_WEIGHT = 0.5


def voices_share(voices: int) -> float:
    return min(1.0, 0.5 + 0.1 * max(1, voices))


def level_of(score: float) -> ConfidenceLevel:
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


def stale_evidence(
    resolved: Mapping[str, Resolved], as_of: dt.date | None, review_days: int
) -> dict[str, int]:
    """Question id -> age in days of evidence older than the review interval."""
    if as_of is None:
        return {}
    out: dict[str, int] = {}
    for qid, answer in resolved.items():
        dated = answer.evidence.date if answer.evidence is not None else None
        if dated is not None and (as_of - dated).days > review_days:
            out[qid] = (as_of - dated).days
    return out


def freshness(
    questionnaire: Questionnaire,
    resolved: Mapping[str, Resolved],
    risks: Sequence[RiskFinding],
    assessed_at: dt.date | None,
    as_of: dt.date | None,
    review_days: int,
) -> Freshness:
    age = (as_of - assessed_at).days if as_of is not None and assessed_at is not None else None
    due = age is not None and age > review_days
    old = stale_evidence(resolved, as_of, review_days)
    recheck: list[Recheck] = []
    for domain, question in questionnaire.questions():
        if question.id in old:
            answer = resolved[question.id]
            assert answer.evidence is not None and answer.evidence.date is not None
            recheck.append(
                Recheck(
                    question=question.id,
                    domain=domain.id,
                    title=question.short_title,
                    kind="evidence",
                    why=f"evidence dated {answer.evidence.date.isoformat()} is "
                    f"{counted(old[question.id], 'day')} old (review every {counted(review_days, 'day')})",
                )
            )
    if due:
        assert age is not None
        listed = {r.question for r in recheck}
        for risk in risks:
            if risk.question in listed:
                continue
            recheck.append(
                Recheck(
                    question=risk.question,
                    domain=risk.domain,
                    title=next(q.short_title for _, q in questionnaire.questions() if q.id == risk.question),
                    kind="risk",
                    why=f"{risk.severity} risk in answers {counted(age, 'day')} old: check it still holds",
                )
            )
    return Freshness(
        review_days=review_days,
        as_of=as_of,
        age_days=age,
        due=due,
        due_on=assessed_at + dt.timedelta(days=review_days) if assessed_at is not None else None,
        stale_evidence=len(old),
        recheck=recheck,
    )


def domain_confidence(
    domain: Domain,
    resolved: Mapping[str, Resolved],
    workshops: Mapping[str, QuestionWorkshop],
    stale: set[str],
    *,
    due: bool,
    review_days: int,
) -> Confidence:
    questions = [q for q in domain.questions if q.scored]
    known: list[float] = []
    voices: list[int] = []
    spreads: list[float] = []
    wide = some = unsure = na = unanswered = old = 0
    for question in questions:
        answer = resolved.get(question.id)
        if answer is None:
            unanswered += 1
            known.append(0.0)
            continue
        if answer.status == "unsure":
            unsure += 1
            known.append(0.0)
        elif answer.status == "n/a":
            if answer.because is None:
                na += 1
            known.append(1.0 if answer.because is not None else NA_KNOWN)
        else:
            known.append(1.0)
        if answer.because is None and (due or question.id in stale):
            old += 1
        ws = workshops.get(question.id)
        voices.append(ws.voices if ws is not None else 1)
        if ws is not None and ws.disagreement is not None:
            spreads.append(DISAGREEMENT_WEIGHT[ws.disagreement] * (SETTLED if ws.settled else 1.0))
            if ws.disagreement == "wide":
                wide += 1
            elif ws.disagreement == "some":
                some += 1
        else:
            spreads.append(0.0)
    answered = len(questions) - unanswered
    people = median_voices(voices)
    share_known = sum(known) / len(known) if known else 0.0
    agreement = 1.0 - (sum(spreads) / len(questions) if questions else 0.0)
    fresh = 1.0 - STALE_WEIGHT * (old / answered) if answered else 1.0
    score = round(voices_share(people) * agreement * share_known * fresh, 2)
    level = level_of(score)
    return Confidence(
        level=level,
        score=score,
        voices=people,
        wide=wide,
        some=some,
        questions=len(questions),
        unsure=unsure,
        not_applicable=na,
        unanswered=unanswered,
        stale=old,
        text=words(
            level,
            people,
            len(questions),
            wide=wide,
            some=some,
            unsure=unsure,
            na=na,
            unanswered=unanswered,
            stale=old,
            due=due,
            review_days=review_days,
        ),
    )


def words(
    level: ConfidenceLevel,
    voices: int,
    questions: int,
    *,
    wide: int,
    some: int,
    unsure: int,
    na: int,
    unanswered: int,
    stale: int,
    due: bool,
    review_days: int,
) -> str:
    """ "low: 2 voices, wide disagreement on 3 of 7 questions, 1 unsure"."""
    parts = [counted(voices, "voice")]
    if wide and some:
        parts.append(f"wide disagreement on {wide} and some on {some} of {counted(questions, 'question')}")
    elif wide:
        parts.append(f"wide disagreement on {wide} of {counted(questions, 'question')}")
    elif some:
        parts.append(f"some disagreement on {some} of {counted(questions, 'question')}")
    if unsure:
        parts.append(f"{unsure} unsure")
    if na:
        parts.append(f"{na} not applicable")
    if unanswered:
        parts.append(f"{unanswered} unanswered")
    if stale:
        if due:
            parts.append(f"answers older than {counted(review_days, 'day')}")
        else:
            parts.append(f"stale evidence on {counted(stale, 'answer')}")
    return f"{level}: " + ", ".join(parts)


def overall_confidence(domains: Sequence[tuple[float, Confidence]]) -> Confidence | None:
    """The areas' confidence weighted like their scores; its words name the weakest area's reasons."""
    if not domains:
        return None
    total = sum(w for w, _ in domains)
    score = round(sum(w * c.score for w, c in domains) / total, 2) if total else 0.0
    level = level_of(score)
    low = sum(c.level == "low" for _, c in domains)
    medium = sum(c.level == "medium" for _, c in domains)
    high = len(domains) - low - medium
    spread_parts = [f"{n} {name}" for n, name in ((high, "high"), (medium, "medium"), (low, "low")) if n]
    voices = median_voices([c.voices for _, c in domains])
    return Confidence(
        level=level,
        score=score,
        voices=voices,
        wide=sum(c.wide for _, c in domains),
        some=sum(c.some for _, c in domains),
        questions=sum(c.questions for _, c in domains),
        unsure=sum(c.unsure for _, c in domains),
        not_applicable=sum(c.not_applicable for _, c in domains),
        unanswered=sum(c.unanswered for _, c in domains),
        stale=sum(c.stale for _, c in domains),
        text=f"{level}: {counted(voices, 'voice')}; practice areas: " + ", ".join(spread_parts),
    )
