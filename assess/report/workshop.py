"""The report's workshop parts, for every format: confidence per practice area, where the team
disagreed (and what it settled, and why), and what to re-check first because it is old.

``report.context.build`` puts these on the ``Report`` as ``confidence``, ``domain_confidence``,
``workshop`` and ``freshness``; ``reports/templates/workshop.html.j2`` lays them out for HTML and
PDF, ``markdown_parts`` below for Markdown. Nothing here scores or ranks: the engine did. Anonymous
votes carry no name in the results, so none can reach a report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assess.engine import confidence, workshop
from assess.models import Assessment, DomainResult
from assess.models.workshop import MIN_VOICES, REVIEW_DAYS, Confidence, Disagreement
from assess.report.method import Section
from assess.words import counted

TOP_DISAGREEMENTS = 8
TOP_RECHECKS = 8
LEVEL_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
MARK_WORDS = {"wide": "wide disagreement", "some": "some disagreement"}


@dataclass(frozen=True)
class ConfidenceView:
    level: str  # high | medium | low
    word: str  # High | Medium | Low
    text: str  # "medium: 3 voices, wide disagreement on 2 of 7 questions"
    reasons: str  # the text without its level: "3 voices, wide disagreement on 2 of 7 questions"


@dataclass(frozen=True)
class VoteBar:
    """One answer and how many people gave it (the bar is drawn by each format)."""

    label: str
    count: int
    chosen: bool  # the team's answer now


@dataclass(frozen=True)
class DisagreementView:
    rank: int
    question: str
    title: str
    domain: str
    mark: str  # "wide disagreement" | "some disagreement"
    voices: int
    risk: str  # the worst risk a vote carries: high | medium | none
    bars: list[VoteBar]
    proposed: str
    answer: str
    settled: bool
    settled_note: str | None
    changed: bool
    said: list[tuple[str, str]] = field(default_factory=list)  # (who, note): "anonymous" has no name


@dataclass(frozen=True)
class WorkshopView:
    who: str  # "3 people answered alone: Ana and 2 anonymous."
    rule: str  # how the consensus and the threshold work
    disagreements: list[DisagreementView]  # the most costly first, at most TOP_DISAGREEMENTS
    more: int
    settled: list[DisagreementView]  # every settled one, with why
    open_count: int
    hidden: str | None  # questions whose spread is not shown, and why


@dataclass(frozen=True)
class FreshnessView:
    due: bool
    line: str
    recheck: list[tuple[str, str, str]]  # (question id, title, why)
    more: int


def confidence_view(c: Confidence | None) -> ConfidenceView | None:
    if c is None:
        return None
    reasons = c.text.split(": ", 1)[1] if ": " in c.text else c.text
    return ConfidenceView(level=c.level, word=LEVEL_WORDS[c.level], text=c.text, reasons=reasons)


def domain_confidence(domains: list[DomainResult]) -> dict[str, ConfidenceView]:
    out: dict[str, ConfidenceView] = {}
    for d in domains:
        view = confidence_view(d.confidence)
        if view is not None:
            out[d.id] = view
    return out


def _words(labels: list[str]) -> str:
    return "; ".join(labels) if labels else "none selected"


def _disagreement(d: Disagreement, titles: dict[str, str], a: Assessment) -> DisagreementView:
    labels = {t.option: t.label for t in d.tally}
    now = set(d.answer)
    result = next((q for q in a.questions if q.id == d.question), None)
    votes = result.workshop.votes if result is not None and result.workshop is not None else []
    said = [(v.respondent or "anonymous", v.note) for v in votes if v.note]
    return DisagreementView(
        rank=d.rank,
        question=d.question,
        title=d.title,
        domain=titles.get(d.domain, d.domain),
        mark=MARK_WORDS.get(d.disagreement, d.disagreement),
        voices=d.voices,
        risk=d.low_risk,
        bars=[VoteBar(t.label, t.count, t.option in now) for t in d.tally],
        proposed=_words([labels.get(c, c) for c in (d.consensus or [])]),
        answer=_words(d.answer_labels),
        settled=d.settled,
        settled_note=d.settled_note,
        changed=d.consensus is not None and list(d.consensus) != list(d.answer),
        said=said,
    )


def workshop_view(a: Assessment) -> WorkshopView | None:
    w = a.workshop
    if w is None:
        return None
    titles = {d.id: d.title for d in a.domains}
    named = list(w.respondents)
    if w.anonymous:
        named.append(f"{w.anonymous} anonymous")
    listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1] if named else ""
    who = f"{counted(w.voices, 'person', 'people')} answered alone" + (f": {listed}." if listed else ".")
    views = [_disagreement(d, titles, a) for d in w.disagreements]
    hidden = None
    if w.hidden:
        hidden = (
            f"{counted(w.hidden, 'question')} had answers from fewer than {w.min_voices} people: "
            "their votes and spread are not shown, so that no one's answer can be singled out."
        )
    return WorkshopView(
        who=who,
        rule=(
            "Each answer started as the proposed consensus: the middle vote for a single choice, what more "
            "than half chose for a checklist. Disagreements are ranked by what they cost: how far apart the "
            f"votes were, times the question's weight, times the risk if the lowest vote is right. Votes are "
            f"shown only where at least {w.min_voices} people answered; anonymous votes carry no name."
        ),
        disagreements=views[:TOP_DISAGREEMENTS],
        more=max(0, len(views) - TOP_DISAGREEMENTS),
        settled=[v for v in views if v.settled],
        open_count=sum(not v.settled for v in views),
        hidden=hidden,
    )


def freshness_view(a: Assessment) -> FreshnessView | None:
    f = a.freshness
    if f is None or (not f.due and not f.recheck):
        return None
    on = f.as_of.isoformat() if f.as_of else "the report date"
    if f.due and f.age_days is not None:
        due_on = f.due_on.isoformat() if f.due_on else "?"
        line = (
            f"On {on} these answers are {counted(f.age_days, 'day')} old: due for re-assessment since "
            f"{due_on} (every {counted(f.review_days, 'day')}). Re-check these first:"
        )
    else:
        line = (
            f"Evidence on {counted(f.stale_evidence, 'answer')} is older than "
            f"{counted(f.review_days, 'day')} "
            f"on {on}. Re-check it first:"
        )
    items = [(r.question, r.title, r.why) for r in f.recheck]
    return FreshnessView(
        due=f.due, line=line, recheck=items[:TOP_RECHECKS], more=max(0, len(items) - TOP_RECHECKS)
    )


def method_sections() -> list[Section]:
    """How confidence, disagreements and freshness are worked out, quoting the engine's numbers."""
    c, w = confidence, workshop
    return [
        Section(
            "How far to trust each score",
            [
                "Each practice area's confidence multiplies four shares between 0 and 1: how many people "
                f"answered ({c.voices_share(1):g} for one voice, {c.voices_share(2):g} for two, 1 from five; "
                "an answers file that was not merged from a workshop counts as one voice); how far they "
                "agreed (1 less the share of questions they disagreed on, a wide disagreement counting 1 and "
                f"some disagreement {c.DISAGREEMENT_WEIGHT['some']:g}, a settled one {c.SETTLED:g} of that); "
                f"what is known (a chosen answer 1, not applicable {c.NA_KNOWN:g}, unsure and unanswered 0); "
                f"and freshness (1 less {c.STALE_WEIGHT:g} of the share of stale answers).",
                f"Confidence is high from {c.HIGH:g}, medium from {c.MEDIUM:g}, low below; the words next to "
                "each level name what lowered it.",
            ],
            [],
        ),
        Section(
            "Workshops and disagreements",
            [
                "When several people answered alone and their answers were merged, each answer started as "
                "the proposed consensus: the middle vote for a single choice (the more cautious of the two "
                "middle ones when their number is even), the practices more than half chose for a "
                "checklist; more than half answering not applicable, or unsure, makes it so.",
                "How far apart the votes were is measured on the question's own scale (for a checklist, the "
                f"share of practices the voters split on); {w.WIDE:g} or more is a wide disagreement, and "
                f"disagreeing on whether a question applies at all counts {w.APPLICABILITY_SPLIT:g}. "
                "Disagreements are ranked by that spread times the question's weight times the risk if the "
                f"lowest vote is right (high {w.RISK_FACTOR['high']:g}, medium {w.RISK_FACTOR['medium']:g}, "
                f"none {w.RISK_FACTOR['none']:g}).",
                f"Votes are shown only where at least {MIN_VOICES} people answered (unless the workshop set "
                "another number), so that no one's answer can be singled out, and anonymous votes never "
                "carry a name.",
            ],
            [],
        ),
        Section(
            "Freshness",
            [
                f"Answers and evidence older than the review interval ({REVIEW_DAYS} days unless the "
                "organisation sets another) on the report date are stale: they lower confidence and head the "
                "list of what to re-check, stale evidence first, then, once the whole assessment is due, "
                "its risks in rank order.",
            ],
            [],
        ),
    ]


# ---- Markdown --------------------------------------------------------------------------------------

BAR = "█"


def vote_bar(count: int) -> str:
    return BAR * count if count else "·"


def markdown_confidence(view: ConfidenceView | None, esc: Callable[[str], str]) -> list[str]:
    """Page 1's line on how far to trust the scores."""
    if view is None:
        return []
    return [f"**Confidence in the scores:** {view.word.lower()} ({esc(view.reasons)}).\n"]


def markdown_parts(
    workshop: WorkshopView | None, freshness: FreshnessView | None, esc: Callable[[str], str]
) -> list[str]:
    """The "Where the team disagreed" and "Re-check first" sections."""
    out: list[str] = []
    w = out.append
    if workshop is not None:
        w("## Where the team disagreed\n")
        w(f"{esc(workshop.who)} {esc(workshop.rule)}\n")
        if not workshop.disagreements:
            w("The votes agreed on every question that enough people answered.\n")
        for d in workshop.disagreements:
            status = "settled" if d.settled else "open"
            voices = counted(d.voices, "voice")
            w(f"{d.rank}. **{esc(d.title)}** ({esc(d.domain)}) — {d.mark}, {voices}, {status}")
            for bar in d.bars:
                mark = " ◀ the team's answer" if bar.chosen else ""
                w(f"   - `{vote_bar(bar.count)}` {bar.count} · {esc(bar.label)}{mark}")
            for who, note in d.said:
                w(f"   - {esc(who)}: “{esc(note)}”")
            w(f"   - Proposed: {esc(d.proposed)}" + (f"; agreed: {esc(d.answer)}" if d.changed else ""))
            if d.settled_note:
                w(f"   - Why: {esc(d.settled_note)}")
        if workshop.more:
            w(f"\nand {workshop.more} more, with smaller spread or less at stake.")
        w("")
        if workshop.settled:
            w("### Settled answers and why\n")
            for d in workshop.settled:
                why = f" · why: {esc(d.settled_note)}" if d.settled_note else ""
                w(f"- **{esc(d.title)}**: {esc(d.answer)}{why}")
            w("")
        if workshop.hidden:
            w(esc(workshop.hidden) + "\n")
    if freshness is not None:
        w("## Re-check first\n")
        w(esc(freshness.line) + "\n")
        for _, title, why in freshness.recheck:
            w(f"- **{esc(title)}**: {esc(why)}")
        if freshness.more:
            w(f"- and {freshness.more} more")
        w("")
    return out
