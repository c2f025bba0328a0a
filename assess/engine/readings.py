"""What the topology advice reads: scores through the questionnaire's advice roles, the answers
still open, and the team facts (pure, like the rest of the engine).

Rules never name a domain or question id. A domain says what it measures with
``advice: {kind, topic}``, a question with ``advice: {signal}``; this module turns the scored
answers into those readings. Each score comes with the range the open answers leave it in:
an unsure, not-applicable or unanswered question could be anything from 0 to 1, so a domain
with many of them has a wide range. The advice uses the range to say whether the open
answers could change it (and lowers its confidence when they could); "unsure" is reported
as unknown, never as a missing practice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from assess.engine.answers import Resolved
from assess.engine.scoring import Scored, weighted_mean
from assess.models import MultiQuestion, Questionnaire, Signal, SingleQuestion, TeamProfile, Topic

Kind = str  # "practice" | "tooling"


@dataclass(frozen=True)
class Span:
    """A score as reported (``value``) and the range the open answers leave it in."""

    value: float | None  # None: nothing in it was scored
    low: float
    high: float
    unsure: int = 0  # answers in it that are unsure
    open: int = 0  # answers in it that are unsure, n/a or not given
    total: int = 0  # questions in it

    @staticmethod
    def known(value: float) -> Span:
        return Span(value, value, value)


@dataclass(frozen=True)
class Area:
    """One domain, as the advice reads it."""

    id: str
    title: str
    weight: float
    kind: Kind | None
    topic: Topic | None
    span: Span


@dataclass(frozen=True)
class Readings:
    team: TeamProfile
    assessed_at: dt.date | None
    overall: Span
    areas: tuple[Area, ...]
    signals: Mapping[Signal, Span]  # only the signals the questionnaire declares
    signal_answers: Mapping[Signal, tuple[str, ...]]  # each signal question's answer, in words
    questions: int
    answered: int  # with a choice, or settled (not applicable because its practice is missing)
    unsure: int
    not_applicable: int
    unanswered: int
    settled: int = 0  # of ``answered``: follow-ups that do not apply because their practice is missing
    criticality: str | None = None  # the answers' context: how the business rates the services

    @property
    def roles(self) -> bool:
        """Whether the questionnaire says what any of its domains measure."""
        return any(a.kind is not None or a.topic is not None for a in self.areas)

    def of_kind(self, kind: Kind) -> list[Area]:
        return [a for a in self.areas if a.kind == kind]

    def kind_span(self, kind: Kind) -> Span | None:
        return combine(self.of_kind(kind))

    def topic(self, topic: Topic) -> Span | None:
        return combine([a for a in self.areas if a.topic == topic])

    def topic_areas(self, topic: Topic) -> list[Area]:
        return [a for a in self.areas if a.topic == topic]


def combine(areas: list[Area]) -> Span | None:
    """The weighted mean of some areas, and its range (an unscored area could be 0 to 100)."""
    if not areas:
        return None
    value = weighted_mean([(a.span.value, a.weight) for a in areas if a.span.value is not None])
    low = weighted_mean([(a.span.low, a.weight) for a in areas])
    high = weighted_mean([(a.span.high, a.weight) for a in areas])
    assert low is not None and high is not None
    if value is not None:
        low, high = min(low, value), max(high, value)
    return Span(
        value,
        low,
        high,
        unsure=sum(a.span.unsure for a in areas),
        open=sum(a.span.open for a in areas),
        total=sum(a.span.total for a in areas),
    )


def _span(
    value: float | None, known: list[tuple[float, float]], open_weights: list[float], scale: float
) -> Span:
    """``known``: (score, weight) of answered questions; ``open_weights``: weights of the others."""
    low = weighted_mean([*known, *((0.0, w) for w in open_weights)])
    high = weighted_mean([*known, *((1.0, w) for w in open_weights)])
    low = 0.0 if low is None else low * scale
    high = scale if high is None else high * scale
    if value is not None:
        low, high = min(low, value), max(high, value)
    return Span(value, low, high)


def _answer_words(question: SingleQuestion | MultiQuestion, answer: Resolved | None) -> str:
    if answer is None:
        return "not answered"
    if answer.status == "unsure":
        return "unsure"
    if answer.status == "n/a":
        return "not applicable"
    labels = {c.id: c.label for c in question.choices}
    return "; ".join(labels[c] for c in answer.selected) or "none of these"


def context_value(question: SingleQuestion | MultiQuestion, answer: Resolved | None) -> float | None:
    """What a context question's answer reads as for a signal, having no score: its place among the
    choices, from 0 (the first) to 1 (the last); for a checklist, the share of choices ticked."""
    if answer is None or answer.status != "answered":
        return None
    if isinstance(question, SingleQuestion):
        return question.reading_of(next(c for c in question.choices if c.id == answer.selected[0]))
    practices = [c.id for c in question.choices if not c.none_of_these]
    return sum(c in answer.selected for c in practices) / max(1, len(practices))


def read(
    questionnaire: Questionnaire,
    resolved: Mapping[str, Resolved],
    scored: Scored,
    team: TeamProfile,
    assessed_at: dt.date | None = None,
    criticality: str | None = None,
) -> Readings:
    areas: list[Area] = []
    counts = {"answered": 0, "unsure": 0, "n/a": 0, "unanswered": 0}
    settled_count = 0
    signal_known: dict[Signal, list[tuple[float, float]]] = {}
    signal_open: dict[Signal, list[float]] = {}
    signal_value: dict[Signal, list[tuple[float, float]]] = {}
    signal_answers: dict[Signal, list[str]] = {}
    for domain in questionnaire.domains:
        known: list[tuple[float, float]] = []
        open_weights: list[float] = []
        unsure = 0
        for question in domain.questions:
            answer = resolved.get(question.id)
            status = "unanswered" if answer is None else answer.status
            # A follow-up that does not apply (its practice is missing) is settled, not open, and a
            # context question is no part of any score: neither widens the domain's range. Settled
            # counts as known evidence: making its prerequisite unsure must never add evidence.
            settled = answer is not None and answer.because is not None
            counts["answered" if settled else status] += 1
            settled_count += settled
            score = scored.scores.get(question.id)
            if not question.scored or settled:
                pass
            elif status == "answered" and score is not None:
                known.append((score, question.weight))
            else:
                open_weights.append(question.weight)
                unsure += status == "unsure"
            if settled:
                score = 0.0  # for a signal: the practice it asks about is not there
            elif not question.scored:
                score = context_value(question, answer)
            if question.advice is not None:
                signal = question.advice.signal
                signal_known.setdefault(signal, [])
                signal_open.setdefault(signal, [])
                signal_value.setdefault(signal, [])
                if (status == "answered" or settled) and score is not None:
                    signal_known[signal].append((score, 1.0))
                else:
                    signal_open[signal].append(1.0)
                if score is not None:  # unsure counts as the least mature answer, as in the score
                    signal_value[signal].append((score, 1.0))
                signal_answers.setdefault(signal, []).append(_answer_words(question, answer))
        ds = scored.domains[domain.id]
        span = _span(ds.score, known, open_weights, 100.0)
        advice = domain.advice
        areas.append(
            Area(
                id=domain.id,
                title=domain.title,
                weight=domain.weight,
                kind=advice.kind if advice else None,
                topic=advice.topic if advice else None,
                span=Span(
                    span.value,
                    span.low,
                    span.high,
                    unsure=unsure,
                    open=len(open_weights),
                    total=len(domain.questions),
                ),
            )
        )
    overall = combine(areas)
    assert overall is not None  # a questionnaire has at least one domain
    if scored.overall is not None:
        overall = Span(
            scored.overall,
            min(overall.low, scored.overall),
            max(overall.high, scored.overall),
            overall.unsure,
            overall.open,
            overall.total,
        )
    signals = {
        s: _span(weighted_mean(signal_value[s]), signal_known[s], signal_open[s], 1.0) for s in signal_known
    }
    return Readings(
        team=team,
        assessed_at=assessed_at,
        overall=overall,
        areas=tuple(areas),
        signals=signals,
        signal_answers={s: tuple(words) for s, words in signal_answers.items()},
        questions=sum(counts.values()),
        answered=counts["answered"],
        unsure=counts["unsure"],
        not_applicable=counts["n/a"],
        unanswered=counts["unanswered"],
        settled=settled_count,
        criticality=criticality,
    )
