"""Plain-text summary for the terminal (``assess score --format text``, ``assess demo``).

Every text from a file (team name, titles, risks, actions) is shown on one line with its
control characters as visible marks (``assess.printable``): it is meant for a terminal.
"""

from __future__ import annotations

from assess.models import OWNER_WORDS, PHASE_WORDS, Assessment, Tracking
from assess.printable import one_line, visible
from assess.words import counted

BAR_WIDTH = 20


def bar(score: float | None, width: int = BAR_WIDTH) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _clean(text: str) -> str:
    """Terminal-safe: one line, control characters (escape sequences) shown as visible marks."""
    return one_line(text)


def _plan(a: Assessment) -> list[str]:
    """The roadmap as the engine planned it: each phase with its time frame, then what lies beyond."""
    plan = a.plan
    sizes = "; ".join(f"{size} {meaning}" for size, meaning in plan.sizes.items())
    horizon = "the target levels" if plan.horizon == "targets" else "one level up in each area"
    lines = [
        f"Roadmap: {len(a.roadmap)} action{'s' if len(a.roadmap) != 1 else ''} over 180 days, "
        f"at most {plan.now_limit} starting in each phase, aiming at {horizon}",
        f"  Sizes: {sizes}.",
    ]
    titles = {i.root_cause: i.title for i in a.roadmap}
    phases = {i.root_cause: i.phase for i in a.roadmap}
    blocking = {b for i in a.roadmap if i.top_risks for b in i.blocked_by}
    numbers = {i.root_cause: n for n, i in enumerate(a.roadmap, 1)}
    late = sorted(
        (i for i in a.roadmap if i.tracking and i.tracking.overdue_days is not None),
        key=lambda i: -(i.tracking.overdue_days or 0) if i.tracking else 0,
    )
    if late:
        lines.append("  Overdue")
        for i in late:
            lines.append(f"  {numbers[i.root_cause]:>3}. {_clean(i.title)}: {_agreed(i.tracking)}")
    number = 0
    for phase in plan.phases:
        items = [i for i in a.roadmap if i.phase == phase.id]
        if not items:
            continue
        lines.append(f"  {PHASE_WORDS[phase.id]} (days {phase.start_day}-{phase.end_day})")
        for item in items:
            number += 1
            change = (
                f", level {item.level_from}→{item.level_to}"
                if item.level_to and item.level_from and item.level_to > item.level_from
                else ""
            )
            top = (
                " · top risk"
                if item.top_risks
                else " · first step for a top risk"
                if item.root_cause in blocking
                else ""
            )
            lines.append(
                f"  {number:>3}. {_clean(item.title)} [{item.size}, {OWNER_WORDS[item.owner]}{change}{top}]"
            )
            lines.append(f"       {_clean(item.action)}")
            if item.tracking:
                lines.append(f"       agreed: {_agreed(item.tracking)}")
            for blocker in item.blocked_by:
                when = " (starts now)" if phases.get(blocker) == "now" else ""
                lines.append(f"       after: {_clean(titles.get(blocker, blocker))}{when}")
    if a.beyond_horizon:
        by_domain: dict[str, list[str]] = {}
        for b in a.beyond_horizon:
            by_domain.setdefault(b.domain, []).append(_clean(b.title))
        domain_titles = {d.id: d.title for d in a.domains}
        lines.append(f"  Beyond this plan ({len(a.beyond_horizon)}):")
        for domain, names in by_domain.items():
            lines.append(f"    {_clean(domain_titles.get(domain, domain))}: {', '.join(names)}")
    unchanged = [t for t in a.actions if t.unchanged]
    if unchanged:
        lines.append("  Marked done, but unchanged:")
        lines += [f"    {_clean(t.title)}: {_clean(t.unchanged or '')}" for t in unchanged]
    accepted = [b for b in a.beyond_horizon if b.reason == "accepted-risk" and b.tracking]
    if accepted:
        lines.append("  Risks accepted:")
        lines += [f"    {_clean(b.title)}: {_clean(b.tracking.reason or '')}" for b in accepted if b.tracking]
    return lines


def _workshop(a: Assessment) -> list[str]:
    """Where the team disagreed (most costly first) and what to re-check first."""
    lines: list[str] = []
    w = a.workshop
    if w is not None:
        people = [*(_clean(n) for n in w.respondents)] + ([f"{w.anonymous} anonymous"] if w.anonymous else [])
        lines += [
            "",
            f"Workshop: {counted(w.voices, 'voice')} ({', '.join(people)}); "
            f"{counted(len(w.disagreements), 'disagreement')}",
        ]
        for d in w.disagreements[:8]:
            votes = ", ".join(f"{t.option} {t.count}" for t in d.tally if t.count)
            state = "settled" if d.settled else "open"
            lines.append(f"  {d.rank:>2}. {d.question} ({d.disagreement}, {state}): {votes}")
            if d.settled_note:
                lines.append(f"      why: {_clean(d.settled_note)}")
    f = a.freshness
    if f is not None and f.recheck:
        head = f"due for re-assessment ({f.age_days} days old)" if f.due else "stale evidence"
        lines += ["", f"Re-check first: {head}"]
        lines += [f"  {r.question}: {_clean(r.why)}" for r in f.recheck[:8]]
    return lines


STATUS_WORDS = {
    "planned": "planned",
    "in-progress": "in progress",
    "done": "done",
    "accepted-risk": "accepted risk",
}


def _agreed(t: Tracking | None) -> str:
    """Status, owner, due date (and how late) and link, in one line."""
    if t is None:
        return ""
    parts = [STATUS_WORDS[t.status]]
    if t.owner:
        parts.append(f"owner {_clean(t.owner)}")
    if t.due:
        late = f" (overdue by {counted(t.overdue_days, 'day')})" if t.overdue_days is not None else ""
        parts.append(f"due {t.due.isoformat()}{late}")
    if t.link:
        parts.append(_clean(t.link))
    return " · ".join(parts)


def render(a: Assessment) -> str:
    lines: list[str] = []
    team = _clean(a.team.name)
    when = f" — assessed {a.assessed_at.isoformat()}" if a.assessed_at else ""
    lines.append(f"{team}{when}")
    lines.append(f"{_clean(a.questionnaire.title)} (v{a.questionnaire.version}), {a.coverage:.0%} answered")
    lines.append("")
    o = a.overall
    if o.score is None:
        lines.append("Overall: not enough answers to score")
    else:
        cap = f" (capped by {_clean(o.capped_by)})" if o.capped_by else ""
        lines.append(f"Overall  {bar(o.score)} {o.score:5.1f}  level {o.level} {o.label}{cap}")
    lines.append("")
    titles = {d.id: _clean(d.title) for d in a.domains}
    width = max(len(t) for t in titles.values())
    for d in a.domains:
        score = "   —" if d.score is None else f"{d.score:5.1f}"
        level = f"level {d.level} {d.label}" if d.level else "not answered"
        target = ""
        if d.target is not None:
            target = f"  target {d.target}" + (f", {d.gap_to_target:g} to go" if d.gap_to_target else " met")
        target += f"  confidence {d.confidence.level}" if d.confidence is not None else ""
        lines.append(
            f"  {titles[d.id]:<{width}}  {bar(d.score)} {score}  {level}  ({d.answered}/{d.total}){target}"
        )
    if a.confidence is not None:
        lines.append(f"  Confidence overall {a.confidence.text}")
    lines += _workshop(a)
    lines.append("")
    t = a.topology
    lines.append(f"Recommended setup: {t.recommended} ({t.interaction_mode}), confidence {t.confidence:.0%}")
    lines.append(f"  {t.summary[0].upper()}{t.summary[1:]}.")
    for reason in t.rationale:
        lines.append(f"  - {_clean(reason)}")
    if t.google_implementation:
        lines.append(f"  Google SRE implementation: {t.google_implementation}")
    for ap in t.anti_patterns:
        lines.append(f"  ! {_clean(ap.title)}: {_clean(ap.why)}")
    lines.append("")
    highs = [r for r in a.risks if r.severity == "high"]
    mediums = [r for r in a.risks if r.severity == "medium"]
    lines.append(f"Risks: {len(highs)} high, {len(mediums)} medium")
    for r in highs:
        unsure = " (answered unsure)" if r.unsure else ""
        lines.append(f"  HIGH  {r.question}{unsure}: {_clean(r.why)}")
    lines.append("")
    lines += _plan(a)
    gaps = [g for g in a.gaps if g.kind == "unsure"]
    unanswered = [g for g in a.gaps if g.kind == "unanswered"]
    if gaps or unanswered:
        lines.append("")
        lines.append(f"Transparency gaps: {len(unanswered)} unanswered, {len(gaps)} unsure")
    return visible("\n".join(lines) + "\n")  # and anything else a file put in the lines above
