"""What the leadership report says, computed once from the Assessment for every format.

The HTML (and so the PDF) template and the Markdown renderer both read this view model, so the formats
carry the same content. Nothing here scores or recommends: it selects, orders and words what the engine
decided. Strings are raw user or questionnaire text; each renderer escapes them for its own format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from assess.engine.roadmap import TOP_RISKS
from assess.engine.scoring import LEVELS
from assess.models import (
    Assessment,
    Evidence,
    PatternId,
    QuestionResult,
    RiskFinding,
    RoadmapItem,
    Tracking,
)
from assess.report import method
from assess.words import counted

Paper = Literal["a4", "letter"]

TOP_ACTIONS = 5
# Notes can be megabytes long; the report shows this much of each and says how much it left out.
NOTE_LIMIT = 5000

PATTERN_NAMES: dict[PatternId, str] = {
    "within-team": "Reliability within the team",
    "embedded": "Embedded SRE",
    "enabling": "Enabling SRE team",
    "platform": "Platform team",
    "separate": "Separate SRE team",
}
MODE_NAMES = {
    "none": "none (the team owns its reliability)",
    "collaboration": "collaboration",
    "facilitating": "facilitating",
    "x-as-a-service": "X-as-a-Service",
}
PHASES = (
    ("now", "Now", "days 0–30, the top risks first"),
    ("next", "Next", "days 30–90"),
    ("later", "Later", "days 90–180"),
)
OWNER_NAMES = {
    "team": "the team",
    "embedded-sre": "an embedded SRE",
    "enabling-team": "the enabling team",
    "sre-team": "the SRE team",
    "platform-team": "the platform team",
    "leadership": "leadership",
}
STATUS_WORDS = {"n/a": "not applicable", "unsure": "unsure", "unanswered": "not answered"}
TEAM_FACTS = (
    ("engineers", "Engineers in the team"),
    ("services", "Production services"),
    ("teams_in_org", "Stream-aligned teams in the organisation"),
    ("sre_count", "Dedicated SREs in the organisation"),
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


@dataclass(frozen=True)
class Risk:
    question: str
    severity: str
    severity_word: str
    domain: str
    title: str
    why: str
    unsure: bool


@dataclass(frozen=True)
class Action:
    number: int
    phase: str
    phase_name: str
    text: str
    domain: str
    questions: list[str]
    level_change: str
    impact: str
    effort: str
    why: str
    title: str = ""
    owner: str = ""
    size: str = ""
    size_meaning: str = ""
    horizon: str = ""
    # From the answers file's actions section (empty when nothing was recorded for the action):
    status: str = ""  # "planned", "in progress", "done", "accepted risk"
    assignee: str = ""  # the owner agreed (a person or team), as opposed to the suggested role
    due: str = ""  # YYYY-MM-DD
    overdue: str = ""  # "overdue by 12 days"
    link: str = ""  # tracker URL or key, as text
    unchanged: str = ""  # "Marked done on 2026-10-02, but obs.alert-runbooks is unchanged: ..."
    tracking: str = ""  # all of the above in one line, for a plan row: "in progress · Ana · due ..."


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    what: str
    actions: list[Action]


@dataclass(frozen=True)
class Answer:
    """One question as answered, for the domain sections and the appendix."""

    id: str
    text: str
    status: str
    answer: str
    score: str
    risk: str
    note: str | None
    reason: str | None
    evidence: str | None


@dataclass(frozen=True)
class DomainSection:
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
    strengths: list[Answer]
    gaps: list[Answer]
    risks: list[Risk]
    noted: list[Answer]
    unknown: list[Answer]
    questions: list[Answer]


@dataclass(frozen=True)
class TopologyView:
    pattern: PatternId
    name: str
    mode: str
    mode_name: str
    sentence: str
    confidence: str
    rationale: list[str]
    alternatives: list[tuple[str, str]]
    evolution: list[str]
    google: str | None
    anti_patterns: list[tuple[str, str]]


@dataclass(frozen=True)
class Report:
    options: Options
    title: str
    subject: str
    team: str
    team_facts: list[tuple[str, str]]
    questionnaire: str
    questionnaire_id: str
    version: str
    assessed_at: str | None
    report_date: str | None
    created: str | None
    coverage: str
    answered: str
    overall_score: str
    overall_level: str
    overall_meaning: str
    capped_by: str | None
    high_risks: int
    medium_risks: int
    top_risks: list[Risk]
    more_risks: int
    top_actions: list[Action]
    topology: TopologyView
    phases: list[Phase]
    action_count: int
    roadmap_lead: str
    beyond: list[tuple[str, list[str]]]
    beyond_count: int
    # The actions section read against the answers: overdue plan rows first (most overdue first),
    # the done-but-unchanged callouts, and the risks the team accepted (title, reason).
    overdue_actions: list[Action]
    done_unchanged: list[str]
    accepted_risks: list[tuple[str, str]]
    domains: list[DomainSection]
    unanswered: list[Answer]
    unsure: list[Answer]
    method: list[method.Section]
    levels: list[tuple[int, str, str, str]]
    sources: list[str]


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


def level_text(level: int | None, label: str | None) -> str:
    return f"level {level} ({label})" if level else "not scored"


def target_text(target: int | None, gap: float | None) -> str | None:
    if target is None:
        return None
    return f"target level {target}: " + (f"{gap:g} points to go" if gap else "met")


def level_change(item: RoadmapItem) -> str:
    if item.level_from and item.level_to and item.level_to > item.level_from:
        return f"level {item.level_from} → {item.level_to}"
    if item.level_from:
        return f"stays at level {item.level_from}, score rises"
    return "—"


def clip(text: str | None, limit: int = NOTE_LIMIT) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]} … [{len(text) - limit:,} more characters in the answers file]"


def _evidence(evidence: Evidence | None) -> str | None:
    if evidence is None:
        return None
    extra = [x for x in (evidence.owner, evidence.date and evidence.date.isoformat()) if x]
    return clip(evidence.text + (f" ({', '.join(extra)})" if extra else ""))


def _answer(q: QuestionResult) -> Answer:
    if q.status == "answered":
        words = "; ".join(q.labels) if q.labels else "none selected"
    else:
        words = STATUS_WORDS[q.status]
    return Answer(
        id=q.id,
        text=q.text,
        status=q.status,
        answer=words,
        score="—" if q.score is None else f"{q.score * 100:.0f}",
        risk=q.risk if q.risk in ("high", "medium") else "none",
        note=clip(q.note),
        reason=clip(q.reason),
        evidence=_evidence(q.evidence),
    )


def _risk(r: RiskFinding, titles: dict[str, str], limit: int | None = None) -> Risk:
    return Risk(
        question=r.question,
        severity=r.severity,
        severity_word="High risk" if r.severity == "high" else "Medium risk",
        domain=titles.get(r.domain, r.domain),
        title=r.title,
        why=_shorten(r.why, limit),
        unsure=r.unsure,
    )


def _action(
    number: int,
    item: RoadmapItem,
    titles: dict[str, str],
    limit: int | None = None,
    sizes: dict[str, str] | None = None,
) -> Action:
    names = {p: name for p, name, _ in PHASES}
    return Action(
        number=number,
        phase=item.phase,
        phase_name=names[item.phase],
        text=_shorten(item.action, limit),
        domain=titles.get(item.domain, item.domain),
        questions=list(item.questions),
        level_change=level_change(item),
        impact=item.impact,
        effort=item.effort,
        why=item.why,
        title=item.title,
        owner=OWNER_NAMES.get(item.owner, item.owner),
        size=item.size,
        size_meaning=(sizes or {}).get(item.size, ""),
        horizon=item.horizon,
        **_tracking(item.tracking),
    )


STATUS_NAMES = {
    "planned": "planned",
    "in-progress": "in progress",
    "done": "done",
    "accepted-risk": "accepted risk",
}


def _tracking(t: Tracking | None) -> dict[str, str]:
    """The Action fields that come from the actions section."""
    if t is None:
        return {}
    overdue = f"overdue by {counted(t.overdue_days, 'day')}" if t.overdue_days is not None else ""
    due = t.due.isoformat() if t.due else ""
    parts = [STATUS_NAMES[t.status]]
    if t.owner:
        parts.append(f"owner {t.owner}")
    if due:
        parts.append(f"due {due}" + (f" ({overdue})" if overdue else ""))
    if t.link:
        parts.append(t.link)
    return {
        "status": STATUS_NAMES[t.status],
        "assignee": t.owner or "",
        "due": due,
        "overdue": overdue,
        "link": t.link or "",
        "unchanged": t.unchanged or "",
        "tracking": " · ".join(parts),
    }


def _overdue(a: Assessment, numbered: list[Action]) -> list[Action]:
    """The plan rows past their due date, most overdue first."""
    late = [
        (item.tracking.overdue_days, n)
        for n, item in enumerate(a.roadmap)
        if item.tracking is not None and item.tracking.overdue_days is not None
    ]
    return [numbered[n] for _, n in sorted(late, key=lambda p: (-p[0], p[1]))]


def _roadmap_lead(a: Assessment) -> str:
    plan = a.plan
    n = len(a.roadmap)
    horizon = "the target levels set" if plan.horizon == "targets" else "one level up in each practice area"
    sizes = "; ".join(f"{size}: {meaning}" for size, meaning in plan.sizes.items())
    return (
        f"{n} improvement action{'s' if n != 1 else ''} over the next 180 days, aiming at {horizon}, with at "
        f"most {plan.now_limit} starting in each phase. The top risks come first; then what removes the most "
        f"risk for its effort, never before what it builds on. Each action comes from the questionnaire's "
        f"advice for the answer given, with a suggested owner and a size ({sizes})."
    )


def _beyond(a: Assessment, titles: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Everything beyond the plan, compactly: the gaps' short names per practice area."""
    by_domain: dict[str, list[str]] = {}
    for item in a.beyond_horizon:
        by_domain.setdefault(item.domain, []).append(item.title)
    return [(titles.get(d.id, d.id), by_domain[d.id]) for d in a.domains if d.id in by_domain]


def _fact(key: str, value: object) -> str:
    if key == "current_setup":
        names: dict[str, str] = {k: v for k, v in PATTERN_NAMES.items()}
        return names.get(str(value), "nothing set up on purpose")
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def topology_view(a: Assessment) -> TopologyView:
    t = a.topology
    name = PATTERN_NAMES[t.recommended]
    mode = MODE_NAMES[t.interaction_mode]
    summary = t.summary[0].upper() + t.summary[1:]
    return TopologyView(
        pattern=t.recommended,
        name=name,
        mode=t.interaction_mode,
        mode_name=mode,
        sentence=f"{summary}. Interaction mode: {mode}.",
        confidence=f"{t.confidence:.0%}",
        rationale=list(t.rationale),
        alternatives=[(PATTERN_NAMES[alt.pattern], alt.why_not) for alt in t.alternatives],
        evolution=list(t.evolution),
        google=t.google_implementation,
        anti_patterns=[(ap.title, ap.why) for ap in t.anti_patterns],
    )


def build(a: Assessment, options: Options | None = None) -> Report:
    options = options or Options()
    titles = {d.id: d.title for d in a.domains}
    risk_limit = 150 if options.fit >= 2 else None
    action_limit = 170 if options.fit >= 2 else None
    # Page 1 shows the risks the plan starts on now (the engine decides how many), fewer when squeezed.
    top_risk_count = min(3 if options.fit >= 2 else TOP_RISKS, a.plan.top_risks)
    sizes = a.plan.sizes

    numbered = [_action(i, item, titles, sizes=sizes) for i, item in enumerate(a.roadmap, 1)]
    phases = [
        Phase(pid, name, what, [act for act in numbered if act.phase == pid]) for pid, name, what in PHASES
    ]
    answers = {q.id: _answer(q) for q in a.questions}
    risks_by_domain: dict[str, list[Risk]] = {}
    for r in a.risks:
        risks_by_domain.setdefault(r.domain, []).append(_risk(r, titles))

    sections = []
    for d in a.domains:
        in_domain = [answers[q.id] for q in a.questions if q.domain == d.id]
        sections.append(
            DomainSection(
                id=d.id,
                anchor=f"domain-{d.id}",
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
                strengths=[answers[q] for q in d.strengths],
                gaps=[answers[q] for q in d.gaps],
                risks=risks_by_domain.get(d.id, []),
                noted=[x for x in in_domain if x.note or x.evidence or x.reason],
                unknown=[x for x in in_domain if x.status in ("unanswered", "unsure")],
                questions=in_domain,
            )
        )

    o = a.overall
    created = options.report_date or a.assessed_at
    team = a.team
    facts = [
        (label, _fact(key, getattr(team, key))) for key, label in TEAM_FACTS if getattr(team, key) is not None
    ]
    high = sum(r.severity == "high" for r in a.risks)
    answered = sum(q.status != "unanswered" for q in a.questions)
    return Report(
        options=options,
        title=f"SRE maturity assessment: {team.name}",
        subject=(
            f"Reliability maturity, team topology advice and improvement roadmap for {team.name}, "
            f"from the {a.questionnaire.title} questionnaire (version {a.questionnaire.version})."
        ),
        team=team.name,
        team_facts=facts,
        questionnaire=a.questionnaire.title,
        questionnaire_id=a.questionnaire.id,
        version=a.questionnaire.version,
        assessed_at=a.assessed_at.isoformat() if a.assessed_at else None,
        report_date=options.report_date.isoformat() if options.report_date else None,
        created=created.isoformat() if created else None,
        coverage=f"{a.coverage:.0%}",
        answered=f"{answered} of {len(a.questions)}",
        overall_score="—" if o.score is None else _num(o.score),
        overall_level=level_text(o.level, o.label),
        overall_meaning=LEVELS[o.level][1] if o.level else "Too few answers to score.",
        capped_by=titles.get(o.capped_by, o.capped_by) if o.capped_by else None,
        high_risks=high,
        medium_risks=len(a.risks) - high,
        top_risks=[_risk(r, titles, risk_limit) for r in a.risks[:top_risk_count]],
        more_risks=max(0, len(a.risks) - top_risk_count),
        top_actions=[
            _action(i, item, titles, action_limit, sizes) for i, item in enumerate(a.roadmap[:TOP_ACTIONS], 1)
        ],
        topology=topology_view(a),
        phases=phases,
        action_count=len(a.roadmap),
        roadmap_lead=_roadmap_lead(a),
        beyond=_beyond(a, titles),
        beyond_count=len(a.beyond_horizon),
        overdue_actions=_overdue(a, numbered),
        done_unchanged=[t.unchanged for t in a.actions if t.unchanged],
        accepted_risks=[
            (b.title, b.tracking.reason or "")
            for b in a.beyond_horizon
            if b.reason == "accepted-risk" and b.tracking is not None
        ],
        domains=sections,
        unanswered=[answers[g.question] for g in a.gaps if g.kind == "unanswered"],
        unsure=[answers[g.question] for g in a.gaps if g.kind == "unsure"],
        method=method.sections(),
        levels=[
            (level, label, method.band(level), meaning) for level, (label, meaning) in sorted(LEVELS.items())
        ],
        sources=list(method.SOURCES),
    )
