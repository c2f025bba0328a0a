"""What the leadership report says, computed once from the Assessment for every format.

The HTML (and so the PDF) template and the Markdown renderer both read this view model, so the formats
carry the same content. Nothing here scores or recommends: it selects, orders and words what the engine
decided. Strings are raw user or questionnaire text; each renderer escapes them for its own format.

The report reads in this order, and ``build`` assembles it in the same order (glosses of the Team
Topologies and SRE terms go to the first place a term appears, see ``glossary``):

- ``cover``: the title, the team, and the label/value facts of the assessment (``CoverFact``);
- ``decision`` (page 1): the recommended setup in one sentence with what it takes, the first 30 days
  (``first_month``), what the team stops doing (``stops``), the risk counts per practice area
  (``risk_table``), the top risks as the engine ranks them (``top_risks``), the unsure answers that hide
  a data-loss risk (``hidden``) and the confidence in words;
- ``plan``: one ``PlanRow`` per roadmap action, grouped in ``PlanPhase``; a row has room for what the
  answers file may later say about the action (``status``, ``due``, ``link``, ``tracked_owner``): each is
  None until the data has it, and the renderers show a column only when some row fills it;
- ``topology``: rationale, what it takes, today's setup to the recommended one, Google's name, the
  alternatives with their "why not", warnings, and the diagram's caption;
- ``areas``: one ``AreaSection`` per practice area, each question said once (risks, other gaps, what is
  not known, strengths, notes), linked to the plan rows that work on it;
- the appendix (from a forced page break on): ``beyond`` (the long tail of the plan), ``answers`` (every
  answer, when ``Options.answers``), ``method``.

Sections other engines add later (a workshop's disagreements, per-area confidence) slot in as fields
of ``Report`` built from the Assessment here, so every format picks them up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

from assess.engine.scoring import LEVELS
from assess.models import (
    OWNER_WORDS,
    Assessment,
    Evidence,
    PatternId,
    QuestionResult,
    RiskFinding,
    RoadmapItem,
)
from assess.report import charts, method
from assess.report import workshop as workshop_parts
from assess.report.glossary import Glossary
from assess.words import counted

Paper = Literal["a4", "letter"]

# Notes can be megabytes long; the report shows this much of each and says how much it left out.
NOTE_LIMIT = 5000
# Confidence in words: the engine's number, read in three bands (our wording).
CONFIDENCE_WORDS = ((0.8, "high"), (0.6, "moderate"), (0.0, "low"))

PATTERN_NAMES: dict[PatternId, str] = {
    "within-team": "Reliability within the team",
    "embedded": "Embedded SRE",
    "enabling": "Enabling SRE team",
    "platform": "Platform team",
    "separate": "Separate SRE team",
}
SETUP_PHRASES: dict[PatternId, str] = {
    "within-team": "reliability kept within the team",
    "embedded": "an embedded SRE",
    "enabling": "an enabling SRE team",
    "platform": "a platform team",
    "separate": "a separate SRE team",
}
# The decision on page 1, as an instruction to whoever funds it.
DECISIONS: dict[PatternId, str] = {
    "within-team": "Keep reliability inside the team",
    "embedded": "Embed an SRE in the team",
    "enabling": "Have an enabling SRE team coach the team",
    "platform": "Form a platform team for the shared tooling",
    "separate": "Hand the team's services to an SRE team",
}
MODE_NAMES = {
    "none": "none (the team owns its reliability)",
    "collaboration": "collaboration",
    "facilitating": "facilitating",
    "x-as-a-service": "X-as-a-Service",
}
PHASES = (
    ("now", "Days 0–30", "the top risks first"),
    ("next", "Days 30–90", ""),
    ("later", "Days 90–180", ""),
)
STATUS_WORDS = {"n/a": "not applicable", "unsure": "unsure", "unanswered": "not answered"}
CRITICALITY_WORDS = {"low": "low", "medium": "medium", "high": "high", "critical": "critical"}
TEAM_FACTS = (
    ("engineers", "Engineers in the team"),
    ("services", "Production services"),
    ("teams_in_org", "Teams in the organisation"),
    ("sre_count", "SREs in the organisation"),
    ("on_call_engineers", "People in the on-call rotation"),
    ("pages_per_week", "Pages per week"),
    ("incidents_per_week", "Incidents per week"),
    ("current_setup", "Today's setup"),
    ("setup_since", "Setup since"),
)


@dataclass(frozen=True)
class Options:
    paper: Paper = "a4"
    report_date: dt.date | None = None
    # How hard page 1 is squeezed to fit: 0 as designed, 1 smaller type, 2 shorter texts.
    fit: int = 0
    # The appendix of every answer (the long tail of the plan and the method are always there).
    answers: bool = True


@dataclass(frozen=True)
class CoverFact:
    label: str
    value: str


@dataclass(frozen=True)
class PlanRef:
    """A link from an area or a risk to a plan row."""

    number: int
    anchor: str
    title: str
    window: str


@dataclass(frozen=True)
class Risk:
    rank: int
    question: str
    title: str
    severity: str
    severity_word: str
    domain: str
    domain_anchor: str
    where: str  # the practice area and "answered unsure", as the list shows them in brackets
    why: str
    unsure: bool
    data_loss: bool
    plan: PlanRef | None
    planned: str  # where its action sits, in words: "days 0–30 (#4)", "beyond this plan"


@dataclass(frozen=True)
class RiskCounts:
    """One row of the risk table on page 1 (per practice area, as a Well-Architected review has it)."""

    title: str
    anchor: str
    level: str
    high: int
    medium: int
    unanswered: int
    not_applicable: int
    id: str = ""  # the practice area's id ("" for the totals row)


@dataclass(frozen=True)
class Decision:
    pattern: PatternId
    name: str
    headline: str
    sentence: str
    takes: str
    org_decisions: list[str]
    confidence: str
    not_enough: bool


@dataclass(frozen=True)
class PlanRow:
    """One roadmap action as the plan table shows it.

    ``status``, ``due``, ``link`` and ``tracked_owner`` are what the answers file may say about the
    action (keyed by ``root_cause``); None until it does, and then shown."""

    number: int
    anchor: str
    root_cause: str
    phase: str
    window: str
    title: str
    text: str
    domain: str
    domain_anchor: str
    owner: str
    size: str
    effort: str
    days: str
    blocked_by: list[PlanRef]
    blocked_by_text: str
    top_risk: bool
    level_change: str
    stop: str | None
    stop_text: str | None  # the stop as a sentence, glossed where it comes first (page 1)
    status: str | None = None
    due: str | None = None
    link: str | None = None
    tracked_owner: str | None = None
    overdue: str | None = None  # "overdue by 17 days", when planned or in progress past its due date
    unchanged: str | None = None  # "Marked done on 2026-04-01, but obs.x is unchanged: ..."


@dataclass(frozen=True)
class PlanPhase:
    id: str
    name: str
    what: str
    rows: list[PlanRow]


@dataclass(frozen=True)
class AreaItem:
    """One question in its practice area, said once."""

    question: str
    title: str
    answer: str
    risk: str | None
    risk_word: str | None
    why: str | None  # None when page 1 already gives it
    on_page_one: bool
    unsure: bool
    note: str | None
    reason: str | None
    evidence: str | None
    plan: PlanRef | None
    beyond: bool


@dataclass(frozen=True)
class AreaSection:
    id: str
    anchor: str
    title: str
    score: float | None
    score_text: str
    level: int | None
    level_text: str
    target: int | None
    target_text: str | None
    answered: str
    risk_summary: str
    high: list[AreaItem]  # each with its why (or a pointer to page 1), note and evidence
    medium: list[AreaItem]  # named, with where the plan takes them; the why is in the appendix
    gaps: list[AreaItem]
    unknown: list[AreaItem]
    strengths: list[AreaItem]
    plan: list[PlanRef]
    beyond: int
    quiet: str | None  # the one line said when nothing else is


@dataclass(frozen=True)
class TopologyView:
    pattern: PatternId
    name: str
    mode: str
    mode_name: str
    sentence: str
    confidence: str
    change: str | None
    takes: str
    rationale: list[str]
    inputs: str | None
    alternatives: list[tuple[str, str]]
    evolution: list[str]
    google: str | None
    anti_patterns: list[tuple[str, str, str]]
    org_decisions: list[str]
    caption: str


@dataclass(frozen=True)
class Answer:
    """One question as answered, for the appendix: what no section before it says (a high risk's
    reason, note and evidence are with its practice area; a medium risk's reason and every other
    note are here)."""

    id: str
    text: str
    status: str
    answer: str
    score: str
    risk: str
    why: str | None
    note: str | None
    reason: str | None
    evidence: str | None


@dataclass(frozen=True)
class AnswerGroup:
    title: str
    answers: list[Answer]


@dataclass(frozen=True)
class Report:
    options: Options
    title: str
    subject: str
    team: str
    marking: str | None
    cover: list[CoverFact]
    team_facts: list[CoverFact]
    questionnaire: str
    questionnaire_id: str
    version: str
    assessed_at: str | None
    report_date: str | None
    created: str | None
    overall_score: str
    overall_level: str
    overall_meaning: str
    capped_by: str | None
    decision: Decision
    first_month: list[PlanRow]
    stops: list[str]
    risk_table: list[RiskCounts]
    risk_totals: RiskCounts
    top_risks: list[Risk]
    more_risks: int
    hidden: list[Risk]
    plan_lead: str
    phases: list[PlanPhase]
    plan_columns: list[str]
    action_count: int
    topology: TopologyView
    areas: list[AreaSection]
    beyond: list[tuple[str, list[str]]]
    beyond_count: int
    answers: list[AnswerGroup]
    method: list[method.Section]
    levels: list[tuple[int, str, str, str]]
    sources: list[str]
    glossed: list[str] = field(default_factory=list)
    # How far to trust each score, where the team disagreed, what to re-check (report/workshop.py).
    confidence: workshop_parts.ConfidenceView | None = None
    domain_confidence: dict[str, workshop_parts.ConfidenceView] = field(default_factory=dict)
    workshop: workshop_parts.WorkshopView | None = None
    freshness: workshop_parts.FreshnessView | None = None
    # The answers file's actions section, read against the answers (empty when it has none): the
    # plan rows past their due date, most overdue first; the done-but-unchanged callouts; and the
    # risks the team accepted, as (title, reason). The plan table shows status, due date and the
    # agreed owner as columns (``plan_columns``) once a row has them.
    overdue_rows: list[PlanRow] = field(default_factory=list)
    done_unchanged: list[str] = field(default_factory=list)
    accepted_risks: list[tuple[str, str]] = field(default_factory=list)


def _shorten(text: str, limit: int | None) -> str:
    """Cut at a word boundary when there is one; the full text is in the later sections."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + " …"


def _num(value: float) -> str:
    return f"{value:.1f}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def level_text(level: int | None, label: str | None) -> str:
    return f"level {level} ({label})" if level else "not scored"


def target_text(target: int | None, gap: float | None) -> str | None:
    if target is None:
        return None
    return f"target level {target}: " + (f"{gap:g} points to go" if gap else "met")


def level_change(item: RoadmapItem) -> str:
    if item.level_from and item.level_to and item.level_to > item.level_from:
        return f"level {item.level_from} → {item.level_to}"
    return ""


def clip(text: str | None, limit: int = NOTE_LIMIT) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]} … [{len(text) - limit:,} more characters in the answers file]"


def _evidence(evidence: Evidence | None) -> str | None:
    if evidence is None:
        return None
    extra = [x for x in (evidence.owner, evidence.date and evidence.date.isoformat()) if x]
    return clip(evidence.text + (f" ({', '.join(extra)})" if extra else ""))


def _answer_words(q: QuestionResult) -> str:
    if q.status == "answered":
        return "; ".join(q.labels) if q.labels else "none selected"
    return STATUS_WORDS[q.status]


def confidence_words(a: Assessment) -> str:
    """'high: 3 of 67 answers unsure; every team fact given', from the advice's evidence."""
    t = a.topology
    e = t.evidence
    if e is None:
        word = next(w for bar, w in CONFIDENCE_WORDS if t.confidence >= bar)
        return word
    if not e.enough:
        word = "low"
    else:
        word = next(w for bar, w in CONFIDENCE_WORDS if t.confidence >= bar)
    parts = [f"{e.unsure} of {counted(e.questions, 'answer')} unsure"]
    if e.unanswered:
        parts.append(f"{e.unanswered} not answered")
    if e.not_applicable:
        parts.append(f"{e.not_applicable} not applicable")
    facts = (
        "every team fact given"
        if not e.missing_facts
        else counted(len(e.missing_facts), "team fact") + " missing"
    )
    close = "; the open answers could change it" if e.enough and e.robust_margin <= 0 else ""
    return f"{word}: {', '.join(parts)}; {facts}{close}"


def _fact(key: str, value: object) -> str:
    if key == "current_setup":
        names: dict[str, str] = {k: v for k, v in PATTERN_NAMES.items()}
        return names.get(str(value), "nothing set up on purpose")
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cover(a: Assessment, options: Options) -> list[CoverFact]:
    facts = [
        CoverFact("Assessed", a.assessed_at.isoformat() if a.assessed_at else "date not given"),
    ]
    if options.report_date and options.report_date != a.assessed_at:
        facts.append(CoverFact("Report date", options.report_date.isoformat()))
    c = a.context
    if c is not None:
        if c.scope:
            facts.append(CoverFact("Services in scope", ", ".join(c.scope)))
        if c.criticality:
            facts.append(CoverFact("Business criticality", CRITICALITY_WORDS[c.criticality]))
        if c.facilitator:
            facts.append(CoverFact("Facilitator", c.facilitator))
        if c.participants:
            facts.append(CoverFact("Participants", "; ".join(c.participants)))
        if c.next_assessment:
            facts.append(CoverFact("Next assessment due", c.next_assessment.isoformat()))
    answered = sum(q.status != "unanswered" for q in a.questions)
    facts.append(
        CoverFact(
            "Questionnaire",
            f"{a.questionnaire.title}, version {a.questionnaire.version}: {answered} of "
            f"{counted(len(a.questions), 'question')} answered",
        )
    )
    return facts


def _plan_rows(a: Assessment, titles: dict[str, str]) -> list[PlanRow]:
    numbers = {item.root_cause: n for n, item in enumerate(a.roadmap, 1)}
    windows = {p: name for p, name, _ in PHASES}
    by_root = {item.root_cause: item for item in a.roadmap}
    rows = []
    for n, item in enumerate(a.roadmap, 1):
        refs = [
            PlanRef(numbers[b], f"action-{numbers[b]}", by_root[b].title, windows[by_root[b].phase])
            for b in item.blocked_by
            if b in numbers
        ]
        low, high = item.person_days
        rows.append(
            PlanRow(
                number=n,
                anchor=f"action-{n}",
                root_cause=item.root_cause,
                phase=item.phase,
                window=windows[item.phase],
                title=item.title or _shorten(item.action, 60),
                text=item.action,
                domain=titles.get(item.domain, item.domain),
                domain_anchor=f"area-{item.domain}",
                owner=OWNER_WORDS.get(item.owner, item.owner),
                size=item.size,
                effort=f"{item.size}, {low}–{high} person-days",
                days=f"{low}–{high} person-days",
                blocked_by=refs,
                blocked_by_text="; ".join(f"#{r.number} {r.title}" for r in refs),
                top_risk=bool(item.top_risks),
                level_change=level_change(item),
                stop=item.stop,
                stop_text=_sentence(item.stop) if item.stop else None,
                **_tracked(item),
            )
        )
    return rows


STATUS_NAMES = {
    "planned": "planned",
    "in-progress": "in progress",
    "done": "done",
    "accepted-risk": "accepted risk",
}


def _tracked(item: RoadmapItem) -> dict[str, str | None]:
    """The plan row's fields from the answers file's actions section (none when it says nothing)."""
    t = item.tracking
    if t is None:
        return {}
    overdue = f"overdue by {counted(t.overdue_days, 'day')}" if t.overdue_days is not None else None
    return {
        "status": STATUS_NAMES[t.status],
        "due": (t.due.isoformat() + (f", {overdue}" if overdue else "")) if t.due else None,
        "link": t.link,
        "tracked_owner": t.owner,
        "overdue": overdue,
        "unchanged": t.unchanged,
    }


def _plan_lead(a: Assessment) -> str:
    plan = a.plan
    horizon = "the target levels set" if plan.horizon == "targets" else "one level up in each practice area"
    sizes = "; ".join(f"{size} {meaning}" for size, meaning in plan.sizes.items())
    return (
        f"{counted(len(a.roadmap), 'action')} over 180 days, aiming at {horizon}, with at most "
        f"{plan.now_limit} starting in each period. The top risks come first, then what removes the most "
        f"risk for its effort, never before what it builds on. Owners are suggestions; effort is in "
        f"person-days ({sizes})."
    )


def _beyond(a: Assessment, titles: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Everything beyond the plan, compactly: the gaps' short names per practice area."""
    by_domain: dict[str, list[str]] = {}
    for item in a.beyond_horizon:
        by_domain.setdefault(item.domain, []).append(item.title)
    return [(titles.get(d.id, d.id), by_domain[d.id]) for d in a.domains if d.id in by_domain]


def _risk(r: RiskFinding, a: Assessment, refs: dict[str, PlanRef], limit: int | None = None) -> Risk:
    titles = {d.id: d.title for d in a.domains}
    q_titles = {q.id: q.title or q.text for q in a.questions}
    ref = refs.get(r.question)
    if ref is not None:
        planned = f"{ref.window.lower()} (#{ref.number})"
    elif r.planned == "beyond":
        planned = "beyond this plan"
    else:
        planned = "not in the plan"
    return Risk(
        rank=r.rank,
        question=r.question,
        title=q_titles.get(r.question, r.title),
        severity=r.severity,
        severity_word="High" if r.severity == "high" else "Medium",
        domain=titles.get(r.domain, r.domain),
        domain_anchor=f"area-{r.domain}",
        where=", ".join(
            x
            for x in (
                "" if titles.get(r.domain) == q_titles.get(r.question) else titles.get(r.domain, r.domain),
                "answered unsure" if r.unsure else "",
            )
            if x
        ),
        why=_shorten(r.why, limit),
        unsure=r.unsure,
        data_loss=r.data_loss,
        plan=ref,
        planned=planned,
    )


def _decision(a: Assessment, g: Glossary) -> Decision:
    t = a.topology
    head = t.headcount
    takes = head.takes if head is not None and head.takes else (head.text if head else "")
    not_enough = t.outcome == "not-enough-evidence"
    headline = DECISIONS[t.recommended]
    if not_enough:
        headline = "Answer the open questions before choosing a setup"
    sentence = t.for_this_team or _sentence(t.summary)
    if not_enough:
        sentence = (
            "Too few questions have a definite answer to recommend a structure; until they do, the team "
            "keeps reliability as its own practice."
        )
    return Decision(
        pattern=t.recommended,
        name=PATTERN_NAMES[t.recommended],
        headline=headline,
        sentence=g.gloss(sentence),
        takes=g.gloss(_sentence(f"It takes {takes}")) if takes else "",
        org_decisions=g.all(list(t.org_decisions)),
        confidence=confidence_words(a),
        not_enough=not_enough,
    )


def _stops(a: Assessment, g: Glossary) -> list[str]:
    """What the team stops doing because of the recommended setup (the actions' own stops are in
    their plan rows)."""
    name = SETUP_PHRASES[a.topology.recommended]
    return [g.gloss(f"With {name}, the team also stops {p}.") for p in a.topology.stops]


def _risk_table(a: Assessment) -> tuple[list[RiskCounts], RiskCounts]:
    rows = []
    for d in a.domains:
        risks = [r for r in a.risks if r.domain == d.id]
        rows.append(
            RiskCounts(
                title=d.title,
                anchor=f"area-{d.id}",
                level="—" if d.level is None else f"{d.level} {d.label}",
                high=sum(r.severity == "high" for r in risks),
                medium=sum(r.severity == "medium" for r in risks),
                unanswered=d.total - d.answered,
                not_applicable=d.not_applicable,
                id=d.id,
            )
        )
    o = a.overall
    total = RiskCounts(
        title="All areas",
        anchor="",
        level="—" if o.level is None else f"{o.level} {o.label}",
        high=sum(r.high for r in rows),
        medium=sum(r.medium for r in rows),
        unanswered=sum(r.unanswered for r in rows),
        not_applicable=sum(r.not_applicable for r in rows),
    )
    return rows, total


def _topology(a: Assessment, g: Glossary) -> TopologyView:
    t = a.topology
    name = PATTERN_NAMES[t.recommended]
    mode = MODE_NAMES[t.interaction_mode]
    summary = t.summary[0].upper() + t.summary[1:]
    head = t.headcount
    # The rationale without what page 1 and this page say in their own places.
    skip = {head.text if head else "", t.change or ""}
    decisions = "Needs an organisation-level decision: "
    rationale = []
    inputs = None
    for line in t.rationale:
        if line in skip or line.startswith(decisions):
            continue
        if line.startswith("Inputs read: "):
            inputs = line
            continue
        rationale.append(line)
    sentence = g.gloss(f"{summary}. Interaction mode: {mode}.")
    change = g.gloss(t.change) if t.change else None
    caption = g.gloss(charts.topology_caption(t.recommended, a.team.name, a.team.teams_in_org))
    return TopologyView(
        pattern=t.recommended,
        name=name,
        mode=t.interaction_mode,
        mode_name=mode,
        sentence=sentence,
        confidence=confidence_words(a),
        change=change,
        takes=g.gloss(_sentence(head.text.removeprefix("Headcount: "))) if head else "",
        rationale=g.all(rationale),
        inputs=inputs,
        alternatives=[(PATTERN_NAMES[alt.pattern], g.gloss(alt.why_not)) for alt in t.alternatives],
        evolution=g.all(list(t.evolution)),
        google=g.gloss(t.google_implementation[0].upper() + t.google_implementation[1:])
        if t.google_implementation
        else None,
        anti_patterns=[(ap.title, g.gloss(ap.why), ap.source) for ap in t.anti_patterns],
        org_decisions=list(t.org_decisions),
        caption=caption,
    )


def _areas(
    a: Assessment,
    rows: list[PlanRow],
    refs: dict[str, PlanRef],
    top: set[str],
    g: Glossary,
    with_answers: bool = True,
) -> list[AreaSection]:
    risks = {r.question: r for r in a.risks}
    beyond_q = {q for item in a.beyond_horizon for q in item.questions}
    sections = []
    for d in a.domains:
        items: list[AreaItem] = []
        for q in (q for q in a.questions if q.domain == d.id):
            r = risks.get(q.id)
            items.append(
                AreaItem(
                    question=q.id,
                    title=q.title or q.text,
                    answer=_answer_words(q),
                    risk=r.severity if r else None,
                    risk_word=("High risk" if r.severity == "high" else "Medium risk") if r else None,
                    why=None if r is None or q.id in top else r.why,
                    on_page_one=q.id in top,
                    unsure=q.status == "unsure",
                    note=clip(q.note),
                    reason=clip(q.reason),
                    evidence=_evidence(q.evidence),
                    plan=refs.get(q.id),
                    beyond=q.id in beyond_q,
                )
            )
        at_risk = [i for i in items if i.risk]
        at_risk.sort(key=lambda i: risks[i.question].rank)
        said = {i.question for i in at_risk}
        gaps = [i for i in items if i.question in d.gaps and i.question not in said]
        said |= {i.question for i in gaps}
        unknown = [i for i in items if i.answer in ("unsure", "not answered") and i.question not in said]
        said |= {i.question for i in unknown}
        strengths = [i for i in items if i.question in d.strengths and i.question not in said]
        said |= {i.question for i in strengths}
        high = sum(i.risk == "high" for i in at_risk)
        medium = len(at_risk) - high
        said_counts = [counted(n, word) for n, word in ((high, "high risk"), (medium, "medium risk")) if n]
        summary = " and ".join(said_counts) if said_counts else "no high or medium risk"
        area_rows = [
            PlanRef(r.number, r.anchor, r.title, r.window) for r in rows if r.domain_anchor == f"area-{d.id}"
        ]
        beyond_here = sum(item.domain == d.id for item in a.beyond_horizon)
        quiet = None
        if not (at_risk or gaps or unknown or strengths):
            quiet = "Every answer sits between a gap and a strength" + (
                "; the appendix lists each one." if with_answers else "."
            )
        sections.append(
            AreaSection(
                id=d.id,
                anchor=f"area-{d.id}",
                title=d.title,
                score=d.score,
                score_text="not scored" if d.score is None else f"{_num(d.score)} / 100",
                level=d.level,
                level_text=level_text(d.level, d.label),
                target=d.target,
                target_text=target_text(d.target, d.gap_to_target),
                answered=f"{d.answered} of {d.total} answered"
                + (f", {d.not_applicable} not applicable" if d.not_applicable else "")
                + (f", {d.unsure} unsure" if d.unsure else ""),
                risk_summary=summary,
                high=[i for i in at_risk if i.risk == "high"],
                medium=[i for i in at_risk if i.risk == "medium"],
                gaps=gaps,
                unknown=unknown,
                strengths=strengths,
                plan=area_rows,
                beyond=beyond_here,
                quiet=quiet,
            )
        )
    return sections


def _answers(a: Assessment) -> list[AnswerGroup]:
    risks = {r.question: r for r in a.risks}
    groups = []
    for d in a.domains:
        rows = []
        for q in (q for q in a.questions if q.domain == d.id):
            r = risks.get(q.id)
            in_area = r is not None and r.severity == "high"  # said with its practice area
            rows.append(
                Answer(
                    id=q.id,
                    text=q.text,
                    status=q.status,
                    answer=_answer_words(q),
                    score="—" if q.score is None else f"{q.score * 100:.0f}",
                    risk=r.severity if r else "",
                    why=r.why if r is not None and not in_area and not r.top else None,
                    note=None if in_area else clip(q.note),
                    reason=clip(q.reason),
                    evidence=None if in_area else _evidence(q.evidence),
                )
            )
        groups.append(AnswerGroup(d.title, rows))
    return groups


def build(a: Assessment, options: Options | None = None) -> Report:
    options = options or Options()
    g = Glossary()
    titles = {d.id: d.title for d in a.domains}
    risk_limit = 150 if options.fit >= 2 else None

    rows = _plan_rows(a, titles)
    refs: dict[str, PlanRef] = {}
    for item, row in zip(a.roadmap, rows, strict=True):
        for q in item.questions:
            refs.setdefault(q, PlanRef(row.number, row.anchor, row.title, row.window))
    phases = [PlanPhase(pid, name, what, [r for r in rows if r.phase == pid]) for pid, name, what in PHASES]
    first_month = [r for r in rows if r.phase == "now"]

    # Page 1, in reading order (the glossary glosses each term where it first appears).
    decision = _decision(a, g)
    first_month = [replace(r, stop_text=g.gloss(r.stop_text)) if r.stop_text else r for r in first_month]
    stops = _stops(a, g)
    table, totals = _risk_table(a)
    top = [r for r in a.risks if r.top]
    top_risks = [_risk(r, a, refs, risk_limit) for r in top]
    hidden = [_risk(r, a, refs) for r in a.risks if r.unsure and r.data_loss]

    topology = _topology(a, g)
    top_ids = {r.question for r in top}
    areas = _areas(a, rows, refs, top_ids, g, options.answers)

    o = a.overall
    created = options.report_date or a.assessed_at
    team = a.team
    facts = [
        CoverFact(label, _fact(key, getattr(team, key)))
        for key, label in TEAM_FACTS
        if getattr(team, key) is not None
    ]
    columns = ["status"] if any(r.status for r in rows) else []
    columns += ["due"] if any(r.due for r in rows) else []
    columns += ["tracked_owner"] if any(r.tracked_owner for r in rows) else []
    late = {
        i.root_cause: i.tracking.overdue_days for i in a.roadmap if i.tracking and i.tracking.overdue_days
    }
    return Report(
        options=options,
        title=f"SRE maturity assessment: {team.name}",
        subject=(
            f"Reliability maturity, team topology advice and improvement plan for {team.name}, "
            f"from the {a.questionnaire.title} questionnaire (version {a.questionnaire.version})."
        ),
        team=team.name,
        marking=a.context.confidentiality if a.context else None,
        cover=_cover(a, options),
        team_facts=facts,
        questionnaire=a.questionnaire.title,
        questionnaire_id=a.questionnaire.id,
        version=a.questionnaire.version,
        assessed_at=a.assessed_at.isoformat() if a.assessed_at else None,
        report_date=options.report_date.isoformat() if options.report_date else None,
        created=created.isoformat() if created else None,
        overall_score="—" if o.score is None else _num(o.score),
        overall_level=level_text(o.level, o.label),
        overall_meaning=LEVELS[o.level][1] if o.level else "Too few answers to score.",
        capped_by=titles.get(o.capped_by, o.capped_by) if o.capped_by else None,
        decision=decision,
        first_month=first_month,
        stops=stops,
        risk_table=table,
        risk_totals=totals,
        top_risks=top_risks,
        more_risks=max(0, len(a.risks) - len(top_risks)),
        hidden=hidden,
        plan_lead=_plan_lead(a),
        phases=phases,
        plan_columns=columns,
        action_count=len(a.roadmap),
        topology=topology,
        areas=areas,
        beyond=_beyond(a, titles),
        beyond_count=len(a.beyond_horizon),
        overdue_rows=sorted(
            (r for r in rows if r.overdue), key=lambda r: (-late.get(r.root_cause, 0), r.number)
        ),
        done_unchanged=[t.unchanged for t in a.actions if t.unchanged],
        accepted_risks=[
            (b.title, b.tracking.reason or "")
            for b in a.beyond_horizon
            if b.reason == "accepted-risk" and b.tracking is not None
        ],
        answers=_answers(a) if options.answers else [],
        method=method.sections() + workshop_parts.method_sections(),
        levels=[
            (level, label, method.band(level), meaning) for level, (label, meaning) in sorted(LEVELS.items())
        ],
        sources=list(method.SOURCES),
        glossed=list(g.seen),
        confidence=workshop_parts.confidence_view(a.confidence),
        domain_confidence=workshop_parts.domain_confidence(a.domains),
        workshop=workshop_parts.workshop_view(a),
        freshness=workshop_parts.freshness_view(a),
    )
