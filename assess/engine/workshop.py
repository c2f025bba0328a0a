"""Workshop mode (pure): several people's answers merged into one team view, and where they disagreed.

Merging (``merge``), per question, from everyone who answered it:

- the proposed consensus: for a single choice the median rung (the lower of the two middle votes
  when their number is even, so a tie leans to the more cautious answer); for a checklist the
  practices more than half of those who answered chose ("none of these" when none reaches half
  and the question has it). More than half answering ``n/a`` (where allowed) makes it n/a; more
  than half ``unsure`` makes it unsure; with no choice at all, unsure.
- the spread, 0 to 1: for a single choice the distance between the lowest and the highest vote
  on the question's own scale (the choices' scores; a context question's choices by their place);
  for a checklist the weighted share of practices the voters split on. Votes that disagree on
  whether the question applies at all (n/a beside a choice) count as a spread of at least 0.5.
  ``unsure`` takes no side; it lowers the confidence instead.
- the mark: none (spread 0), some (below 0.5), wide (0.5 or more).
- the cost, by which disagreements are ranked: spread x the question's weight (times its area's)
  x the risk at the low end (the worst risk any vote carries: high 3, medium 2, none 1).

Votes, spread and mark are kept only where at least ``min_voices`` people answered, so one
person's vote cannot be singled out; below it only how many answered and the consensus are kept.
Named votes come first (by name), anonymous ones after them in the order of their answers, so the
order of the files merged says nothing about who is who.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.engine.answers import AnswerWorkshop, Resolved, Voted, apply_not_applicable
from assess.engine.compiled import compiled
from assess.engine.scoring import answered_choices
from assess.models import NA, UNSURE, Domain, Evidence, MultiQuestion, Questionnaire, Risk, SingleQuestion
from assess.models.workshop import (
    MIN_VOICES,
    Disagreement,
    DisagreementLevel,
    QuestionWorkshop,
    Tally,
    VoteResult,
    WorkshopInfo,
    WorkshopSummary,
)

AnyQuestion = SingleQuestion | MultiQuestion

WIDE = 0.5  # a spread at least this wide is a wide disagreement
APPLICABILITY_SPLIT = 0.5  # n/a beside a choice: they disagree on whether the question applies
RISK_FACTOR: dict[str, float] = {"high": 3.0, "medium": 2.0, "none": 1.0}
STATUS_LABELS = {UNSURE: "unsure", NA: "not applicable"}


@dataclass(frozen=True)
class Participant:
    """One person's answers: their name, or None when they chose to stay anonymous."""

    respondent: str | None
    resolved: Mapping[str, Resolved]


@dataclass(frozen=True)
class Merged:
    """One question after merging."""

    question: str
    voices: int
    votes: tuple[Voted, ...]  # empty below min_voices
    consensus: Voted
    spread: float | None  # None below min_voices
    disagreement: DisagreementLevel | None
    cost: float | None
    evidence: Evidence | None


# ---- the pieces -----------------------------------------------------------------------------------


def reading(question: AnyQuestion, choice_id: str) -> float:
    """Where a single choice sits on the question's scale, 0 to 1: its score, or its place."""
    assert isinstance(question, SingleQuestion)
    choice = next(c for c in question.choices if c.id == choice_id)
    return question.reading_of(choice)


def value(vote: Voted) -> tuple[str, ...]:
    """A vote as the words of an answer: its choice ids, or (unsure,) / (n/a,)."""
    return vote.selected if vote.status == "answered" else (vote.status,)


def consensus(question: AnyQuestion, votes: Sequence[Voted]) -> Voted:
    """The answer the merge proposes (see the module docstring)."""
    total = len(votes)
    na = sum(v.status == NA for v in votes)
    unsure = sum(v.status == UNSURE for v in votes)
    chosen = [v for v in votes if v.status == "answered"]
    if question.allow_na and na * 2 > total:
        return Voted(None, NA, ())
    if unsure * 2 > total or not chosen:
        return Voted(None, UNSURE, ())
    if isinstance(question, SingleQuestion):
        order = {c.id: i for i, c in enumerate(question.choices)}
        rungs = sorted(order[v.selected[0]] for v in chosen)
        median = rungs[(len(rungs) - 1) // 2]  # the lower middle when even
        return Voted(None, "answered", (question.choices[median].id,))
    table = compiled(question)
    counts = {c.id: sum(c.id in v.selected for v in chosen) for c in question.choices}
    majority = tuple(c.id for c in question.choices if counts[c.id] * 2 > len(chosen))
    if not majority and table.exclusive:
        majority = (next(iter(sorted(table.exclusive, key=table.order.__getitem__))),)
    return Voted(None, "answered", majority)


def spread(question: AnyQuestion, votes: Sequence[Voted]) -> float:
    """How far the votes lie apart, 0 to 1 (see the module docstring)."""
    chosen = [v for v in votes if v.status == "answered"]
    result = 0.0
    if len(chosen) > 1:
        if isinstance(question, SingleQuestion):
            points = [reading(question, v.selected[0]) for v in chosen]
            result = max(points) - min(points)
        else:
            exclusive = compiled(question).exclusive
            practices = [c for c in question.choices if c.id not in exclusive]
            weight = sum(c.weight for c in practices)
            split = sum(
                c.weight for c in practices if 0 < sum(c.id in v.selected for v in chosen) < len(chosen)
            )
            result = split / weight if weight else 0.0
    if chosen and any(v.status == NA for v in votes):
        result = max(result, APPLICABILITY_SPLIT)
    return round(result, 3)


def level(spread_: float) -> DisagreementLevel:
    if spread_ <= 0:
        return "none"
    return "wide" if spread_ >= WIDE else "some"


def low_risk(question: AnyQuestion, votes: Sequence[Voted], others: Mapping[str, tuple[str, ...]]) -> Risk:
    """The worst risk any vote carries (what the team risks if its lowest voice is right)."""
    if not question.scored:
        return "none"
    worst: Risk = "none"
    table = compiled(question)
    for vote in votes:
        if vote.status != "answered":
            continue
        risk = table.risk(vote.selected, others)[0]
        if risk == "high":
            return "high"
        if risk == "medium":
            worst = "medium"
    return worst


def cost(question: AnyQuestion, domain: Domain, spread_: float, risk: Risk) -> float:
    return round(spread_ * question.weight * domain.weight * RISK_FACTOR[risk], 3)


def _vote_order(question: AnyQuestion, vote: Voted) -> tuple[int, str, float, tuple[str, ...], str]:
    """Named votes by name; anonymous ones by their answer (and note), so order says nothing."""
    named = vote.respondent is not None
    if vote.status == "answered" and isinstance(question, SingleQuestion):
        place = reading(question, vote.selected[0])
    else:
        place = -1.0 if vote.status != "answered" else float(len(vote.selected))
    return (
        0 if named else 1,
        (vote.respondent or "").casefold() if named else "",
        place,
        value(vote),
        vote.note or "",
    )


def _evidence(
    question: AnyQuestion, pairs: Sequence[tuple[Voted, Evidence | None]], agreed: Voted
) -> Evidence | None:
    """The team answer's evidence: the newest given with an answer like the consensus (else any);
    an anonymous voter's evidence loses its owner, which could name them."""
    given: list[tuple[Voted, Evidence]] = []
    for vote, ev in pairs:
        if ev is not None:
            given.append((vote, ev))
    if not given:
        return None
    alike = [(vote, ev) for vote, ev in given if value(vote) == value(agreed)] or given

    def newest(pair: tuple[Voted, Evidence]) -> tuple[bool, str, str]:
        dated = pair[1].date
        return (dated is not None, dated.isoformat() if dated else "", pair[1].text)

    vote, evidence = max(alike, key=newest)
    if vote.respondent is None and evidence.owner is not None:
        return evidence.model_copy(update={"owner": None})
    return evidence


# ---- merging ----------------------------------------------------------------------------------------


def merge(questionnaire: Questionnaire, participants: Sequence[Participant], min_voices: int) -> list[Merged]:
    """Every question someone answered, in questionnaire order, merged (see the module docstring).

    A vote on a follow-up that did not apply to its own voter (their answer to the prerequisite
    ruled it out) is no vote on it."""
    gathered: dict[str, list[tuple[Voted, Evidence | None]]] = {}
    for person in participants:
        for _, question in questionnaire.questions():
            answer = person.resolved.get(question.id)
            if answer is None or answer.because is not None:
                continue
            vote = Voted(person.respondent, answer.status, answer.selected, answer.note)
            gathered.setdefault(question.id, []).append((vote, answer.evidence))
    agreed = {
        qid: consensus(questionnaire.question(qid), [v for v, _ in pairs])  # type: ignore[arg-type]
        for qid, pairs in gathered.items()
    }
    as_resolved = {qid: Resolved(v.status, v.selected) for qid, v in agreed.items()}
    others = answered_choices(apply_not_applicable(questionnaire, as_resolved))
    out: list[Merged] = []
    for domain, question in questionnaire.questions():
        pairs = gathered.get(question.id)
        if not pairs:
            continue
        votes = sorted((v for v, _ in pairs), key=lambda v: _vote_order(question, v))
        shown = len(votes) >= min_voices
        apart = spread(question, votes) if shown else None
        out.append(
            Merged(
                question=question.id,
                voices=len(votes),
                votes=tuple(votes) if shown else (),
                consensus=agreed[question.id],
                spread=apart,
                disagreement=None if apart is None else level(apart),
                cost=None
                if apart is None
                else cost(question, domain, apart, low_risk(question, votes, others)),
                evidence=_evidence(question, pairs, agreed[question.id]),
            )
        )
    return out


# ---- reading a merged team file ------------------------------------------------------------------


def _labels(
    question: AnyQuestion, words: Sequence[str], labels: Mapping[str, str] | None = None
) -> list[str]:
    """The labels of an answer's words; ``labels`` (choice id -> label) when the caller has them."""
    known = labels if labels is not None else {c.id: c.label for c in question.choices}
    return [known.get(w, STATUS_LABELS.get(w, w)) for w in words]


def tally(question: AnyQuestion, votes: Sequence[Voted]) -> list[Tally]:
    """Votes per choice, every choice listed (0 included), then unsure and n/a where anyone said so."""
    rows = [
        Tally(
            option=c.id, label=c.label, count=sum(c.id in v.selected for v in votes if v.status == "answered")
        )
        for c in question.choices
    ]
    for word in (UNSURE, NA):
        count = sum(v.status == word for v in votes)
        if count:
            rows.append(Tally(option=word, label=STATUS_LABELS[word], count=count))
    return rows


def question_workshop(
    domain: Domain,
    question: AnyQuestion,
    answer: Resolved,
    min_voices: int,
    others: Mapping[str, tuple[str, ...]],
) -> QuestionWorkshop | None:
    """What the merged file says about one answer; the spread is worked out again from the votes."""
    ws: AnswerWorkshop | None = answer.workshop
    if ws is None:
        return None
    votes = ws.votes
    labels = {c.id: c.label for c in question.choices}
    shown = ws.voices >= min_voices and len(votes) >= min_voices
    apart = spread(question, votes) if shown else None
    risk = low_risk(question, votes, others) if shown else None
    agreed = value(ws.consensus) if ws.consensus is not None else None
    now = answer.selected if answer.status == "answered" else (answer.status,)
    return QuestionWorkshop(
        voices=ws.voices,
        shown=shown,
        votes=[
            VoteResult(
                respondent=v.respondent,
                answer=list(value(v)),
                labels=_labels(question, value(v), labels),
                note=v.note,
            )
            for v in votes
        ]
        if shown
        else [],
        tally=tally(question, votes) if shown else [],
        consensus=list(agreed) if agreed is not None else None,
        disagreement=None if apart is None else level(apart),
        spread=apart,
        cost=None if apart is None or risk is None else cost(question, domain, apart, risk),
        low_risk=risk,
        settled=ws.settled,
        settled_note=ws.settled_note,
        changed=agreed is not None and tuple(agreed) != tuple(now),
    )


def summary(
    questionnaire: Questionnaire,
    resolved: Mapping[str, Resolved],
    info: WorkshopInfo | None,
    workshops: Mapping[str, QuestionWorkshop],
) -> WorkshopSummary | None:
    """Who took part and the disagreements, most costly first; None for a file of one voice."""
    if info is None and not workshops:
        return None
    found: list[tuple[float, int, Disagreement]] = []
    for position, (domain, question) in enumerate(questionnaire.questions()):
        ws = workshops.get(question.id)
        answer = resolved.get(question.id)
        if ws is None or answer is None or not ws.shown or ws.disagreement in (None, "none"):
            continue
        assert ws.spread is not None and ws.cost is not None and ws.low_risk is not None
        assert ws.disagreement is not None
        now = list(answer.selected) if answer.status == "answered" else [answer.status]
        found.append(
            (
                -ws.cost,
                position,
                Disagreement(
                    rank=0,
                    question=question.id,
                    domain=domain.id,
                    title=question.short_title,
                    voices=ws.voices,
                    disagreement=ws.disagreement,
                    spread=ws.spread,
                    cost=ws.cost,
                    low_risk=ws.low_risk,
                    tally=ws.tally,
                    consensus=ws.consensus,
                    answer=now,
                    answer_labels=_labels(question, now),
                    settled=ws.settled,
                    settled_note=ws.settled_note,
                ),
            )
        )
    found.sort(key=lambda f: (f[0], f[1]))
    ranked = [d.model_copy(update={"rank": i}) for i, (_, _, d) in enumerate(found, 1)]
    voices = info.voices if info is not None else max((w.voices for w in workshops.values()), default=1)
    return WorkshopSummary(
        voices=voices,
        anonymous=info.anonymous if info is not None else 0,
        respondents=list(info.respondents) if info is not None else [],
        min_voices=min_voices_of(info),
        disagreements=ranked,
        settled=sum(d.settled for d in ranked),
        hidden=sum(not w.shown for w in workshops.values()),
    )


def min_voices_of(info: WorkshopInfo | None) -> int:
    return info.min_voices if info is not None else MIN_VOICES


def median_voices(counts: Sequence[int]) -> int:
    """The lower median of how many people answered each question (1 when nobody voted)."""
    if not counts:
        return 1
    return int(statistics.median_low(counts))
